"""Whether an indicator system adds up: the one place that says what blocks publishing.

The checks run on plain nodes so the same rules (and the same Chinese messages) serve a stored
system (`problems(system)`) and a table being imported (each node carries its row number).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from partybrand.indicators.choices import LEVEL_NAMES, MAX_LEVEL, ScoringMethod

ZERO = Decimal("0")


def fmt(value) -> str:
    """20.00 → "20", 2.50 → "2.5"."""
    value = Decimal(value or 0)
    text = format(value.quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Problem:
    code: str  # machine-readable kind: "sum", "total", "duplicate_code", ...
    message: str  # Chinese, naming the item codes
    ref: object = None  # the indicator code, or the row number of an imported table

    def __str__(self) -> str:
        return self.message


@dataclass
class Node:
    key: object  # anything unique: a pk or a row number
    code: str
    name: str
    level: int
    points: Decimal
    parent: object = None  # the parent's key
    scoring_method: str = ScoringMethod.ADD
    is_veto: bool = False
    ref: object = None
    children: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{LEVEL_NAMES.get(self.level, '指标')}“{self.code} {self.name}”"


@dataclass(frozen=True)
class Balance:
    """One line of the "points add up" panel."""

    code: str
    name: str
    points: Decimal
    children_sum: Decimal | None  # None for an item without children
    level: int = 1
    key: object = None  # the node's key (the indicator's pk for a stored system)

    @property
    def ok(self) -> bool:
        return self.children_sum is None or self.children_sum == self.points

    @property
    def gap(self) -> Decimal:
        return (self.children_sum or ZERO) - self.points


def _link(nodes: Sequence[Node]) -> list[Node]:
    by_key = {node.key: node for node in nodes}
    for node in nodes:
        node.children = []
    roots = []
    for node in nodes:
        parent = by_key.get(node.parent) if node.parent is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def check_tree(
    nodes: Sequence[Node], *, total: Decimal, stars: Sequence[tuple[int, Decimal]] = ()
) -> list[Problem]:
    """Every reason the tree cannot be published, in table order."""
    problems: list[Problem] = []
    roots = _link(nodes)
    total = Decimal(total or 0)
    if not nodes:
        return [Problem("empty", "指标体系还没有任何指标，请先添加一级指标。")]
    seen: dict[str, Node] = {}
    for node in nodes:
        if not node.code:
            problems.append(Problem("code_missing", f"{node.label}缺少编码。", node.ref))
        elif node.code in seen:
            problems.append(
                Problem(
                    "duplicate_code",
                    f"编码“{node.code}”重复：{seen[node.code].label}与{node.label}。",
                    node.ref,
                )
            )
        else:
            seen[node.code] = node
        if node.level > MAX_LEVEL:
            problems.append(Problem("depth", f"{node.label}超过三级，最多支持三级指标。", node.ref))
        if node.points < ZERO:
            problems.append(Problem("negative", f"{node.label}分值不能为负数。", node.ref))
        if not node.children:  # a scored item
            if node.scoring_method not in ScoringMethod.values:
                problems.append(
                    Problem("method", f"{node.label}未设置计分方式（加分或扣分）。", node.ref)
                )
            if node.points == ZERO and not node.is_veto:
                problems.append(
                    Problem(
                        "zero",
                        f"{node.label}分值为 0 分；只有一票否决项可以不计分值。",
                        node.ref,
                    )
                )
        else:
            below = sum((child.points for child in node.children), ZERO)
            if below != node.points:
                child_level = LEVEL_NAMES.get(node.level + 1, "下级指标")
                problems.append(
                    Problem(
                        "sum",
                        f"{node.label}分值 {fmt(node.points)} 分，其下{child_level}合计 "
                        f"{fmt(below)} 分，相差 {fmt(abs(below - node.points))} 分。",
                        node.ref,
                    )
                )
    first = sum((root.points for root in roots), ZERO)
    if first != total:
        problems.append(
            Problem(
                "total",
                f"一级指标合计 {fmt(first)} 分，与体系总分 {fmt(total)} 分相差 "
                f"{fmt(abs(first - total))} 分。",
            )
        )
    problems += check_stars(stars, total)
    return problems


def check_stars(stars: Sequence[tuple[int, Decimal]], total: Decimal) -> list[Problem]:
    problems = []
    ordered = sorted(stars, key=lambda item: item[0])
    numbers = [count for count, _ in ordered]
    if len(set(numbers)) != len(numbers):
        problems.append(Problem("star_duplicate", "星级标准中有重复的星级。"))
    for count, minimum in ordered:
        if not 1 <= count <= 5:
            problems.append(Problem("star_range", f"星级只能是 1 至 5 星，不能是 {count} 星。"))
        if Decimal(minimum) > Decimal(total):
            problems.append(
                Problem(
                    "star_over_total",
                    f"{count} 星的最低得分 {fmt(minimum)} 分超过体系总分 {fmt(total)} 分。",
                )
            )
    for (low, low_min), (high, high_min) in zip(ordered, ordered[1:], strict=False):
        if Decimal(high_min) <= Decimal(low_min):
            problems.append(
                Problem(
                    "star_order",
                    f"星级标准应随星级升高：{high} 星最低 {fmt(high_min)} 分，"
                    f"不高于 {low} 星的 {fmt(low_min)} 分。",
                )
            )
    return problems


def nodes_of(system) -> list[Node]:
    rows = system.indicators.order_by("level", "position", "id").values(
        "pk", "code", "name", "level", "points", "parent_id", "scoring_method", "is_veto"
    )
    return [
        Node(
            key=row["pk"],
            code=row["code"],
            name=row["name"],
            level=row["level"],
            points=row["points"],
            parent=row["parent_id"],
            scoring_method=row["scoring_method"],
            is_veto=row["is_veto"],
            ref=row["code"],
        )
        for row in rows
    ]


def problems(system) -> list[Problem]:
    """Why `system` cannot be published (empty when it adds up)."""
    stars = list(system.stars.values_list("stars", "min_score"))
    return check_tree(nodes_of(system), total=system.total_points, stars=stars)


def balance(system, nodes: Sequence[Node] | None = None) -> list[Balance]:
    """Per 一级 (and each 二级 with 三级 below it): declared points vs the sum below."""
    nodes = list(nodes if nodes is not None else nodes_of(system))
    roots = _link(nodes)
    lines = []

    def walk(node):
        below = sum((c.points for c in node.children), ZERO) if node.children else None
        lines.append(Balance(node.code, node.name, node.points, below, node.level, node.key))
        for child in node.children:
            if child.children:
                walk(child)

    for root in sorted(roots, key=lambda n: nodes.index(n)):
        walk(root)
    return lines

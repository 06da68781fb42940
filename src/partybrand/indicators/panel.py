"""What the editor pages show of a system: its indicators nested in order, and the "points add
up" panel (per 一级, and 二级 with 三级: the total and every problem found)."""

from partybrand.indicators import validation


def balance_panel(system, items, stars, override=None) -> dict:
    """The "points add up" panel: per 一级 (and 二级 with 三级), the total, every problem.
    `override` maps an indicator's pk to points typed but not saved yet (the live preview)."""
    override = override or {}
    nodes = [
        validation.Node(
            key=i.pk,
            code=i.code,
            name=i.name,
            level=i.level,
            points=override.get(i.pk, i.points),
            parent=i.parent_id,
            scoring_method=i.scoring_method,
            is_veto=i.is_veto,
            ref=i.code,
        )
        for i in items
    ]
    found = validation.check_tree(
        nodes, total=system.total_points, stars=[(s.stars, s.min_score) for s in stars]
    )
    first_sum = sum((n.points for n in nodes if n.parent is None), validation.ZERO)
    return {
        "problems": found,
        "balance": validation.balance(system, nodes),
        "first_sum": first_sum,
        "total_ok": first_sum == system.total_points,
    }


def nested_tree(system):
    """The indicators as nested lists, in order, in one query: the 一级 indicators (each with
    its `child_list`), and every indicator in a flat list."""
    items = list(system.indicators.order_by("level", "position", "id"))
    by_parent: dict = {}
    for item in items:
        item.child_list = []
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.child_list = by_parent.get(item.pk, [])
    return by_parent.get(None, []), items

"""Every change to indicator systems: create, edit the tree, publish, new version, retire.

Published and retired systems are frozen (assessments point at them); every service refuses to
change them (`_ensure_draft`) and the models guard it too. Each change writes one audit row.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version
from partybrand.indicators.choices import (
    MAX_LEVEL,
    AssessMethod,
    FinalRule,
    ScoringMethod,
    SystemKind,
    SystemStatus,
)
from partybrand.indicators.models import FROZEN_MESSAGE, Indicator, IndicatorSystem, StarLevel
from partybrand.indicators.validation import problems
from partybrand.textsim.normalize import clean_text

SYSTEM_FIELDS = (
    "name",
    "description",
    "kind",
    "total_points",
    "final_rule",
    "divergence_threshold",
)
INDICATOR_FIELDS = (
    "code",
    "name",
    "points",
    "scoring_method",
    "guide",
    "evidence_required",
    "evidence_note",
    "methods",
    "is_veto",
    "veto_note",
)
STAR_NAMES = {1: "一星级", 2: "二星级", 3: "三星级", 4: "四星级", 5: "五星级"}


def _audit(actor, action, obj, system, changes=None, comment=""):
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        org_path=system.owner.path if system.owner_id else "",
        changes=changes or {},
        comment=comment,
    )


def _decimal(value, field_name: str, label: str, *, positive=False) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({field_name: f"请填写有效的{label}。"}) from exc
    if number < 0 or (positive and number == 0):
        message = f"{label}应大于 0。" if positive else f"{label}不能为负数。"
        raise ValidationError({field_name: message})
    if number >= Decimal("100000"):
        raise ValidationError({field_name: f"{label}过大。"})
    return number


def _clean_system(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in SYSTEM_FIELDS}
    if "name" in data:
        data["name"] = clean_text(data["name"]).strip()
        if not data["name"]:
            raise ValidationError({"name": "请填写指标体系名称。"})
        if len(data["name"]) > 100:
            raise ValidationError({"name": "指标体系名称不能超过 100 个字。"})
    if "description" in data:
        data["description"] = clean_text(data["description"] or "").strip()
    if "kind" in data and data["kind"] not in SystemKind.values:
        raise ValidationError({"kind": "请选择体系类别。"})
    if "final_rule" in data and data["final_rule"] not in FinalRule.values:
        raise ValidationError({"final_rule": "请选择最终得分规则。"})
    if "total_points" in data:
        data["total_points"] = _decimal(data["total_points"], "total_points", "总分", positive=True)
    if "divergence_threshold" in data:
        data["divergence_threshold"] = _decimal(
            data["divergence_threshold"], "divergence_threshold", "分歧提示阈值"
        )
    return data


def _clean_indicator(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in INDICATOR_FIELDS}
    for name in ("code", "name", "guide", "evidence_note", "veto_note"):
        if name in data:
            data[name] = clean_text(data[name] or "").strip()
    if "code" in data:
        data["code"] = data["code"].replace("．", ".").replace(" ", "")
        if len(data["code"]) > 20:
            raise ValidationError({"code": "编码不能超过 20 个字符。"})
    if "name" in data:
        if not data["name"]:
            raise ValidationError({"name": "请填写指标名称。"})
        if len(data["name"]) > 200:
            raise ValidationError({"name": "指标名称不能超过 200 个字。"})
    if data.get("is_veto"):
        # A 一票否决 item is proven only when triggered: its note says what to provide then.
        data["evidence_required"] = False
    elif data.get("evidence_note"):
        data["evidence_required"] = True  # a stated requirement is a requirement
    for name, limit in (("evidence_note", 300), ("veto_note", 300)):
        if len(data.get(name, "")) > limit:
            raise ValidationError({name: f"不能超过 {limit} 个字。"})
    if "points" in data:
        data["points"] = _decimal(data["points"], "points", "分值")
    if "scoring_method" in data and data["scoring_method"] not in ScoringMethod.values:
        raise ValidationError({"scoring_method": "计分方式应为加分或扣分。"})
    if "methods" in data:
        methods = list(dict.fromkeys(data["methods"] or []))
        unknown = [m for m in methods if m not in AssessMethod.values]
        if unknown:
            raise ValidationError({"methods": f"未知的评价方式：{'、'.join(map(str, unknown))}。"})
        data["methods"] = [m for m in AssessMethod.values if m in methods]
    return data


def _ensure_draft(system: IndicatorSystem) -> None:
    if system.status != SystemStatus.DRAFT:
        raise ValidationError(FROZEN_MESSAGE)


def _locked(system: IndicatorSystem) -> IndicatorSystem:
    locked = (
        IndicatorSystem.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=system.pk)
    )
    _ensure_draft(locked)
    return locked


def _free_code(base: str) -> str:
    base = (slugify(base) or "system")[:34].strip("-") or "system"
    code, n = base, 1
    while IndicatorSystem.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def default_code(owner, kind: str) -> str:
    prefix = {"standard": "branch-standard", "brand": "brand-evaluation"}.get(kind, "system")
    return _free_code(f"{prefix}-{owner.code}" if owner is not None else prefix)


def _clean_stars(stars) -> list[tuple[int, Decimal, str]]:
    cleaned, seen = [], set()
    for entry in stars or []:
        count, minimum, *rest = entry
        label = clean_text(rest[0] if rest else "").strip()[:50]
        try:
            count = int(count)
        except (TypeError, ValueError) as exc:
            raise ValidationError({"stars": "星级应为 1 至 5 的整数。"}) from exc
        if not 1 <= count <= 5:
            raise ValidationError({"stars": "星级应为 1 至 5 的整数。"})
        if count in seen:
            raise ValidationError({"stars": f"{count} 星填写了两次。"})
        seen.add(count)
        minimum = _decimal(minimum, "stars", f"{count} 星最低得分")
        cleaned.append((count, minimum, label))
    return sorted(cleaned)


def _write_stars(system, stars) -> None:
    system.stars.all().delete()
    StarLevel.objects.bulk_create(
        StarLevel(
            system=system,
            stars=count,
            min_score=minimum,
            label=label or f"{STAR_NAMES[count]}{_star_suffix(system.kind)}",
        )
        for count, minimum, label in stars
    )


def _star_suffix(kind: str) -> str:
    return {"standard": "党支部", "brand": "党建品牌"}.get(kind, "")


# ---------------------------------------------------------------- systems


@transaction.atomic
def system_create(
    *, actor, owner=None, code: str = "", stars=(), comment: str = "", **fields
) -> IndicatorSystem:
    data = _clean_system({"kind": SystemKind.OTHER, **fields})
    if "name" not in data:
        raise ValidationError({"name": "请填写指标体系名称。"})
    code = slugify(code or "")[:40]
    if code and IndicatorSystem.objects.filter(code=code).exists():
        raise ValidationError({"code": f"体系编码“{code}”已被使用，请换一个或新建版本。"})
    system = IndicatorSystem.objects.create(
        code=code or default_code(owner, data["kind"]),
        version=1,
        owner=owner,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **data,
    )
    _write_stars(system, _clean_stars(stars))
    _audit(actor, "indicator_system_create", system, system, {"code": system.code}, comment)
    return system


@transaction.atomic
def system_update(
    *, actor, system: IndicatorSystem, stars=None, version: int | None = None, **fields
) -> IndicatorSystem:
    system = _locked(system)
    check_version(system, version)
    data = _clean_system(fields)
    changes = field_changes(system, data)
    if stars is not None:
        cleaned = _clean_stars(stars)
        before = list(system.stars.values_list("stars", "min_score", "label"))
        if [(s, m) for s, m, _ in before] != [(s, m) for s, m, _ in cleaned] or any(
            label and label != old[2] for old, (_, _, label) in zip(before, cleaned, strict=False)
        ):
            _write_stars(system, cleaned)
            changes["stars"] = [before, cleaned]
    if changes:  # the star levels are part of the system's record: its version rises with them
        system.save(update_fields=[*(k for k in changes if k != "stars"), "updated_at"])
        _audit(actor, "indicator_system_update", system, system, changes)
    return system


@transaction.atomic
def system_delete(*, actor, system: IndicatorSystem) -> None:
    """Delete a draft (a published version is retired instead)."""
    system = _locked(system)
    _audit(actor, "indicator_system_delete", system, system, {"code": system.code})
    system.delete()


class PublishRefused(ValidationError):
    def __init__(self, found):
        self.problems = found
        super().__init__([p.message for p in found])


@transaction.atomic
def system_publish(*, actor, system: IndicatorSystem, now=None) -> IndicatorSystem:
    """Publish a draft whose points add up; otherwise PublishRefused listing every problem."""
    system = _locked(system)
    found = problems(system)
    if found:
        raise PublishRefused(found)
    system.status = SystemStatus.PUBLISHED
    system.published_at = now or clock.now()
    system.published_by = actor if actor is not None and actor.is_authenticated else None
    system.save(update_fields=["status", "published_at", "published_by"])
    _audit(actor, "indicator_system_publish", system, system, {"status": ["draft", "published"]})
    return system


@transaction.atomic
def system_retire(*, actor, system: IndicatorSystem) -> IndicatorSystem:
    system = (
        IndicatorSystem.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=system.pk)
    )
    if system.status != SystemStatus.PUBLISHED:
        raise ValidationError("只有已发布的指标体系可以停用。")
    system.status = SystemStatus.RETIRED
    system.save(update_fields=["status"])
    _audit(actor, "indicator_system_retire", system, system, {"status": ["published", "retired"]})
    return system


def _copy_tree(source: IndicatorSystem, target: IndicatorSystem) -> None:
    mapping = {}
    for old in source.indicators.order_by("level", "position", "id"):
        new = Indicator.objects.create(
            system=target,
            parent_id=mapping.get(old.parent_id),
            level=old.level,
            position=old.position,
            **{name: getattr(old, name) for name in INDICATOR_FIELDS},
        )
        mapping[old.pk] = new.pk
    StarLevel.objects.bulk_create(
        StarLevel(system=target, stars=s.stars, min_score=s.min_score, label=s.label)
        for s in source.stars.all()
    )


def _refuse_second_draft(family) -> None:
    """One draft per family at a time, so two people never edit two diverging next versions."""
    draft = next((s for s in family if s.status == SystemStatus.DRAFT), None)
    if draft is not None:
        raise ValidationError(
            f"该体系已有未发布的草稿（第 {draft.version} 版），请先完成或删除该草稿。"
        )


@transaction.atomic
def system_new_version(*, actor, from_system: IndicatorSystem) -> IndicatorSystem:
    """A DRAFT copy of `from_system` as the next version of its family, to be changed freely."""
    # Lock the family so two people asking at once do not both take the same number.
    family = list(
        IndicatorSystem.objects.select_for_update().filter(code=from_system.code).order_by("pk")
    )
    _refuse_second_draft(family)
    version = max(s.version for s in family) + 1
    new = IndicatorSystem.objects.create(
        code=from_system.code,
        version=version,
        owner=from_system.owner,
        derived_from=from_system,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **{name: getattr(from_system, name) for name in SYSTEM_FIELDS},
    )
    _copy_tree(from_system, new)
    _audit(
        actor,
        "indicator_system_new_version",
        new,
        new,
        {"from": str(from_system), "version": version},
    )
    return new


@transaction.atomic
def system_copy(*, actor, from_system: IndicatorSystem, owner, name: str = "") -> IndicatorSystem:
    """A committee's own DRAFT system started from another one (usually a platform template)."""
    new = IndicatorSystem.objects.create(
        code=default_code(owner, from_system.kind),
        version=1,
        owner=owner,
        derived_from=from_system,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **{
            **{name: getattr(from_system, name) for name in SYSTEM_FIELDS},
            **({"name": clean_text(name).strip()[:100]} if name and name.strip() else {}),
        },
    )
    _copy_tree(from_system, new)
    _audit(actor, "indicator_system_copy", new, new, {"from": str(from_system)})
    return new


# ---------------------------------------------------------------- indicators


def _next_code(system, parent) -> str:
    siblings = system.indicators.filter(parent=parent).values_list("code", flat=True)
    prefix = f"{parent.code}." if parent is not None else ""
    taken = set(system.indicators.values_list("code", flat=True))
    n = len(siblings) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _check_code(system, code: str, exclude_pk=None) -> None:
    clash = system.indicators.filter(code=code)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"code": f"编码“{code}”在本体系中已被使用。"})


@transaction.atomic
def indicator_add(*, actor, system: IndicatorSystem, parent: Indicator | None = None, **fields):
    system = _locked(system)
    if parent is not None:
        if parent.system_id != system.pk:
            raise ValidationError("上级指标不属于该指标体系。")
        if parent.level >= MAX_LEVEL:
            raise ValidationError("最多支持三级指标，不能在三级指标下再添加。")
    data = _clean_indicator(fields)
    if not data.get("code"):
        data["code"] = _next_code(system, parent)
    _check_code(system, data["code"])
    if "name" not in data:
        raise ValidationError({"name": "请填写指标名称。"})
    position = (system.indicators.filter(parent=parent).aggregate(m=Max("position"))["m"] or 0) + 1
    indicator = Indicator.objects.create(
        system=system,
        parent=parent,
        level=parent.level + 1 if parent is not None else 1,
        position=position,
        **data,
    )
    _audit(actor, "indicator_add", indicator, system, {"code": indicator.code, **data})
    return indicator


@transaction.atomic
def indicator_update(
    *, actor, indicator: Indicator, version: int | None = None, **fields
) -> Indicator:
    system = _locked(indicator.system)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    check_version(indicator, version)
    data = _clean_indicator(fields)
    if "code" in data and not data["code"]:
        del data["code"]
    if "code" in data:
        _check_code(system, data["code"], exclude_pk=indicator.pk)
    changes = field_changes(indicator, data)
    if changes:
        indicator.save(update_fields=list(changes))
        _audit(actor, "indicator_update", indicator, system, changes)
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Delete an item and everything below it."""
    system = _locked(indicator.system)
    below = list(system.indicators.filter(parent=indicator).values_list("code", flat=True)) + list(
        system.indicators.filter(parent__parent=indicator).values_list("code", flat=True)
    )
    _audit(
        actor,
        "indicator_delete",
        indicator,
        system,
        {
            "code": indicator.code,
            "name": indicator.name,
            "points": indicator.points,
            "below": below,
        },
    )
    indicator.delete()


@transaction.atomic
def indicator_move(*, actor, indicator: Indicator, direction: str) -> Indicator:
    """Swap an item with its previous ("up") or next ("down") sibling."""
    system = _locked(indicator.system)
    siblings = list(
        system.indicators.select_for_update()
        .filter(parent_id=indicator.parent_id)
        .order_by("position", "id")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == indicator.pk)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None:
        raise ValidationError("移动方向应为上移或下移。")
    if not 0 <= other < len(siblings):
        return siblings[index]
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    moved = siblings[other]
    _audit(actor, "indicator_move", moved, system, {"direction": direction, "position": other + 1})
    return moved


# ---------------------------------------------------------------- whole tables


@dataclass
class Row:
    """One indicator of a table being built at once (import, shipped templates)."""

    code: str
    name: str
    level: int
    points: Decimal
    parent_code: str = ""
    scoring_method: str = ScoringMethod.ADD
    guide: str = ""
    evidence_required: bool = False
    evidence_note: str = ""
    methods: list = field(default_factory=list)
    is_veto: bool = False
    veto_note: str = ""


def build_tree(system: IndicatorSystem, rows: list[Row]) -> None:
    """Create the indicators of a new, empty draft (parents before children)."""
    created: dict[str, Indicator] = {}
    counters: dict[str, int] = {}
    for row in rows:
        counters[row.parent_code] = counters.get(row.parent_code, 0) + 1
        data = _clean_indicator(
            {
                "code": row.code,
                "name": row.name,
                "points": row.points,
                "scoring_method": row.scoring_method,
                "guide": row.guide,
                "evidence_required": row.evidence_required,
                "evidence_note": row.evidence_note,
                "methods": row.methods,
                "is_veto": row.is_veto,
                "veto_note": row.veto_note,
            }
        )
        created[row.code] = Indicator.objects.create(
            system=system,
            parent=created.get(row.parent_code) if row.parent_code else None,
            level=row.level,
            position=counters[row.parent_code],
            **data,
        )


@transaction.atomic
def system_build(
    *, actor, header: dict, rows: list[Row], stars=(), owner=None, code: str = "", action=""
) -> IndicatorSystem:
    """A new DRAFT system with its whole tree: a new family, or the next version of `code`."""
    existing = list(IndicatorSystem.objects.select_for_update().filter(code=code)) if code else []
    data = _clean_system(header)
    if existing:
        _refuse_second_draft(existing)
        latest = max(existing, key=lambda s: s.version)
        system = IndicatorSystem.objects.create(
            code=code,
            version=latest.version + 1,
            owner=latest.owner,
            derived_from=latest,
            created_by=actor if actor is not None and actor.is_authenticated else None,
            **{**{n: getattr(latest, n) for n in SYSTEM_FIELDS}, **data},
        )
    else:
        system = IndicatorSystem.objects.create(
            code=slugify(code)[:40] if code else default_code(owner, data.get("kind", "other")),
            version=1,
            owner=owner,
            created_by=actor if actor is not None and actor.is_authenticated else None,
            **data,
        )
    build_tree(system, rows)
    _write_stars(system, _clean_stars(stars))
    _audit(
        actor,
        action or "indicator_system_import",
        system,
        system,
        {"code": system.code, "version": system.version, "indicators": len(rows)},
    )
    return system

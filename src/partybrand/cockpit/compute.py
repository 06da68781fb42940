"""The brand health index computed from the work recorded in the method apps.

Each part is measured for a batch of brands by a few grouped queries (never one query per
brand, never the organisation tree in Python); `recompute` writes BrandHealth, today's
BrandHealthHistory row and then the organisations' rollups (rollup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment, StandardisationPolicy
from partybrand.brands.choices import BrandStatus
from partybrand.brands.health import Lower, measure
from partybrand.brands.models import Brand, Kpi, KpiValue
from partybrand.cockpit import rollup
from partybrand.cockpit.choices import DEFAULT_WEIGHTS, Part
from partybrand.cockpit.models import BrandHealth, BrandHealthHistory, HealthWeights
from partybrand.core import clock
from partybrand.orgs.tree import STEP_LEN
from partybrand.plans.choices import TaskStatus
from partybrand.plans.colours import late_q
from partybrand.plans.models import Plan, Task
from partybrand.promotion.models import Activity, Carrier
from partybrand.supervision.choices import ItemStatus
from partybrand.supervision.models import RectificationItem
from partybrand.surveys.models import Response

BATCH = 2000
FINISHED = (TaskStatus.VERIFIED, TaskStatus.CLOSED)


@dataclass
class Measured:
    score: float = 0.0
    lowers: list[Lower] = field(default_factory=list)


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _nearest(path: str, by_path: dict) -> object | None:
    """The value kept for the longest path that `path` starts with."""
    best = None
    best_len = -1
    for prefix, value in by_path.items():
        if path.startswith(prefix) and len(prefix) > best_len:
            best, best_len = value, len(prefix)
    return best


def current_weights() -> dict[str, HealthWeights]:
    """The newest weights of every committee that set some, by organisation path."""
    newest = HealthWeights.objects.filter(org=OuterRef("org")).order_by("-version")
    rows = HealthWeights.objects.filter(pk=Subquery(newest.values("pk")[:1])).select_related("org")
    return {row.org.path: row for row in rows}


def weights_for(path: str, kept: dict[str, HealthWeights]) -> tuple[dict[str, int], int]:
    row = _nearest(path, kept)
    if row is None:
        return dict(DEFAULT_WEIGHTS), 0
    return {part: int(row.weights.get(part, 0)) for part in DEFAULT_WEIGHTS}, row.version


# --- the parts -----------------------------------------------------------------------------


def basics(brands: list[dict]) -> dict[int, Measured]:
    """The latest finalised standardisation score of the brand's organisation against the 达标线
    of the nearest committee that set one."""
    org_ids = {b["org_id"] for b in brands}
    latest = Assessment.objects.filter(
        org_id=OuterRef("org_id"), status=AssessmentStatus.FINALISED
    ).order_by("-period_end", "-finalised_at", "-pk")
    rows = Assessment.objects.filter(
        org_id__in=org_ids, pk=Subquery(latest.values("pk")[:1])
    ).values("org_id", "final_score", "veto_triggered", "system__code")
    by_org = {row["org_id"]: row for row in rows}
    policies: dict[str, dict[str, Decimal]] = {}
    for path, code, minimum in StandardisationPolicy.objects.values_list(
        "org__path", "system_code", "min_score"
    ):
        policies.setdefault(code, {})[path] = minimum
    found = {}
    for b in brands:
        row = by_org.get(b["org_id"])
        link = ("assessments:my_list", ())
        if row is None or row["final_score"] is None:
            found[b["id"]] = Measured(
                0, [Lower("尚无已评定的标准化测评：开展自评并提请评定", *link)]
            )
            continue
        score = float(row["final_score"])
        if row["veto_triggered"]:
            found[b["id"]] = Measured(
                0, [Lower("最近一次标准化测评触发一票否决：整改后重新测评", *link)]
            )
            continue
        line = _nearest(b["org__path"], policies.get(row["system__code"], {}))
        if line is None:
            found[b["id"]] = Measured(
                _clamp(score),
                [] if score >= 90 else [Lower(f"标准化测评得分 {score:g}，提升薄弱指标", *link)],
            )
            continue
        threshold = float(line)
        if score >= threshold:
            room = max(100.0 - threshold, 1.0)
            value = 60 + 40 * min(score - threshold, room) / room
            lowers = (
                [] if value >= 90 else [Lower(f"标准化测评得分 {score:g}，距满分仍有差距", *link)]
            )
        else:
            value = 60 * score / threshold if threshold else 0
            lowers = [Lower(f"标准化测评得分 {score:g}，低于达标线 {threshold:g}", *link)]
        found[b["id"]] = Measured(_clamp(value), lowers)
    return found


def _single(rows) -> dict[int, int]:
    """brand id -> the one row id, for brands that have exactly one (rows of brand id, row id)."""
    found: dict[int, int] = {}
    many: set[int] = set()
    for brand_id, pk in rows:
        if brand_id in found:
            many.add(brand_id)
        found[brand_id] = pk
    return {brand_id: pk for brand_id, pk in found.items() if brand_id not in many}


def mechanism(brands: list[dict]) -> dict[int, Measured]:
    """Tasks of the brand's plans verified on time, overdue share, rectification items closed.
    Each thing that lowers it links to the very work owed: the brand's overdue tasks (the task
    itself when there is one), its plans (the plan when there is one), its open rectification
    items (the item on its meeting when there is one)."""
    ids = [b["id"] for b in brands]
    today = clock.today()
    late = late_q(today)
    tasks = {
        row["plan__brand_id"]: row
        for row in Task.objects.filter(plan__brand_id__in=ids)
        .values("plan__brand_id")
        .annotate(
            due=Count("id", filter=Q(deadline__lt=today) | Q(status__in=FINISHED)),
            on_time=Count(
                "id", filter=Q(status__in=FINISHED, verified_at__date__lte=F("deadline"))
            ),
            overdue=Count("id", filter=late),
            total=Count("id"),
        )
    }
    items = {
        row["meeting__plan__brand_id"]: row
        for row in RectificationItem.objects.filter(meeting__plan__brand_id__in=ids)
        .values("meeting__plan__brand_id")
        .annotate(total=Count("id"), closed=Count("id", filter=Q(status=ItemStatus.CLOSED)))
    }
    # The single overdue task, plan or open item of a brand that has only one, in one query each
    # for the brands that have one (the link then opens it, not a list of one).
    one_late = [i for i in ids if tasks.get(i) and tasks[i]["overdue"] == 1]
    late_task = _single(
        Task.objects.filter(late, plan__brand_id__in=one_late).values_list("plan__brand_id", "pk")
    )
    plans = _single(
        Plan.objects.filter(brand_id__in=[i for i in ids if tasks.get(i)]).values_list(
            "brand_id", "pk"
        )
    )
    one_open = [i for i in ids if items.get(i) and items[i]["total"] - items[i]["closed"] == 1]
    open_item = {
        brand_id: (meeting_id, pk)
        for brand_id, meeting_id, pk in RectificationItem.objects.filter(
            meeting__plan__brand_id__in=one_open
        )
        .exclude(status=ItemStatus.CLOSED)
        .values_list("meeting__plan__brand_id", "meeting_id", "pk")
    }
    found = {}
    for b in brands:
        lowers: list[Lower] = []
        t = tasks.get(b["id"])
        if not t or not t["total"]:
            found[b["id"]] = Measured(
                0,
                [
                    Lower(
                        "尚无创建任务：制定创建计划并分解任务",
                        "plans:plan_create",
                        (),
                        f"brand={b['id']}",
                    )
                ],
            )
            continue
        on_time = t["on_time"] / t["due"] if t["due"] else 1.0
        not_overdue = 1 - t["overdue"] / t["total"]
        r = items.get(b["id"])
        closed = r["closed"] / r["total"] if r and r["total"] else 1.0
        if t["overdue"]:
            text = f"{t['overdue']} 项任务逾期未验收"
            if b["id"] in late_task:
                lowers.append(Lower(text, "plans:task", (late_task[b["id"]],)))
            else:
                lowers.append(Lower(text, "plans:overdue", (), f"brand={b['id']}"))
        if t["due"] and t["on_time"] < t["due"]:
            text = f"到期任务按期验收 {t['on_time']}/{t['due']} 项：其余任务按期完成并验收"
            if b["id"] in plans:
                lowers.append(Lower(text, "plans:plan_detail", (plans[b["id"]],)))
            else:
                lowers.append(Lower(text, "plans:plan_list", (), f"brand={b['id']}"))
        if r and r["closed"] < r["total"]:
            text = f"整改事项销号 {r['closed']}/{r['total']} 项"
            if b["id"] in open_item:
                meeting_id, item_id = open_item[b["id"]]
                lowers.append(
                    Lower(text, "supervision:meeting_detail", (meeting_id,), f"#item-{item_id}")
                )
            else:
                lowers.append(Lower(text, "supervision:meeting_list", (), f"brand={b['id']}"))
        found[b["id"]] = Measured(
            _clamp(100 * (0.5 * on_time + 0.3 * not_overdue + 0.2 * closed)), lowers
        )
    return found


def results(brands: list[dict]) -> dict[int, Measured]:
    """Each KPI's latest value from baseline toward target, averaged."""
    ids = [b["id"] for b in brands]
    latest = KpiValue.objects.filter(kpi=OuterRef("pk")).order_by("-measured_on", "-pk")
    kpis = Kpi.objects.filter(brand_id__in=ids).annotate(
        latest=Subquery(latest.values("value")[:1])
    )
    by_brand: dict[int, list] = {}
    for kpi in kpis.values("brand_id", "name", "baseline", "target", "latest"):
        by_brand.setdefault(kpi["brand_id"], []).append(kpi)
    found = {}
    for b in brands:
        link = ("brands:brand_detail", (b["id"],))
        rows = by_brand.get(b["id"], [])
        if not rows:
            found[b["id"]] = Measured(0, [Lower("未设成效指标：设定基线与目标", *link)])
            continue
        shares, lowers = [], []
        for kpi in rows:
            span = float(kpi["target"] - kpi["baseline"])
            if kpi["latest"] is None:
                share = 0.0
                lowers.append(Lower(f"指标“{kpi['name']}”尚未记录实际值", *link))
            else:
                share = 1.0 if span == 0 else float(kpi["latest"] - kpi["baseline"]) / span
                share = max(0.0, min(1.0, share))
                if share < 1:
                    lowers.append(Lower(f"指标“{kpi['name']}”完成 {share:.0%}", *link))
            shares.append(share)
        found[b["id"]] = Measured(_clamp(100 * sum(shares) / len(shares)), lowers)
    return found


def _members(brands: list[dict]) -> dict[int, int]:
    """Active members of each brand's organisation subtree, in one SQL statement: each
    organisation is joined to its ancestors by equality on their paths (rollup.py), so only
    the batch's subtrees are read."""
    ids = [b["id"] for b in brands]
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    sql = f"""
        WITH {rollup.steps_cte()}, up AS (
            SELECT d.id AS org_id, SUBSTR(d.path, 1, steps.n * {STEP_LEN}) AS anc
            FROM orgs_organization d JOIN steps ON steps.n * {STEP_LEN} <= LENGTH(d.path)
        )
        SELECT b.id, COUNT(m.id) FROM brands_brand b
        JOIN orgs_organization o ON o.id = b.org_id
        JOIN up ON up.anc = o.path
        JOIN orgs_member m ON m.org_id = up.org_id AND m.is_active
        WHERE b.id IN ({marks}) GROUP BY b.id
    """  # noqa: S608 (constants and placeholders only; the ids go as parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return dict(cursor.fetchall())


def participation(brands: list[dict]) -> dict[int, Measured]:
    """Members in the brand's carriers and activities, activities in the last year, named
    survey answers: real work, never sign-ins."""
    ids = [b["id"] for b in brands]
    members = _members(brands)
    in_carriers = dict(
        Carrier.objects.filter(brand_id__in=ids)
        .values("brand_id")
        .annotate(n=Count("members", distinct=True))
        .values_list("brand_id", "n")
    )
    year_ago = clock.today() - timedelta(days=365)
    activities = dict(
        Activity.objects.filter(carrier__brand_id__in=ids, held_on__gte=year_ago)
        .values("carrier__brand_id")
        .annotate(n=Count("id"))
        .values_list("carrier__brand_id", "n")
    )
    answered = dict(
        Response.objects.filter(survey__brand_id__in=ids, member__isnull=False)
        .values("survey__brand_id")
        .annotate(n=Count("member", distinct=True))
        .values_list("survey__brand_id", "n")
    )
    found = {}
    for b in brands:
        total = members.get(b["id"], 0)
        lowers = []
        carried = in_carriers.get(b["id"], 0)
        held = activities.get(b["id"], 0)
        asked = answered.get(b["id"], 0)
        carrier_share = min(1.0, carried / total) if total else 0.0
        survey_share = min(1.0, asked / total) if total else 0.0
        links = ("promotion:carrier_list", (), f"brand={b['id']}")
        if carrier_share < 1:
            lowers.append(Lower(f"参加活动载体的党员 {carried}/{total} 人", *links))
        if held < 4:
            lowers.append(Lower(f"近一年载体活动 {held} 次（4 次为满）", *links))
        if survey_share < 1:
            lowers.append(
                Lower(f"实名参与品牌问卷的党员 {asked}/{total} 人", "surveys:survey_list")
            )
        value = 100 * (0.6 * carrier_share + 0.2 * min(1.0, held / 4) + 0.2 * survey_share)
        found[b["id"]] = Measured(_clamp(value), lowers)
    return found


def influence(brands: list[dict]) -> dict[int, Measured]:
    """The sum of every registered source (honours, and later publicity, cases, rounds)."""
    got = measure(Part.INFLUENCE, [b["id"] for b in brands])
    found = {}
    for b in brands:
        one = got.get(b["id"])
        measured = Measured(_clamp(one.points), list(one.lowers)) if one else Measured()
        if measured.score < 100 and not measured.lowers:
            measured.lowers.append(
                Lower(
                    f"影响分 {measured.score:g}：更高级别的荣誉、宣传与典型案例可提升",
                    "brands:brand_detail",
                    (b["id"],),
                )
            )
        found[b["id"]] = measured
    return found


def identity(brands: list[dict]) -> dict[int, Measured]:
    """释义 complete, a logo, a VI manual (standard colours, fonts and usage rules)."""
    found = {}
    for b in brands:
        link_edit = ("brands:brand_edit", (b["id"],))
        checks = [
            (bool(b["meaning"].strip()), Lower("缺内涵释义（总述）", *link_edit)),
            (b["phrases_done"] > 0, Lower("品牌关键词未逐条释义", *link_edit)),
            (bool(b["logo"]), Lower("未上传品牌标识", "brands:brand_detail", (b["id"],))),
            (
                all(b[key].strip() for key in ("standard_colors", "standard_fonts", "usage_rules")),
                Lower("视觉规范不全：标准色、标准字体、使用规范", *link_edit),
            ),
        ]
        found[b["id"]] = Measured(
            25.0 * sum(ok for ok, _ in checks), [lower for ok, lower in checks if not ok]
        )
    return found


PARTS = {
    Part.BASICS: basics,
    Part.MECHANISM: mechanism,
    Part.RESULTS: results,
    Part.PARTICIPATION: participation,
    Part.INFLUENCE: influence,
    Part.IDENTITY: identity,
}

BRAND_FIELDS = (
    "id",
    "org_id",
    "org__path",
    "meaning",
    "logo",
    "standard_colors",
    "standard_fonts",
    "usage_rules",
)


def scored_brands():
    """Brands that have an index: every brand not revoked."""
    return Brand.objects.exclude(status=BrandStatus.REVOKED)


def weighted(parts: dict[str, float], weights: dict[str, int]) -> Decimal:
    """The index: the parts' scores averaged with the committee's weights, to one place."""
    total_weight = sum(weights.values()) or 1
    score = sum(parts[p] * w for p, w in weights.items()) / total_weight
    return Decimal(str(round(score, 1)))


def compute(brand_rows: list[dict], kept_weights: dict) -> list[BrandHealth]:
    """The index of a batch of brands (rows of BRAND_FIELDS plus phrases_done)."""
    measured = {part: run(brand_rows) for part, run in PARTS.items()}
    now = clock.now()
    out = []
    for b in brand_rows:
        weights, version = weights_for(b["org__path"], kept_weights)
        parts, lowers = {}, []
        for part in PARTS:
            got = measured[part][b["id"]]
            parts[part.value] = round(got.score, 1)
            for lower in got.lowers:
                # Where the work is done, made into an address only when shown.
                to = [lower.url_name, list(lower.args), lower.query]
                lowers.append({"part": part.value, "text": lower.text, "to": to})
        out.append(
            BrandHealth(
                brand_id=b["id"],
                org_path=b["org__path"],
                score=weighted(parts, weights),
                **{part: Decimal(str(value)) for part, value in parts.items()},
                lowers=lowers,
                weights=weights,
                weights_version=version,
                computed_at=now,
            )
        )
    return out


# Every column of a brand's index but its key: what a recomputation writes over.
HEALTH_FIELDS = [f.name for f in BrandHealth._meta.concrete_fields if not f.primary_key]


def recompute(brand_ids=None, *, progress=None, rollups: bool = True) -> int:
    """Compute the index of the given brands (all when None), keep today's snapshot and refresh
    the rollups. Returns how many brands were computed."""
    rows = scored_brands()
    if brand_ids is not None:
        rows = rows.filter(pk__in=list(brand_ids))
    ids = list(rows.order_by("pk").values_list("pk", flat=True))
    kept_weights = current_weights()
    today = clock.today()
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        brand_rows = list(
            Brand.objects.filter(pk__in=chunk)
            .annotate(phrases_done=Count("phrases", filter=~Q(phrases__explanation="")))
            .values(*BRAND_FIELDS, "phrases_done")
        )
        healths = compute(brand_rows, kept_weights)
        # Written over in place (insert or update, never delete then insert), so two
        # recomputations of one brand at once — a request's event and the daily run — cannot
        # collide on the brand's row.
        with transaction.atomic():
            BrandHealth.objects.bulk_create(
                healths,
                update_conflicts=True,
                unique_fields=["brand"],
                update_fields=HEALTH_FIELDS,
            )
            BrandHealthHistory.objects.bulk_create(
                [
                    BrandHealthHistory(
                        brand_id=h.brand_id,
                        org_path=h.org_path,
                        day=today,
                        month=today.strftime("%Y-%m"),
                        score=h.score,
                        parts=h.parts,
                    )
                    for h in healths
                ],
                update_conflicts=True,
                unique_fields=["brand", "day"],
                update_fields=["org_path", "month", "score", "parts"],
            )
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    if brand_ids is None:
        # Revoked brands have no index any more.
        BrandHealth.objects.exclude(brand_id__in=scored_brands().values("pk")).delete()
    if rollups:
        rollup.refresh()
    return done

"""What the round pages and the API read, scoped through the access helpers."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse

from partybrand.assessments.selectors import latest_standardisation
from partybrand.brands.access import visible_brands
from partybrand.brands.models import Brand
from partybrand.documents.models import Document
from partybrand.orgs.roles import Cap, cap_paths, scope_q
from partybrand.plans.choices import FINISHED, PlanStatus
from partybrand.plans.models import Plan
from partybrand.promotion.choices import CarrierState
from partybrand.rounds.access import may_enter, visible_entries, visible_rounds
from partybrand.rounds.choices import EntryStatus, RoundStatus, SheetStatus, StageKind
from partybrand.rounds.models import Entry, Objection, Round, RoundStage, ScoreSheet
from partybrand.rounds.requirements import check_brand
from partybrand.rounds.services.rounds import eligible_q

S = EntryStatus
# The funnel: each stage counts the entries that reached it (and went on).
FUNNEL = [
    (
        "entered",
        "已申报",
        [
            S.SUBMITTED,
            S.RETURNED,
            S.RECOMMENDED,
            S.PRESCREEN_PASSED,
            S.PRESCREEN_RETURNED,
            S.SCORED,
            S.RANKED,
            S.PUBLICIZED,
            S.NAMED,
            S.NOT_NAMED,
        ],
    ),
    (
        "recommended",
        "已推荐",
        [
            S.RECOMMENDED,
            S.PRESCREEN_PASSED,
            S.PRESCREEN_RETURNED,
            S.SCORED,
            S.RANKED,
            S.PUBLICIZED,
            S.NAMED,
            S.NOT_NAMED,
        ],
    ),
    (
        "passed",
        "预审通过",
        [S.PRESCREEN_PASSED, S.SCORED, S.RANKED, S.PUBLICIZED, S.NAMED, S.NOT_NAMED],
    ),
    ("scored", "已评分", [S.SCORED, S.RANKED, S.PUBLICIZED, S.NAMED, S.NOT_NAMED]),
    ("named", "已命名", [S.NAMED]),
]
FUNNEL_KEYS = [key for key, _, _ in FUNNEL]
STAGE_ROWS = 50  # entries a page of a stage's list shows on the overview
# What a stage's list prints of each entry (its brand, organisation, declared tier, status and
# score), and the round it belongs to (which the round's related manager fills in): nothing else
# is read for its rows.
STAGE_FIELDS = ("round", "status", "final_score", "brand__name", "org__name", "tier__name")


def round_list(user):
    return (
        visible_rounds(user)
        .select_related("committee")
        .annotate(
            entry_count=Count("entries", filter=~Q(entries__status__in=[S.DRAFT, S.WITHDRAWN]))
        )
        .order_by("-year", "-id")
    )


def funnel(round_: Round, entries=None) -> list[dict]:
    """Each stage of the funnel with its count, in one query."""
    rows = entries if entries is not None else round_.entries.all()
    counts = rows.aggregate(
        **{key: Count("id", filter=Q(status__in=statuses)) for key, _, statuses in FUNNEL}
    )
    first = counts["entered"] or 0
    return [
        {
            "key": key,
            "label": label,
            "count": counts[key],
            "percent": round(100 * counts[key] / first) if first else 0,
        }
        for key, label, _ in FUNNEL
    ]


def stage_entries(round_: Round, user, stage: str, *, runs: bool = False):
    """The entries of the round the user sees, at a funnel stage (or the drafts / returned),
    with only the columns the stage's list prints. `runs`: the user runs the round, and so sees
    every entry of it (no per-entry visibility test to pay)."""
    rows = (
        round_entries(round_, user, runs=runs)
        .select_related(None)
        .select_related("brand", "org", "tier")
        .only(*STAGE_FIELDS)
    )
    statuses = {key: st for key, _, st in FUNNEL}.get(stage)
    if statuses is not None:
        rows = rows.filter(status__in=statuses)
    elif stage == "returned":
        rows = rows.filter(status__in=[S.RETURNED, S.PRESCREEN_RETURNED])
    elif stage == "draft":
        rows = rows.filter(status=S.DRAFT)
    return rows


def round_entries(round_: Round, user, *, runs: bool = False):
    """The round's entries the user sees: all of them when `runs` (its runners see every entry,
    as visible_entries grants them), else those visible_entries lets through."""
    rows = round_.entries.all() if runs else visible_entries(user).filter(round=round_)
    return rows.select_related("brand", "org", "tier", "awarded_tier").order_by(
        "rank", "org__path", "id"
    )


def brands_to_enter(user, round_: Round):
    """The brands the user may enter in the round and has not entered yet."""
    if round_.status != RoundStatus.ENTRY:
        return Brand.objects.none()
    paths = sorted(cap_paths(user, Cap.OWN_BRAND))
    own = Q(org__path__in=paths) if not user.is_superuser else Q()
    return (
        visible_brands(user)
        .filter(own, eligible_q(round_))
        .exclude(round_entries__round=round_)
        .select_related("org")
        .order_by("org__path", "name")
    )


def my_entries(user, round_: Round):
    """The entries of the round the user enters (their own organisations')."""
    own = sorted(cap_paths(user, Cap.OWN_BRAND))
    if not own:  # an expert enters nothing: no query
        return []
    # Most who hold OWN_BRAND somewhere have no entry at those organisations in a given round (a
    # 党建工作部 holds it at the group itself): a plain test spares them the visibility query
    # below, which costs milliseconds to build and to plan on every overview.
    if not round_.entries.filter(org__path__in=own).exists():
        return []
    rows = round_entries(round_, user)
    return [e for e in rows.filter(org__path__in=own) if may_enter(user, e.brand)]


def to_recommend(user):
    """Entries waiting for the user's 推荐 (strictly below where they screen brands)."""
    return (
        visible_entries(user)
        .filter(
            scope_q(user, Cap.SCREEN_BRANDS, "org__path", strictly_above=True),
            status=S.SUBMITTED,
        )
        .select_related("round", "brand", "org", "tier")
    )


def to_prescreen(user):
    return (
        visible_entries(user)
        .filter(scope_q(user, Cap.RUN_ROUNDS, "round__committee__path"), status=S.RECOMMENDED)
        .select_related("round", "brand", "org", "tier")
    )


def _stage_open(kind: str, today):
    """The sheet's round has no such stage in its timetable, or it runs today."""
    stages = RoundStage.objects.filter(round=OuterRef("round"), kind=kind)
    running = stages.filter(starts_on__lte=today, ends_on__gte=today)
    return ~Exists(stages) | Exists(running)


def sheets_to_score(user, today):
    """The expert's sheets not yet submitted in a round whose 专家评审 is open now."""
    if not user.is_authenticated:
        return ScoreSheet.objects.none()
    return (
        ScoreSheet.objects.filter(
            _stage_open(StageKind.REVIEW, today),
            assignment__member__user=user,
            status=SheetStatus.DRAFT,
            round__status=RoundStatus.REVIEWING,
            round__results_confirmed_at__isnull=True,
        )
        .select_related("round", "entry__brand", "entry__org")
        .order_by("round_id", "entry_id")
    )


def roadshow_now(user):
    """The expert's sheet of the entry presenting now in a 现场路演, while its scoring is open."""
    if not user.is_authenticated:
        return ScoreSheet.objects.none()
    return (
        ScoreSheet.objects.filter(
            assignment__member__user=user,
            round__status=RoundStatus.ROADSHOW,
            round__roadshow__current_entry=F("entry"),
            entry__roadshow_opened_at__isnull=False,
            entry__roadshow_closed_at__isnull=True,
        )
        .exclude(status=SheetStatus.LOCKED)
        .select_related("round", "entry__brand", "entry__org")
        .order_by("round_id")
    )


def objections_to_answer(user):
    """公示 objections not yet answered, in the rounds the user runs (the 党建工作部)."""
    if not user.is_authenticated:
        return Objection.objects.none()
    return (
        Objection.objects.filter(
            scope_q(user, Cap.RUN_ROUNDS, "round__committee__path"),
            round__in=visible_rounds(user),
            answered_at__isnull=True,
        )
        .select_related("round", "entry__brand")
        .order_by("created_at", "id")
    )


def namings_to_issue(user, today):
    """Rounds whose 公示 is over with every objection answered, waiting for the 党委's 命名决定."""
    if not user.is_authenticated:
        return Round.objects.none()
    open_objections = Objection.objects.filter(round=OuterRef("pk"), answered_at__isnull=True)
    return (
        visible_rounds(user)
        .filter(
            scope_q(user, Cap.DECIDE_BRANDS, "committee__path"),
            status__in=[RoundStatus.PUBLICIZING, RoundStatus.NAMING],
            publicity_ends_on__lt=today,
            naming__isnull=True,
        )
        .exclude(Exists(open_objections))
        .order_by("publicity_ends_on", "id")
    )


def returned_to_me(user):
    return (
        visible_entries(user)
        .filter(
            org__path__in=sorted(cap_paths(user, Cap.OWN_BRAND)),
            status__in=[S.RETURNED, S.PRESCREEN_RETURNED],
        )
        .select_related("round", "brand", "org", "tier")
    )


def requirement_rows(entry: Entry):
    """The checklist: as kept at submission once submitted, as it stands now before."""
    if (
        entry.status in (S.DRAFT, S.RETURNED, S.PRESCREEN_RETURNED)
        or not entry.requirement_snapshot
    ):
        return [r.as_json() for r in check_brand(entry.round, entry.brand, entry.tier)]
    return entry.requirement_snapshot


def dossier(entry: Entry) -> dict:
    """What the entry's dossier shows: the 申报书 and 定位报告, the latest assessment, the plan's
    progress, the KPIs with their latest values, the carriers (载体) and the reviews."""
    brand = entry.brand
    documents = {
        d.kind: d
        for d in Document.objects.filter(
            subject="brand", subject_pk=brand.pk, kind__in=["application", "positioning-report"]
        )
    }
    plans = list(
        Plan.objects.filter(brand=brand)
        .exclude(status=PlanStatus.DRAFT)
        .annotate(
            task_total=Count("tasks"),
            task_done=Count("tasks", filter=Q(tasks__status__in=FINISHED)),
        )
        .order_by("-id")[:3]
    )
    kpis = list(brand.kpis.prefetch_related("values").order_by("id"))
    for kpi in kpis:
        values = sorted(kpi.values.all(), key=lambda v: v.measured_on)
        kpi.latest = values[-1] if values else None
    carriers = list(
        brand.carriers.filter(state=CarrierState.ACTIVE).select_related("leader").order_by("id")
    )
    return {
        "application_doc": documents.get("application"),
        "positioning_doc": documents.get("positioning-report"),
        "application_url": reverse(
            "documents:document_detail", args=["brand", brand.pk, "application"]
        ),
        "positioning_url": reverse(
            "documents:document_detail", args=["brand", brand.pk, "positioning-report"]
        ),
        "assessment": latest_standardisation(brand.org),
        "plans": plans,
        "kpis": kpis,
        "carriers": carriers,
        "honours": list(brand.honours.order_by("-year")[:10]),
        "reviews": list(entry.reviews.select_related("actor").order_by("created_at", "id")),
    }

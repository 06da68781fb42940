"""What the brand's documents read of the platform, gathered in one place so that each builder
is a page of wording, not of queries. Every read is a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment, ReviewScore
from partybrand.assessments.selectors import latest_standardisation, nearest_policy
from partybrand.brands.models import Brand, Kpi, KpiValue
from partybrand.core import clock
from partybrand.indicators.choices import SystemKind
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.tree import ancestor_paths, subtree_q
from partybrand.plans.choices import FINISHED, PlanStatus
from partybrand.plans.models import Phase, Plan, Task, TaskForceMember
from partybrand.positioning.models import Practice
from partybrand.positioning.selectors import positioning_note, survey_highlights
from partybrand.supervision.models import RectificationItem
from partybrand.supervision.selectors import open_items
from partybrand.themes.models import Candidate, Workshop

COMMITTEE_KINDS = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH)
PARTY_COMMITTEES = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE)
PLAN_ORDER: dict[str, int] = {PlanStatus.ACTIVE: 0, PlanStatus.DRAFT: 1, PlanStatus.CLOSED: 2}


# --- the organisation ------------------------------------------------------------------------


def member_count(org: Organization) -> tuple[int, int]:
    """Members on the rolls of the organisation's subtree: (all, probationary)."""
    rows = Member.objects.filter(subtree_q(org.path, "org__path"), is_active=True)
    return rows.count(), rows.filter(status="probationary").count()


def upper_committee(org: Organization, kinds=COMMITTEE_KINDS) -> Organization | None:
    """The nearest organisation of `kinds` above `org`: the 党总支 or 党委 that recommends an
    application, the 党委 (kinds=PARTY_COMMITTEES) that accepts a brand."""
    above = Organization.objects.filter(path__in=ancestor_paths(org.path), kind__in=kinds).order_by(
        "-depth"
    )
    return above.first()


# --- the brand's record ----------------------------------------------------------------------


@dataclass
class KpiLine:
    kpi: Kpi
    actual: KpiValue | None

    @property
    def reached(self) -> bool | None:
        if self.actual is None:
            return None
        if self.kpi.direction == "down":
            return self.actual.value <= self.kpi.target
        return self.actual.value >= self.kpi.target


def kpi_lines(brand: Brand) -> list[KpiLine]:
    kpis = brand.kpis.prefetch_related(
        Prefetch("values", queryset=KpiValue.objects.order_by("measured_on", "id"))
    )
    lines = []
    for kpi in kpis:
        values = list(kpi.values.all())
        lines.append(KpiLine(kpi, values[-1] if values else None))
    return lines


def methods(brand: Brand) -> list[Practice]:
    """The practices the branch means to distil into the brand's 工作法."""
    return [p for p in Practice.objects.filter(brand=brand) if p.is_method_candidate]


def positioning_conclusion(brand: Brand) -> str:
    note = positioning_note(brand)
    return note.conclusion.strip() if note else ""


def practices(brand: Brand) -> list[Practice]:
    return list(Practice.objects.filter(brand=brand))


@dataclass
class ThemeCheck:
    """The stored similarity check of the adopted theme (themes' check report)."""

    name: str
    checked_on: date | None
    unique: bool  # the 独特性 check passed
    nearest_name: str
    nearest_owner: str
    nearest_score: float | None
    explanation: str


def theme_check(brand: Brand) -> ThemeCheck | None:
    """The check stored with the workshop's candidate of the brand's current name (the adopted
    one, or the name as it was proposed): a renamed brand has no check until it is proposed."""
    workshop = Workshop.objects.filter(brand=brand).first()
    if workshop is None:
        return None
    chosen = Candidate.objects.filter(
        workshop=workshop, name=brand.name, check_report__isnull=False
    ).first()
    if chosen is None:
        return None
    report = chosen.check_report or {}
    unique = next((c for c in report.get("checks", []) if c.get("code") == "uniqueness"), None)
    nearest = (report.get("nearest") or [None])[0]
    return ThemeCheck(
        name=chosen.name,
        checked_on=clock.day_of(chosen.checked_at) if chosen.checked_at else None,
        unique=bool(unique and unique.get("passed")),
        nearest_name=nearest["name"] if nearest else "",
        nearest_owner=nearest.get("owner", "") if nearest else "",
        nearest_score=nearest["score"] if nearest else None,
        explanation=unique.get("explanation", "") if unique else "",
    )


# --- the plan --------------------------------------------------------------------------------


@dataclass
class PlanFacts:
    plan: Plan
    phases: list[Phase]
    tasks: list[Task]  # every task, in phase order then start
    force: list[TaskForceMember]
    items: list[RectificationItem] = field(default_factory=list)  # open rectification items

    def tasks_of(self, phase: Phase | None) -> list[Task]:
        key = phase.pk if phase else None
        return [t for t in self.tasks if t.phase_id == key]


def brand_plan(brand: Brand) -> PlanFacts | None:
    """The brand's creation plan: the running one, else the draft, else the latest closed."""
    plans = sorted(
        Plan.objects.filter(brand=brand), key=lambda p: (PLAN_ORDER.get(p.status, 3), -p.pk)
    )
    if not plans:
        return None
    plan = plans[0]
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("phase", "owner", "checker")
        .order_by("phase__position", "start", "deadline", "id")
    )
    return PlanFacts(
        plan=plan,
        phases=list(plan.phases.order_by("position", "id")),
        tasks=tasks,
        force=list(plan.task_force.order_by("id")),
        items=list(open_items(plan)),
    )


@dataclass
class TaskCounts:
    total: int
    finished: int  # verified or closed
    on_time: int  # finished by the deadline
    overdue: int  # open past the deadline


def task_counts(tasks: list[Task], today: date) -> TaskCounts:
    finished = [t for t in tasks if t.status in FINISHED]
    on_time = [
        t for t in finished if t.verified_at is None or clock.day_of(t.verified_at) <= t.deadline
    ]
    overdue = [t for t in tasks if t.status not in FINISHED and t.deadline < today]
    return TaskCounts(len(tasks), len(finished), len(on_time), len(overdue))


# --- surveys ---------------------------------------------------------------------------------


@dataclass
class Participation:
    surveys: int
    responses: int
    target: int


def participation(brand: Brand) -> Participation:
    highlights, total = survey_highlights(brand)
    return Participation(
        surveys=total,
        responses=sum(h.responses for h in highlights),
        target=sum(h.target for h in highlights),
    )


# --- assessments -----------------------------------------------------------------------------


def latest_brand_assessment(org: Organization) -> Assessment | None:
    """The organisation's latest finalised 党建品牌评价 assessment."""
    return (
        Assessment.objects.filter(
            org=org, status=AssessmentStatus.FINALISED, system__kind=SystemKind.BRAND
        )
        .select_related("system", "org")
        .order_by("-period_start", "-finalised_at")
        .first()
    )


def assessments(org: Organization) -> list[Assessment]:
    """The latest finalised brand evaluation and standardisation assessment, in that order."""
    return [a for a in (latest_brand_assessment(org), latest_standardisation(org)) if a]


def dimensions(assessment: Assessment):
    return list(assessment.dimensions.order_by("position", "id"))


@dataclass
class PassLine:
    score: Decimal
    source: str  # where the line comes from, written into the report


def pass_line(assessment: Assessment) -> PassLine:
    """The committee's threshold for the system if one is set, else the system's lowest star
    line, else 60 per cent of the full score."""
    policy = nearest_policy(assessment.org, assessment.system.code)
    if policy is not None:
        return PassLine(policy.min_score, f"{policy.org.name}确定的达标分数线")
    lowest = assessment.system.stars.order_by("min_score").first()
    if lowest is not None:
        return PassLine(lowest.min_score, "评价标准中最低星级的分数线")
    return PassLine(assessment.system.total_points * Decimal("0.6"), "满分的60%")


def review_comments(assessment: Assessment) -> list[tuple[str, str]]:
    """The reviewers' written opinions, as (indicator, comment), in indicator order, each once."""
    rows = (
        ReviewScore.objects.filter(assignment__assessment=assessment)
        .exclude(comment="")
        .select_related("indicator")
        .order_by("indicator__code", "assignment_id")
    )
    seen: set[str] = set()
    out = []
    for row in rows:
        text = row.comment.strip()
        if text and text not in seen:
            seen.add(text)
            out.append((row.indicator.name, text))
    return out

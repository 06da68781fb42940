"""A brand's “what's next”: the five parts of the method, each as a few steps that are done or
not, read from the records the work leaves (answers received, practices taken stock of, a plan
started, a 复盘 held …), never from logins or clicks. Each step links to the page that does it.

All of a user's brands are read in one query: every step is an EXISTS column of it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment
from partybrand.benchmarks.models import Comparison
from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand, BrandPhrase
from partybrand.cases.models import TypicalCase
from partybrand.plans.choices import PlanStatus
from partybrand.plans.colours import colour_q
from partybrand.plans.models import Plan, Task, TaskForceMember
from partybrand.positioning.models import Practice
from partybrand.promotion.choices import LaunchState
from partybrand.promotion.models import Carrier, Launch, PublicityEntry
from partybrand.supervision.models import ReviewMeeting
from partybrand.surveys.models import Response

BRANDS_SHOWN = 6
PARTS = (
    ("positioning", "定位"),
    ("theme", "主题"),
    ("focus", "重点"),
    ("mechanism", "机制"),
    ("promotion", "推介"),
)


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url: str


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    steps: list[Step]

    @property
    def done(self) -> bool:
        return all(step.done for step in self.steps)


@dataclass(frozen=True)
class Checklist:
    brand: Brand
    parts: list[Part]

    @property
    def done_count(self) -> int:
        return sum(step.done for part in self.parts for step in part.steps)

    @property
    def total(self) -> int:
        return sum(len(part.steps) for part in self.parts)

    @property
    def next_step(self) -> Step | None:
        """The first step not yet done, in the method's order."""
        for part in self.parts:
            for step in part.steps:
                if not step.done:
                    return step
        return None


def _of_brand(model, field: str = "brand", **conditions):
    return Exists(model.objects.filter(**{field: OuterRef("pk")}, **conditions))


def annotated(brands, *, today):
    """The brands with one boolean column per step, and their newest plan's id."""
    tasks = Task.objects.filter(plan__brand=OuterRef("pk"))
    return brands.annotate(
        s_answers=_of_brand(Response, "survey__brand"),
        s_practices=_of_brand(Practice),
        s_benchmarks=_of_brand(Comparison),
        s_phrases=_of_brand(BrandPhrase),
        s_assessed=Exists(
            Assessment.objects.filter(org=OuterRef("org"), status=AssessmentStatus.FINALISED)
        ),
        s_carriers=_of_brand(Carrier),
        s_launched=_of_brand(Launch, state__in=[LaunchState.HELD, LaunchState.RECORDED]),
        s_force=_of_brand(TaskForceMember, "plan__brand"),
        s_plan=_of_brand(Plan, status__in=[PlanStatus.ACTIVE, PlanStatus.CLOSED]),
        s_tasks=Exists(tasks),
        s_overdue=Exists(tasks.filter(colour_q("red", today))),
        s_reviews=_of_brand(ReviewMeeting, "plan__brand"),
        s_publicity=_of_brand(PublicityEntry),
        s_cases=_of_brand(TypicalCase),
        plan_id=Subquery(
            Plan.objects.filter(brand=OuterRef("pk"))
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        ),
    )


def checklist(brand) -> Checklist:
    """The steps of one annotated brand (see `annotated`)."""
    pk = brand.pk
    edit = reverse("brands:brand_edit", args=[pk])
    plan = (
        reverse("plans:plan_detail", args=[brand.plan_id])
        if brand.plan_id
        else f"{reverse('plans:plan_create')}?brand={pk}"
    )
    review = reverse("supervision:meeting_create", args=[brand.plan_id]) if brand.plan_id else plan
    steps = {
        "positioning": [
            Step(
                "问卷调研收到答卷",
                brand.s_answers,
                f"{reverse('surveys:survey_create')}?brand={pk}",
            ),
            Step(
                "盘点已有做法与荣誉", brand.s_practices, reverse("positioning:inventory", args=[pk])
            ),
            Step(
                "对标先进品牌",
                brand.s_benchmarks,
                reverse("benchmarks:brand_comparisons", args=[pk]),
            ),
        ],
        "theme": [
            Step("确定品牌名称与口号", bool(brand.name and brand.slogan), edit),
            Step("写出内涵释义", bool(brand.meaning) or brand.s_phrases, edit),
            Step("确定标识及其释义", bool(brand.logo and brand.logo_meaning), edit),
        ],
        "focus": [
            Step("标准化建设已测评定级", brand.s_assessed, reverse("assessments:my_list")),
            Step(
                "建立活动载体",
                brand.s_carriers,
                reverse("promotion:carrier_create", args=[pk]),
            ),
            Step(
                "举办品牌发布会",
                brand.s_launched,
                reverse("promotion:launch_create", args=[pk]),
            ),
        ],
        "mechanism": [
            Step("组建品牌专班", brand.s_force, plan),
            Step("制定创建方案并启动", brand.s_plan, plan),
            Step("任务按时推进，无逾期", brand.s_tasks and not brand.s_overdue, plan),
            Step("召开复盘会", brand.s_reviews, review),
        ],
        "promotion": [
            Step(
                "记录宣传推介",
                brand.s_publicity,
                reverse("promotion:publicity_create", args=[pk]),
            ),
            Step("撰写典型案例", brand.s_cases, f"{reverse('cases:case_create')}?brand={pk}"),
        ],
    }
    return Checklist(
        brand=brand,
        parts=[Part(key, label, steps[key]) for key, label in PARTS],
    )


def brand_checklists(user, paths: list[str], *, today) -> list[Checklist]:
    """The checklists of the brands of the organisations at `paths` (those the user builds),
    newest first; a revoked brand has no next step."""
    if not paths:
        return []
    brands = (
        Brand.objects.filter(org__path__in=paths, org__is_active=True)
        .exclude(status=BrandStatus.REVOKED)
        .select_related("org")
        .order_by("-updated_at", "-pk")
    )
    return [checklist(b) for b in annotated(brands, today=today)[:BRANDS_SHOWN]]

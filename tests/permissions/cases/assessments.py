"""Permission cases of the assessments (标准化测评), and the builders the assessment tests share.

The small system "t-std" (100 points) keeps the cases fast:
  1 组织建设 40: 1.1 支部设置 20 加分 (佐证必备) · 1.2 支委会建设 20 扣分
  2 制度运行 60: 2.1 三会一课 30 加分 · 2.2 主题党日 30 扣分
  3 一票否决事项 0: 3.1 重大安全事故 0 (一票否决)
Stars: 60 一星, 70 二星, 80 三星, 90 四星, 95 五星. Final rule: trimmed mean; divergence > 2.
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.assessments.models import Assessment, ReviewerAssignment
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.indicators import services as indicator_services
from partybrand.indicators.models import IndicatorSystem
from tests.helpers import pdf_bytes
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, gone

PERIOD = "2025年度"
READ = {"allowed": "member", "readonly": None}
MANAGER = {"allowed": "mid_admin"}
EXPERT = {"allowed": "expert", "readonly": "member", "readonly_status": (404,)}


def _row(code, name, level, points, parent="", method="add", **extra):
    return indicator_services.Row(
        code=code,
        name=name,
        level=level,
        points=Decimal(points),
        parent_code=parent,
        scoring_method=method,
        **extra,
    )


def small_system(code="t-std", *, rule="trimmed_mean") -> IndicatorSystem:
    found = IndicatorSystem.objects.filter(code=code).first()
    if found is not None:
        return found
    rows = [
        _row("1", "组织建设", 1, 40),
        _row("1.1", "支部设置", 2, 20, "1", evidence_required=True, evidence_note="支部成立批复"),
        _row("1.2", "支委会建设", 2, 20, "1", "deduct"),
        _row("2", "制度运行", 1, 60),
        _row("2.1", "三会一课", 2, 30, "2"),
        _row("2.2", "主题党日", 2, 30, "2", "deduct"),
        _row("3", "一票否决事项", 1, 0, method="deduct"),
        _row("3.1", "重大安全事故", 2, 0, "3", "deduct", is_veto=True, veto_note="发生即否决"),
    ]
    system = indicator_services.system_build(
        actor=None,
        header={
            "name": "测试支部标准化评价",
            "kind": "standard",
            "total_points": 100,
            "final_rule": rule,
            "divergence_threshold": 2,
        },
        rows=rows,
        stars=[(1, 60), (2, 70), (3, 80), (4, 90), (5, 95)],
        code=code,
    )
    return indicator_services.system_publish(actor=None, system=system)


def leaf(system, code):
    return system.indicators.get(code=code)


def evidence_pdf(name="支部成立批复.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def rows_for(system, values: dict) -> dict:
    """{code: value} (deduction for 扣分 items) -> service rows."""
    return {leaf(system, code).pk: {"value": str(v), "text": ""} for code, v in values.items()}


FULL = {"1.1": 20, "1.2": 0, "2.1": 30, "2.2": 0}


def started(w, org=None, period=PERIOD, actor=None) -> Assessment:
    return services_self.assessment_start(
        actor=actor or w.secretary, org=org or w.branch_a, system=small_system(), period=period
    )


def filled(w, values=None, actor=None, **kw) -> Assessment:
    actor = actor or w.secretary
    a = started(w, actor=actor, **kw)
    services_self.self_scores_save(
        actor=actor, assessment=a, rows=rows_for(a.system, values or FULL)
    )
    item = a.items.get(indicator__code="1.1")
    services_self.evidence_add(actor=actor, item=item, uploads=[evidence_pdf()])
    return a


def submitted(w, actor=None, **kw) -> Assessment:
    a = filled(w, actor=actor, **kw)
    return services_self.assessment_submit(actor=actor or w.secretary, assessment=a)


def reviewing(w, **kw) -> tuple[Assessment, ReviewerAssignment]:
    a = submitted(w, **kw)
    assignment = services_review.reviewer_assign(actor=w.mid_admin, assessment=a, reviewer=w.expert)
    return Assessment.objects.get(pk=a.pk), assignment


def reviewed(w, values=None, **kw) -> tuple[Assessment, ReviewerAssignment]:
    a, assignment = reviewing(w, **kw)
    services_review.review_scores_save(
        actor=w.expert, assignment=assignment, rows=rows_for(a.system, values or FULL)
    )
    services_review.review_complete(actor=w.expert, assignment=assignment)
    return a, assignment


def finalised(w, values=None, **kw) -> Assessment:
    a, _ = reviewed(w, values, **kw)
    return services_finalise.assessment_finalise(actor=w.mid_admin, assessment=a)


# --- URL kwargs ---------------------------------------------------------------------------


def kw_started(w):
    return {"pk": started(w).pk}


def kw_filled(w):
    return {"pk": filled(w).pk}


def kw_submitted(w):
    return {"pk": submitted(w).pk}


def kw_reviewing(w):
    return {"pk": reviewing(w)[0].pk}


def kw_reviewed(w):
    return {"pk": reviewed(w)[0].pk}


def kw_finalised(w):
    return {"pk": finalised(w).pk}


def kw_evidence(w):
    a = filled(w)
    return {"pk": a.items.get(indicator__code="1.1").evidence.get().pk}


def kw_assignment(w):
    return {"pk": reviewing(w)[1].pk}


def kw_assignment_scored(w):
    a, assignment = reviewing(w)
    services_review.review_scores_save(
        actor=w.expert, assignment=assignment, rows=rows_for(a.system, FULL)
    )
    return {"pk": assignment.pk}


def kw_branch_results(w):
    finalised(w)
    return {"pk": w.branch_a.pk}


def kw_committee_results(w):
    finalised(w)
    return {"pk": w.committee_a.pk}


def kw_group(w):
    return {"pk": w.group.pk}


def kw_api_results(w):
    finalised(w)
    return {"org_pk": w.committee_a.pk}


def self_post(w):
    system = small_system()
    return {f"value_{leaf(system, '2.1').pk}": "25", f"text_{leaf(system, '2.1').pk}": "按期召开"}


def review_post(w):
    system = small_system()
    return {f"value_{leaf(system, '2.1').pk}": "22", f"text_{leaf(system, '2.1').pk}": "记录欠完整"}


def api_scores(value):
    def body(w):
        return {"items": [{"indicator": leaf(small_system(), "2.1").pk, "value": value}]}

    return body


SELF_SAVED = exists("assessments.ItemScore", indicator__code="2.1", self_score=Decimal("25"))
REVIEW_SAVED = exists("assessments.ReviewScore", indicator__code="2.1", score=Decimal("22"))


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("assessments:my_list", outsider_status=(200,), **READ),
    Case(
        "assessments:start",
        method="post",
        data=lambda w: {"org": w.branch_a.pk, "system": small_system().pk, "period": "2026年度"},
        allowed_status=(302,),
        effect=exists("assessments.Assessment", period="2026年度"),
    ),
    Case("assessments:detail", kw_started, **READ),
    Case(
        "assessments:self_save",
        kw_started,
        method="post",
        data=self_post,
        allowed_status=(302,),
        effect=SELF_SAVED,
    ),
    Case(
        "assessments:submit",
        kw_filled,
        method="post",
        allowed_status=(302,),
        effect=exists("assessments.Assessment", status="submitted"),
    ),
    Case(
        "assessments:assign",
        kw_submitted,
        method="post",
        data=lambda w: {"reviewer": w.expert.pk},
        allowed_status=(302,),
        effect=exists("assessments.ReviewerAssignment", reviewer__username="expert"),
        **MANAGER,
    ),
    Case(
        "assessments:reviewer_remove",
        kw_assignment,
        method="post",
        allowed_status=(302,),
        effect=gone("assessments.ReviewerAssignment", reviewer__username="expert"),
        **MANAGER,
    ),
    Case(
        "assessments:return",
        kw_reviewing,
        method="post",
        data=lambda w: {"reason": "1.1 佐证材料不清晰"},
        allowed_status=(302,),
        effect=exists("assessments.Assessment", status="returned"),
        **MANAGER,
    ),
    Case(
        "assessments:finalise",
        kw_reviewed,
        method="post",
        allowed_status=(302,),
        effect=exists("assessments.Assessment", status="finalised"),
        **MANAGER,
    ),
    Case("assessments:export_xlsx", kw_finalised, **READ),
    Case("assessments:export_docx", kw_finalised, **READ),
    Case("assessments:evidence_download", kw_evidence, **READ),
    Case(
        "assessments:evidence_delete",
        kw_evidence,
        method="post",
        allowed_status=(302,),
        effect=gone("assessments.Evidence", title="支部成立批复"),
    ),
    Case("assessments:review_list", allowed="expert", readonly=None, outsider_status=(200,)),
    Case("assessments:review", kw_assignment, **EXPERT),
    Case(
        "assessments:review_save",
        kw_assignment,
        method="post",
        data=review_post,
        allowed_status=(302,),
        effect=REVIEW_SAVED,
        **EXPERT,
    ),
    Case(
        "assessments:review_done",
        kw_assignment_scored,
        method="post",
        allowed_status=(302,),
        effect=exists("assessments.ReviewerAssignment", status="done"),
        **EXPERT,
    ),
    Case(
        "assessments:results_home",
        allowed="committee_admin",
        allowed_status=(302,),
        readonly=None,
        outsider_status=(302,),
    ),
    Case("assessments:org_results", kw_branch_results, **READ),
    Case(
        "assessments:committee_results",
        kw_committee_results,
        allowed="mid_admin",
        readonly="expert",
    ),
    Case(
        "assessments:policy_save",
        kw_group,
        method="post",
        data=lambda w: {"system_code": "t-std", "min_score": "75"},
        allowed="committee_admin",
        readonly="expert",
        allowed_status=(302,),
        effect=exists("assessments.StandardisationPolicy", min_score=Decimal("75")),
    ),
]

API_CASES = [
    _api(url_name="api:assessment-list", outsider_status=(200,), **READ),
    _api(url_name="api:assessment-detail", kwargs=kw_started, **READ),
    _api(
        url_name="api:assessment-self-scores",
        kwargs=kw_started,
        method="post",
        data=api_scores("25"),
        effect=SELF_SAVED,
    ),
    _api(
        url_name="api:assessment-review-scores",
        kwargs=kw_reviewing,
        method="post",
        data=api_scores("22"),
        effect=REVIEW_SAVED,
        **EXPERT,
    ),
    _api(
        url_name="api:assessment-results",
        kwargs=kw_api_results,
        allowed="mid_admin",
        readonly="expert",
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

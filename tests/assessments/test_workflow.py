"""Self-assessment, evidence, submission, review by the level above and experts, finalising;
which indicator systems an organisation may start and how often; lists in constant queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partybrand.assessments.models import Assessment, DimensionScore, ItemScore
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.core.models import AuditLog
from partybrand.indicators import services as indicator_services
from partybrand.indicators.loader import load_templates
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from tests.factories import make_user
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.assessments import (
    FULL,
    evidence_pdf,
    filled,
    leaf,
    reviewed,
    rows_for,
    small_system,
    started,
    submitted,
)

pytestmark = pytest.mark.django_db


def expert(name, org, username):
    user = make_user(username, name)
    role_assign(actor=None, user=user, org=org, role=Role.EXPERT)
    return user


def test_start_needs_a_published_system_and_creates_the_leaf_items(world):
    draft = indicator_services.system_build(
        actor=None,
        header={"name": "草稿体系", "kind": "standard"},
        rows=[indicator_services.Row(code="1", name="一", level=1, points=Decimal(100))],
        code="draft-x",
    )
    with pytest.raises(ValidationError, match="已发布"):
        services_self.assessment_start(
            actor=world.secretary, org=world.branch_a, system=draft, period="2025年度"
        )
    a = started(world)
    assert a.period_start.isoformat() == "2025-01-01" and a.period_end.isoformat() == "2025-12-31"
    assert sorted(a.items.values_list("indicator__code", flat=True)) == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "3.1",
    ]
    with pytest.raises(ValidationError, match="已有2025年度"):
        started(world)
    with pytest.raises(PermissionDenied):
        services_self.assessment_start(
            actor=world.member, org=world.branch_a, system=small_system(), period="2026年度"
        )


def test_scores_are_checked_against_the_item_points(world):
    a = started(world)
    system = a.system
    with pytest.raises(ValidationError) as err:
        services_self.self_scores_save(
            actor=world.secretary, assessment=a, rows=rows_for(system, {"1.1": 21, "2.1": "abc"})
        )
    text = "；".join(err.value.messages)
    assert "1.1 支部设置：得分应在 0 到 20 分之间" in text and "2.1 三会一课：请填写数字" in text
    assert not ItemScore.objects.filter(
        assessment=a, self_score__isnull=False, indicator__points__gt=0
    )
    # 扣分: the entered value is the deduction; the item stops at zero.
    services_self.self_scores_save(
        actor=world.secretary, assessment=a, rows=rows_for(system, {"1.2": 5, "2.2": 45})
    )
    scores = dict(a.items.values_list("indicator__code", "self_score"))
    assert scores["1.2"] == Decimal("15") and scores["2.2"] == Decimal("0")
    with pytest.raises(ValidationError, match="扣分不能为负数"):
        services_self.self_scores_save(
            actor=world.secretary, assessment=a, rows=rows_for(system, {"1.2": -1})
        )


def test_submit_lists_missing_evidence_in_chinese(world):
    a = started(world)
    services_self.self_scores_save(
        actor=world.secretary, assessment=a, rows=rows_for(a.system, FULL)
    )
    with pytest.raises(ValidationError) as err:
        services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert "以下指标须上传佐证材料后才能提交：1.1 支部设置" in err.value.messages
    # The page shows the same list and the submit is refused with it.
    client = client_for(world.secretary)
    page = client.get(reverse("assessments:detail", args=[a.pk])).content.decode()
    assert "以下指标须上传佐证材料后才能提交：1.1 支部设置" in page
    response = client.post(reverse("assessments:submit", args=[a.pk]), follow=True)
    assert "未提交：以下指标须上传佐证材料后才能提交：1.1 支部设置" in response.content.decode()
    services_self.evidence_add(
        actor=world.secretary, item=a.items.get(indicator__code="1.1"), uploads=[evidence_pdf()]
    )
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert Assessment.objects.get(pk=a.pk).status == "submitted"


def test_unscored_items_block_the_submit_and_bad_uploads_are_refused(world):
    a = started(world)
    with pytest.raises(ValidationError, match="以下指标尚未自评：1.1 支部设置、1.2 支委会建设"):
        services_self.assessment_submit(actor=world.secretary, assessment=a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("台账.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="佐证材料“台账”未上传"):
        services_self.evidence_add(actor=world.secretary, item=a.items.first(), uploads=[fake])


def test_veto_needs_a_reason_and_caps_the_result(world):
    a = filled(world)
    veto = leaf(a.system, "3.1").pk
    with pytest.raises(ValidationError, match="触发一票否决须写明原因"):
        services_self.self_scores_save(
            actor=world.secretary, assessment=a, rows={veto: {"value": "", "veto": True}}
        )
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assignment = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    rows = rows_for(a.system, FULL)
    rows[veto] = {"value": "", "veto": True, "veto_reason": "6月发生一起重大安全生产责任事故"}
    services_review.review_scores_save(actor=world.expert, assignment=assignment, rows=rows)
    services_review.review_complete(actor=world.expert, assignment=assignment)
    a = services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    assert a.final_score == Decimal("100") and a.veto_triggered and a.stars == 0
    assert a.star_label == "不达标（一票否决）"


def test_reviewers_of_the_organisation_itself_are_refused(world):
    a = submitted(world)
    with pytest.raises(ValidationError, match="评审人不能评审本组织的测评"):
        services_review.reviewer_assign(
            actor=world.mid_admin, assessment=a, reviewer=world.secretary
        )
    with pytest.raises(ValidationError, match="评审人不能评审本组织的测评"):
        services_review.reviewer_assign(actor=world.mid_admin, assessment=a, reviewer=world.member)
    with pytest.raises(ValidationError, match="须为评审专家或上级党组织的管理员"):
        services_review.reviewer_assign(
            actor=world.mid_admin, assessment=a, reviewer=world.outsider
        )
    # The branch cannot manage its own review, and a 二级党委 only reviews below itself.
    with pytest.raises(PermissionDenied):
        services_review.reviewer_assign(actor=world.secretary, assessment=a, reviewer=world.expert)
    own = submitted(
        world, org=world.committee_a, actor=world.mid_admin
    )  # mid_admin's own committee
    with pytest.raises(PermissionDenied):
        services_review.reviewer_assign(
            actor=world.mid_admin, assessment=own, reviewer=world.expert
        )


def test_two_experts_each_see_only_their_assignment(world):
    a = submitted(world)
    second = expert("冯专家", world.group, "expert2")
    services_review.reviewer_assign(actor=world.mid_admin, assessment=a, reviewer=world.expert)
    part = services_review.reviewer_assign(
        actor=world.mid_admin,
        assessment=a,
        reviewer=second,
        indicators=[leaf(a.system, "2.1"), leaf(a.system, "2.2")],
    )
    third = expert("未指派专家", world.group, "expert3")
    detail = reverse("assessments:detail", args=[a.pk])
    assert client_for(third).get(detail).status_code == 404
    assert client_for(third).get(reverse("assessments:review", args=[part.pk])).status_code == 404
    page = client_for(second).get(reverse("assessments:review", args=[part.pk])).content.decode()
    assert "2.1 三会一课" in page and "1.1 支部设置" not in page
    # An assigned expert opening the assessment is sent to their own scoring page.
    assert client_for(second).get(detail)["Location"] == reverse(
        "assessments:review", args=[part.pk]
    )
    with pytest.raises(ValidationError, match="不在您的评审范围内"):
        services_review.review_scores_save(
            actor=second, assignment=part, rows=rows_for(a.system, {"1.1": 3})
        )


def test_finalise_uses_the_trimmed_mean_flags_divergence_and_derives_stars(world):
    a = submitted(world)
    experts = [
        world.expert,
        expert("冯专家", world.group, "e2"),
        expert("褚专家", world.group, "e3"),
    ]
    given = [
        {"1.1": 20, "1.2": 0, "2.1": 30, "2.2": 0},
        {"1.1": 14, "1.2": 2, "2.1": 28, "2.2": 3},
        {"1.1": 16, "1.2": 1, "2.1": 29, "2.2": 6},
    ]
    for person, values in zip(experts, given, strict=True):
        assignment = services_review.reviewer_assign(
            actor=world.mid_admin, assessment=a, reviewer=person
        )
        services_review.review_scores_save(
            actor=person, assignment=assignment, rows=rows_for(a.system, values)
        )
    with pytest.raises(ValidationError, match="以下评审人尚未提交评审"):
        services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    for assignment in a.assignments.all():
        services_review.review_complete(actor=assignment.reviewer, assignment=assignment)
    preview = services_finalise.finalise_preview(Assessment.objects.get(pk=a.pk))
    finals = {r.indicator.code: r.final for r in preview.items}
    # Trimmed mean of three: the middle score. 1.1: 14/16/20 -> 16; 1.2: 20/18/19 -> 19;
    # 2.1: 30/28/29 -> 29; 2.2: 30/27/24 -> 27.
    assert finals == {"1.1": 16, "1.2": 19, "2.1": 29, "2.2": 27, "3.1": 0}
    assert {r.indicator.code for r in preview.divergent} == {"1.1", "2.2"}  # gaps 6 and 6 > 2
    page = (
        client_for(world.mid_admin).get(reverse("assessments:detail", args=[a.pk])).content.decode()
    )
    assert page.count('data-testid="divergent"') == 2 and "已核实分歧" in page
    with pytest.raises(ValidationError, match="专家评分分歧较大.*1.1 支部设置、2.2 主题党日"):
        services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    a = services_finalise.assessment_finalise(
        actor=world.mid_admin, assessment=a, acknowledge_divergence=True
    )
    assert a.status == "finalised" and a.final_score == Decimal("91") and a.stars == 4
    dims = {
        d.code: (d.score, d.max_score, d.percent)
        for d in DimensionScore.objects.filter(assessment=a)
    }
    assert dims == {"1": (35, 40, Decimal("87.5")), "2": (56, 60, Decimal("93.33"))}
    assert set(
        ItemScore.objects.filter(assessment=a, divergent=True).values_list(
            "indicator__code", flat=True
        )
    ) == {"1.1", "2.2"}
    actions = set(AuditLog.objects.filter(object_id=str(a.pk)).values_list("action", flat=True))
    assert {
        "assessment_start",
        "assessment_self_score",
        "assessment_submit",
        "assessment_reviewer_assign",
        "assessment_review_score",
        "assessment_review_complete",
        "assessment_finalise",
    } <= actions


def test_mean_rule_with_two_reviewers(world):
    a = submitted(world)
    second = expert("冯专家", world.group, "e2")
    for person, value in ((world.expert, 20), (second, 17)):
        assignment = services_review.reviewer_assign(
            actor=world.mid_admin, assessment=a, reviewer=person
        )
        services_review.review_scores_save(
            actor=person, assignment=assignment, rows=rows_for(a.system, {**FULL, "1.1": value})
        )
        services_review.review_complete(actor=person, assignment=assignment)
    a = services_finalise.assessment_finalise(
        actor=world.mid_admin, assessment=a, acknowledge_divergence=True
    )
    assert a.items.get(indicator__code="1.1").final_score == Decimal("18.5")
    assert a.final_score == Decimal("98.5") and a.stars == 5


def test_return_for_correction_and_resubmit(world):
    a, assignment = reviewed(world)
    with pytest.raises(ValidationError, match="请写明退回修改的原因"):
        services_review.assessment_return(actor=world.mid_admin, assessment=a, reason=" ")
    services_review.assessment_return(
        actor=world.mid_admin, assessment=a, reason="1.1 佐证材料不是批复文件"
    )
    a = Assessment.objects.get(pk=a.pk)
    assert a.status == "returned" and a.assignments.get().status == "assigned"
    page = (
        client_for(world.secretary).get(reverse("assessments:detail", args=[a.pk])).content.decode()
    )
    assert "1.1 佐证材料不是批复文件" in page and "保存自评" in page
    services_self.self_scores_save(
        actor=world.secretary, assessment=a, rows=rows_for(a.system, {"1.1": 18})
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert a.status == "reviewing"  # straight back to the same reviewers
    with pytest.raises(ValidationError, match="不能修改自评"):
        services_self.self_scores_save(
            actor=world.secretary, assessment=a, rows=rows_for(a.system, {"1.1": 19})
        )


def test_pages_run_the_whole_flow(world):
    a = started(world)
    secretary = client_for(world.secretary)
    system = a.system
    post = {f"value_{leaf(system, c).pk}": str(v) for c, v in FULL.items()}
    post[f"evidence_{leaf(system, '1.1').pk}"] = evidence_pdf()
    response = secretary.post(reverse("assessments:self_save", args=[a.pk]), post, follow=True)
    assert "上传佐证材料 1 份" in response.content.decode()
    secretary.post(reverse("assessments:submit", args=[a.pk]))
    manager = client_for(world.mid_admin)
    waiting = manager.get(reverse("assessments:review_list")).content.decode()
    assert "支部A" in waiting
    manager.post(reverse("assessments:assign", args=[a.pk]), {"reviewer": world.expert.pk})
    assignment = a.assignments.get()
    reviewer = client_for(world.expert)
    assert "支部A" in reviewer.get(reverse("assessments:review_list")).content.decode()
    post = {f"value_{leaf(system, c).pk}": str(v) for c, v in {**FULL, "2.1": 26}.items()}
    reviewer.post(reverse("assessments:review_save", args=[assignment.pk]), post)
    reviewer.post(reverse("assessments:review_done", args=[assignment.pk]))
    manager.post(reverse("assessments:finalise", args=[a.pk]))
    a = Assessment.objects.get(pk=a.pk)
    assert a.status == "finalised" and a.final_score == Decimal("96") and a.stars == 5


def test_real_template_runs_from_self_assessment_to_a_result(world):
    load_templates()
    from partybrand.indicators.models import IndicatorSystem

    system = IndicatorSystem.objects.get(code="branch-standard")
    a = services_self.assessment_start(
        actor=world.secretary, org=world.branch_a, system=system, period="2025年度"
    )
    assert a.items.count() == 23  # 20 scored items and 3 veto items
    problems = services_self.submit_problems(a)
    assert problems[0].startswith("以下指标尚未自评：1.1 支部设置合规")
    assert "以下指标须上传佐证材料后才能提交" in problems[1]


def test_navigation_follows_the_roles(world):
    def menu(user):
        html = client_for(user).get(reverse("assessments:my_list")).content.decode()
        start = html.index(">标准化测评</h6>")
        return html[start : html.index("</ul>", start)]

    assert "我的测评" in menu(world.secretary) and "测评结果" not in menu(world.secretary)
    expert_menu = client_for(world.expert).get("/").content.decode()
    start = expert_menu.index(">标准化测评</h6>")
    expert_menu = expert_menu[start : expert_menu.index("</ul>", start)]
    assert "待我评审" in expert_menu and "我的测评" not in expert_menu
    assert {"我的测评", "待我评审", "测评结果"} <= {
        t for t in ("我的测评", "待我评审", "测评结果") if t in menu(world.committee_admin)
    }


def test_assessment_page_query_count_does_not_grow_with_reviewers(world):

    a, _ = reviewed(world)
    url = reverse("assessments:detail", args=[a.pk])
    client = client_for(world.mid_admin)

    def two_more_reviewers():
        for n in range(2):
            person = expert(f"专家{n}", world.group, f"extra{n}")
            assignment = services_review.reviewer_assign(
                actor=world.mid_admin, assessment=a, reviewer=person
            )
            services_review.review_scores_save(
                actor=person, assignment=assignment, rows=rows_for(a.system, FULL)
            )

    assert_queries_flat(two_more_reviewers, lambda: client.get(url))


def test_a_committee_s_own_system_serves_only_its_subtree(world):
    from partybrand.indicators import services as indicator_services
    from tests.permissions.cases.indicators import make_system

    own = indicator_services.system_publish(
        actor=world.committee_admin, system=make_system(world)
    )  # owned by 甲公司党委
    page = client_for(world.outsider).get(reverse("assessments:my_list")).content.decode()
    assert own.name not in page
    post = {"org": world.branch_b.pk, "system": own.pk, "period": "2025年度"}
    response = client_for(world.outsider).post(reverse("assessments:start"), post)
    assert response.status_code == 400 and not Assessment.objects.exists()
    with pytest.raises(ValidationError, match="不适用于"):
        services_self.assessment_start(
            actor=world.outsider, org=world.branch_b, system=own, period="2025年度"
        )
    # Inside 甲公司党委 the system is offered and used.
    assert (
        own.name in client_for(world.secretary).get(reverse("assessments:my_list")).content.decode()
    )
    a = services_self.assessment_start(
        actor=world.secretary, org=world.branch_a, system=own, period="2025年度"
    )
    assert a.items.count() == 4


def test_one_assessment_per_family_and_period_whatever_the_version(world):
    from partybrand.indicators import services as indicator_services

    a = started(world)
    draft = indicator_services.system_new_version(actor=None, from_system=a.system)
    second = indicator_services.system_publish(actor=None, system=draft)
    with pytest.raises(ValidationError, match="已有2025年度的该项测评"):
        services_self.assessment_start(
            actor=world.secretary, org=world.branch_a, system=second, period="2025年度"
        )
    other = services_self.assessment_start(
        actor=world.secretary, org=world.branch_a, system=second, period="2026年度"
    )
    assert other.system.version == 2


def test_the_lists_take_as_many_queries_for_one_row_as_for_five(world):

    member, manager = client_for(world.member), client_for(world.mid_admin)

    def four_more_years():
        for year in range(2021, 2025):
            a = filled(world, period=f"{year}年度")
            services_self.assessment_submit(actor=world.secretary, assessment=a)

    a = filled(world, period="2020年度")
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert_queries_flat(
        four_more_years,
        lambda: member.get(reverse("assessments:my_list")),
        lambda: manager.get(reverse("assessments:review_list")),
    )
    page = client_for(world.mid_admin).get(reverse("assessments:review_list")).content.decode()
    assert page.count("支部A") >= 5

"""一票否决 items in the self-assessment and the review form, and what the results pages say
about stars, the committee's 达标线 and a triggered veto (on the brand page too, even without a
threshold)."""

import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse

from partybrand.assessments.models import Assessment
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.indicators import services as indicator_services
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem
from tests.helpers import client_for
from tests.permissions.cases.assessments import (
    FULL,
    evidence_pdf,
    filled,
    leaf,
    reviewing,
    rows_for,
    submitted,
)

pytestmark = pytest.mark.django_db


def test_the_shipped_template_asks_no_evidence_of_a_branch_without_incident(world):
    load_templates()
    system = IndicatorSystem.objects.get(code="branch-standard")
    vetoes = system.indicators.filter(is_veto=True).order_by("code")
    assert [v.code for v in vetoes] == ["6.1", "6.2", "6.3"]
    assert not any(v.evidence_required for v in vetoes)
    assert vetoes[0].evidence_note == "触发时提供事故调查报告或事故通报"
    a = services_self.assessment_start(
        actor=world.secretary, org=world.branch_a, system=system, period="2025年度"
    )
    scored = [i for i in a.items.select_related("indicator") if i.indicator.points]
    services_self.self_scores_save(
        actor=world.secretary,
        assessment=a,
        rows={i.indicator_id: {"value": str(i.indicator.points)} for i in scored},
    )
    needed = [i for i in scored if i.indicator.evidence_required]
    services_self.evidence_add_all(
        actor=world.secretary, assessment=a, uploads={i: [evidence_pdf()] for i in needed}
    )
    assert services_self.submit_problems(a) == []
    page = (
        client_for(world.secretary).get(reverse("assessments:detail", args=[a.pk])).content.decode()
    )
    assert "未发生该情形的无需上传佐证材料（佐证要求：触发时提供事故调查报告或事故通报）" in page
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert Assessment.objects.get(pk=a.pk).status == "submitted"


def test_a_veto_item_marked_as_needing_evidence_never_blocks_the_submit(world):
    a = filled(world)
    veto = leaf(a.system, "3.1")
    # An older table may still say the item needs evidence: the submit ignores it.
    type(veto).objects.filter(pk=veto.pk).update(evidence_required=True)
    assert services_self.submit_problems(a) == []
    # A reported incident without its evidence does not block either: the reviewers check it.
    services_self.self_scores_save(
        actor=world.secretary,
        assessment=a,
        rows={veto.pk: {"value": "", "veto": True, "veto_reason": "6月发生重大安全事故"}},
    )
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assert Assessment.objects.get(pk=a.pk).status == "submitted"


def test_an_imported_veto_item_does_not_require_evidence(world):
    rows = [
        indicator_services.Row(code="1", name="组织建设", level=1, points=Decimal(100)),
        indicator_services.Row(
            code="1.1",
            name="支部设置",
            level=2,
            points=Decimal(100),
            parent_code="1",
            evidence_note="支部成立批复",
        ),
        indicator_services.Row(code="2", name="一票否决事项", level=1, points=Decimal(0)),
        indicator_services.Row(
            code="2.1",
            name="弄虚作假",
            level=2,
            points=Decimal(0),
            parent_code="2",
            evidence_required=True,
            evidence_note="查证材料",
            is_veto=True,
            veto_note="否决",
        ),
    ]
    system = indicator_services.system_build(
        actor=world.staff,
        header={"name": "导入的评价标准", "kind": "standard", "total_points": 100},
        rows=rows,
    )
    got = {i.code: (i.evidence_required, i.evidence_note) for i in system.indicators.all()}
    assert got["1.1"] == (True, "支部成立批复")
    assert got["2.1"] == (False, "查证材料")


def test_the_review_form_shows_no_score_input_on_a_veto_item(world):
    a, assignment = reviewing(world)
    veto = leaf(a.system, "3.1")
    client = client_for(world.expert)
    html = client.get(reverse("assessments:review", args=[assignment.pk])).content.decode()
    assert "（0–0）" not in html
    assert f'type="hidden" name="value_{veto.pk}"' in html
    assert f'name="veto_{veto.pk}"' in html and f'name="text_{veto.pk}"' in html
    post = {f"value_{leaf(a.system, c).pk}": str(v) for c, v in FULL.items()}
    post |= {f"value_{veto.pk}": "", f"veto_{veto.pk}": "on", f"veto_reason_{veto.pk}": "重大事故"}
    client.post(reverse("assessments:review_save", args=[assignment.pk]), post)
    score = assignment.scores.get(indicator=veto)
    assert score.veto_triggered and score.score == Decimal(0)


def _vetoed_result(world, org, actor, manager):
    """A branch scoring 100 whose reviewer found a 一票否决 incident."""
    a = submitted(world, org=org, actor=actor)
    assignment = services_review.reviewer_assign(actor=manager, assessment=a, reviewer=world.expert)
    rows = rows_for(a.system, FULL)
    rows[leaf(a.system, "3.1").pk] = {"value": "", "veto": True, "veto_reason": "发生重大事故"}
    services_review.review_scores_save(actor=world.expert, assignment=assignment, rows=rows)
    services_review.review_complete(actor=world.expert, assignment=assignment)
    return services_finalise.assessment_finalise(actor=manager, assessment=a)


def _low_result(world, org, actor, manager):
    a = submitted(world, org=org, actor=actor)
    assignment = services_review.reviewer_assign(actor=manager, assessment=a, reviewer=world.expert)
    low = {"1.1": 10, "1.2": 10, "2.1": 15, "2.2": 15}  # 50: no star, under the line
    services_review.review_scores_save(
        actor=world.expert, assignment=assignment, rows=rows_for(a.system, low)
    )
    services_review.review_complete(actor=world.expert, assignment=assignment)
    return services_finalise.assessment_finalise(actor=manager, assessment=a)


def test_results_pages_tell_a_veto_from_a_score_under_the_line(world):
    vetoed = _vetoed_result(world, world.branch_a, world.secretary, world.mid_admin)
    low = _low_result(world, world.branch_b, world.outsider, world.staff)
    assert vetoed.final_score == Decimal("100") and vetoed.star_label == "不达标（一票否决）"
    assert low.star_label == "未定星级"
    services_finalise.policy_set(
        actor=world.staff, org=world.group, system_code="t-std", min_score="70"
    )
    client = client_for(world.staff)
    url = reverse("assessments:committee_results", args=[world.group.pk])
    response = client.get(url)
    html = response.content.decode()
    assert {b.label: b.count for b in response.context["stars"]}["一票否决/未定星级"] == 2
    assert "是否达标另看下方的达标线" in html
    rows = html.split('id="below-table"')[1].split("</table>")[0].split("<tr>")[2:]
    by_org = {("支部A" if "支部A" in r else "支部B"): r for r in rows}
    assert "触发一票否决" in by_org["支部A"] and "低于达标线" not in by_org["支部A"]
    assert "不达标（一票否决）" in by_org["支部A"]
    assert "低于达标线" in by_org["支部B"] and "触发一票否决" not in by_org["支部B"]
    # The branch's own page and the brand card name the veto next to the score.
    secretary = client_for(world.secretary)
    html = secretary.get(
        reverse("assessments:org_results", args=[world.branch_a.pk])
    ).content.decode()
    assert "不达标（一票否决）" in html
    html = secretary.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert 'data-testid="std-stars">不达标（一票否决）<' in html
    report = secretary.get(reverse("assessments:export_docx", args=[vetoed.pk])).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report)).paragraphs)
    assert "评定得分100分，因触发一票否决事项，评定结果为不达标。" in text


def test_the_breadcrumb_names_the_parent_organisation(world):
    _vetoed_result(world, world.branch_a, world.secretary, world.mid_admin)
    org = world.branch_a.parent
    html = (
        client_for(world.staff)
        .get(reverse("assessments:committee_results", args=[org.pk]))
        .content.decode()
    )
    crumbs = html.split('aria-label="breadcrumb"')[1].split("</ol>")[0]
    assert org.parent.name in crumbs and "上一级" not in crumbs


def test_a_vetoed_result_warns_on_the_brand_page_even_without_a_threshold(world):
    a = filled(world)
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    assignment = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    rows = rows_for(a.system, FULL)
    rows[leaf(a.system, "3.1").pk] = {"value": "", "veto": True, "veto_reason": "发生重大事故"}
    services_review.review_scores_save(actor=world.expert, assignment=assignment, rows=rows)
    services_review.review_complete(actor=world.expert, assignment=assignment)
    services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    client = client_for(world.secretary)
    html = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert 'data-testid="std-warning"' in html and "触发一票否决" in html
    html = client.get(reverse("assessments:org_results", args=[world.branch_a.pk])).content
    assert "触发一票否决，标准化基础不达标" in html.decode()

"""Review fixes: a reviewer limited to some items sees nothing of the others (evidence by URL,
the API), bad self-scores keep what was typed, and reviewers who have not finished can be
removed."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from partybrand.assessments import services_finalise, services_review, services_self
from partybrand.assessments.models import Assessment
from partybrand.core.models import AuditLog
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from tests.factories import PASSWORD, make_user
from tests.permissions.cases.assessments import (
    FULL,
    evidence_pdf,
    filled,
    finalised,
    leaf,
    rows_for,
    small_system,
    started,
)

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def second_expert(world):
    user = make_user("expert2", "冯专家")
    role_assign(actor=None, user=user, org=world.group, role=Role.EXPERT)
    return user


def split_review(world):
    """Evidence on 1.1 and 2.1; world.expert reviews everything, 冯专家 only 2.1."""
    a = filled(world)
    services_self.evidence_add(
        actor=world.secretary,
        item=a.items.get(indicator__code="2.1"),
        uploads=[evidence_pdf("三会一课记录.pdf")],
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    full = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    part = services_review.reviewer_assign(
        actor=world.mid_admin,
        assessment=a,
        reviewer=second_expert(world),
        indicators=[leaf(a.system, "2.1")],
    )
    return Assessment.objects.get(pk=a.pk), full, part


def evidence_url(a, code):
    evidence = a.items.get(indicator__code=code).evidence.get()
    return reverse("assessments:evidence_download", args=[evidence.pk])


def test_a_limited_reviewer_cannot_download_evidence_of_other_items(world):
    a, full, part = split_review(world)
    limited = login(part.reviewer)
    assert limited.get(evidence_url(a, "1.1")).status_code == 404
    assert limited.get(evidence_url(a, "2.1")).status_code == 200
    # A reviewer of every item, and the branch itself, still download everything.
    assert login(world.expert).get(evidence_url(a, "1.1")).status_code == 200
    assert login(world.member).get(evidence_url(a, "1.1")).status_code == 200


def test_the_api_shows_a_limited_reviewer_no_dimension_totals(world):
    a, full, part = split_review(world)
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    services_review.review_complete(actor=part.reviewer, assignment=part)
    services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    url = reverse("api:assessment-detail", args=[a.pk])
    detail = login(part.reviewer).get(url).json()
    assert [i["indicator_code"] for i in detail["items"]] == ["2.1"]
    assert detail["dimensions"] == []
    assert len(login(world.expert).get(url).json()["items"]) == 5
    assert len(login(world.member).get(url).json()["dimensions"]) == 2


def test_the_api_list_shows_a_limited_reviewer_no_assessment_totals(world):
    a, full, part = split_review(world)
    services_review.assessment_return(
        actor=world.mid_admin, assessment=a, reason="请补充三会一课记录"
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    services_review.review_complete(actor=part.reviewer, assignment=part)
    services_finalise.assessment_finalise(actor=world.mid_admin, assessment=a)
    totals = ["self_total", "final_score", "stars", "star_label", "veto_triggered"]
    totals.append("return_reason")

    def shown(user, url):
        data = login(user).get(url).json()
        row = data["results"][0] if "results" in data else data
        return [row[name] for name in totals]

    for url in (reverse("api:assessment-list"), reverse("api:assessment-detail", args=[a.pk])):
        assert shown(part.reviewer, url) == [None] * 6
        for whole in (world.expert, world.member):  # every item, or the branch itself
            assert shown(whole, url) == [
                "100.00",
                "99.00",
                5,
                "★★★★★",
                False,
                "请补充三会一课记录",
            ], whole
    row = login(part.reviewer).get(reverse("api:assessment-list")).json()["results"][0]
    assert (row["org_name"], row["status"]) == ("支部A", "finalised")


def test_a_refused_self_assessment_keeps_what_was_typed(world):
    a = started(world)
    system = a.system
    post = {
        f"value_{leaf(system, '1.1').pk}": "18",
        f"text_{leaf(system, '1.1').pk}": "支部按期换届，批复齐全",
        f"value_{leaf(system, '2.1').pk}": "35",
        f"evidence_{leaf(system, '1.1').pk}": evidence_pdf(),
    }
    response = login(world.secretary).post(reverse("assessments:self_save", args=[a.pk]), post)
    page = response.content.decode()
    assert response.status_code == 400
    assert "2.1 三会一课：得分应在 0 到 30 分之间" in page and "请改正后重新选择文件" in page
    assert 'value="支部按期换届，批复齐全"' in page and 'value="35"' in page
    item = a.items.get(indicator__code="1.1")
    assert item.self_score is None and not item.evidence.exists()  # nothing half-saved


def test_a_reviewer_who_has_not_finished_can_be_removed(world):
    a, full, part = split_review(world)
    services_review.review_scores_save(
        actor=part.reviewer, assignment=part, rows=rows_for(a.system, {"2.1": 28})
    )
    manager = login(world.mid_admin)
    page = manager.get(reverse("assessments:detail", args=[a.pk])).content.decode()
    assert page.count('data-testid="remove-reviewer"') == 2
    response = manager.post(reverse("assessments:reviewer_remove", args=[part.pk]), follow=True)
    assert "已移除评审人 冯专家" in response.content.decode()
    assert list(a.assignments.values_list("reviewer__username", flat=True)) == ["expert"]
    row = AuditLog.objects.filter(action="assessment_reviewer_remove").get()
    assert row.changes["reviewer"] == "冯专家" and row.changes["scores"] == 1
    # A reviewer who has completed stays; the review goes back through 退回修改.
    services_review.review_scores_save(
        actor=world.expert, assignment=full, rows=rows_for(a.system, FULL)
    )
    services_review.review_complete(actor=world.expert, assignment=full)
    response = manager.post(reverse("assessments:reviewer_remove", args=[full.pk]), follow=True)
    assert "已提交评审，不能移除" in response.content.decode()
    assert a.assignments.count() == 1


def test_removing_the_last_reviewer_waits_for_reviewers_again(world):
    a, full, part = split_review(world)
    services_review.reviewer_remove(actor=world.mid_admin, assignment=part)
    a = services_review.reviewer_remove(actor=world.mid_admin, assignment=full)
    assert a.status == "submitted" and not a.assignments.exists()
    with pytest.raises(PermissionDenied):
        services_review.reviewer_remove(
            actor=world.secretary,
            assignment=services_review.reviewer_assign(
                actor=world.mid_admin, assessment=a, reviewer=world.expert
            ),
        )


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e99999", "-5"])
def test_a_strange_threshold_in_the_address_falls_back_to_the_policy(world, raw):
    finalised(world)
    url = reverse("assessments:committee_results", args=[world.committee_a.pk])
    response = login(world.mid_admin).get(url, {"threshold": raw})
    assert response.status_code == 200
    assert response.context["threshold"] == Decimal("60")


def test_refused_review_scores_keep_what_was_typed(world):
    a, full, part = split_review(world)
    post = {
        f"value_{leaf(a.system, '2.1').pk}": "31",
        f"text_{leaf(a.system, '2.1').pk}": "支委会记录缺两次",
    }
    reviewer = login(part.reviewer)
    response = reviewer.post(reverse("assessments:review_save", args=[part.pk]), post)
    page = response.content.decode()
    assert response.status_code == 400 and "得分应在 0 到 30 分之间" in page
    assert 'value="31"' in page and 'value="支委会记录缺两次"' in page
    assert not part.scores.exists()


def test_a_note_that_looks_like_a_formula_stays_text_in_the_score_sheet(world):
    import io

    import openpyxl

    a = started(world)
    note = '=HYPERLINK("http://example.invalid","点击查看")'
    services_self.self_scores_save(
        actor=world.secretary,
        assessment=a,
        rows={leaf(a.system, "2.1").pk: {"value": "28", "text": note}},
    )
    response = login(world.member).get(reverse("assessments:export_xlsx", args=[a.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == note]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_a_refused_start_keeps_the_period_typed(world):
    started(world)  # 2025年度 exists already
    post = {
        "org": world.branch_a.pk,
        "system": small_system().pk,
        "period": "2025年度",
    }
    response = login(world.secretary).post(reverse("assessments:start"), post)
    page = response.content.decode()
    assert response.status_code == 400 and "已有2025年度的该项测评" in page
    assert 'value="2025年度"' in page
    post["period"] = "2025年上半年"  # not a year: the dates are needed
    page = login(world.secretary).post(reverse("assessments:start"), post).content.decode()
    assert "请填写测评周期的起止日期" in page and 'value="2025年上半年"' in page


def test_a_committee_s_own_system_serves_only_its_subtree(world):
    from partybrand.indicators import services as indicator_services
    from tests.permissions.cases.indicators import make_system

    own = indicator_services.system_publish(
        actor=world.committee_admin, system=make_system(world)
    )  # owned by 甲公司党委
    page = login(world.outsider).get(reverse("assessments:my_list")).content.decode()
    assert own.name not in page
    post = {"org": world.branch_b.pk, "system": own.pk, "period": "2025年度"}
    response = login(world.outsider).post(reverse("assessments:start"), post)
    assert response.status_code == 400 and not Assessment.objects.exists()
    with pytest.raises(ValidationError, match="不适用于"):
        services_self.assessment_start(
            actor=world.outsider, org=world.branch_b, system=own, period="2025年度"
        )
    # Inside 甲公司党委 the system is offered and used.
    assert own.name in login(world.secretary).get(reverse("assessments:my_list")).content.decode()
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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        out = []
        for user, name in ((world.member, "my_list"), (world.mid_admin, "review_list")):
            client = login(user)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(f"assessments:{name}")).status_code == 200
            out.append(len(ctx))
        return out

    a = filled(world, period="2020年度")
    services_self.assessment_submit(actor=world.secretary, assessment=a)
    few = counts()
    for year in range(2021, 2025):
        a = filled(world, period=f"{year}年度")
        services_self.assessment_submit(actor=world.secretary, assessment=a)
    many = counts()
    assert many == few
    page = login(world.mid_admin).get(reverse("assessments:review_list")).content.decode()
    assert page.count("支部A") >= 5


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
    client = login(world.secretary)
    html = client.get(reverse("brands:brand_detail", args=[world.brand.pk])).content.decode()
    assert 'data-testid="std-warning"' in html and "触发一票否决" in html
    html = client.get(reverse("assessments:org_results", args=[world.branch_a.pk])).content
    assert "触发一票否决，标准化基础不达标" in html.decode()


def test_a_refused_file_leaves_no_other_file_behind(world):
    import os

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = started(world)
    system = a.system
    post = {
        f"value_{leaf(system, '1.1').pk}": "18",
        f"evidence_{leaf(system, '1.1').pk}": evidence_pdf(),
        f"evidence_{leaf(system, '2.1').pk}": SimpleUploadedFile(
            "会议记录.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        ),
    }
    response = login(world.secretary).post(reverse("assessments:self_save", args=[a.pk]), post)
    assert "佐证材料“会议记录”未上传" in response.content.decode()
    folder = os.path.join(default_storage.location, "assessments", str(a.pk))
    assert not os.path.exists(folder) or os.listdir(folder) == []
    assert not a.items.filter(evidence__isnull=False).exists()


def test_an_assigned_reviewer_is_notified_once_with_a_link_to_the_review(world):
    from partybrand.notices.models import Notification
    from tests.permissions.cases.assessments import submitted

    a = submitted(world)
    assignment = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    notice = Notification.objects.get(user=world.expert)
    assert notice.kind == "review_assigned" and "请评审" in notice.title
    assert notice.url == reverse("assessments:review", args=[assignment.pk])

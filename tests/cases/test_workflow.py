"""A case's way up: written at the branch, refused when not ready, returned with comments and
revised, forwarded, published, reported upward and adopted — each step on the timeline, in the
audit log and told to the people concerned."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.cases import services
from partybrand.cases.choices import CasesAudit, CaseState
from partybrand.cases.models import CaseStep
from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from tests.cases.builders import TEXTS, make_case
from tests.helpers import client_for


def test_a_case_goes_up_is_returned_revised_published_reported_and_adopted(world):
    case = make_case(world)
    services.case_submit(actor=world.secretary, case=case)
    # 甲公司党委 is told there is a case to review
    assert Notification.objects.filter(user=world.mid_admin, kind="case_to_review").exists()
    services.case_return(actor=world.mid_admin, case=case, comment="做法部分请写具体。")
    case.refresh_from_db()
    assert case.state == CaseState.RETURNED
    assert Notification.objects.filter(user=world.secretary, kind="case_returned").exists()
    page = client_for(world.secretary).get(reverse("cases:case_edit", args=[case.pk]))
    assert "做法部分请写具体。" in page.content.decode()

    services.case_update(
        actor=world.secretary, case=case, texts={"practice": "逐台核对检修工艺卡，开设微课堂。"}
    )
    services.case_submit(actor=world.secretary, case=case)
    services.case_forward(actor=world.mid_admin, case=case, comment="推荐发布。")
    assert Notification.objects.filter(user=world.staff, kind="case_to_review").exists()
    services.case_publish(actor=world.staff, case=case)
    report = services.case_report(
        actor=world.staff, case=case, reported_to="国资委党委", reported_on=clock.today()
    )
    services.case_adopt(
        actor=world.staff,
        report=report,
        adopted=True,
        level="province",
        adopted_on=clock.today(),
        note="刊发于《党建工作》",
    )
    case.refresh_from_db()
    assert case.state == CaseState.ADOPTED
    actions = list(CaseStep.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "forward", "publish", "report", "adopt"]
    audited = set(AuditLog.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert {CasesAudit.CASE_RETURN, CasesAudit.CASE_PUBLISH, CasesAudit.CASE_ADOPT} <= audited
    assert Notification.objects.filter(user=world.member, kind="case_adopted").exists()
    detail = client_for(world.member).get(reverse("cases:case_detail", args=[case.pk]))
    assert "已采用 · 省部级" in detail.content.decode()


def test_a_case_without_two_photos_or_over_the_limit_is_not_submitted(world):
    case = make_case(world, photos=1)
    with pytest.raises(ValidationError, match="至少上传2张照片"):
        services.case_submit(actor=world.secretary, case=case)
    services.case_limit_set(actor=world.staff, org=world.committee_a, max_chars=500)
    services.case_update(actor=world.secretary, case=case, texts={"practice": "做法。" * 200})
    with pytest.raises(ValidationError, match="超过上限500字"):
        services.case_submit(actor=world.secretary, case=case)
    case.refresh_from_db()
    assert case.state == CaseState.DRAFT


def test_a_return_needs_comments_and_a_submitted_case_is_not_edited(world):
    case = make_case(world, CaseState.SUBMITTED)
    with pytest.raises(ValidationError):
        services.case_return(actor=world.mid_admin, case=case, comment="  ")
    with pytest.raises(ValidationError, match="退回后才能修改"):
        services.case_update(actor=world.secretary, case=case, title="改")
    response = client_for(world.secretary).get(reverse("cases:case_edit", args=[case.pk]))
    assert response.status_code == 403


def test_the_committee_above_forwards_but_only_the_group_publishes(world):
    case = make_case(world, CaseState.SUBMITTED)
    publish = reverse("cases:case_step", args=[case.pk, "publish"])
    forward = reverse("cases:case_step", args=[case.pk, "forward"])
    assert client_for(world.secretary).post(forward).status_code == 403
    assert client_for(world.mid_admin).post(forward).status_code == 302
    assert client_for(world.mid_admin).post(publish).status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.FORWARDED


def test_drafts_stay_in_the_branch_published_cases_are_read_across_the_group(world):
    draft = make_case(world)
    published = make_case(world, CaseState.PUBLISHED, title="已发布的案例")
    outsider = client_for(world.outsider)
    assert outsider.get(reverse("cases:case_detail", args=[draft.pk])).status_code == 404
    assert outsider.get(reverse("cases:case_detail", args=[published.pk])).status_code == 200


def test_the_limit_is_the_nearest_committees(world):
    assert services.case_limit(world.branch_a) == 3000
    services.case_limit_set(actor=world.staff, org=world.group, max_chars=4000)
    services.case_limit_set(actor=world.staff, org=world.committee_a, max_chars=2500)
    assert services.case_limit(world.branch_a) == 2500
    assert services.case_limit(world.branch_b) == 4000
    with pytest.raises(ValidationError):
        services.case_limit_set(actor=world.staff, org=world.group, max_chars=10)


def test_the_body_count_leaves_out_spaces_and_the_appendix():
    texts = {**TEXTS, "appendix": "附录很长" * 100}
    assert services.body_length({"summary": "一 二\n三", "appendix": "四五六"}) == 3
    assert services.body_length(texts) == sum(
        len("".join(TEXTS[k].split())) for k in ("summary", "background", "practice", "results")
    )


def test_the_writing_page_counts_live_and_shows_the_checkers_findings_by_part(world):
    case = make_case(world)
    services.case_update(
        actor=world.secretary, case=case, texts={"background": "2026年03月起，班组 12 名青工"}
    )
    page = client_for(world.secretary).get(reverse("cases:case_edit", args=[case.pk]))
    html = page.content.decode()
    assert 'data-case-count data-limit="3000"' in html
    assert "cases/cases.js" in html
    assert "背景与起因" in html and "日期" in html  # the padded date is found in its part


def test_the_list_and_to_do_lines_show_what_waits(world):
    make_case(world, CaseState.SUBMITTED)
    home = client_for(world.mid_admin).get(reverse("home")).content.decode()
    assert "待我审核的典型案例" in home
    rows = client_for(world.mid_admin).get(reverse("cases:case_list") + "?todo=review")
    assert rows.content.decode().count('data-testid="case"') == 1


def test_a_report_marked_not_adopted_is_corrected_later_and_the_correction_is_audited(world):
    case = make_case(world, CaseState.REPORTED)
    report = case.reports.get()
    staff = client_for(world.staff)
    url = reverse("cases:case_adopt", args=[case.pk])
    staff.post(url, {"report": report.pk, "adopted": "0", "note": "本期未刊用"})
    case.refresh_from_db()
    assert case.state == CaseState.REPORTED
    page = staff.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "未采用 · 本期未刊用" in page and "更正采用情况" in page

    # adopted after all, in the next issue
    response = staff.post(
        url,
        {
            "report": report.pk,
            "adopted": "1",
            "level": "group",
            "adopted_on": clock.today().isoformat(),
            "note": "下期刊发",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ADOPTED
    page = client_for(world.member).get(reverse("cases:case_detail", args=[case.pk]))
    assert "已采用 · 集团级" in page.content.decode()
    assert Notification.objects.filter(user=world.member, kind="case_adopted").exists()

    # then at another level: the 国资委 took it up too
    services.case_adopt(
        actor=world.staff, report=report, adopted=True, level="province", adopted_on=clock.today()
    )
    report.refresh_from_db()
    assert report.level == "province"
    rows = AuditLog.objects.filter(action=CasesAudit.CASE_ADOPT, object_id=str(case.pk))
    said = [r.changes["adopted"] for r in rows.order_by("id")]
    assert said == [
        ["待记录", "未采用"],
        ["未采用", "已采用（集团级）"],
        ["已采用（集团级）", "已采用（省部级）"],
    ]
    steps = CaseStep.objects.filter(case=case, action="adopt").order_by("id")
    assert "更正采用情况（原为未采用）" in steps[1].comment

    # and back to not adopted: the case is no longer shown as adopted
    services.case_adopt(actor=world.staff, report=report, adopted=False)
    case.refresh_from_db()
    assert case.state == CaseState.REPORTED


def test_an_author_cannot_correct_the_adoption(world):
    case = make_case(world, CaseState.ADOPTED)
    report = case.reports.get()
    response = client_for(world.secretary).post(
        reverse("cases:case_adopt", args=[case.pk]), {"report": report.pk, "adopted": "0"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.adopted is True
    page = client_for(world.secretary).get(reverse("cases:case_detail", args=[case.pk]))
    assert "更正采用情况" not in page.content.decode()

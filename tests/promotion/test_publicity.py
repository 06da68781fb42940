"""The publicity ledger as a branch keeps it and a committee reads it: entries inside, upward
and outward with a link or a proof, totals by direction × level and by month, the .xlsx
export, and the adoption recorded by the committee that received an item."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.notices.models import Notification
from partybrand.promotion import services
from partybrand.promotion.models import PublicityEntry
from tests.helpers import api_client, assert_queries_flat, login, pdf_bytes
from tests.promotion.helpers import jpeg

LIST = reverse("promotion:publicity_list")


def add(world, **fields):
    data = {
        "channel": "wechat",
        "published_on": date(2024, 5, 1),
        "title": "公众号推文",
        "level": "company",
        "url": "https://mp.example.com/s/1",
        **fields,
    }
    return services.publicity_add(actor=world.secretary, brand=world.brand, **data)


def test_direction_follows_the_channel_and_a_link_or_a_proof_is_needed(world):
    assert add(world).direction == "inside"
    assert add(world, channel="media", outlet="中国电力报").direction == "outward"
    with pytest.raises(ValidationError, match="链接或上传佐证"):
        add(world, url="")
    pdf = SimpleUploadedFile("刊物.pdf", pdf_bytes(), content_type="application/pdf")
    entry = add(world, channel="journal", url="", proof=pdf)
    assert entry.proof_content_type == "application/pdf" and entry.proof_size > 0


def test_a_proof_is_judged_by_its_content_not_its_name(world):
    fake = SimpleUploadedFile("截图.png", b"not really a picture", content_type="image/png")
    with pytest.raises(ValidationError):
        add(world, url="", proof=fake)
    assert not PublicityEntry.objects.exists()


def test_an_upward_item_goes_to_a_committee_above_and_waits_for_its_adoption(
    world, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="上级党组织"):
        add(world, channel="report")
    with pytest.raises(ValidationError, match="只能报送本组织的上级"):
        add(world, channel="report", reported_to=world.committee_b)
    with django_capture_on_commit_callbacks(execute=True):
        entry = add(world, channel="report", reported_to=world.group, title="经验材料")
    assert entry.adoption == "pending"
    assert Notification.objects.filter(user=world.staff, kind="publicity_reported").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.publicity_adopt(
            actor=world.staff, entry=entry, adoption="adopted", level="group", note="刊发于简报"
        )
    entry.refresh_from_db()
    assert (entry.adoption, entry.adopted_level, entry.adopted_by) == (
        "adopted",
        "group",
        world.staff,
    )
    assert Notification.objects.get(user=world.secretary).title == "“经验材料”已采用"


def test_the_branch_cannot_record_the_adoption_of_its_own_report(world):
    entry = add(world, channel="report", reported_to=world.group)
    client = login(world, "secretary")
    response = client.post(
        reverse("promotion:publicity_adopt", args=[entry.pk]),
        {"adoption": "adopted", "level": "group", "adopted_on": "2024-05-10"},
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.adoption == "pending"


def test_an_item_marked_not_adopted_is_corrected_later_with_an_audit_row(world):
    from partybrand.core.models import AuditLog

    entry = add(world, channel="report", reported_to=world.group, title="经验材料")
    services.publicity_adopt(actor=world.staff, entry=entry, adoption="declined")
    client = login(world, "staff")
    page = client.get(reverse("promotion:publicity_detail", args=[entry.pk])).content.decode()
    assert "未采用" in page and "更正采用情况" in page
    response = client.post(
        reverse("promotion:publicity_adopt", args=[entry.pk]),
        {"adoption": "adopted", "level": "group", "adopted_on": "2024-05-20", "note": "补充刊发"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.adoption, entry.adopted_level) == ("adopted", "group")
    changes = [
        row.changes["adoption"]
        for row in AuditLog.objects.filter(action="publicity_adopt").order_by("id")
    ]
    assert changes == [["待采用", "未采用"], ["未采用", "已采用"]]


def test_the_ledger_totals_by_direction_level_and_month_and_filters_by_committee(world):
    add(world)
    add(world, channel="media", level="provincial", published_on=date(2024, 6, 3), reach=5000)
    entry = add(world, channel="report", reported_to=world.group)
    services.publicity_adopt(actor=world.staff, entry=entry, adoption="adopted", level="group")
    client = login(world, "staff")
    html = client.get(LIST + f"?org={world.committee_a.pk}").content.decode()
    assert "合计：3 条" in html and "2024年5月" in html and "2024年6月" in html
    assert 'data-testid="adopted">1<' in html and "集团级 1" in html
    html = client.get(LIST + f"?org={world.committee_b.pk}").content.decode()
    assert "合计：0 条" in html
    html = client.get(LIST + "?direction=outward").content.decode()
    assert "合计：1 条" in html and "5000" in html


def test_the_export_is_a_workbook_of_the_filtered_rows(world):
    add(world, title="推文一")
    add(world, channel="media", title="报道二", outlet="人民网")
    response = login(world, "member").get(
        reverse("promotion:publicity_export") + "?direction=outward"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[7], r[5]) for r in rows] == [("报道二", "人民网")]


def test_the_secretary_enters_an_item_with_a_screenshot_through_the_page(world):
    client = login(world, "secretary")
    form = client.get(reverse("promotion:publicity_create", args=[world.brand.pk])).content
    assert "测试集团党委" in form.decode()  # the committees above, to report to
    response = client.post(
        reverse("promotion:publicity_create", args=[world.brand.pk]),
        {
            "channel": "board",
            "published_on": "2024-05-02",
            "title": "宣传栏：红色引擎",
            "level": "team",
            "proof": jpeg("宣传栏.jpg"),
        },
    )
    entry = PublicityEntry.objects.get()
    assert response.status_code == 302 and entry.proof_content_type == "image/jpeg"
    proof = client.get(reverse("promotion:publicity_proof", args=[entry.pk]))
    assert proof.status_code == 200 and proof["Content-Type"] == "image/jpeg"


def test_the_ledger_takes_the_same_queries_for_few_or_many_entries(world):
    client = login(world, "staff")
    add(world)
    assert_queries_flat(
        lambda: [add(world, channel="media", level="group", title=f"报道{i}") for i in range(10)],
        lambda: client.get(LIST),
    )


def test_the_brand_page_shows_recent_activities_and_publicity(world):
    add(world, title="公众号推文：红色引擎")
    html = login(world, "member").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    assert "公众号推文：红色引擎" in html.content.decode()


def test_the_receiving_committee_finds_waiting_reports_on_its_to_do_list(world):
    add(world, channel="report", reported_to=world.group, title="经验材料")
    html = login(world, "staff").get(reverse("home")).content.decode()
    assert "待记录采用情况的报送材料" in html
    assert (
        "待记录采用情况的报送材料"
        not in login(world, "secretary").get(reverse("home")).content.decode()
    )


TOTALS = reverse("api:promotion-publicity-totals")


def test_the_api_gives_the_ledgers_totals_per_brand_and_per_committee(world):
    add(world)
    add(world, channel="media", level="provincial", published_on=date(2024, 6, 3), reach=5000)
    entry = add(world, channel="report", reported_to=world.group)
    services.publicity_adopt(actor=world.staff, entry=entry, adoption="adopted", level="group")
    add(world, channel="report", reported_to=world.group, title="待采用的材料")
    client = api_client(world.staff)
    body = client.get(TOTALS, {"org": world.committee_a.pk}).json()
    assert body["total"] == 4
    directions = {row["direction"]: row for row in body["by_direction"]}
    assert directions["inside"]["total"] == 1 and directions["inside"]["by_level"]["company"] == 1
    assert directions["outward"]["by_level"]["provincial"] == 1
    assert directions["outward"]["reach"] == 5000
    assert directions["upward"]["label"] == "向上报送" and directions["upward"]["total"] == 2
    assert body["by_level"] == {
        "team": 0,
        "company": 3,
        "group": 0,
        "provincial": 1,
        "national": 0,
    }
    assert body["by_month"] == [{"month": "2024-05", "count": 3}, {"month": "2024-06", "count": 1}]
    assert body["adopted_total"] == 1 and body["adopted_by_level"]["group"] == 1
    assert body["pending"] == 1
    # the same figures the ledger page shows
    html = login(world, "staff").get(LIST + f"?org={world.committee_a.pk}").content.decode()
    assert "合计：4 条" in html
    # per brand, per direction and per year
    assert (
        client.get(TOTALS, {"brand": world.brand.pk, "direction": "outward"}).json()["total"] == 1
    )
    assert client.get(TOTALS, {"year": 2023}).json()["total"] == 0
    assert client.get(TOTALS, {"org": world.committee_b.pk}).json()["total"] == 0
    assert client.get(TOTALS, {"level": "mars"}).status_code == 400


def test_the_totals_count_only_what_the_caller_sees(world):
    add(world, channel="media", level="provincial")
    assert api_client(world.outsider).get(TOTALS).json()["total"] == 0
    assert api_client(world.member).get(TOTALS).json()["total"] == 1
    assert api_client().get(TOTALS).status_code in (401, 403)


def test_the_totals_take_the_same_queries_for_few_or_many_entries(world):
    add(world)
    client = api_client(world.staff)

    def many():
        for n in range(6):
            add(world, channel="media", level="national", title=f"报道{n}")
            add(world, channel="report", reported_to=world.group, title=f"材料{n}")

    assert_queries_flat(many, lambda: client.get(TOTALS))

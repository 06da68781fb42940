"""The indicator editor in the browser (server side) and the read-only API."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from partybrand.core.files import XLSX
from partybrand.indicators import services
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from tests.helpers import api_client, assert_queries_flat, client_for
from tests.permissions.cases.indicators import make_system, table_upload

pytestmark = pytest.mark.django_db


def detail_url(system):
    return reverse("indicators:system_detail", args=[system.pk])


def test_member_reads_the_templates_with_their_tree_and_stars(world):
    standard, _ = load_templates()
    client = client_for(world.member)
    listing = client.get(reverse("indicators:system_list")).content.decode()
    assert "党支部标准化规范化建设评价标准" in listing and "平台模板" in listing
    assert "新建指标体系" not in listing
    assert ">指标体系</a>" in listing  # the navbar entry
    page = client.get(detail_url(standard)).content.decode()
    for text in (
        "基本组织设置",
        "“三会一课”按频次开展且记录完整",
        "每缺 1 次扣 1 分",
        "查台账",
        "一票否决",
        "五星级党支部",
        "全部相符",
        "去掉一个最高分和一个最低分后取平均",
    ):
        assert text in page, text
    assert 'id="publish-button"' not in page and "bi-pencil" not in page


def test_list_filters_and_keeps_its_query_count(world):
    load_templates()
    client = client_for(world.committee_admin)
    url = reverse("indicators:system_list")
    brand_only = client.get(url, {"kind": "brand"}).content.decode()
    assert (
        "党建品牌创建评价标准" in brand_only and "党支部标准化规范化建设评价标准" not in brand_only
    )
    make_system(world, name="草稿甲")
    drafts = client.get(url, {"status": "draft"}).content.decode()
    assert "草稿甲" in drafts and "党建品牌创建评价标准" not in drafts
    assert "草稿甲" in client.get(url, {"q": "草稿"}).content.decode()

    def more_systems():
        for n in range(6):
            make_system(world, publish=bool(n % 2), name=f"标准{n}")

    assert_queries_flat(more_systems, lambda: client.get(url))


def test_the_panel_names_what_does_not_add_up_and_publish_is_refused(world):
    system = make_system(world)
    admin = client_for(world.committee_admin)
    item = system.indicators.get(code="2.1")
    hint = admin.get(reverse("indicators:indicator_edit", args=[item.pk])).content.decode()
    assert "其余 1 项同级指标合计 30 分，本项为 <b>30</b> 分时与上级指标相符。" in hint
    assert 'hx-get="' in hint and 'data-state="ok"' in hint
    preview_url = reverse("indicators:indicator_preview", args=[item.pk])
    preview = admin.get(preview_url, {"points": "28"}).content.decode()
    assert 'data-state="off"' in preview and "尚未保存" in preview
    assert "其下二级指标合计 58 分，相差 2 分" in preview
    assert 'data-state="ok"' in admin.get(preview_url, {"points": "abc"}).content.decode()
    assert system.indicators.get(code="2.1").points == Decimal("30")  # nothing saved
    response = admin.post(
        reverse("indicators:indicator_edit", args=[item.pk]),
        {"name": "三会一课", "points": "28", "scoring_method": "deduct", "methods": ["ledger"]},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#ind-{item.pk}")
    page = admin.get(detail_url(system)).content.decode()
    assert 'data-state="off"' in page
    assert "一级指标“2 组织生活”分值 60 分，其下二级指标合计 58 分，相差 2 分。" in page
    response = admin.post(reverse("indicators:system_publish", args=[system.pk]), follow=True)
    assert "未发布：还有 1 处问题" in response.content.decode()
    system.refresh_from_db()
    assert system.status == "draft"
    # Move the two points to 主题党日: the panel turns green and publishing works.
    admin.post(
        reverse("indicators:indicator_edit", args=[system.indicators.get(code="2.2").pk]),
        {"name": "主题党日", "points": "32", "scoring_method": "deduct"},
    )
    assert 'data-state="ok"' in admin.get(detail_url(system)).content.decode()
    admin.post(reverse("indicators:system_publish", args=[system.pk]))
    system.refresh_from_db()
    assert system.status == "published"
    response = admin.post(reverse("indicators:system_new_version", args=[system.pk]))
    new = IndicatorSystem.objects.get(code=system.code, version=2)
    assert response["Location"] == detail_url(new)
    assert new.indicators.get(code="2.2").points == Decimal("32")


def test_add_and_reorder_items_in_the_page(world):
    system = make_system(world)
    admin = client_for(world.committee_admin)
    first = system.indicators.get(code="1")
    admin.post(
        reverse("indicators:indicator_add", args=[system.pk]),
        {"parent": first.pk, "name": "发展党员", "points": "5", "scoring_method": "add"},
    )
    added = system.indicators.get(name="发展党员")
    assert (added.code, added.level, added.parent_id) == ("1.3", 2, first.pk)
    admin.post(reverse("indicators:indicator_move", args=[added.pk]), {"direction": "up"})
    names = list(
        system.indicators.filter(parent=first).order_by("position").values_list("name", flat=True)
    )
    assert names == ["支委会健全", "发展党员", "党小组设置"]
    page = admin.get(detail_url(system)).content.decode()
    assert page.index("发展党员") < page.index("党小组设置")
    assert "一级指标“1 组织建设”分值 40 分，其下二级指标合计 45 分，相差 5 分。" in page


def test_an_item_of_another_system_cannot_be_used_as_parent(world):
    system = make_system(world)
    other = make_system(world, name="另一套")
    admin = client_for(world.committee_admin)
    response = admin.post(
        reverse("indicators:indicator_add", args=[system.pk]),
        {
            "parent": other.indicators.get(code="1").pk,
            "name": "错位",
            "points": "1",
            "scoring_method": "add",
        },
        follow=True,
    )
    assert "上级指标不属于该指标体系" in response.content.decode()
    assert not system.indicators.filter(name="错位").exists()


def test_import_in_the_page_and_the_refusal_lists_rows(world):
    admin = client_for(world.committee_admin)
    url = reverse("indicators:system_import")
    bad = admin.post(url, {"owner": world.committee_a.pk, "file": table_upload(points="28")})
    page = bad.content.decode()
    assert bad.status_code == 400 and 'id="import-errors"' in page
    assert "第 8 行" in page and "一级指标“2 组织生活”分值 60 分，其下二级指标合计 58 分" in page
    assert not IndicatorSystem.objects.exists()
    good = admin.post(url, {"owner": world.committee_a.pk, "file": table_upload()})
    system = IndicatorSystem.objects.get(name="甲公司党委新标准")
    assert good["Location"] == detail_url(system)
    assert system.owner == world.committee_a and system.indicators.count() == 6
    # Only committees where the user manages the library are offered as owners.
    refused = admin.post(url, {"owner": world.branch_a.pk, "file": table_upload("支部自定")})
    assert "选择一个有效的选项" in refused.content.decode()


def test_export_and_template_downloads(world):
    system = make_system(world, publish=True)
    client = client_for(world.member)
    response = client.post(reverse("indicators:system_export", args=[system.pk]))
    assert response["Content-Type"] == XLSX
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["指标体系"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "甲公司党支部建设考评标准" in values and "三会一课" in values
    template = client.get(reverse("indicators:import_template"))
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["指标体系", "示例", "说明"]


def test_a_very_large_system_is_exported_in_the_background_with_the_same_table(
    world, settings, django_capture_on_commit_callbacks
):
    system = make_system(world, publish=True)
    client = client_for(world.member)
    url = reverse("indicators:system_export", args=[system.pk])
    assert client.get(url).status_code == 405  # a link cannot start the work
    immediate = load_workbook(io.BytesIO(client.post(url).content))["指标体系"]
    settings.EXPORT_JOB_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url, {"submission_token": "e-1"})
        again = client.post(url, {"submission_token": "e-1"})  # a second click
    job = Job.objects.get()
    assert started["Location"] == again["Location"] == job.get_absolute_url()
    assert (job.kind, job.state) == (JobKind.INDICATOR_EXPORT, JobState.DONE)
    assert job.done == system.indicators.count() and job.result_name.endswith("（第1版）.xlsx")
    got = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert got["Content-Type"] == XLSX
    background = load_workbook(io.BytesIO(b"".join(got.streaming_content)))["指标体系"]
    assert list(background.values) == list(immediate.values)


def test_api_lists_and_details_in_scope(world):
    standard, _ = load_templates()
    own = make_system(world, publish=True)
    draft = make_system(world, name="草稿")
    member = api_client(world.member)
    listing = member.get("/api/v1/indicator-systems/").json()
    assert {row["name"] for row in listing["results"]} == {
        standard.name,
        "党建品牌创建评价标准",
        own.name,
    }
    body = member.get(f"/api/v1/indicator-systems/{standard.pk}/").json()
    first = body["indicators"][0]
    assert (first["code"], first["name"], first["points"], first["is_leaf"]) == (
        "1",
        "基本组织设置",
        "15.00",
        False,
    )
    assert first["children"][0]["code"] == "1.1" and first["children"][0]["is_leaf"] is True
    assert [s["stars"] for s in body["stars"]] == [1, 2, 3, 4, 5]
    assert body["final_rule"] == "trimmed_mean"
    assert member.get(f"/api/v1/indicator-systems/{draft.pk}/").status_code == 404
    outsider = api_client(world.outsider)
    assert outsider.get(f"/api/v1/indicator-systems/{own.pk}/").status_code == 404
    kinds = member.get("/api/v1/indicator-systems/", {"kind": "brand"}).json()["results"]
    assert [row["code"] for row in kinds] == ["brand-evaluation"]


def test_the_schema_describes_the_endpoints(world, tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out))
    schema = out.read_text(encoding="utf-8")
    assert "/api/v1/indicator-systems/{id}/" in schema
    assert "指标体系详情" in schema


def test_a_published_system_shows_no_edit_controls(world):
    system = make_system(world, publish=True)
    page = client_for(world.committee_admin).get(detail_url(system)).content.decode()
    assert 'id="new-version-button"' in page and 'id="publish-button"' not in page
    assert "内容已锁定" in page
    item = system.indicators.get(code="1.1")
    response = client_for(world.committee_admin).post(
        reverse("indicators:indicator_edit", args=[item.pk]),
        {"name": "改", "points": "20", "scoring_method": "add"},
        follow=True,
    )
    assert "新建版本" in response.content.decode()
    services_untouched = system.indicators.get(code="1.1")
    assert services_untouched.name == "支委会健全"
    assert services.system_retire(actor=world.committee_admin, system=system).status == "retired"

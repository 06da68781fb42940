"""Importing the benchmark library: the shared file as it is, malformed copies refused row by row,
GBK and .xlsx files, re-imports that update, and the command line."""

import csv
import io
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from partybrand import __main__ as cli
from partybrand.benchmarks.imports import SHARED_FILE, import_benchmarks, import_shared_benchmarks
from partybrand.benchmarks.models import Benchmark
from partybrand.core.models import AuditLog
from partybrand.core.tabular import ImportRefused
from tests.factories import PASSWORD

HEADER = ["name", "slogan_or_theme", "connotation", "org", "sector", "level", "source_url", "year"]


def shared_rows() -> list[dict]:
    with SHARED_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_bytes(rows: list[dict], encoding="utf-8", header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(data: bytes, name="标杆品牌.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refused(**kwargs) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        import_benchmarks(actor=None, **kwargs)
    return info.value


def test_the_shared_file_imports_as_it_is_with_every_row(db):
    expected = shared_rows()
    assert len(expected) == 131
    result = import_benchmarks(actor=None, upload=upload(SHARED_FILE.read_bytes()))
    assert (result.created, result.updated, result.unchanged) == (131, 0, 0)
    assert Benchmark.objects.count() == 131
    stored = {(b.name, b.org) for b in Benchmark.objects.all()}
    assert stored == {(r["name"], r["org"]) for r in expected}

    first = Benchmark.objects.get(name="忠诚党办·服务先锋", org="甘肃省正宁县（县直党组织）")
    assert first.region == "甘肃省" and first.year == 2024 and first.sector == "政府机关"
    assert first.level == "支部" and first.level_class == "branch"
    assert first.source_url == "https://new.qq.com/rain/a/20240918A01O1U00"
    assert first.name_norm == "忠诚党办服务先锋" and first.name_initials == "zcdbfwxf"
    assert " 先锋 " in first.search_terms and " 服务 " in first.search_terms
    # The same name in another organisation is another brand.
    assert Benchmark.objects.filter(name="忠诚党办·服务先锋").count() == 2
    team = Benchmark.objects.get(name="大通申联特战队")
    assert team.org == "上汽集团所属党组织（上汽大通）" and team.slogan == "" and team.level == ""
    assert team.year == 2022 and team.region == ""  # the organisation's name does not say
    grid = Benchmark.objects.get(name="红船共产党员服务队")
    assert (grid.slogan, grid.region, grid.level_class) == (
        "红船精神、电力传承",
        "浙江省",
        "company",
    )
    assert Benchmark.objects.get(name="太行黎明共产党员服务队").year is None
    assert Benchmark.objects.get(name="堡垒工程").region == "广西壮族自治区"
    assert AuditLog.objects.get(action="benchmark_import").changes["created"] == 131


def test_a_malformed_copy_is_refused_row_by_row_and_nothing_is_stored(db):
    rows = shared_rows()
    rows[2]["year"] = "明年"  # row 4
    rows[3]["year"] = "2024年度"  # row 5: one year in the text, accepted
    rows[8]["name"] = "  "  # row 10
    rows[13]["source_url"] = "见公众号文章"  # row 15
    rows[20]["year"] = "2019-2021"  # row 22: two years, ambiguous
    rows[30]["source_url"] = "ftp://example.com/a"  # row 32
    rows.append(dict(rows[0]))  # row 133 repeats row 2
    error = refused(upload=upload(csv_bytes(rows)))
    assert [(e.row, e.column) for e in error.errors] == [
        (2, "品牌名称"),
        (4, "年份"),
        (10, "品牌名称"),
        (15, "来源地址"),
        (22, "年份"),
        (32, "来源地址"),
        (133, "品牌名称"),
    ]
    messages = {e.row: e.message for e in error.errors}
    assert "明年" in messages[4] and "四位数字" in messages[4]
    assert "多个年份" in messages[22]
    assert messages[10] == "品牌名称不能为空。"
    assert "http://" in messages[15]
    assert "第 2、133 行" in messages[2] and messages[2] == messages[133]
    assert str(error.errors[1]) == f"第 4 行「年份」：{messages[4]}"
    assert Benchmark.objects.count() == 0 and not AuditLog.objects.exists()


def test_a_gbk_csv_from_excel_imports(db):
    rows = shared_rows()[:20]
    result = import_benchmarks(actor=None, upload=upload(csv_bytes(rows, encoding="gbk")))
    assert result.created == 20
    assert Benchmark.objects.filter(name="子午先锋·七彩文旅", region="甘肃省").exists()


def test_a_utf8_csv_without_bom_and_with_chinese_headers_imports(db):
    data = "品牌名称,口号/主题,所属组织,地区,年份\n红色引擎,党建引领,某省电力公司党委,浙江,2024年\n"
    result = import_benchmarks(actor=None, upload=upload(data.encode("utf-8")))
    assert result.created == 1
    entry = Benchmark.objects.get()
    assert (entry.slogan, entry.region, entry.year) == ("党建引领", "浙江省", 2024)


def test_an_xlsx_file_imports_with_row_numbers_as_excel_shows_them(db):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["标杆品牌清单"])  # a title row above the header, as people make them
    sheet.append(["品牌名称", "所属组织", "行业", "层级", "来源地址", "年份"])
    sheet.append(["红色引擎", "国网湖州供电公司", "电力", "党支部", "https://a.example.cn/1", 2024])
    sheet.append(["", "某公司", "电力", "", "", 2023])
    out = io.BytesIO()
    workbook.save(out)
    error = refused(upload=upload(out.getvalue(), "清单.xlsx"))
    assert [(e.row, e.column) for e in error.errors] == [(4, "品牌名称")]

    sheet.delete_rows(4)
    out = io.BytesIO()
    workbook.save(out)
    assert import_benchmarks(actor=None, upload=upload(out.getvalue(), "清单.xlsx")).created == 1
    entry = Benchmark.objects.get()
    assert (entry.region, entry.year, entry.level_class) == ("浙江省", 2024, "branch")


def test_reimport_updates_instead_of_duplicating(db):
    rows = shared_rows()
    import_benchmarks(actor=None, upload=upload(csv_bytes(rows)))
    rows[0]["slogan_or_theme"] = "忠诚服务、甘当先锋"
    rows[4]["year"] = "2023"
    result = import_benchmarks(actor=None, upload=upload(csv_bytes(rows)))
    assert (result.created, result.updated, result.unchanged) == (0, 2, 129)
    assert Benchmark.objects.count() == 131
    entry = Benchmark.objects.get(name="忠诚党办·服务先锋", org="甘肃省正宁县（县直党组织）")
    assert entry.slogan == "忠诚服务、甘当先锋" and entry.slogan_initials == "zcfwgdxf"
    assert Benchmark.objects.get(name="技·术·人").year == 2023


def test_a_file_without_a_column_leaves_that_field_alone(db):
    import_benchmarks(actor=None, upload=upload(csv_bytes(shared_rows()[:5])))
    data = "name,org,year\n大通申联特战队,上汽集团所属党组织（上汽大通）,2021\n"
    result = import_benchmarks(actor=None, upload=upload(data.encode()))
    assert (result.created, result.updated) == (0, 1)
    entry = Benchmark.objects.get(name="大通申联特战队")
    assert entry.year == 2021 and entry.sector == "制造"  # no sector column: kept


def test_a_dry_run_checks_and_stores_nothing(db):
    result = import_benchmarks(actor=None, upload=upload(SHARED_FILE.read_bytes()), dry_run=True)
    assert (result.created, result.dry_run) == (131, True)
    assert not Benchmark.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel"),
        ("名字,单位\n甲,乙\n".encode(), "未找到表头行"),
        (b"name,org\n", "没有可导入的数据"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(db, data, message):
    assert message in refused(upload=upload(data)).errors[0].message


def test_the_command_imports_and_reports_counts(db, capsys):
    call_command("import_benchmarks", str(SHARED_FILE))
    assert "新增 131 个，更新 0 个" in capsys.readouterr().out
    assert Benchmark.objects.count() == 131
    assert AuditLog.objects.get(action="benchmark_import").actor is None


def test_the_command_refuses_a_bad_file_listing_every_error(db, tmp_path, capsys):
    rows = shared_rows()
    rows[2]["year"] = "明年"
    rows[8]["name"] = ""
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError) as info:
        call_command("import_benchmarks", str(bad))
    assert info.value.returncode == 1
    err = capsys.readouterr().err
    assert "第 4 行「年份」" in err and "第 10 行「品牌名称」" in err
    assert not Benchmark.objects.exists()


def test_partybrand_import_benchmarks_spelled_with_a_dash_works_and_exits_1_on_refusal(
    db, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(sys, "argv", ["partybrand", "import-benchmarks", str(SHARED_FILE)])
    cli.main()
    assert "新增 131 个" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("name,year\n红色引擎,明年\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["partybrand", "import-benchmarks", str(bad), "--dry-run"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 1
    assert "第 2 行「年份」" in capsys.readouterr().err


def test_the_import_page_shows_every_error_and_then_imports(world, client):
    client.login(username="staff", password=PASSWORD)
    url = reverse("benchmarks:benchmark_import")
    rows = shared_rows()
    rows[2]["year"] = "明年"
    page = client.post(url, {"file": upload(csv_bytes(rows))})
    assert page.status_code == 200
    assert "第 4 行" in page.content.decode() and "未导入任何数据" in page.content.decode()
    response = client.post(url, {"file": upload(SHARED_FILE.read_bytes())})
    assert response.status_code == 302 and Benchmark.objects.count() == 131


def test_the_api_import_returns_counts_or_the_row_errors(world):
    api = APIClient()
    api.force_authenticate(world.staff)
    url = reverse("api:benchmark-import")
    response = api.post(url, {"file": upload(SHARED_FILE.read_bytes())}, format="multipart")
    assert response.status_code == 200
    assert response.json() == {"created": 131, "updated": 0, "unchanged": 0, "dry_run": False}
    bad = api.post(url, {"file": upload(b"name,year\n,2024\nX,next year\n")}, format="multipart")
    assert bad.status_code == 400
    assert [(e["row"], e["column"]) for e in bad.json()["errors"]] == [(2, "品牌名称"), (3, "年份")]
    member = APIClient()
    member.force_authenticate(world.member)
    denied = member.post(url, {"file": upload(SHARED_FILE.read_bytes())}, format="multipart")
    assert denied.status_code == 403 and "权限" in denied.json()["detail"]


def test_the_shared_file_loaded_twice_changes_nothing(db):
    assert import_shared_benchmarks(actor=None).created == 131
    again = import_shared_benchmarks(actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 131)


def test_the_downloaded_template_imports_once_filled_in(world, client):
    client.login(username="staff", password=PASSWORD)
    response = client.get(reverse("benchmarks:benchmark_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["标杆品牌导入模板"]
    assert [c.value for c in sheet[1]][:2] == ["品牌名称", "口号/主题"]
    assert (
        "没有可导入的数据"
        in refused(upload=upload(response.content, "模板.xlsx")).errors[0].message
    )
    sheet.append(["连心桥", "", "", "国网湖州供电公司", "电力", "党支部", "", "", "2025年"])
    out = io.BytesIO()
    workbook.save(out)
    assert import_benchmarks(actor=None, upload=upload(out.getvalue(), "模板.xlsx")).created == 1
    assert Benchmark.objects.get().year == 2025

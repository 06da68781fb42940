"""`theme-check` and POST /api/v1/themes/check on the real benchmark library.

The library file shipped with the platform (131 publicly reported brand names) is imported with
the real `import_benchmarks` command; then variants of those names that neither the project's
labelled set (tests/data/near_duplicates.csv) nor the library contains — reworded, reordered,
homophone, traditional characters — are checked with `theme_check --json`. Each original must
come first, with a reason in Chinese and flagged as too close; plausible unrelated names must
not be flagged.
"""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from partybrand.benchmarks.imports import SHARED_FILE
from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.services import org_update
from partybrand.themes.checks import FLAG_SCORE, LIST_SCORE
from tests.helpers import REPO, client_for

ROOT = REPO
LABELLED = ROOT / "tests/data/near_duplicates.csv"

# (kind, variant written for this test, original in the benchmark library)
VARIANTS = [
    ("reworded", "红船共产党员突击队", "红船共产党员服务队"),
    ("reworded", "阳光审理", "阳光审判"),
    ("reworded", "清风净烟", "清风新烟"),
    ("reworded", "银发先锋队", "银发先锋"),
    ("reworded", "江城红领驿家", "江城红领驿站"),
    ("reworded", "党建领航·绿色物业", "党建领航·红色物业"),
    ("reworded", "文艺党建课", "文艺党课"),
    ("reworded", "幸福党建工程", "幸福党建"),
    ("reordered", "先锋集", "集先锋"),
    ("reordered", "领航党旗", "党旗领航"),
    ("reordered", "平安一路·清廉一路", "一路清廉·一路平安"),
    ("reordered", "引领旗帜·鲁烟先锋", "旗帜引领·鲁烟先锋"),
    ("reordered", "清廉双江", "双江筑廉"),
    ("homophone", "凤凰金球", "凤凰金秋"),
    ("homophone", "夕阳添采", "夕阳添彩"),
    ("homophone", "党建和窗", "党建和创"),
    ("homophone", "洪机车", "红机车"),
    ("homophone", "悦清春", "悦青春"),
    ("homophone", "银徽", "银辉"),
    ("traditional", "紅機車", "红机车"),
    ("traditional", "紅色驛站", "红色驿站"),
    ("traditional", "黨旗領航", "党旗领航"),
]

# Plausible brand names of other trades and places, unrelated to every library name.
UNRELATED = [
    "绿电护航",
    "碧水守望",
    "山海同心",
    "金穗惠农",
    "暖心邮路",
    "星火传薪",
    "码头红帆",
    "蓝海领航",
    "铁骨银线",
    "绿色家园·和谐社区",
    "匠心护网",
    "税月如歌",
    "桥梁卫士",
    "钢城红炉",
    "稻香支部",
    "智慧粮仓",
    "青春护航",
    "海关蓝盾",
]


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture
def library(db):
    out = io.StringIO()
    call_command("import_benchmarks", str(SHARED_FILE), stdout=out)
    assert "新增 131 个" in out.getvalue()


def theme_check(*args) -> dict:
    out = io.StringIO()
    call_command("theme_check", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_variants_are_new_to_the_project():
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        labelled = {row["name"] for row in csv.DictReader(handle)}
    with SHARED_FILE.open(encoding="utf-8", newline="") as handle:
        library_names = {row["name"] for row in csv.DictReader(handle)}
    for _, variant, original in VARIANTS:
        assert variant not in labelled and variant not in library_names
        assert original in library_names
    assert not (set(UNRELATED) & (labelled | library_names))
    assert {kind for kind, _, _ in VARIANTS} == {
        "reworded",
        "reordered",
        "homophone",
        "traditional",
    }


def test_variants_find_their_original_first_with_a_reason(library):
    misses = []
    for kind, variant, original in VARIANTS:
        report = theme_check(variant)
        top = report["nearest"][0] if report["nearest"] else None
        uniqueness = next(c for c in report["checks"] if c["name"] == "独特性")
        if (
            top is None
            or top["name"] != original
            or not top["reasons"]
            or top["score"] < FLAG_SCORE
            or uniqueness["passed"]
            or original not in uniqueness["explanation"]
        ):
            misses.append((kind, variant, original, top))
    assert not misses


def test_reasons_say_what_the_variant_shares(library):
    assert "语序调换" in theme_check("领航党旗")["nearest"][0]["reasons"]
    assert any(r.startswith("读音相同") for r in theme_check("夕阳添采")["nearest"][0]["reasons"])
    assert theme_check("紅機車")["nearest"][0]["reasons"][0] == "繁简转换后相同"


def test_unrelated_names_are_not_flagged(library):
    flagged = []
    for name in UNRELATED:
        report = theme_check(name)
        uniqueness = next(c for c in report["checks"] if c["name"] == "独特性")
        if not uniqueness["passed"] or any(n["score"] >= FLAG_SCORE for n in report["nearest"]):
            flagged.append((name, report["nearest"][:1]))
        # what is listed at all is at least LIST_SCORE close
        assert all(n["score"] >= LIST_SCORE for n in report["nearest"])
    assert not flagged


def test_json_output_has_exactly_the_documented_shape(library):
    report = theme_check("党旗领航", "--slogan", "党旗飘扬 先锋引领")
    assert set(report) == {"checks", "nearest"}
    assert [c["name"] for c in report["checks"]] == [
        "长度",
        "节奏与声调",
        "政治味",
        "文化味",
        "融合味",
        "独特性",
        "千篇一律",
        "禁用词",
    ]
    for check in report["checks"]:
        assert {"name", "passed", "score", "explanation"} <= set(check)
        assert isinstance(check["passed"], bool) and 0 <= check["score"] <= 1
    nearest = report["nearest"]
    assert nearest[0]["name"] == "党旗领航" and nearest[0]["score"] == 1.0
    assert {"name", "slogan", "owner", "score", "reasons"} <= set(nearest[0])
    assert [n["score"] for n in nearest] == sorted((n["score"] for n in nearest), reverse=True)
    assert nearest[0]["owner"]  # the enterprise the benchmark belongs to


def test_readable_output_in_chinese(library):
    out = io.StringIO()
    call_command("theme_check", "凤凰金球", stdout=out)
    text = out.getvalue()
    assert "自动检查" in text and "【长度】" in text and "【独特性】✗ 未通过" in text
    assert "相近品牌（最相近的在前）" in text and "1. 凤凰金秋" in text
    assert "原因：读音相同" in text


def test_org_option_reads_the_organisations_business_and_region(world):
    org_update(actor=None, org=world.branch_a, business="输电线路运维检修", region="江苏南京")
    report = theme_check("金陵银线先锋", "--org", world.branch_a.code)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["融合味"]["passed"] and "银线" in checks["融合味"]["explanation"]
    assert checks["文化味"]["passed"] and "金陵" in checks["文化味"]["explanation"]
    with pytest.raises(CommandError, match="找不到组织编码"):
        theme_check("金陵银线先锋", "--org", "NOPE")
    with pytest.raises(CommandError, match="请填写要检查的品牌名称"):
        theme_check("  ")


# ---------------------------------------------------------------- the API

URL = "/api/v1/themes/check"


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_api_answers_the_same_json_as_the_command(world, library):
    assert reverse("api:theme-check") == URL
    response = post(client_for(world.member), {"name": "领航党旗", "slogan": ""})
    assert response.status_code == 200
    body = response.json()
    assert body == theme_check("领航党旗")
    assert body["nearest"][0]["name"] == "党旗领航" and body["nearest"][0]["reasons"]


def test_api_excludes_the_brand_being_named_and_checks_for_its_org(world):
    client = client_for(world.secretary)
    own = post(client, {"name": world.brand.name, "brand": world.brand.pk})
    assert own.status_code == 200
    assert all(n["key"] != f"brand:{world.brand.pk}" for n in own.json()["nearest"])
    # The outsider's check still finds 支部A's unpublished draft and fails uniqueness, but does
    # not learn its name, slogan or owner.
    other = post(client_for(world.outsider), {"name": world.brand.name}).json()
    top = other["nearest"][0]
    assert top["key"] == f"brand:{world.brand.pk}" and top["flagged"]
    assert top["name"] == "（尚未公开的品牌）" and not top["slogan"] and not top["owner"]
    assert world.brand.org.name not in str(other)  # the query itself is the brand's name
    uniqueness = next(c for c in other["checks"] if c["code"] == "uniqueness")
    assert not uniqueness["passed"]
    # Once the brand is in publicity it is public knowledge.
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.PUBLICIZING)
    public = post(client_for(world.outsider), {"name": world.brand.name}).json()
    assert public["nearest"][0]["name"] == world.brand.name
    assert (
        post(client_for(world.outsider), {"name": "红心", "brand": world.brand.pk}).status_code
        == 404
    )


def test_api_validation_errors_are_in_chinese(world):
    client = client_for(world.member)
    empty = post(client, {"name": "   "})
    assert empty.status_code == 400 and empty.json()["name"] == ["请填写要检查的品牌名称。"]
    missing = post(client, {"slogan": "党建引领"})
    assert missing.status_code == 400 and "该字段是必填项" in missing.json()["name"][0]
    long = post(client, {"name": "红" * 31})
    assert long.status_code == 400 and long.json()["name"] == ["品牌名称不能超过 30 个字。"]
    slogan = post(client, {"name": "红色先锋", "slogan": "先" * 101})
    assert slogan.status_code == 400 and "口号不能超过" in slogan.json()["slogan"][0]


def test_api_refuses_anonymous_callers(db):
    response = post(Client(), {"name": "红色先锋"})
    assert response.status_code in (401, 403)
    assert "身份认证" in response.json()["detail"]


def test_api_is_in_the_openapi_schema(world):
    response = client_for(world.staff).get("/api/schema/", {"format": "json"})
    schema = json.loads(response.content)
    operation = schema["paths"]["/api/v1/themes/check"]["post"]
    assert operation["summary"] == "主题自动检查"
    assert "ThemeCheckRequest" in json.dumps(operation["requestBody"])
    assert "ThemeCheckResponse" in json.dumps(operation["responses"]["200"])


def test_api_is_rate_limited_per_user(world, monkeypatch):
    from partybrand.themes.api.check import ThemeCheckThrottle

    monkeypatch.setattr(ThemeCheckThrottle, "rate", "2/min")
    client = client_for(world.member)
    assert [post(client, {"name": "红色先锋"}).status_code for _ in range(2)] == [200, 200]
    refused = post(client, {"name": "红色先锋"})
    assert refused.status_code == 429 and "请求" in refused.json()["detail"]
    assert post(client_for(world.secretary), {"name": "红色先锋"}).status_code == 200

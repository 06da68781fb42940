"""The assessments API, the score sheet (.xlsx, where a note that looks like a formula stays
text) and the report (.docx)."""

import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.urls import reverse

from partybrand.assessments.models import ItemScore
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from tests.factories import make_user
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.assessments import (
    finalised,
    leaf,
    reviewing,
    started,
)

pytestmark = pytest.mark.django_db


def test_list_and_detail_with_item_scores(world):
    a = finalised(world)
    client = client_for(world.member)
    rows = client.get(reverse("api:assessment-list"), {"period": "2025年度"}).json()["results"]
    assert [(r["org_name"], r["final_score"], r["stars"]) for r in rows] == [("支部A", "100.00", 5)]
    detail = client.get(reverse("api:assessment-detail", args=[a.pk])).json()
    assert [i["indicator_code"] for i in detail["items"]] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert detail["items"][0]["evidence"] == ["支部成立批复"]
    assert [(d["code"], d["percent"]) for d in detail["dimensions"]] == [
        ("1", "100.00"),
        ("2", "100.00"),
    ]
    assert (
        client_for(world.outsider).get(reverse("api:assessment-detail", args=[a.pk])).status_code
        == 404
    )


def test_self_scores_through_the_api_are_validated(world):
    a = started(world)
    url = reverse("api:assessment-self-scores", args=[a.pk])
    body = {"items": [{"indicator": leaf(a.system, "1.1").pk, "value": "25"}]}
    response = client_for(world.secretary).post(url, body, content_type="application/json")
    assert response.status_code == 400 and "得分应在 0 到 20 分之间" in response.content.decode()
    assert a.items.get(indicator__code="1.1").self_score is None
    body["items"][0]["value"] = "18.5"
    response = client_for(world.secretary).post(url, body, content_type="application/json")
    assert response.json() == {"changed": 1}
    assert a.items.get(indicator__code="1.1").self_score == Decimal("18.5")


def test_reviewers_see_only_their_items_in_the_api(world):
    a, assignment = reviewing(world)
    second = make_user("expert2", "冯专家")
    role_assign(actor=None, user=second, org=world.group, role=Role.EXPERT)

    services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=second, indicators=[leaf(a.system, "2.1")]
    )
    detail = client_for(second).get(reverse("api:assessment-detail", args=[a.pk])).json()
    assert [i["indicator_code"] for i in detail["items"]] == ["2.1"]
    url = reverse("api:assessment-review-scores", args=[a.pk])
    body = {"items": [{"indicator": leaf(a.system, "1.1").pk, "value": "3"}]}
    response = client_for(second).post(url, body, content_type="application/json")
    assert response.status_code == 400 and "不在您的评审范围内" in response.content.decode()
    assert not a.assignments.get(reviewer=second).scores.exists()
    outsider_expert = make_user("expert3", "未指派")
    role_assign(actor=None, user=outsider_expert, org=world.group, role=Role.EXPERT)
    assert (
        client_for(outsider_expert).get(reverse("api:assessment-detail", args=[a.pk])).status_code
        == 404
    )


def test_list_query_count_is_constant(world):
    started(world)
    client = client_for(world.staff)

    def more_assessments():
        for year in range(2020, 2025):
            started(world, period=f"{year}年度")

    queries = assert_queries_flat(
        more_assessments, lambda: client.get(reverse("api:assessment-list"))
    )
    assert queries <= 6


def test_schema_documents_the_endpoints(world):
    schema = client_for(world.staff).get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/assessments/",
        "/api/v1/assessments/{id}/",
        "/api/v1/assessments/{id}/self-scores/",
        "/api/v1/assessments/{id}/review-scores/",
        "/api/v1/assessments/results/{org_pk}/",
    ):
        assert path in paths, path
    assert paths["/api/v1/assessments/results/{org_pk}/"]["get"]["summary"] == "测评结果汇总"


def test_score_sheet_xlsx_holds_the_scores(world):
    a = finalised(world, values={"1.1": 15, "1.2": 2, "2.1": 30, "2.2": 0})
    response = client_for(world.member).get(reverse("assessments:export_xlsx", args=[a.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}
    # 评分标准 (column 6) stands between the scoring method and the scores
    assert rows["1.1"][2] == "支部设置" and rows["1.1"][6] == 20 and rows["1.1"][7] == 15
    assert rows["1.2"][7] == 18 and rows["1.1"][9] == "支部成立批复"
    values = [r for r in ws.iter_rows(values_only=True) if r[0] in ("评定得分", "星级")]
    assert values == [("评定得分", 93) + (None,) * 8, ("星级", "★★★★") + (None,) * 8]
    assert isinstance(values[0][1], int | float)  # a number Excel can sum, not text


def test_report_docx_reads_back(world):
    a = finalised(world, values={"1.1": 15, "1.2": 2, "2.1": 30, "2.2": 0})
    response = client_for(world.member).get(reverse("assessments:export_docx", args=[a.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "支部A2025年度" in text and "评定得分93分，评定为四星级" in text
    dims = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert dims == [
        ["一级指标", "满分", "得分", "失分", "得分率"],
        ["组织建设", "40", "33", "7", "82.5%"],
        ["制度运行", "60", "60", "0", "100%"],
    ]
    assert "1.1支部设置。分值20分，得15分，失5分。" in text  # 失分分析, item by item
    assert ItemScore.objects.filter(assessment=a, final_score=15).exists()


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
    response = client_for(world.member).get(reverse("assessments:export_xlsx", args=[a.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == note]
    assert len(cells) == 1 and cells[0].data_type == "s"

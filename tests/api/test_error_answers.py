"""Every error the API answers is JSON in one documented shape, in Chinese: {"detail": a sentence},
plus one key per wrong field for a refused body. Found by fuzzing the API from its schema: bodies
without "detail", a list where a sentence belongs, a body without a multipart boundary and ids no
database column holds answered 500, over-long addresses answered by gunicorn's English page, and a
create that failed after writing kept what it wrote."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.benchmarks.models import Benchmark
from partybrand.core.rest.errors import error_body
from partybrand.surveys.models import Survey
from partybrand.surveys.serializers import SurveySerializer
from tests.factories import make_user
from tests.helpers import api_client, client_for


def test_a_refused_body_names_the_wrong_fields_in_chinese(world):
    answer = api_client(world.secretary).post(reverse("api:member-list"), {}, format="json")
    assert answer.status_code == 400
    body = answer.json()
    assert body["name"] == ["该字段是必填项。"]
    assert body["detail"].startswith("以下字段有误：") and "姓名" in body["detail"]


def test_the_token_endpoint_refuses_in_the_same_shape(db):
    answer = APIClient().post(reverse("api:token"), {}, format="json")
    assert answer.status_code == 400
    assert answer.json()["username"] == ["该字段是必填项。"]
    assert "用户名" in answer.json()["detail"]


def test_an_import_without_a_file_is_refused_in_the_same_shape(world):
    answer = api_client(world.staff).post(reverse("api:benchmark-import"), {}, format="multipart")
    assert answer.status_code == 400
    assert answer.json()["file"] == ["没有提交任何文件。"] and answer.json()["detail"]


@pytest.mark.parametrize(
    ("data", "body"),
    [
        (["已有同名对标记录。"], {"detail": "已有同名对标记录。"}),
        ({"detail": ["一。", "二。"]}, {"detail": "一。二。"}),
        ({"non_field_errors": ["不能同时为空。"]}, {"detail": "不能同时为空。"}),
        ({"detail": "未找到。"}, {"detail": "未找到。"}),
    ],
)
def test_every_error_body_has_a_sentence_as_detail(data, body):
    assert error_body(data).items() >= body.items()


def test_unreadable_json_and_a_missing_csrf_token_are_told_in_chinese(world):
    client = api_client(world.secretary)
    answer = client.generic("POST", reverse("api:member-list"), b"{bad", "application/json")
    assert answer.status_code == 400
    assert answer.json() == {
        "detail": "请求内容不是有效的 JSON（第 1 行第 2 列），请检查格式与 Content-Type。"
    }
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(world.secretary)
    answer = session.post(reverse("api:member-list"), {}, format="json")
    assert answer.status_code == 403 and answer.json()["detail"].startswith("CSRF 校验失败")


@pytest.mark.parametrize("body", [b"[null, null]", b'"text"', b"3"])
def test_a_json_body_that_is_no_object_is_a_400(world, body):
    # a list once reached a view that read it as a dictionary: a server error
    url = reverse("api:member-list")
    answer = api_client(world.secretary).generic("POST", url, body, "application/json")
    assert answer.status_code == 400
    assert answer.json() == {"detail": "请求内容应为 JSON 对象（{…}），以字段名给出各项内容。"}


def test_a_multipart_body_without_a_boundary_is_a_400_not_a_server_error(world):
    answer = api_client(world.secretary).generic(
        "POST", reverse("api:notification-read-all"), b"", content_type="multipart/form-data"
    )
    assert answer.status_code == 400
    assert answer.json() == {"detail": "请求内容无法解析，请检查格式与 Content-Type。"}


@pytest.mark.parametrize("value", ["11921380338496704610304", "²", "-1", "abc"])
@pytest.mark.parametrize(
    "url", ["/api/v1/plan-phases/?plan=", "/api/v1/plan-tasks/?plan=", "/api/v1/assessments/?org="]
)
def test_an_id_filter_that_is_no_id_is_a_400_naming_it(world, url, value):
    answer = api_client(world.staff).get(url + value)
    assert answer.status_code == 400
    name = url.rsplit("?", 1)[1].rstrip("=")
    assert answer.json()[name] == ["应为正整数编号。"]


def test_a_benchmark_year_in_other_digits_is_ignored_not_a_server_error(world):
    answer = api_client(world.staff).get("/api/v1/benchmarks/?year=²⁰²⁶")
    assert answer.status_code == 200


def test_a_body_django_refuses_is_a_json_400(world):
    fields = {f"f{n}": "x" for n in range(1200)}  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    answer = api_client(world.secretary).post(reverse("api:member-list"), fields)
    assert answer.status_code == 400
    assert answer.json() == {"detail": "提交的内容过多或过大，未处理。"}


def test_an_over_long_address_is_a_414_in_chinese(world):
    long_query = "?q=" + "党" * 3000  # 27,000 characters once percent-encoded
    answer = api_client(world.staff).get("/api/v1/brands/" + long_query)
    assert answer.status_code == 414
    assert answer.json() == {"detail": "请求地址过长（含查询参数），已拒绝；请缩短查询条件。"}
    page = client_for(world.staff).get("/brands/" + long_query)
    assert page.status_code == 414 and "请求地址过长" in page.content.decode()


def test_the_admin_creates_a_survey_and_reads_it_back(world):
    admin = api_client(make_user("root", is_superuser=True, is_staff=True))
    answer = admin.post(
        reverse("api:survey-list"), {"org": world.branch_a.pk, "title": "品牌定位问卷"}, "json"
    )
    assert answer.status_code == 201 and answer.json()["can_manage"] is True
    assert admin.get(reverse("api:survey-detail", args=[answer.json()["id"]])).status_code == 200
    assert Survey.objects.count() == 1


def test_a_create_that_fails_while_answering_keeps_nothing(world, monkeypatch):
    def broken(self, instance):
        raise RuntimeError("the answer could not be written")

    monkeypatch.setattr(SurveySerializer, "to_representation", broken)
    client = api_client(world.secretary)
    client.raise_request_exception = False
    answer = client.post(
        reverse("api:survey-list"), {"org": world.branch_a.pk, "title": "品牌定位问卷"}, "json"
    )
    assert answer.status_code == 500
    assert answer.json() == {"detail": "系统暂时无法完成请求，问题已记录，请稍后再试。"}
    assert not Survey.objects.exists()  # a retry will not make a second one


def test_a_benchmark_without_level_or_source_matches_its_schema(world):
    Benchmark.objects.create(name="无来源标杆", sector="电力", year=2024)
    row = api_client(world.staff).get(reverse("api:benchmark-list")).json()["results"][0]
    assert row["source_url"] == "" and row["level_class"] == ""

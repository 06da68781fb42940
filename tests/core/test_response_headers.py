"""What every answer says besides its content: nothing holding personal data may be kept by a
browser or proxy (Cache-Control: no-store), static files may; and a Host header the platform
does not serve is a proper 400 in Chinese, JSON under /api/, not a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import api_client, client_for
from tests.permissions.cases.pages import with_logo

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_and_downloads_with_personal_data_are_not_stored(world):
    client = client_for(world.staff)
    for url in (
        reverse("home"),
        reverse("orgs:member_list"),
        reverse("orgs:member_detail", args=[world.member_a.pk]),
        reverse("orgs:member_export"),
        reverse("audit_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_api_answers_are_not_stored_whoever_asks(world):
    answer = api_client(world.staff).get("/api/v1/members/")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    refused = Client().get("/api/v1/members/")
    assert refused.status_code in (401, 403) and refused["Cache-Control"] == "no-store"


def test_error_and_sign_in_pages_are_not_stored(world):
    assert no_store(Client().get(reverse("login")))
    assert no_store(client_for(world.member).get("/no-such-page/"))


def test_static_files_may_be_cached_and_a_logo_keeps_its_own_rule(world):
    static = Client().get("/static/partybrand/app.css")
    assert static.status_code == 200 and not no_store(static)
    logo = client_for(world.member).get(reverse("brands:logo", kwargs=with_logo(world)))
    assert logo.status_code == 200 and logo["Cache-Control"] == "private, max-age=3600"


def test_a_host_the_platform_does_not_serve_is_a_400_page_in_chinese(settings):
    assert not settings.DEBUG
    response = Client().get(reverse("login"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求的网站地址不是本平台的地址" in page and '<html lang="zh-CN">' in page
    assert no_store(response)


def test_a_host_the_platform_does_not_serve_is_a_json_400_under_the_api():
    response = Client().get("/api/v1/brands/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "请求的网站地址不是本平台的地址，已拒绝。请使用系统管理员公布的平台地址访问。"
    }


def test_a_signed_in_user_with_a_bad_host_gets_the_page_too(world):
    client = client_for(world.member)
    response = client.get(reverse("home"), HTTP_HOST="evil.example")
    assert response.status_code == 400 and "请求有误" in response.content.decode()

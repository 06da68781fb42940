"""The API 令牌 page: a person creates a token and sees its key once, lists their tokens by name
and prefix, revokes one or all; nobody reaches another's tokens; the user menu links the page."""

from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.core.models import ApiToken, AuditLog
from partybrand.core.tokens import token_issue
from tests.helpers import login

URL = "/tokens/"


def works(key) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(reverse("api:brand-list")).status_code == 200


def test_a_created_tokens_key_is_shown_once_and_works(world):
    client = login(world, "secretary")
    response = client.post(URL, {"name": "数据同步脚本", "submission_token": "t1"})
    assert response.status_code == 200
    key = response.context["key"]
    page = response.content.decode()
    assert key in page and "离开本页后将无法再次查看" in page
    assert "no-store" in response["Cache-Control"]
    assert works(key)
    again = client.get(URL).content.decode()
    token = ApiToken.objects.get(user=world.secretary)
    assert key not in again and token.prefix in again and "数据同步脚本" in again
    row = AuditLog.objects.get(action="token_issue")
    assert row.actor == world.secretary and row.comment == "页面创建"


def test_the_same_form_sent_twice_creates_one_token(world):
    client = login(world, "secretary")
    client.post(URL, {"name": "脚本", "submission_token": "same"})
    client.post(URL, {"name": "脚本", "submission_token": "same"})
    assert ApiToken.objects.filter(user=world.secretary).count() == 1


def test_a_token_needs_a_name_and_nothing_is_lost(world):
    response = login(world, "secretary").post(URL, {"name": " ", "submission_token": "t2"})
    assert response.status_code == 400 and "令牌名称：该字段是必填项。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_one_and_then_all(world):
    keys = [token_issue(actor=world.secretary, user=world.secretary, name=n)[1] for n in "甲乙丙"]
    client = login(world, "secretary")
    first = ApiToken.objects.get(name="甲")
    response = client.post(reverse("api_token_revoke", args=[first.pk]), follow=True)
    assert "已撤销令牌“甲（" in response.content.decode()
    assert [works(key) for key in keys] == [False, True, True]
    response = client.post(reverse("api_tokens_revoke_all"), follow=True)
    assert "已撤销全部 2 个有效令牌" in response.content.decode()
    assert not any(works(key) for key in keys)
    assert response.context["live"] == 0


def test_nobody_reaches_anothers_tokens(world):
    token, key = token_issue(actor=world.member, user=world.member, name="党员的")
    client = login(world, "staff")
    assert "党员的" not in client.get(URL).content.decode()
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    client.post(reverse("api_tokens_revoke_all"))
    assert works(key)


def test_the_user_menu_links_the_token_page(world):
    page = login(world, "member").get(reverse("home")).content.decode()
    assert f'href="{URL}"' in page and "API 令牌" in page

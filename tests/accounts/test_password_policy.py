"""The password policy: ten characters of three kinds, never the demo password outside the demo."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from partybrand.accounts.credentials import temporary_password


def refusals(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize(
    "password",
    ["demo12345", "short-A1", "alllowercaseletters", "ALLUPPER12345", "1234567890123"],
)
def test_weak_passwords_are_refused_in_chinese(password, settings):
    settings.DEMO_MODE = False
    found = refusals(password)
    assert found
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for message in found)


def test_the_demo_password_is_named_as_such(settings):
    settings.DEMO_MODE = False
    assert refusals("demo12345") == ["不能使用演示密码，请设置只有您知道的密码。"]


def test_a_changed_demo_password_is_refused_too(settings, monkeypatch):
    settings.DEMO_MODE = False
    monkeypatch.setenv("DEMO_PASSWORD", "Huaxin-demo-2026")
    assert "不能使用演示密码，请设置只有您知道的密码。" in refusals("Huaxin-demo-2026")


def test_the_demo_accepts_its_own_password_and_nothing_else_weak(settings):
    settings.DEMO_MODE = True
    assert refusals("demo12345") == []
    assert refusals("abc") != []


@pytest.mark.parametrize("password", ["Hongqi-2026!", "hongqi-dangjian-7", "红旗Hongqi2026"])
def test_strong_passwords_pass(password, settings):
    settings.DEMO_MODE = False
    assert refusals(password) == []


def test_temporary_passwords_pass_the_policy():
    for _ in range(50):
        assert refusals(temporary_password()) == []

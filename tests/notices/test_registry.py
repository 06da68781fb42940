"""The notification centre knows its producers only through what they register: kinds of notice
with Chinese labels and daily reminder producers."""

import ast
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from partybrand.notices import registry
from partybrand.notices.models import Notification
from partybrand.notices.services import notify
from tests.factories import PASSWORD
from tests.permissions.cases.supervision import make_plan, make_task, today

SRC = Path(__file__).resolve().parents[2] / "src" / "partybrand"


def test_every_kind_an_app_sends_has_its_chinese_label():
    kinds = registry.known_kinds()
    assert kinds["review_assigned"] == "评审指派"  # was shown as the generic 提醒
    assert kinds["assigned"] == "任务分派" and kinds["ticket"] == "督办单"
    assert kinds["rectification_overdue"] == "整改逾期"
    assert registry.kind_label("no-such-kind") == registry.GENERIC_LABEL


def test_a_kind_registered_twice_with_another_label_is_refused():
    class Clash(models.TextChoices):
        ASSIGNED = "assigned", "别的名称"

    with pytest.raises(ImproperlyConfigured):
        registry.register_kinds(Clash)
    assert registry.kind_label("assigned") == "任务分派"


def test_the_notice_list_shows_the_label_of_a_review_assignment(world):
    notify(user=world.expert, kind="review_assigned", key="a:1", title="请评审：支部A 2026 测评")
    client = Client()
    assert client.login(username=world.expert.username, password=PASSWORD)
    page = client.get(reverse("notices:notice_list")).content.decode()
    assert "评审指派" in page


def test_the_daily_digest_runs_every_registered_producer_and_names_kinds_in_chinese(world):
    plan = make_plan(world)
    make_task(world, plan, title="已逾期的任务", deadline=today() + timedelta(days=1))
    out = StringIO()
    call_command("send_digest", "--today", (today() + timedelta(days=3)).isoformat(), stdout=out)
    assert "已逾期 1" in out.getvalue()
    assert Notification.objects.filter(kind="overdue", title__contains="已逾期的任务").count() == 1


def test_a_producer_registered_by_an_app_is_called_with_the_day(db, monkeypatch):
    seen = []
    monkeypatch.setattr(registry, "_producers", dict(registry._producers))
    registry.register_reminders("test.echo", lambda day: seen.append(day) or {"ticket": 2})
    counts = registry.produce_reminders(today())
    assert seen == [today()] and counts["ticket"] >= 2


def _kind_literals():
    """kind="..." string literals passed to notify/build/notify_many calls in the apps."""
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("notify", "build"):
                for kw in node.keywords:
                    if kw.arg == "kind" and isinstance(kw.value, ast.Constant):
                        yield f"{path.relative_to(SRC)}:{node.lineno}"


def test_apps_name_their_kinds_of_notice_by_their_choices_not_by_strings():
    assert list(_kind_literals()) == []

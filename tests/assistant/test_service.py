"""The service the theme workshop calls: context from the organisation without its members,
the configured provider, and an audit row that records the call but not the texts."""

import json
import os
import subprocess
import sys

import pytest

from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.openai_provider import OpenAIProvider
from partybrand.assistant.registry import get_provider
from partybrand.assistant.services import assistant_candidates, org_context
from partybrand.assistant.trades import trade_by_code
from partybrand.brands.services import brand_create, brand_update
from partybrand.core.models import AuditLog
from partybrand.orgs.services import org_update
from tests.assistant.server import FakeOpenAI


@pytest.fixture
def profiled(world):
    org_update(
        actor=world.staff,
        org=world.branch_a,
        business="输电线路运维检修和带电作业",
        region="江苏南京",
    )
    world.branch_a.refresh_from_db()
    brand_update(actor=world.secretary, brand=world.brand, cultural_note="“修一台、精一台”的传统")
    world.brand.refresh_from_db()
    return world


def test_the_workshop_gets_offline_drafts_and_the_audit_keeps_no_texts(profiled, settings):
    settings.AI_PROVIDER = "offline"
    world = profiled
    drafts = assistant_candidates(
        actor=world.secretary, org=world.branch_a, brand=world.brand, keywords=["安全"], count=6
    )
    assert len(drafts) == 6 and drafts.source == "offline"
    assert drafts.trade["name"] == "电网" and "输电" in drafts.trade["decided_by"]
    grid = trade_by_code("grid").vocabulary()  # 输电线路运维检修 is the grid's work
    assert sum(any(w in d.name + d.slogan for w in grid) for d in drafts) >= 5
    row = AuditLog.objects.get(action="assistant_candidates")
    assert row.actor == world.secretary and row.org_path == world.branch_a.path
    assert row.object_type == "brands.brand" and row.object_id == str(world.brand.pk)
    assert row.changes == {"provider": "offline", "count": 6, "requested": 6, "dropped": 0}
    stored = json.dumps(row.changes, ensure_ascii=False)
    assert not any(d.name in stored for d in drafts)


def test_the_context_comes_from_the_records_and_lists_nearby_brands(profiled):
    world = profiled
    brand_create(actor=world.mid_admin, org=world.general_branch, name="机关先锋")
    brand_create(actor=world.outsider, org=world.branch_b, name="远方品牌")
    ctx = org_context(org=world.branch_a, brand=world.brand, keywords=("安全",))
    assert (ctx.org_name, ctx.org_kind, ctx.region) == ("支部A", "党支部", "江苏南京")
    assert ctx.business == "输电线路运维检修和带电作业"
    assert ctx.culture == "“修一台、精一台”的传统"  # the brand's 文化味 note by default
    assert ctx.avoid_names == ("机关先锋",)  # its own name is not avoided; far brands are not
    assert org_context(org=world.branch_a, culture="自定义").culture == "自定义"


def test_what_is_sent_holds_the_business_profile_and_no_member_data(profiled, settings):
    world = profiled
    with FakeOpenAI() as server:
        settings.AI_PROVIDER = "openai"
        settings.AI_BASE_URL, settings.AI_MODEL = server.url, "party-7b"
        settings.AI_API_KEY, settings.AI_TIMEOUT, settings.AI_MAX_RETRIES = "k", 5, 0
        drafts = assistant_candidates(actor=world.secretary, org=world.branch_a, count=3)
        sent = server.sent_text()
    assert drafts.source == "openai" and [d.name for d in drafts] == ["银线先锋", "红心护网"]
    assert "输电线路运维检修和带电作业" in sent and "支部A" in sent
    member = world.member_a
    for personal in (member.name, member.phone, member.id_number, "王书记", "1990-03-07"):
        assert personal not in sent
    row = AuditLog.objects.get(action="assistant_candidates")
    assert row.changes == {"provider": "openai", "count": 2, "requested": 3, "dropped": 1}


def test_the_provider_follows_the_settings(settings):
    settings.AI_PROVIDER = "offline"
    assert isinstance(get_provider(), OfflineProvider)
    settings.AI_PROVIDER = "openai"
    settings.AI_BASE_URL, settings.AI_MODEL, settings.AI_API_KEY = "http://127.0.0.1:9/v1", "m", ""
    settings.AI_TIMEOUT, settings.AI_MAX_RETRIES = 7, 1
    provider = get_provider()
    assert isinstance(provider, OpenAIProvider)
    assert (provider.model, provider.timeout, provider.client.max_retries) == ("m", 7, 1)
    with pytest.raises(ValueError):
        get_provider("chatbot")


def test_a_wrong_provider_setting_stops_the_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYBRAND_")}
    env.update(
        DJANGO_SETTINGS_MODULE="partybrand.settings_test",
        PARTYBRAND_AI_PROVIDER="openai",  # without a model
    )
    result = subprocess.run(
        [sys.executable, "-m", "partybrand", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "PARTYBRAND_AI_MODEL is required" in result.stderr

"""In a real browser: with a configured model the assistant page answers at once, shows the job's
progress in place while the model works, and shows the drafts, ready to accept, once the job has
ended, without the user doing anything."""

import pytest
from playwright.sync_api import expect

from partybrand.jobs import services as job_services
from partybrand.jobs.execution import execute
from partybrand.jobs.models import Job
from partybrand.themes.services import workshops as services
from tests.assistant.server import FakeOpenAI
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_the_page_follows_the_job_and_then_offers_the_drafts(
    live_server, live_world, page, settings, monkeypatch, tmp_path
):
    settings.THEME_INDEX_PATH = tmp_path / "index.pkl"
    queued: list[int] = []
    # The job waits, as it would for a busy worker, until this test runs it.
    monkeypatch.setattr(job_services, "enqueue", lambda job_id, request_id: queued.append(job_id))
    workshop = services.workshop_start(actor=live_world.secretary, brand=live_world.brand)
    sign_in(page, live_server, "secretary")
    with FakeOpenAI() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL = "openai", server.url
        settings.AI_MODEL, settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = "party-7b", 0, 5
        page.goto(f"{live_server.url}/themes/{workshop.pk}/assistant/")
        page.fill("#id_count", "3")
        page.click("button:has-text('生成候选')")
        expect(page.locator("#assistant-job")).to_contain_text("AI 服务正在起草")
        expect(page.locator("[data-job=state]")).to_have_text("排队中")
        assert "?job=" in page.url and not server.requests
        shot(page, "themes-assistant-job-running")

        (job_id,) = queued
        execute(job_id)  # the worker takes it
        expect(page.locator("#drafts .theme-draft")).to_have_count(2, timeout=10_000)
        expect(page.locator("#assistant-job")).to_have_count(0)
        expect(page.locator("#drafts")).to_contain_text("来源：AI 服务")
        shot(page, "themes-assistant-job-done")
        assert Job.objects.get(pk=job_id).state == "done" and len(server.requests) == 1

    page.click("button[aria-label='采纳 银线先锋']")
    expect(page.locator("body")).to_contain_text("已将 AI 草稿“银线先锋”采纳为候选")
    assert workshop.candidates.filter(name="银线先锋").exists()

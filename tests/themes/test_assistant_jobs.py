"""A configured model answers the workshop's AI assistant in the background: the page answers at
once with the job, follows it in place, and then shows the drafts for a person to accept. Through
the real OpenAI client against the local fake server; jobs run at once (PARTYBRAND_TASKS_EAGER).
A model's refusal ends the job with the provider's Chinese message; a timeout or a server error
is tried again by the jobs' policy, then told the same way."""

import pytest
from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.notices.models import Notification
from partybrand.themes.choices import CandidateSource
from partybrand.themes.models import Candidate
from partybrand.themes.services import workshops as services
from tests.assistant.server import FakeOpenAI
from tests.helpers import client_for, login


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture
def ws(world):
    workshop = services.workshop_start(actor=world.secretary, brand=world.brand)
    services.candidate_add(
        actor=world.secretary, workshop=workshop, name="光耀电网", slogan="党建引领 光明使者"
    )
    return workshop


@pytest.fixture
def model(settings):
    """The assistant configured to ask a model: the local fake server, no retries of the client
    itself (the jobs' policy retries), two attempts in all."""
    with FakeOpenAI() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL, settings.AI_MODEL = "openai", server.url, "m"
        settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = 2, 5
        settings.JOBS_MAX_ATTEMPTS = 2
        yield server


def start(client, ws, capture, form="t-1", **data):
    with capture(execute=True):
        return client.post(
            reverse("themes:assistant", args=[ws.pk]), {"submission_token": form, **data}
        )


def test_drafts_come_from_a_job_and_become_candidates_only_when_accepted(
    world, ws, model, django_capture_on_commit_callbacks
):
    client = client_for(world.secretary)
    started = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    job = Job.objects.get()
    page_url = reverse("themes:assistant", args=[ws.pk]) + f"?job={job.pk}"
    assert started.status_code == 302 and started["Location"] == page_url
    assert (job.kind, job.state, job.owner) == (
        JobKind.ASSISTANT_CANDIDATES,
        JobState.DONE,
        world.secretary,
    )
    assert len(model.requests) == 1 and model.requests[0]["body"]["model"] == "m"
    assert not Candidate.objects.filter(name__in=["银线先锋", "红心护网"]).exists()

    page = client.get(page_url)
    text = page.content.decode()
    assert [row["draft"].name for row in page.context["drafts"]] == ["银线先锋", "红心护网"]
    assert "来源：AI 服务" in text and "采纳为候选" in text
    assert "“行业第一检修队”（含有禁用词" in text  # dropped before anyone could take it
    assert 'id="job-progress"' not in text
    assert page.context["generate_form"].initial["count"] == 3  # the form as it was sent

    # The job's own page says what came of it and leads back to the drafts.
    job_page = client.get(job.get_absolute_url()).content.decode()
    assert "AI 助手起草了 2 个候选草稿" in job_page and f'href="{page_url}"' in job_page
    assert Notification.objects.filter(user=world.secretary, kind="job_done").exists()

    accepted = client.post(
        reverse("themes:assistant_accept", args=[ws.pk]),
        {"name": "银线先锋", "slogan": "党员当先锋 银线连万家"},
    )
    assert accepted.status_code == 302
    taken = Candidate.objects.get(workshop=ws, name="银线先锋")
    assert taken.source == CandidateSource.ASSISTANT
    again = client.get(page_url)  # the accepted draft is no longer offered
    assert [row["draft"].name for row in again.context["drafts"]] == ["红心护网"]


def test_a_second_click_on_the_same_form_starts_no_second_job(
    world, ws, model, django_capture_on_commit_callbacks
):
    client = client_for(world.secretary)
    first = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    second = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1 and len(model.requests) == 1
    start(client, ws, django_capture_on_commit_callbacks, form="t-2", action="generate", count="3")
    assert Job.objects.count() == 2  # a new form, a new job


def test_meaning_and_critique_are_jobs_whose_drafts_show_on_the_page(
    world, ws, model, django_capture_on_commit_callbacks
):
    client = client_for(world.secretary)
    candidate = ws.candidates.get(name="光耀电网")
    capture = django_capture_on_commit_callbacks
    explained = start(client, ws, capture, action="explain", candidate=candidate.pk)
    page = client.get(explained["Location"])
    assert Job.objects.get().kind == JobKind.ASSISTANT_MEANING
    text = page.content.decode()
    assert "“光耀电网”内涵释义草稿" in text and "输电线路连通千家万户" in text
    assert reverse("themes:meaning_accept", args=[candidate.pk]) in text
    candidate.refresh_from_db()
    assert "输电线路" not in candidate.meaning  # a draft until a person writes it in

    reviewed = start(client, ws, capture, form="t-2", action="critique", candidate=candidate.pk)
    page = client.get(reviewed["Location"])
    assert Job.objects.latest("pk").kind == JobKind.ASSISTANT_CRITIQUE
    assert "对“光耀电网”的点评" in page.content.decode()
    assert [c.dimension for c in page.context["critique"].comments] == ["政治味", "融合味", "独特"]


def test_a_refusal_ends_the_job_at_once_with_the_providers_message(
    world, ws, model, django_capture_on_commit_callbacks
):
    model.mode = "401"
    client = client_for(world.secretary)
    started = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    job = Job.objects.get()
    assert (job.state, job.attempts, len(model.requests)) == (JobState.FAILED, 1, 1)
    assert job.error == "AI 服务认证失败，请检查 API 密钥配置。" and not job.crashed
    page = client.get(started["Location"]).content.decode()
    assert "AI 助手暂时无法回答：AI 服务认证失败，请检查 API 密钥配置。" in page
    assert "AI 服务认证失败" in client.get(job.get_absolute_url()).content.decode()
    assert Notification.objects.filter(user=world.secretary, kind="job_failed").exists()


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("500", "AI 服务暂时不可用（错误 500），请稍后再试。"),
        ("timeout", "AI 服务响应超时（超过 1 秒），请稍后再试。"),
    ],
)
def test_a_passing_failure_is_tried_again_by_the_job_then_told_in_chinese(
    world, ws, model, settings, django_capture_on_commit_callbacks, mode, message
):
    model.mode, model.delay, settings.AI_TIMEOUT = mode, 3.0, 1
    client = client_for(world.secretary)
    started = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    job = Job.objects.get()
    # Two attempts of the job, each one request (the client's own retries are left to the job).
    assert (job.state, job.attempts, len(model.requests)) == (JobState.FAILED, 2, 2)
    assert job.error == message
    assert f"AI 助手暂时无法回答：{message}" in client.get(started["Location"]).content.decode()


class FailsOnce(list):
    """The requests the fake server records; the first one is answered 500, the next ones
    normally (the server reads its mode right after recording a request)."""

    def __init__(self, server):
        super().__init__()
        self.server = server

    def append(self, request):
        super().append(request)
        self.server.mode = "500" if len(self) == 1 else "ok"


def test_a_model_that_answers_on_the_second_attempt_gives_its_drafts(
    world, ws, model, django_capture_on_commit_callbacks
):
    model.requests = FailsOnce(model)
    client = client_for(world.secretary)
    started = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    job = Job.objects.get()
    assert (job.state, job.attempts, len(model.requests)) == (JobState.DONE, 2, 2)
    assert job.error == ""
    assert "银线先锋" in client.get(started["Location"]).content.decode()


def test_while_the_model_works_the_page_shows_the_jobs_progress(world, ws, model):
    client = client_for(world.secretary)
    # Not run: the callbacks that would queue it are never executed here.
    client.post(
        reverse("themes:assistant", args=[ws.pk]),
        {"action": "generate", "count": "3", "submission_token": "t-1"},
    )
    job = Job.objects.get()
    assert job.state == JobState.QUEUED and not model.requests
    text = client.get(reverse("themes:assistant", args=[ws.pk]) + f"?job={job.pk}")
    text = text.content.decode()
    progress = reverse("jobs:job_progress", args=[job.pk])
    assert f'data-job-progress="{progress}"' in text and "jobs/progress.js" in text
    assert "AI 助手生成候选：AI 服务正在起草" in text


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("outsider", 404), ("member", 403), ("branch_committee", 302)],
)
def test_only_those_who_manage_the_brand_start_a_model_call(
    world, ws, model, django_capture_on_commit_callbacks, who, status
):
    client = login(world, who)
    started = start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    assert started.status_code == status
    if who == "branch_committee":
        assert "?job=" in started["Location"]
        assert Job.objects.get().owner == world.branch_committee
    else:
        assert not Job.objects.exists() and not model.requests


@pytest.mark.parametrize(
    ("who", "status"), [("committee_admin", 404), ("member", 403), ("outsider", 404)]
)
def test_nobody_but_its_owner_sees_an_assistant_job(
    world, ws, model, django_capture_on_commit_callbacks, who, status
):
    started = start(
        client_for(world.secretary),
        ws,
        django_capture_on_commit_callbacks,
        action="generate",
        count="3",
    )
    job = Job.objects.get()
    other = login(world, who)
    # The committee's administrator manages the workshop, yet the secretary's drafts stay hers.
    assert other.get(started["Location"]).status_code == status
    assert other.get(job.get_absolute_url()).status_code == 404


def test_a_job_is_shown_only_on_its_own_workshops_page(
    world, ws, model, django_capture_on_commit_callbacks
):
    client = client_for(world.committee_admin)  # manages both workshops
    start(client, ws, django_capture_on_commit_callbacks, action="generate", count="3")
    job = Job.objects.get()
    brand_b = brand_create(actor=world.outsider, org=world.branch_b, name="智慧绿能", slogan="")
    other = services.workshop_start(actor=world.outsider, brand=brand_b)
    assert client.get(reverse("themes:assistant", args=[other.pk])).status_code == 200
    elsewhere = reverse("themes:assistant", args=[other.pk]) + f"?job={job.pk}"
    assert client.get(elsewhere).status_code == 404


def test_the_offline_engine_still_answers_in_the_request(world, ws, settings):
    settings.AI_PROVIDER = "offline"
    page = client_for(world.secretary).post(
        reverse("themes:assistant", args=[ws.pk]), {"action": "generate", "count": "3"}
    )
    assert page.status_code == 200 and len(page.context["drafts"]) == 3
    assert not Job.objects.exists()

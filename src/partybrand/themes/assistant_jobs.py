"""The AI assistant's calls to a configured model as background work (registered in apps.py).

A model may take half a minute or more to answer: the assistant page starts a job and shows its
progress in place; the job asks the model with the owner's rights as they are when it runs, and
keeps the drafts as its result, which the page then shows for a person to accept (nothing is
accepted here). A model's refusal ends the job with the provider's Chinese message; a timeout,
a connection lost or a busy service is tried again by the jobs' policy (growing waits), and ends
with that message once no attempt is left."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from partybrand.assistant.errors import ProviderError
from partybrand.assistant.registry import get_provider
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, JobUnavailable, Outcome
from partybrand.jobs.services import job_start
from partybrand.themes import assistant_calls as calls
from partybrand.themes.access import access_workshop
from partybrand.themes.models import Workshop

STEPS = ("等待 AI 服务回答",)
KINDS = {
    "generate": JobKind.ASSISTANT_CANDIDATES,
    "explain": JobKind.ASSISTANT_MEANING,
    "critique": JobKind.ASSISTANT_CRITIQUE,
}
GONE = "您已无权管理该品牌的主题征集，AI 助手未运行。"
NO_CANDIDATE = "该候选已被删除，AI 助手未运行。"


def assistant_start(*, actor, workshop: Workshop, action: str, params: dict, key: str) -> Job:
    """Queue one call; the same submission token (a second click) gives the job already started."""
    return job_start(
        actor=actor,
        kind=KINDS[action],
        org_path=workshop.brand.org.path,
        key=key,
        params={"workshop": workshop.pk, **params},
    )


def page_of(job: Job) -> str:
    """The assistant page that shows the job's progress, then its drafts."""
    return reverse("themes:assistant", args=[job.params.get("workshop")]) + f"?job={job.pk}"


def _workshop(job: Job) -> Workshop:
    try:
        return access_workshop(job.owner, job.params.get("workshop"), for_manage=True)
    except (Http404, PermissionDenied) as gone:
        raise JobRefused(GONE) from gone


def _asked(call):
    """The model's answer, or its failure as the job's end (refused) or a retry (for now)."""
    try:
        return call()
    except ProviderError as failed:
        if failed.permanent:
            raise JobRefused(failed.message_zh) from failed
        raise JobUnavailable(failed.message_zh) from failed


def _provider():
    return get_provider(retries=0)  # the jobs' policy tries again, with growing waits


def run_candidates(job: Job, progress: Progress) -> Outcome:
    progress.start(STEPS[0])
    workshop = _workshop(job)
    result = _asked(
        lambda: calls.generate(
            actor=job.owner,
            workshop=workshop,
            keywords=job.params.get("keywords", []),
            count=int(job.params.get("count", 10)),
            provider=_provider(),
        )
    )
    count = len(result["drafts"])
    message = f"AI 助手起草了 {count} 个候选草稿，请查看并决定是否采纳。"
    return Outcome(message, {"candidates": result, "next": page_of(job)})


def _candidate(job: Job, workshop: Workshop):
    candidate = calls.candidate_choice(workshop, job.params.get("candidate"))
    if candidate is None:
        raise JobRefused(NO_CANDIDATE)
    return candidate


def run_meaning(job: Job, progress: Progress) -> Outcome:
    progress.start(STEPS[0])
    workshop = _workshop(job)
    candidate = _candidate(job, workshop)
    draft = _asked(lambda: calls.explain(workshop, candidate, _provider()))
    message = f"AI 助手起草了“{candidate.name}”的内涵释义，请查看、修改后决定是否写入候选。"
    return Outcome(message, {"meaning": asdict(draft), "next": page_of(job)})


def run_critique(job: Job, progress: Progress) -> Outcome:
    progress.start(STEPS[0])
    workshop = _workshop(job)
    candidate = _candidate(job, workshop)
    draft = _asked(lambda: calls.critique(workshop, candidate, _provider()))
    message = f"AI 助手点评了“{candidate.name}”，请查看。"
    return Outcome(message, {"critique": asdict(draft), "next": page_of(job)})


RUNNERS = {
    JobKind.ASSISTANT_CANDIDATES: run_candidates,
    JobKind.ASSISTANT_MEANING: run_meaning,
    JobKind.ASSISTANT_CRITIQUE: run_critique,
}

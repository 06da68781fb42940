"""Drafting help through a configured model, as background work (registered in apps.py): the
document's section page starts a job and follows it; the job drafts with the owner's rights as
they are when it runs and keeps the draft as its result. Nothing is written into the document
here: a person accepts the draft on the page."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.urls import reverse

from partybrand.assistant.drafting import NoSuchSection, section_draft
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.registry import get_provider
from partybrand.documents.registry import kind_for, subject_for
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, JobUnavailable, Outcome
from partybrand.jobs.services import job_start

KIND = JobKind.ASSISTANT_SECTION_DRAFT
STEPS = ("等待 AI 服务起草",)
GONE = "您已无权修改该文书，AI 助手未运行。"


def draft_start(*, actor, subject, obj, kind, key: str, org_path: str, token: str) -> Job:
    """Queue one draft; the same submission token (a second click) gives the job already started."""
    return job_start(
        actor=actor,
        kind=KIND,
        org_path=org_path,
        key=token,
        params={"subject": subject.name, "pk": obj.pk, "kind": kind.code, "section": key},
    )


def page_of(job: Job) -> str:
    """The section's drafting page, which follows the job and then shows its draft."""
    p = job.params
    args = [p.get("subject"), p.get("pk"), p.get("kind"), p.get("section")]
    return reverse("assistant:section_draft", args=args) + f"?job={job.pk}"


def run_section_draft(job: Job, progress: Progress) -> Outcome:
    progress.start(STEPS[0])
    params = job.params
    try:
        subject = subject_for(params.get("subject", ""))
        kind = kind_for(params.get("kind", ""))
        obj = subject.load(job.owner, params.get("pk"), True)
    except (Http404, PermissionDenied, ImproperlyConfigured) as gone:
        raise JobRefused(GONE) from gone
    try:
        place, draft = section_draft(
            actor=job.owner,
            kind=kind,
            subject_obj=obj,
            key=params.get("section", ""),
            provider=get_provider(retries=0),  # the jobs' policy tries again, with growing waits
        )
    except NoSuchSection as gone:
        raise JobRefused("文书中没有这一部分，AI 助手未运行。") from gone
    except ProviderError as failed:
        if failed.permanent:
            raise JobRefused(failed.message_zh) from failed
        raise JobUnavailable(failed.message_zh) from failed
    message = f"AI 助手起草了“{place.label}”，请查看后决定是否采纳。"
    return Outcome(message, {"draft": asdict(draft), "next": page_of(job)})

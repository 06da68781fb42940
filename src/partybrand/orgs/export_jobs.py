"""The member roll and organisation exports. A roll of up to settings.EXPORT_JOB_ROWS rows is
answered at once (a branch secretary clicking 导出 expects the file); a larger one (a whole
enterprise, up to a million members) is made in the background: the page takes the user to the
job's page, which shows the rows counted, and the file is downloaded there by its owner only.

The job keeps the page's query string, never rows: the worker reads the roll again with the
owner's rights as they are then, streams it in chunks and masks personal data exactly as the
immediate export does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from django.conf import settings
from django.http import Http404, HttpRequest, QueryDict

from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress, counting
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.jobs.services import job_start
from partybrand.orgs import exports, selectors
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap, paths_with
from partybrand.orgs.selectors import user_org_path

STEPS = ("导出数据",)


def in_background(count: int) -> bool:
    return count > settings.EXPORT_JOB_ROWS


def unmasked_paths(user) -> list[str] | None:
    """Where the user sees phone, ID number and birth date in clear (None: everywhere)."""
    return None if user.is_superuser else paths_with(user, Cap.SEE_PERSONAL)


def member_roll(user, params: QueryDict):
    """The members the list's query string asks for (on the roll unless asked otherwise), and
    the organisation it names."""
    params = params.copy()
    params.setdefault("is_active", "true")
    org = access_org(user, params["org"]) if params.get("org") else None
    # The filter reads the user from a request; a worker has none, only the job's owner.
    as_owner = cast(HttpRequest, SimpleNamespace(user=user))
    return selectors.member_search(user, params, request=as_owner).rows, org


def member_file_name(org) -> str:
    return f"{org.name if org else '党员名册'}.xlsx"


def org_file_name(org) -> str:
    return f"{org.name}-组织.xlsx"


def export_start(*, actor, kind: str, params: dict) -> Job:
    return job_start(actor=actor, kind=kind, org_path=user_org_path(actor), params=params)


def _outcome(content: bytes, name: str, rows: int) -> Outcome:
    return Outcome(f"导出完成：共 {rows} 行。", {"rows": rows}, name, content)


def run_member_export(job: Job, progress: Progress) -> Outcome:
    try:
        rows, org = member_roll(job.owner, QueryDict(job.params.get("query", "")))
    except Http404 as gone:
        raise JobRefused("该组织已不在您的查看范围内，未导出。") from gone
    total = rows.count()
    content = exports.export_members(
        rows,
        unmasked_org_paths=unmasked_paths(job.owner),
        track=lambda found: counting(found, total, progress),
    )
    return _outcome(content, member_file_name(org), total)


def run_org_export(job: Job, progress: Progress) -> Outcome:
    try:
        org = access_org(job.owner, job.params.get("org"))
    except Http404 as gone:
        raise JobRefused("该组织已不在您的查看范围内，未导出。") from gone
    rows = selectors.subtree_orgs(job.owner, org)
    total = rows.count()
    content = exports.export_orgs(rows, track=lambda found: counting(found, total, progress))
    return _outcome(content, org_file_name(org), total)


RUNNERS = {JobKind.MEMBER_EXPORT: run_member_export, JobKind.ORG_EXPORT: run_org_export}

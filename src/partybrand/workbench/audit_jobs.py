"""The audit export in the background: more than settings.EXPORT_JOB_ROWS rows (up to
EXPORT_MAX) are written by a worker while the reader watches the count on the job's page. The
job keeps the page's query string; the worker applies the same filters with the owner's reading
scope as it is then."""

from __future__ import annotations

from django.http import QueryDict

from partybrand.core import clock
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress, counting
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.workbench.audit_export import EXPORT_MAX, audit_workbook, too_many
from partybrand.workbench.audit_log import audit_rows, filter_choices, may_read_audit
from partybrand.workbench.forms import AuditFilterForm

STEPS = ("导出数据",)


def audit_filters(user, params: QueryDict):
    """The reader's filter form bound to the query string, and its valid filters (None when
    the form is bound and refused)."""
    choices = filter_choices(user, chosen_org=params.get("org", ""))
    form = AuditFilterForm(
        params or None,
        actions=choices.actions,
        object_types=choices.object_types,
        orgs=choices.orgs,
    )
    return form, (form.cleaned_data if form.is_bound and form.is_valid() else None)


def file_name() -> str:
    return f"审计日志-{clock.today():%Y%m%d}.xlsx"


def run_audit_export(job: Job, progress: Progress) -> Outcome:
    if not may_read_audit(job.owner):
        raise JobRefused("您已不能查看审计日志，未导出。")
    form, filters = audit_filters(job.owner, QueryDict(job.params.get("query", "")))
    if filters is None and form.is_bound:
        raise JobRefused("筛选条件已失效，未导出。请重新筛选后再导出。")
    rows = audit_rows(job.owner, filters or {})
    total = rows.count()
    if total > EXPORT_MAX:
        raise JobRefused(too_many(total))
    content = audit_workbook(rows, track=lambda found: counting(found, total, progress))
    return Outcome(f"导出完成：共 {total} 行。", {"rows": total}, file_name(), content)

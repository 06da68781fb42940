"""The organisation and member imports as background jobs (registered in apps.py): the upload
page checks the file's structure, stores it and starts the job; the worker reads it, checks every
row and writes all or nothing (orgs/imports.py), reporting its progress as it goes."""

from __future__ import annotations

from django.core.files import File

from partybrand.core.tabular import Column, ImportRefused, write_workbook
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.jobs.services import job_start
from partybrand.orgs import imports
from partybrand.orgs.selectors import user_org_path

STEPS = ("检查数据", "写入数据")
NOUNS = {JobKind.ORG_IMPORT: "组织", JobKind.MEMBER_IMPORT: "党员"}
ERROR_COLUMNS = (Column("行号", width=10), Column("列", width=16), Column("问题", width=60))


def _errors_workbook(refused: ImportRefused) -> bytes:
    rows = ((e.row or "文件", e.column or "—", e.message) for e in refused.errors)
    return write_workbook("错误清单", ERROR_COLUMNS, rows)


def _run(importer, job: Job, progress: Progress) -> Outcome:
    counted = {"total": 0}

    def on_progress(done: int, total: int) -> None:
        # The imports count every row twice (checked, then written: total = 2 × rows); the page
        # shows each pass in rows of the file, so "已处理 n / N 行" means rows, never twice them.
        rows = total // 2
        counted["total"] = rows
        progress(done - rows if done > rows else done, rows)

    with job.input_file.open("rb") as stored:
        upload = File(stored, name=job.params.get("file_name", ""))
        try:
            result = importer(actor=job.owner, upload=upload, on_progress=on_progress)
        except ImportRefused as refused:
            rows = [
                {"row": e.row, "column": e.column, "message": e.message} for e in refused.errors
            ]
            errors = Outcome(
                str(refused), file_name="错误清单.xlsx", file_bytes=_errors_workbook(refused)
            )
            raise JobRefused(str(refused), rows, errors) from refused
    noun = NOUNS[JobKind(job.kind)]
    return Outcome(
        f"导入成功：新增{noun} {result.created} 个，更新 {result.updated} 个。",
        {"created": result.created, "updated": result.updated, "rows": counted["total"]},
    )


def run_member_import(job: Job, progress: Progress) -> Outcome:
    return _run(imports.import_members, job, progress)


def run_org_import(job: Job, progress: Progress) -> Outcome:
    return _run(imports.import_orgs, job, progress)


def import_start(*, actor, kind: str, upload, key: str = "") -> Job:
    """Store the checked upload and start its import; the same page's token gives one job."""
    return job_start(
        actor=actor,
        kind=kind,
        org_path=user_org_path(actor),
        key=key,
        params={"file_name": getattr(upload, "name", "")[:200]},
        input_file=upload,
    )

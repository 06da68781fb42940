"""The PDF of a document in the background: LibreOffice takes seconds, so the page starts a job
and the job page shows its progress and the file. The owner's reach is checked again when the job
runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from partybrand.documents.pdf import PdfEngineError, docx_to_pdf
from partybrand.documents.registry import kind_for, load_to_read, subject_for
from partybrand.documents.services import document_export, file_name
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, Outcome

STEPS = ("生成 PDF",)


def run_document_render(job: Job, progress: Progress) -> Outcome:
    del progress  # one step: LibreOffice gives no counts
    kind = kind_for(job.params["kind"])
    subject = subject_for(kind.subject)
    try:
        obj = load_to_read(kind, job.owner, int(job.params["pk"]))
    except (Http404, PermissionDenied) as exc:
        raise JobRefused("您已不能查看该文书，未生成 PDF。") from exc
    content = document_export(actor=job.owner, kind=kind, subject_obj=obj, fmt="pdf")
    try:
        pdf = docx_to_pdf(content)
    except PdfEngineError as exc:
        raise JobRefused(str(exc)) from exc
    name = file_name(kind, subject.title_of(obj), "pdf")
    return Outcome(f"已生成 PDF：{kind.title}。", {"bytes": len(pdf)}, name, pdf)

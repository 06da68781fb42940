"""Permission cases of the assistant's drafting help: a document's section drafted and a draft
accepted only by those who may edit the document (a member 403, nothing changed; outsiders 404)."""

from partybrand.core.models import AuditLog
from partybrand.documents.models import DocumentVersion
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from tests.permissions.cases import Case


def section_kw(w):
    return {"subject": "brand", "pk": w.brand.pk, "kind": "work-summary", "section": "next"}


def _accepted(w) -> bool:
    return (
        DocumentVersion.objects.filter(sections__next="加强宣传推介。").exists()
        and AuditLog.objects.filter(action="assistant_section_draft_accepted").exists()
    )


def _started(w) -> bool:
    return Job.objects.filter(kind=JobKind.ASSISTANT_SECTION_DRAFT).exists()


PERMISSION_CASES = [
    Case("assistant:section_draft", section_kw),
    Case(
        "assistant:section_draft_accept",
        section_kw,
        method="post",
        data=lambda w: {"text": "加强宣传推介。", "mode": "replace", "source": "offline"},
        allowed_status=(302,),
        effect=_accepted,
    ),
    Case(
        "assistant:section_draft_start",
        section_kw,
        method="post",
        allowed_status=(302,),
        effect=_started,
    ),
]

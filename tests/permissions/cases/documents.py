"""Permission cases of documents: a subject's documents are read by whoever sees the organisation
or brand (outsiders 404) and exported by them (audited); editing and taking a 发文字号 need the
right to edit there (a member 403, nothing changed)."""

from partybrand.documents.models import Document, DocumentIssuer, DocumentVersion
from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from tests.permissions.cases import Case

KIND = "deployment-notice"


def org_kw(w):
    return {"subject": "org", "pk": w.branch_a.pk}


def brand_kw(w):
    return {"subject": "brand", "pk": w.brand.pk}


def doc_kw(w):
    return {**org_kw(w), "kind": KIND}


def _edited(w) -> bool:
    return DocumentVersion.objects.exists()


def _numbered(w) -> bool:
    return Document.objects.exclude(doc_number="").exists()


def _pdf_started(w) -> bool:
    return Job.objects.filter(kind=JobKind.DOCUMENT_RENDER).exists()


PERMISSION_CASES = [
    Case(
        "documents:my_documents",
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        outsider=None,
    ),  # fmt: skip
    Case("documents:subject_documents", org_kw, allowed="member", readonly=None),
    Case("documents:subject_documents", brand_kw, allowed="member", readonly=None, note="brand"),
    Case("documents:document_detail", doc_kw, allowed="member", readonly=None),
    Case("documents:document_docx", doc_kw, allowed="member", readonly=None),
    Case(
        "documents:document_edit",
        doc_kw,
        method="post",
        data=lambda w: {"section_aims": "坚持党建引领。"},
        allowed_status=(302,),
        effect=_edited,
    ),
    Case(
        "documents:document_number",
        doc_kw,
        method="post",
        allowed_status=(302,),
        effect=_numbered,
    ),
    Case(
        "documents:document_pdf",
        doc_kw,
        method="post",
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        effect=_pdf_started,
    ),
]


def _coded(w) -> bool:
    return DocumentIssuer.objects.filter(code="甲支部").exists()


# The 机关代字: whoever manages the organisation (the 二级党委's administrator above 支部A);
# its secretary sees the organisation but may not set it.
PERMISSION_CASES.append(
    Case(
        "documents:issuer_code",
        lambda w: {"pk": w.branch_a.pk},
        method="post",
        data=lambda w: {"code": "甲支部"},
        allowed="mid_admin",
        allowed_status=(302,),
        readonly="secretary",
        effect=_coded,
    )
)

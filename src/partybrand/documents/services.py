"""Changes to documents: created when first written to, edited as versions, numbered, exported;
each in one transaction with an audit row."""

from __future__ import annotations

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.versioning import check_version, touch, version_of
from partybrand.documents import building
from partybrand.documents.checker import check_spec
from partybrand.documents.choices import DocumentAudit
from partybrand.documents.layout import render_docx
from partybrand.documents.models import Document, DocumentIssuer, DocumentVersion
from partybrand.documents.numbering import document_number_take
from partybrand.documents.registry import DocumentKind, subject_for
from partybrand.documents.spec import DocumentSpec

MAX_SECTION_CHARS = 20000
NOT_YET_CREATED = 1  # the version a page shows before the document exists: the one it gets


def document_for(kind: DocumentKind, subject_obj) -> Document | None:
    return Document.objects.filter(
        kind=kind.code, subject=kind.subject, subject_pk=subject_obj.pk
    ).first()


def document_ensure(*, actor, kind: DocumentKind, subject_obj) -> Document:
    """The document row of this kind and subject, made (and audited) the first time."""
    subject = subject_for(kind.subject)
    org = subject.org_of(subject_obj)
    document, created = Document.objects.get_or_create(
        kind=kind.code,
        subject=kind.subject,
        subject_pk=subject_obj.pk,
        defaults={
            "org": org,
            "title": kind.title,
            "subject_name": subject.title_of(subject_obj)[:200],
            "created_at": clock.now(),
        },
    )
    if created:
        audit_record(
            actor=actor,
            action=DocumentAudit.CREATED,
            obj=document,
            org_path=org.path,
            changes={"kind": kind.code},
        )
    return document


def document_version(document: Document | None) -> int:
    """The version a page opened now starts from (a document not made yet: its first)."""
    return version_of(document) if document is not None else NOT_YET_CREATED


def latest_texts(document: Document | None) -> dict[str, str]:
    if document is None:
        return {}
    version = document.versions.order_by("-number").first()
    return dict(version.sections) if version else {}


def document_spec(*, actor, kind: DocumentKind, subject_obj) -> DocumentSpec:
    """The spec as it is exported now: built from the data, the latest texts over it, the
    document's 发文字号 in its 版头."""
    document = document_for(kind, subject_obj)
    spec = building.build(kind, subject_obj, actor, latest_texts(document))
    if document and document.doc_number and spec.masthead:
        spec.masthead = dataclasses.replace(spec.masthead, number=document.doc_number)
    return spec


@transaction.atomic
def document_edit(
    *,
    actor,
    kind: DocumentKind,
    subject_obj,
    texts: dict[str, str],
    comment: str = "",
    version: int | None = None,
) -> DocumentVersion:
    """A new version with the texts of the editable sections (sections not sent keep theirs).
    `version` is the document's version the page was opened at (document_version): texts
    written from an older one are refused (Stale) and nothing is saved."""
    spec = building.build(kind, subject_obj, actor)
    keys = {section.key for section in building.editable_sections(spec)}
    unknown = set(texts) - keys
    if unknown:
        raise ValidationError(f"没有可修改的部分：{'、'.join(sorted(unknown))}")
    for text in texts.values():
        if len(text) > MAX_SECTION_CHARS:
            raise ValidationError(f"每部分不超过 {MAX_SECTION_CHARS} 字。")
    document = document_ensure(actor=actor, kind=kind, subject_obj=subject_obj)
    document = Document.objects.select_for_update().get(pk=document.pk)
    check_version(document, version)
    previous = document.versions.order_by("-number").first()
    before = dict(previous.sections) if previous else {}
    merged = {**before, **texts}
    if previous and merged == previous.sections:
        return previous
    changed = sorted(key for key in merged if merged[key] != before.get(key))
    saved = DocumentVersion.objects.create(
        document=document,
        number=(previous.number if previous else 0) + 1,
        sections=merged,
        editor=actor,
        created_at=clock.now(),
        comment=comment[:200],
    )
    touch(document)  # a page opened before this version is stale now
    audit_record(
        actor=actor,
        action=DocumentAudit.EDITED,
        obj=document,
        org_path=document.org.path,
        # the sections it changed by key: what a stale page's report compares
        changes={"version": saved.number, **dict.fromkeys(changed, "已修改")},
        comment=comment[:200],
    )
    return saved


@transaction.atomic
def document_number_assign(*, actor, kind: DocumentKind, subject_obj) -> Document:
    """Give a 公文 its 发文字号 from its organisation's sequence of this year (once)."""
    if kind.layout != "gongwen":
        raise ValidationError("只有公文需要发文字号。")
    document = document_ensure(actor=actor, kind=kind, subject_obj=subject_obj)
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    if document.doc_number:
        raise ValidationError(f"本文已有发文字号：{document.doc_number}")
    document.doc_number = document_number_take(
        actor=actor, org=document.org, year=clock.today().year
    )
    document.save(update_fields=["doc_number"])
    audit_record(
        actor=actor,
        action=DocumentAudit.NUMBERED,
        obj=document,
        org_path=document.org.path,
        changes={"doc_number": document.doc_number},
    )
    return document


@transaction.atomic
def document_export(*, actor, kind: DocumentKind, subject_obj, fmt: str = "docx") -> bytes:
    """The .docx of the document as it stands, checked and audited as an export with the number
    of the checker's findings (the PDF is made from it)."""
    spec = document_spec(actor=actor, kind=kind, subject_obj=subject_obj)
    findings = check_spec(spec)
    content = render_docx(spec)
    document = document_ensure(actor=actor, kind=kind, subject_obj=subject_obj)
    version = document.versions.order_by("-number").values_list("number", flat=True).first()
    audit_record(
        actor=actor,
        action=DocumentAudit.EXPORTED,
        obj=document,
        org_path=document.org.path,
        changes={"format": fmt, "version": version or 0, "findings": len(findings)},
    )
    return content


@transaction.atomic
def document_issuer_set(*, actor, org, code: str) -> DocumentIssuer:
    """The 机关代字 the organisation's 发文字号 begin with (e.g. “甲公司党委”)."""
    code = code.strip()
    if not code or len(code) > 20 or any(ch in code for ch in "〔〕[]()（）0123456789 "):
        raise ValidationError("机关代字为 1—20 个汉字或字母，不含括号、数字和空格。")
    issuer, _ = DocumentIssuer.objects.select_for_update().get_or_create(
        org=org, defaults={"code": code}
    )
    if issuer.code != code:
        issuer.code = code
        issuer.save(update_fields=["code"])
    audit_record(
        actor=actor,
        action=DocumentAudit.ISSUER_CODE,
        obj=issuer,
        org_path=org.path,
        changes={"code": code},
    )
    return issuer


def file_name(kind: DocumentKind, subject_name: str, fmt: str) -> str:
    return f"{subject_name}-{kind.title}-{clock.today():%Y%m%d}.{fmt}"

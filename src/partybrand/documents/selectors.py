"""What the documents pages read: the kinds for a subject with their rows, versions and who
edited and exported them."""

from __future__ import annotations

from dataclasses import dataclass, field

from partybrand.core.audit_registry import action_label
from partybrand.core.models import AuditLog
from partybrand.documents.choices import DocumentAudit
from partybrand.documents.models import Document, DocumentVersion
from partybrand.documents.registry import DocumentKind, all_kinds

HISTORY_LIMIT = 30


@dataclass
class KindRow:
    kind: DocumentKind
    document: Document | None
    versions: list = field(default_factory=list)


def kinds_for(subject: str) -> list[DocumentKind]:
    return [kind for kind in all_kinds() if kind.subject == subject]


def subject_rows(subject: str, subject_obj) -> list[KindRow]:
    """Every registered kind for the subject, with its document and latest version (two queries
    whatever the number of kinds)."""
    kinds = kinds_for(subject)
    documents = {
        d.kind: d
        for d in Document.objects.filter(
            subject=subject, subject_pk=subject_obj.pk, kind__in=[k.code for k in kinds]
        )
    }
    latest: dict[int, DocumentVersion] = {}
    versions = (
        DocumentVersion.objects.filter(document__in=documents.values())
        .select_related("editor")
        .order_by("document_id", "-number")
    )
    for version in versions:
        latest.setdefault(version.document_id, version)
    rows = []
    for kind in kinds:
        document = documents.get(kind.code)
        row = KindRow(kind, document)
        if document and document.pk in latest:
            row.versions = [latest[document.pk]]
        rows.append(row)
    return rows


def versions(document: Document | None) -> list[DocumentVersion]:
    if document is None:
        return []
    return list(document.versions.select_related("editor").order_by("-number")[:HISTORY_LIMIT])


def history(document: Document | None) -> list[AuditLog]:
    """Who created, edited, numbered and exported the document, newest first."""
    if document is None:
        return []
    rows = list(
        AuditLog.objects.filter(
            object_type=Document._meta.label_lower,
            object_id=str(document.pk),
            action__in=DocumentAudit.values,
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:HISTORY_LIMIT]
    )
    for row in rows:
        row.label = action_label(row.action)
    return rows

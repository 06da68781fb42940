"""Drafting help for documents: a section of any document kind that states its facts
(DocumentKind.facts) drafted by the offline writer or the configured model, checked by the 公文
checker, and written into the document only when a person accepts it (a new version, audited).

`documents` is the lower layer and knows nothing of this: its page links here by URL name."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.assistant.business import business_of
from partybrand.assistant.choices import AssistantAudit
from partybrand.assistant.people import member_names_in
from partybrand.assistant.privacy import mask_numbers
from partybrand.assistant.registry import get_provider
from partybrand.assistant.section_drafts import SectionDraft, SectionRequest
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.documents import building, services
from partybrand.documents.checker import Finding, SerialOrder, check_text
from partybrand.documents.registry import BuildContext, DocumentKind, subject_for

MASKED_NAME = "某同志"
MODES = {"replace": "替换原文", "append": "追加在原文后"}


class NoSuchSection(LookupError):
    """The document has no editable section of that key."""


@dataclass(frozen=True)
class SectionPlace:
    """An editable section of a document as it stands now."""

    key: str
    label: str  # what the document page calls it: 创建成效, 附件 · 进度安排
    text: str  # its text now (the latest version's, else what the platform builds)


def drafts_for(kind: DocumentKind) -> bool:
    """Whether the kind offers drafting help: every kind that states its facts does."""
    return kind.facts is not None


def section_place(*, actor, kind: DocumentKind, subject_obj, key: str) -> SectionPlace:
    spec = services.document_spec(actor=actor, kind=kind, subject_obj=subject_obj)
    for label, section in building.labelled_sections(spec):
        if section.key == key:
            return SectionPlace(key, label, building.section_text(section))
    raise NoSuchSection(key)


def section_request(
    *, actor, kind: DocumentKind, subject_obj, place: SectionPlace, seed: int | None = None
) -> SectionRequest:
    """What the writer gets: the kind's facts for the section and the organisation's own words
    for its work; nothing about people."""
    if kind.facts is None:
        raise NoSuchSection(place.key)
    org = subject_for(kind.subject).org_of(subject_obj)
    found = kind.facts(subject_obj, BuildContext(actor=actor, today=clock.today()))
    return SectionRequest(
        document_title=kind.title,
        section_key=place.key,
        section_title=place.label,
        facts=tuple(found.get(place.key, [])),
        org_name=org.name,
        org_kind=org.get_kind_display(),
        business=business_of(org),
        subject_name=getattr(subject_obj, "name", "") if kind.subject == "brand" else "",
        seed=seed,
    )


def masked(request: SectionRequest, org, *, names: bool = True) -> SectionRequest:
    """The request with phone and ID numbers typed into users' texts (a practice's description)
    replaced, always: a draft copies no such number into a document; and with `names`, for an
    external model, the names of the organisation's members too."""
    values = [request.org_name, request.business, request.subject_name, *request.facts]
    found = member_names_in("\n".join(values), org) if names else []
    found = sorted(found, key=len, reverse=True)

    def clean(text: str) -> str:
        text = mask_numbers(text)
        for name in found:
            text = text.replace(name, MASKED_NAME)
        return text

    return replace(
        request,
        org_name=clean(request.org_name),
        business=clean(request.business),
        subject_name=clean(request.subject_name),
        facts=tuple(clean(f) for f in request.facts),
    )


def section_draft(
    *, actor, kind: DocumentKind, subject_obj, key: str, seed: int | None = None, provider=None
) -> tuple[SectionPlace, SectionDraft]:
    """A draft of the section (nothing saved). The offline writer answers at once; a model is
    sent the masked facts (call it from background work: assistant/drafting_jobs.py)."""
    place = section_place(actor=actor, kind=kind, subject_obj=subject_obj, key=key)
    request = section_request(
        actor=actor, kind=kind, subject_obj=subject_obj, place=place, seed=seed
    )
    provider = provider or get_provider()
    org = subject_for(kind.subject).org_of(subject_obj)
    request = masked(request, org, names=provider.source != "offline")
    return place, provider.section_draft(request)


def draft_findings(text: str) -> list[Finding]:
    """The 公文 checker's findings on a draft, paragraph by paragraph, as on the document page."""
    findings: list[Finding] = []
    order = SerialOrder(top=1)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    for number, line in enumerate(paragraphs, start=1):
        findings += check_text(line, f"第{number}段")
        if problem := order.see(line):
            findings.append(Finding(f"第{number}段", problem))
    return findings


def _joined(now: str, text: str, mode: str) -> str:
    if mode == "replace" or not now.strip():
        return text
    return f"{now.rstrip()}\n{text}"


@transaction.atomic
def section_draft_accept(
    *,
    actor,
    kind: DocumentKind,
    subject_obj,
    key: str,
    text: str,
    mode: str,
    source: str,
    version: int | None = None,
):
    """Write an accepted draft (as the person may have edited it) into the section, replacing
    its text or after it: a new version of the document (refused when the page was opened at an
    older one) and an audit row saying it came from drafting help."""
    if mode not in MODES:
        raise ValidationError("请选择替换原文或追加在原文后。")
    text = "\n".join(line.strip() for line in (text or "").split("\n") if line.strip())
    if not text:
        raise ValidationError("起草建议为空，未写入文书。")
    place = section_place(actor=actor, kind=kind, subject_obj=subject_obj, key=key)
    source = source if source in ("offline", "openai") else "offline"
    saved = services.document_edit(
        actor=actor,
        kind=kind,
        subject_obj=subject_obj,
        texts={key: _joined(place.text, text, mode)},
        comment=f"采纳起草建议：{place.label}（{MODES[mode]}）",
        version=version,
    )
    document = saved.document
    audit_record(
        actor=actor,
        action=AssistantAudit.SECTION_DRAFT_ACCEPTED,
        obj=document,
        org_path=document.org.path,
        changes={"section": place.label, "mode": mode, "provider": source, "version": saved.number},
    )
    return saved

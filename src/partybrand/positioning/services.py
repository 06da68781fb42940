"""Every change to a brand's stock-taking: practices and their evidence, strengths and weaknesses,
and the positioning conclusion. Each checks its input, writes one audit row and refuses changes
to a revoked brand (`ensure_editable`), like the rest of the brand record."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.brands.models import Brand
from partybrand.brands.services import ensure_editable
from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.uploads import CheckedFile, check_evidence_files
from partybrand.core.versioning import check_version
from partybrand.positioning.choices import SwotCategory, SwotSide
from partybrand.positioning.models import PositioningNote, Practice, PracticeEvidence, SwotItem
from partybrand.textsim.normalize import clean_text

PRACTICE_FIELDS = ("name", "description", "since", "effect", "is_method_candidate")
SWOT_FIELDS = ("side", "category", "text", "note")
MAX_EVIDENCE = 10  # per practice
CONCLUSION_MAX = 5000
EARLIEST_YEAR = 1949


def _clean_practice(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in PRACTICE_FIELDS}
    for name in ("name", "description", "effect"):
        if name in data:
            data[name] = clean_text(data[name]).strip()
    if "name" in data and not data["name"]:
        raise ValidationError({"name": "请填写做法名称。"})
    if "description" in data and not data["description"]:
        raise ValidationError({"description": "请写明主要做法。"})
    since = data.get("since")
    if since is not None and not EARLIEST_YEAR <= since <= clock.today().year:
        raise ValidationError({"since": f"起始年份应在 {EARLIEST_YEAR} 年到今年之间。"})
    return data


def _clean_swot(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in SWOT_FIELDS}
    for name in ("text", "note"):
        if name in data:
            data[name] = clean_text(data[name]).strip()
    if "text" in data and not data["text"]:
        raise ValidationError({"text": "请填写要点。"})
    if "side" in data and data["side"] not in SwotSide.values:
        raise ValidationError({"side": "类型应为优势、不足、机遇或挑战。"})
    if "category" in data and data["category"] not in SwotCategory.values:
        raise ValidationError({"category": "请选择所属方面。"})
    return data


def _check_uploads(uploads) -> list[tuple[str, CheckedFile]]:
    return check_evidence_files(uploads, max_bytes=settings.ATTACHMENT_MAX_BYTES)


def _store(actor, practice: Practice, checked: list[tuple[str, CheckedFile]]) -> list[str]:
    for title, file in checked:
        evidence = PracticeEvidence(
            practice=practice,
            title=title,
            content_type=file.content_type,
            size=file.size,
            uploaded_by=actor,
        )
        evidence.file.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
        evidence.save()
    return [title for title, _ in checked]


def _delete_files_on_commit(files) -> None:
    """Files go only when the rows are gone for good: a rolled-back delete keeps them."""
    for stored in files:
        storage, name = stored.storage, stored.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _locked_practice(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().select_related("brand__org").get(pk=practice.pk)


@transaction.atomic
def practice_create(*, actor, brand: Brand, evidence=(), **fields) -> Practice:
    """Record a practice, with its evidence files if any (all accepted, or nothing saved)."""
    ensure_editable(brand)
    data = _clean_practice(fields)
    if len(evidence) > MAX_EVIDENCE:
        raise ValidationError(f"每项做法最多上传 {MAX_EVIDENCE} 份佐证材料。")
    checked = _check_uploads(evidence)
    practice = Practice(brand=brand, created_by=actor, **data)
    practice.full_clean()
    practice.save()
    titles = _store(actor, practice, checked)
    audit_record(
        actor=actor,
        action="practice_create",
        obj=practice,
        org_path=brand.org.path,
        changes={"brand": brand.name, "name": practice.name, "evidence": titles},
    )
    return practice


@transaction.atomic
def practice_update(*, actor, practice: Practice, version: int | None = None, **fields) -> Practice:
    practice = _locked_practice(practice)
    check_version(practice, version)
    ensure_editable(practice.brand)
    changes = field_changes(practice, _clean_practice(fields))
    if not changes:
        return practice
    practice.full_clean()
    practice.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="practice_update",
        obj=practice,
        org_path=practice.brand.org.path,
        changes=changes,
    )
    return practice


@transaction.atomic
def practice_delete(*, actor, practice: Practice, version: int | None = None) -> None:
    practice = _locked_practice(practice)
    check_version(practice, version)
    ensure_editable(practice.brand)
    files = [e.file for e in practice.evidence.all()]
    audit_record(
        actor=actor,
        action="practice_delete",
        obj=practice,
        org_path=practice.brand.org.path,
        changes={"brand": practice.brand.name, "evidence": len(files)},
    )
    practice.delete()
    _delete_files_on_commit(files)


@transaction.atomic
def evidence_add(*, actor, practice: Practice, uploads) -> list[str]:
    """Add evidence files to a practice; returns the titles stored."""
    practice = _locked_practice(practice)  # two uploads at once still respect the limit
    ensure_editable(practice.brand)
    if not uploads:
        raise ValidationError("请选择要上传的文件。")
    if practice.evidence.count() + len(uploads) > MAX_EVIDENCE:
        raise ValidationError(f"每项做法最多上传 {MAX_EVIDENCE} 份佐证材料。")
    titles = _store(actor, practice, _check_uploads(uploads))
    audit_record(
        actor=actor,
        action="evidence_add",
        obj=practice,
        org_path=practice.brand.org.path,
        changes={"evidence": titles},
    )
    return titles


@transaction.atomic
def evidence_delete(*, actor, evidence: PracticeEvidence) -> None:
    practice = _locked_practice(evidence.practice)
    ensure_editable(practice.brand)
    audit_record(
        actor=actor,
        action="evidence_delete",
        obj=practice,
        org_path=practice.brand.org.path,
        changes={"evidence": evidence.title},
    )
    file = evidence.file
    evidence.delete()
    _delete_files_on_commit([file])


@transaction.atomic
def swot_create(*, actor, brand: Brand, **fields) -> SwotItem:
    ensure_editable(brand)
    data = _clean_swot(fields)
    if "side" not in data or "text" not in data:
        raise ValidationError("请选择类型并填写要点。")
    item = SwotItem(brand=brand, created_by=actor, **data)
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="swot_create",
        obj=item,
        org_path=brand.org.path,
        changes={"brand": brand.name, "side": item.get_side_display(), "text": item.text},
    )
    return item


@transaction.atomic
def swot_update(*, actor, item: SwotItem, version: int | None = None, **fields) -> SwotItem:
    item = SwotItem.objects.select_for_update().select_related("brand__org").get(pk=item.pk)
    check_version(item, version)
    ensure_editable(item.brand)
    changes = field_changes(item, _clean_swot(fields))
    if not changes:
        return item
    item.full_clean()
    item.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="swot_update", obj=item, org_path=item.brand.org.path, changes=changes
    )
    return item


@transaction.atomic
def swot_delete(*, actor, item: SwotItem, version: int | None = None) -> None:
    item = SwotItem.objects.select_for_update().select_related("brand__org").get(pk=item.pk)
    check_version(item, version)
    ensure_editable(item.brand)
    audit_record(
        actor=actor,
        action="swot_delete",
        obj=item,
        org_path=item.brand.org.path,
        changes={"side": item.get_side_display(), "text": item.text},
    )
    item.delete()


@transaction.atomic
def conclusion_save(
    *, actor, brand: Brand, conclusion: str, version: int | None = None
) -> PositioningNote:
    """Write the brand's positioning conclusion; the secretary and the committee may both edit
    it, so the row is locked while it changes, and a form opened before the other's save is
    refused. `version` 0 is a form opened while there was no conclusion yet."""
    ensure_editable(brand)
    conclusion = clean_text(conclusion).strip()
    if len(conclusion) > CONCLUSION_MAX:
        raise ValidationError(f"定位结论不超过 {CONCLUSION_MAX} 字（当前 {len(conclusion)} 字）。")
    PositioningNote.objects.get_or_create(brand=brand)  # the row to lock, once
    note = PositioningNote.objects.select_for_update().get(brand=brand)
    check_version(note, 1 if version == 0 else version)  # a new row is at 1 until first saved
    changes = field_changes(note, {"conclusion": conclusion})
    if not changes:
        return note
    note.updated_by = actor
    note.save(update_fields=["conclusion", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="conclusion_save",
        obj=note,
        org_path=brand.org.path,
        changes={"brand": brand.name, **changes},
    )
    return note

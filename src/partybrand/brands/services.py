"""Every state change of a brand's record: identity, logo, KPIs, honours and attachments.

Lifecycle moves live in `transitions.py`.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from partybrand.brands.choices import LINK_REFUSED, LINK_SCHEMES, BrandLevel, BrandStatus
from partybrand.brands.models import (
    Attachment,
    Brand,
    BrandEvent,
    BrandPhrase,
    Honour,
    Kpi,
    KpiValue,
)
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.uploads import check_attachment, check_logo
from partybrand.core.versioning import check_version
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Organization

BRAND_FIELDS = (
    "name",
    "slogan",
    "meaning",
    "political_note",
    "cultural_note",
    "integration_note",
    "logo_meaning",
    "standard_colors",
    "standard_fonts",
    "usage_rules",
    "parent",
)
LEVEL_BY_KIND: dict[str, str] = {
    OrgKind.GROUP_COMMITTEE: BrandLevel.GROUP,
    OrgKind.COMMITTEE: BrandLevel.COMPANY,
}


def level_for(org: Organization) -> str:
    return LEVEL_BY_KIND.get(org.kind, BrandLevel.BRANCH)


def _check_parent(brand_org: Organization, parent: Brand | None, brand: Brand | None) -> None:
    if parent is None:
        return
    if brand is not None and parent.pk == brand.pk:
        raise ValidationError("品牌不能以自己为上级品牌。")
    if not brand_org.path.startswith(parent.org.path) or parent.org_id == brand_org.pk:
        raise ValidationError("上级品牌应属于本组织的上级党组织。")


# From the application on, the name, slogan and meaning are what reviewers judged and what the
# naming document names; they change only while the brand is being built (or after a return).
IDENTITY_FROZEN = {
    BrandStatus.SUBMITTED,
    BrandStatus.REVIEWING,
    BrandStatus.ACCEPTING,
    BrandStatus.PUBLICIZING,
    BrandStatus.NAMED,
    BrandStatus.RECTIFYING,
}
IDENTITY_FIELDS = {"name", "slogan", "meaning", "parent"}


def _refuse_frozen_identity(brand: Brand) -> None:
    if brand.status in IDENTITY_FROZEN:
        raise ValidationError(
            f"品牌处于“{brand.get_status_display()}”状态，名称、口号、内涵释义和上级品牌已锁定。"
        )


def ensure_editable(brand: Brand) -> None:
    if brand.status == BrandStatus.REVOKED:
        raise ValidationError("已摘牌的品牌不能再修改。")


def _check_name(name: str) -> None:
    name = (name or "").strip()
    if not name:
        raise ValidationError("品牌名称不能为空。")
    if len(name) > 30:
        raise ValidationError("品牌名称过长：不超过 30 个字。")


@transaction.atomic
def brand_create(*, actor, org: Organization, name: str, **fields) -> Brand:
    if org.kind in (OrgKind.GROUP, OrgKind.TEAM):
        raise ValidationError("品牌应由党支部及以上党组织创建。")
    _check_name(name)
    _check_parent(org, fields.get("parent"), None)
    data = {k: v for k, v in fields.items() if k in BRAND_FIELDS}
    # The level follows the owner: a branch cannot label its brand a group brand.
    brand = Brand(org=org, name=name.strip(), level=level_for(org), created_by=actor, **data)
    brand.full_clean(exclude=["logo"])
    brand.save()
    BrandEvent.objects.create(
        brand=brand, action="create", label="创建品牌", to_status=brand.status, actor=actor
    )
    audit_record(
        actor=actor,
        action="brand_create",
        obj=brand,
        org_path=org.path,
        changes={"name": brand.name, "org": org.name},
    )
    return brand


@transaction.atomic
def brand_update(*, actor, brand: Brand, version: int | None = None, **fields) -> Brand:
    """Change the brand's identity. `version` is the one the form or API client started from:
    a brand changed since is refused (core/versioning.py) before anything is compared."""
    brand = Brand.objects.select_for_update().select_related("org").get(pk=brand.pk)
    check_version(brand, version)
    ensure_editable(brand)
    data = {k: v for k, v in fields.items() if k in BRAND_FIELDS}
    if "name" in data:
        _check_name(data["name"])
        data["name"] = data["name"].strip()
    if "parent" in data:
        _check_parent(brand.org, data["parent"], brand)
    changes = field_changes(brand, data)
    if not changes:
        return brand
    if IDENTITY_FIELDS & set(changes):
        _refuse_frozen_identity(brand)
    brand.full_clean(exclude=["logo"])
    brand.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action="brand_update", obj=brand, org_path=brand.org.path, changes=changes
    )
    return brand


@transaction.atomic
def brand_set_phrases(
    *, actor, brand: Brand, phrases: list[tuple[str, str]], version: int | None = None
) -> None:
    """Replace the phrase-by-phrase 内涵释义 (part of the brand's record: its version rises)."""
    brand = Brand.objects.select_for_update().select_related("org").get(pk=brand.pk)
    check_version(brand, version)
    ensure_editable(brand)
    cleaned = [(p.strip(), e.strip()) for p, e in phrases if p.strip() or e.strip()]
    for phrase, explanation in cleaned:
        if not phrase or not explanation:
            raise ValidationError("每条释义都需要填写词句和释义。")
        if len(phrase) > 30:
            raise ValidationError(f"词句“{phrase[:10]}…”过长：不超过 30 个字。")
    if cleaned == list(brand.phrases.values_list("phrase", "explanation")):
        return
    _refuse_frozen_identity(brand)
    brand.phrases.all().delete()
    BrandPhrase.objects.bulk_create(
        BrandPhrase(brand=brand, order=i, phrase=p, explanation=e)
        for i, (p, e) in enumerate(cleaned)
    )
    brand.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="brand_set_phrases",
        obj=brand,
        org_path=brand.org.path,
        changes={"phrases": [p for p, _ in cleaned]},
    )


@transaction.atomic
def brand_set_logo(*, actor, brand: Brand, upload) -> Brand:
    checked = check_logo(upload, max_bytes=settings.LOGO_MAX_BYTES)
    brand = Brand.objects.select_for_update().select_related("org").get(pk=brand.pk)
    ensure_editable(brand)
    old = brand.logo.name if brand.logo else ""
    brand.logo.save(
        f"logo-{uuid.uuid4().hex[:12]}.{checked.extension}", checked.content, save=False
    )
    brand.logo_content_type = checked.content_type
    brand.save(update_fields=["logo", "logo_content_type", "updated_at"])
    if old:
        storage = brand.logo.storage
        transaction.on_commit(lambda: storage.delete(old))  # kept if the change rolls back
    audit_record(
        actor=actor,
        action="brand_set_logo",
        obj=brand,
        org_path=brand.org.path,
        changes={"logo": [old, brand.logo.name], "type": checked.content_type},
    )
    return brand


@transaction.atomic
def kpi_create(*, actor, brand: Brand, **fields) -> Kpi:
    ensure_editable(brand)
    kpi = Kpi(brand=brand, **fields)
    kpi.full_clean()
    kpi.save()
    audit_record(
        actor=actor,
        action="kpi_create",
        obj=kpi,
        org_path=brand.org.path,
        changes={"brand": brand.name, "name": kpi.name, "baseline": kpi.baseline},
    )
    return kpi


@transaction.atomic
def kpi_record_value(*, actor, kpi: Kpi, measured_on: date, value, note: str = "") -> KpiValue:
    """Record the actual value on a date; a second value for the same date replaces the first."""
    ensure_editable(kpi.brand)
    if measured_on < kpi.baseline_on:
        raise ValidationError("实际值日期不能早于基线日期。")
    row, created = KpiValue.objects.select_for_update().get_or_create(
        kpi=kpi,
        measured_on=measured_on,
        defaults={"value": value, "note": note, "recorded_by": actor},
    )
    old = None
    if not created:
        old = row.value
        row.value, row.note, row.recorded_by = value, note, actor
        row.save(update_fields=["value", "note", "recorded_by"])
    audit_record(
        actor=actor,
        action="kpi_record_value",
        obj=kpi,
        org_path=kpi.brand.org.path,
        changes={"date": measured_on.isoformat(), "value": [old, value]},
    )
    return row


@transaction.atomic
def kpi_delete(*, actor, kpi: Kpi) -> None:
    ensure_editable(kpi.brand)
    audit_record(actor=actor, action="kpi_delete", obj=kpi, org_path=kpi.brand.org.path)
    kpi.delete()


@transaction.atomic
def honour_add(*, actor, brand: Brand, **fields) -> Honour:
    ensure_editable(brand)
    honour = Honour(brand=brand, **fields)
    honour.full_clean()
    honour.save()
    audit_record(
        actor=actor,
        action="honour_add",
        obj=honour,
        org_path=brand.org.path,
        changes={"brand": brand.name, "title": honour.title, "year": honour.year},
    )
    return honour


@transaction.atomic
def honour_delete(*, actor, honour: Honour) -> None:
    ensure_editable(honour.brand)
    audit_record(actor=actor, action="honour_delete", obj=honour, org_path=honour.brand.org.path)
    honour.delete()


@transaction.atomic
def attachment_add(
    *, actor, brand: Brand, kind: str, title: str, upload=None, url: str = ""
) -> Attachment:
    ensure_editable(brand)
    url = (url or "").strip()
    if (upload is None) == (not url):
        raise ValidationError("请上传文件或填写链接（二选一）。")
    if url:
        try:
            URLValidator(schemes=list(LINK_SCHEMES))(url)
        except ValidationError:
            raise ValidationError({"url": LINK_REFUSED}) from None
    attachment = Attachment(brand=brand, kind=kind, title=title.strip(), url=url, uploaded_by=actor)
    attachment.full_clean(exclude=["file"])
    if upload is not None:
        checked = check_attachment(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
        attachment.content_type, attachment.size = checked.content_type, checked.size
        attachment.file.save(
            f"{uuid.uuid4().hex[:12]}.{checked.extension}", checked.content, save=False
        )
    attachment.save()
    audit_record(
        actor=actor,
        action="attachment_add",
        obj=attachment,
        org_path=brand.org.path,
        changes={"brand": brand.name, "title": attachment.title, "kind": kind},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    ensure_editable(attachment.brand)
    audit_record(
        actor=actor,
        action="attachment_delete",
        obj=attachment,
        org_path=attachment.brand.org.path,
    )
    storage, name = attachment.file.storage, attachment.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    attachment.delete()

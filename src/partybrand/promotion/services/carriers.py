"""Every change to activity carriers: setting one up and changing it, recording what it did,
and the committee's recognition. Each checks its input, runs in one transaction and writes one
audit row."""

import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.brands.models import Brand
from partybrand.brands.services import ensure_editable
from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.quotes import quoted
from partybrand.core.uploads import check_evidence_files
from partybrand.core.versioning import check_version
from partybrand.promotion.choices import (
    BrandDisplay,
    CarrierKind,
    CarrierState,
    PromotionAudit,
    RecognitionDecision,
)
from partybrand.promotion.models import Activity, ActivityPhoto, Carrier, Recognition
from partybrand.textsim.normalize import clean_text

CARRIER_FIELDS = ("kind", "name", "leader", "area", "commitment", "starts_on", "ends_on")
CARRIER_FIELDS += ("display", "state")
MAX_PHOTOS = 9  # per activity
MAX_RESULTS = 5  # result rows per activity
MAX_NUMBER = Decimal("1e12")


def _text(value) -> str:
    return clean_text(value or "").strip()


def _check_roll(carrier_org, people, field: str, label: str) -> None:
    """People of the carrier's organisation (or below it) still on the roll. Someone else is
    refused without being named: an id from the API may point anywhere."""
    path = carrier_org.path
    if any(p is not None and not (p.is_active and p.org.path.startswith(path)) for p in people):
        raise ValidationError({field: f"{label}须是本组织名册上的党员。"})


def _clean_carrier(org, fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in CARRIER_FIELDS}
    for name in ("name", "area", "commitment"):
        if name in data:
            data[name] = _text(data[name])
    if "name" in data and not data["name"]:
        raise ValidationError({"name": "请填写载体名称。"})
    if "kind" in data and data["kind"] not in CarrierKind.values:
        raise ValidationError({"kind": "请选择载体类型。"})
    if "state" in data and data["state"] not in CarrierState.values:
        raise ValidationError({"state": "状态应为运行中或已结束。"})
    if "display" in data:
        display = list(dict.fromkeys(data["display"] or []))
        if any(v not in BrandDisplay.values for v in display):
            raise ValidationError({"display": "亮牌方式只能是亮身份、亮承诺、亮标识。"})
        data["display"] = [v for v in BrandDisplay.values if v in display]
    if "leader" in data:
        _check_roll(org, [data["leader"]], "leader", "负责人")
    return data


def _check_period(carrier: Carrier) -> None:
    if carrier.ends_on and carrier.starts_on and carrier.ends_on < carrier.starts_on:
        raise ValidationError({"ends_on": "截止日期不能早于起始日期。"})


def _names(people) -> list[str]:
    return [p.name for p in people]


@transaction.atomic
def carrier_create(*, actor, brand: Brand, members=(), **fields) -> Carrier:
    """Set up a carrier of the brand's organisation, with its members from the roll."""
    ensure_editable(brand)
    data = _clean_carrier(brand.org, fields)
    members = list(members)
    _check_roll(brand.org, members, "members", "成员")
    carrier = Carrier(org=brand.org, brand=brand, created_by=actor, **data)
    _check_period(carrier)
    carrier.full_clean()
    carrier.save()
    carrier.members.set(members)
    audit_record(
        actor=actor,
        action=PromotionAudit.CARRIER_CREATE,
        obj=carrier,
        org_path=brand.org.path,
        changes={
            "brand": brand.name,
            "kind": carrier.get_kind_display(),
            "name": carrier.name,
            "members": _names(members),
        },
    )
    return carrier


@transaction.atomic
def carrier_update(
    *, actor, carrier: Carrier, members=None, version: int | None = None, **fields
) -> Carrier:
    """Change a carrier. `version` is the one the form or API client started from: a carrier
    changed since is refused (core/versioning.py) before anything is compared."""
    carrier = (
        Carrier.objects.select_for_update(of=("self",))
        .select_related("org", "brand")
        .get(pk=carrier.pk)
    )
    check_version(carrier, version)
    ensure_editable(carrier.brand)
    leader_before = getattr(carrier.leader, "name", None)
    changes = field_changes(carrier, _clean_carrier(carrier.org, fields))
    if "leader" in changes:
        changes["leader"] = [leader_before, getattr(carrier.leader, "name", None)]
    if members is not None:
        members = list(members)
        _check_roll(carrier.org, members, "members", "成员")
        before = sorted(_names(carrier.members.all()))
        after = sorted(_names(members))
        if before != after:
            changes["members"] = [before, after]
            carrier.members.set(members)
    if not changes:
        return carrier
    _check_period(carrier)
    carrier.full_clean()
    carrier.save()
    audit_record(
        actor=actor,
        action=PromotionAudit.CARRIER_UPDATE,
        obj=carrier,
        org_path=carrier.org.path,
        changes=changes,
    )
    return carrier


def _clean_results(rows) -> list[dict]:
    """Result rows as stored: label, number (as exact text) and unit; empty rows dropped."""
    clean = []
    for row in rows or []:
        label, unit = _text(row.get("label")), _text(row.get("unit"))
        number = row.get("number")
        if not label and number in (None, ""):
            continue
        if not label:
            raise ValidationError({"results": "每项成效请写明名称。"})
        try:
            value = Decimal(str(number))
        except (InvalidOperation, ValueError):
            raise ValidationError({"results": f"成效{quoted(label)}的数值不是数字。"}) from None
        if not value.is_finite() or abs(value) >= MAX_NUMBER:
            raise ValidationError({"results": f"成效{quoted(label)}的数值超出范围。"})
        if len(label) > 20 or len(unit) > 10:
            raise ValidationError({"results": "成效名称不超过 20 字，单位不超过 10 字。"})
        clean.append({"label": label, "number": format(value.normalize(), "f"), "unit": unit})
    if len(clean) > MAX_RESULTS:
        raise ValidationError({"results": f"每次活动最多记录 {MAX_RESULTS} 项成效。"})
    return clean


def check_photos(uploads):
    """(title, CheckedFile) for each photo, decoded as every image of the platform; anything
    but a PNG or JPEG photo refuses them all."""
    checked = check_evidence_files(uploads, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    for title, file in checked:
        if not file.content_type.startswith("image/"):
            raise ValidationError(
                {"photos": f"{quoted(title)}不是照片：活动照片只能是 PNG 或 JPEG。"}
            )
    return checked


@transaction.atomic
def activity_add(
    *,
    actor,
    carrier: Carrier,
    held_on,
    content: str,
    place: str = "",
    participants=(),
    results=(),
    photos=(),
) -> Activity:
    """Record what the carrier did, with its participants from the roll, its results in
    numbers and its photos (all accepted, or nothing saved)."""
    carrier = (
        Carrier.objects.select_for_update(of=("self",))
        .select_related("org", "brand")
        .get(pk=carrier.pk)
    )
    ensure_editable(carrier.brand)
    if carrier.state != CarrierState.ACTIVE:
        raise ValidationError("该载体已结束，不能再记录活动。")
    if held_on > clock.today():
        raise ValidationError({"held_on": "活动日期不能晚于今天。"})
    content = _text(content)
    if not content:
        raise ValidationError({"content": "请写明活动内容。"})
    participants = list(participants)
    _check_roll(carrier.org, participants, "participants", "参加人员")
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": f"每次活动最多上传 {MAX_PHOTOS} 张照片。"})
    checked = check_photos(photos)
    activity = Activity(
        carrier=carrier,
        held_on=held_on,
        place=_text(place),
        content=content,
        results=_clean_results(results),
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    activity.participants.set(participants)
    for title, file in checked:
        photo = ActivityPhoto(
            activity=activity,
            title=title,
            content_type=file.content_type,
            size=file.size,
            uploaded_by=actor,
        )
        photo.file.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
        photo.save()
    audit_record(
        actor=actor,
        action=PromotionAudit.ACTIVITY_ADD,
        obj=activity,
        org_path=carrier.org.path,
        changes={
            "carrier": carrier.name,
            "held_on": held_on.isoformat(),
            "participants": _names(participants),
            "results": activity.results,
            "photos": [title for title, _ in checked],
        },
    )
    return activity


@transaction.atomic
def recognition_record(
    *,
    actor,
    carrier: Carrier,
    title: str,
    criteria: str,
    decision: str,
    decided_on,
    comment: str = "",
    plaque_on=None,
    recheck_on=None,
) -> Recognition:
    """The committee's judgement of a carrier, from what it did."""
    carrier = (
        Carrier.objects.select_for_update(of=("self",)).select_related("org").get(pk=carrier.pk)
    )
    title, criteria, comment = _text(title), _text(criteria), _text(comment)
    if not title:
        raise ValidationError({"title": "请填写认定称号。"})
    if not criteria:
        raise ValidationError({"criteria": "请写明评定标准。"})
    if decision not in RecognitionDecision.values:
        raise ValidationError({"decision": "请选择评定结论。"})
    if decided_on > clock.today():
        raise ValidationError({"decided_on": "评定日期不能晚于今天。"})
    if decision == RecognitionDecision.DECLINED and plaque_on:
        raise ValidationError({"plaque_on": "暂不认定的载体不授牌。"})
    if plaque_on and plaque_on < decided_on:
        raise ValidationError({"plaque_on": "授牌日期不能早于评定日期。"})
    if recheck_on and recheck_on <= decided_on:
        raise ValidationError({"recheck_on": "下次复核日期应晚于评定日期。"})
    if not carrier.activities.exists():
        raise ValidationError("该载体还没有活动记录：评定须依据载体做了什么、取得了什么成效。")
    recognition = Recognition(
        carrier=carrier,
        title=title,
        criteria=criteria,
        decision=decision,
        comment=comment,
        decided_on=decided_on,
        plaque_on=plaque_on,
        recheck_on=recheck_on,
        decided_by=actor,
    )
    recognition.full_clean()
    recognition.save()
    audit_record(
        actor=actor,
        action=PromotionAudit.RECOGNITION_RECORD,
        obj=recognition,
        org_path=carrier.org.path,
        changes={
            "carrier": carrier.name,
            "title": title,
            "decision": recognition.get_decision_display(),
        },
    )
    return recognition

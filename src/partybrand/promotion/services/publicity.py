"""The publicity ledger (推介台账): an entry of where the brand was made known, with a link or a
proof (a screenshot or a PDF, judged by parsing), and the adoption of what was reported upward,
recorded by the committee that received it."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.quotes import quoted
from partybrand.core.uploads import check_evidence_files
from partybrand.notices.services import notify
from partybrand.orgs.roles import Cap, users_with
from partybrand.promotion.choices import (
    CHANNEL_DIRECTION,
    Adoption,
    PromotionAudit,
    PromotionNotice,
    PublicityChannel,
    PublicityDirection,
    PublicityLevel,
)
from partybrand.promotion.models import Launch, PublicityEntry
from partybrand.promotion.services.carriers import _text

MAX_REACH = 10**9


def _check_proof(proof):
    """The proof as a checked file: a screenshot (PNG or JPEG) or a PDF, judged by its content."""
    if proof is None:
        return None
    [(_title, file)] = check_evidence_files([proof], max_bytes=settings.ATTACHMENT_MAX_BYTES)
    if not (file.content_type.startswith("image/") or file.content_type == "application/pdf"):
        raise ValidationError({"proof": "佐证只能是截图（PNG、JPEG）或 PDF 文件。"})
    return file


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if url and urlsplit(url).scheme not in ("http", "https"):
        raise ValidationError({"url": "链接须是以 http:// 或 https:// 开头的网址。"})
    return url


def entry_url(entry: PublicityEntry) -> str:
    return reverse("promotion:publicity_detail", args=[entry.pk])


@transaction.atomic
def publicity_add(
    *,
    actor,
    brand: Brand,
    channel: str,
    published_on,
    title: str,
    level: str,
    outlet: str = "",
    url: str = "",
    reach: int | None = None,
    proof=None,
    reported_to=None,
    launch: Launch | None = None,
) -> PublicityEntry:
    """Enter one item of the brand's publicity. Its direction follows the channel; an item
    reported upward names an organisation above the brand's, and waits for its adoption."""
    if channel not in PublicityChannel.values:
        raise ValidationError({"channel": "请选择渠道。"})
    if level not in PublicityLevel.values:
        raise ValidationError({"level": "请选择层级。"})
    direction = CHANNEL_DIRECTION[PublicityChannel(channel)]
    title, outlet = _text(title), _text(outlet)
    if not title:
        raise ValidationError({"title": "请填写标题。"})
    if published_on > clock.today():
        raise ValidationError({"published_on": "日期不能晚于今天。"})
    if reach is not None and not 0 <= reach < MAX_REACH:
        raise ValidationError({"reach": "阅读或覆盖人次超出范围。"})
    url = _check_url(url)
    file = _check_proof(proof)
    if not url and file is None:
        raise ValidationError({"url": "请填写链接或上传佐证（截图或 PDF），至少一项。"})
    org_path = brand.org.path
    if direction == PublicityDirection.UPWARD:
        if reported_to is None:
            raise ValidationError({"reported_to": "向上报送的材料请选择报送的上级党组织。"})
        if not (org_path.startswith(reported_to.path) and reported_to.path != org_path):
            raise ValidationError({"reported_to": "只能报送本组织的上级党组织。"})
    else:
        reported_to = None
    if launch is not None and launch.brand_id != brand.pk:
        raise ValidationError({"launch": "发布会须是本品牌的发布会。"})
    entry = PublicityEntry(
        brand=brand,
        org=brand.org,
        launch=launch,
        direction=direction,
        channel=channel,
        outlet=outlet,
        published_on=published_on,
        title=title,
        url=url,
        level=level,
        reach=reach,
        reported_to=reported_to,
        adoption=Adoption.PENDING if reported_to is not None else "",
        created_by=actor,
    )
    if file is not None:
        entry.proof_content_type, entry.proof_size = file.content_type, file.size
        entry.proof.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        action=PromotionAudit.PUBLICITY_ADD,
        obj=entry,
        org_path=org_path,
        changes={
            "brand": brand.name,
            "title": title,
            "channel": entry.get_channel_display(),
            "level": entry.get_level_display(),
            "reported_to": reported_to.name if reported_to else None,
            "proof": bool(file),
        },
    )
    if reported_to is not None:
        receivers = list(users_with(Cap.ADOPT_PUBLICITY, [reported_to.path]))
        transaction.on_commit(lambda: _tell_receivers(entry, receivers))
    return entry


def _tell_receivers(entry: PublicityEntry, receivers) -> None:
    for user in receivers:
        notify(
            user=user,
            kind=PromotionNotice.PUBLICITY_REPORTED,
            key=f"promotion:publicity:{entry.pk}:{user.pk}",
            title=f"{entry.org.name}报送：{entry.title}",
            body="请记录采用情况。",
            url=entry_url(entry),
            org_path=entry.reported_to.path,
        )


@transaction.atomic
def publicity_adopt(
    *, actor, entry: PublicityEntry, adoption: str, level: str = "", adopted_on=None, note=""
) -> PublicityEntry:
    """The receiving committee records whether the item was adopted and at what level."""
    entry = (
        PublicityEntry.objects.select_for_update(of=("self",))
        .select_related("org", "reported_to", "brand")
        .get(pk=entry.pk)
    )
    if entry.reported_to is None:
        raise ValidationError("只有向上报送的材料才记录采用情况。")
    if adoption not in (Adoption.ADOPTED, Adoption.DECLINED):
        raise ValidationError({"adoption": "请选择已采用或未采用。"})
    adopted_on = adopted_on or clock.today()
    if adopted_on > clock.today():
        raise ValidationError({"adopted_on": "日期不能晚于今天。"})
    if adopted_on < entry.published_on:
        raise ValidationError({"adopted_on": "采用日期不能早于报送日期。"})
    if adoption == Adoption.ADOPTED:
        if level not in PublicityLevel.values:
            raise ValidationError({"level": "请选择采用层级。"})
    else:
        level = ""
    note = _text(note)[:200]
    before = entry.get_adoption_display()
    entry.adoption, entry.adopted_level, entry.adopted_on = adoption, level, adopted_on
    entry.adoption_note, entry.adopted_by = note, actor
    entry.save(
        update_fields=["adoption", "adopted_level", "adopted_on", "adoption_note", "adopted_by"]
    )
    audit_record(
        actor=actor,
        action=PromotionAudit.PUBLICITY_ADOPT,
        obj=entry,
        org_path=entry.org.path,
        changes={
            "title": entry.title,
            "adoption": [before, entry.get_adoption_display()],
            "adopted_level": entry.get_adopted_level_display() or None,
        },
    )
    creator = entry.created_by
    transaction.on_commit(
        lambda: notify(
            user=creator,
            kind=PromotionNotice.PUBLICITY_ADOPTED,
            key=f"promotion:adopted:{entry.pk}:{adoption}",
            title=f"{quoted(entry.title)}{entry.get_adoption_display()}",
            body=f"{entry.reported_to.name}：{note}" if note else entry.reported_to.name,
            url=entry_url(entry),
            org_path=entry.org.path,
        )
    )
    return entry

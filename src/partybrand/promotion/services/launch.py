"""The brand launch (品牌发布会): planned (date, venue, agenda, participants from the roll and
guests, drafts written from the brand record), changed while it is being prepared, marked held,
and its record kept (attendance, summary, photos). Participants with an account are told."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.brands.services import ensure_editable
from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.quotes import quoted
from partybrand.core.versioning import check_version
from partybrand.notices.services import notify
from partybrand.promotion import drafts
from partybrand.promotion.choices import LaunchState, PromotionAudit, PromotionNotice
from partybrand.promotion.models import Launch, LaunchPhoto
from partybrand.promotion.services.carriers import _check_roll, _names, _text, check_photos

LAUNCH_FIELDS = ("title", "held_on", "start_time", "venue", "agenda", "guests")
LAUNCH_FIELDS += ("host_script", "speech", "checklist", "publicity_plan")
MAX_AGENDA = 20
MAX_CHECKLIST = 30
MAX_LAUNCH_PHOTOS = 12


def _clean_agenda(rows) -> list[dict]:
    clean = []
    for row in rows or []:
        item = _text(row.get("item"))
        time, speaker = _text(row.get("time")), _text(row.get("speaker"))
        if not item and not time and not speaker:
            continue
        if not item:
            raise ValidationError({"agenda": "每项议程请写明内容。"})
        if len(item) > 60 or len(time) > 20 or len(speaker) > 30:
            raise ValidationError(
                {"agenda": "议程内容不超过 60 字，时间不超过 20 字，发言人不超过 30 字。"}
            )
        clean.append({"time": time, "item": item, "speaker": speaker})
    if len(clean) > MAX_AGENDA:
        raise ValidationError({"agenda": f"议程最多 {MAX_AGENDA} 项。"})
    return clean


def _clean_checklist(rows) -> list[dict]:
    clean = []
    for row in rows or []:
        if isinstance(row, str):
            row = {"item": row}
        item = _text(row.get("item"))
        if not item:
            continue
        if len(item) > 60:
            raise ValidationError({"checklist": "每项会场清单不超过 60 字。"})
        clean.append({"item": item, "done": bool(row.get("done"))})
    if len(clean) > MAX_CHECKLIST:
        raise ValidationError({"checklist": f"会场清单最多 {MAX_CHECKLIST} 项。"})
    return clean


def _clean_launch(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in LAUNCH_FIELDS}
    for name in ("title", "venue", "guests", "host_script", "speech", "publicity_plan"):
        if name in data:
            data[name] = _text(data[name])
    if "title" in data and not data["title"]:
        raise ValidationError({"title": "请填写发布会名称。"})
    if "venue" in data and not data["venue"]:
        raise ValidationError({"venue": "请填写会场。"})
    if "agenda" in data:
        data["agenda"] = _clean_agenda(data["agenda"])
    if "checklist" in data:
        data["checklist"] = _clean_checklist(data["checklist"])
    return data


def launch_url(launch: Launch) -> str:
    return reverse("promotion:launch_detail", args=[launch.pk])


def _tell_participants(launch: Launch, people, *, changed: bool) -> None:
    when = clock.chinese_date(launch.held_on)
    if launch.start_time:
        when += f" {launch.start_time:%H:%M}"
    title = f"{'发布会时间地点有变' if changed else '请参加'}：{launch.title}"
    for member in people:
        notify(
            user=member.user,
            kind=PromotionNotice.LAUNCH,
            key=f"promotion:launch:{launch.pk}:{launch.version}:{member.pk}",
            title=title,
            body=f"时间：{when}；地点：{launch.venue}。",
            url=launch_url(launch),
            org_path=launch.org.path,
        )


def _with_users(people):
    return [p for p in people if p.user_id]


@transaction.atomic
def launch_plan(*, actor, brand: Brand, participants=(), **fields) -> Launch:
    """Plan the brand's launch. Drafts left empty are written from the brand record: the
    主持词 from the agenda, the 讲话稿 from the name, slogan, meaning, logo, carriers, honours."""
    ensure_editable(brand)
    if not _text(fields.get("title")):
        fields["title"] = f"{quoted(brand.name)}党建品牌发布会"
    data = _clean_launch(fields)
    participants = list(participants)
    _check_roll(brand.org, participants, "participants", "参会党员")
    launch = Launch(brand=brand, org=brand.org, created_by=actor, **data)
    if not launch.checklist:
        launch.checklist = [{"item": item, "done": False} for item in drafts.DEFAULT_CHECKLIST]
    if not launch.host_script:
        launch.host_script = drafts.host_script(brand, launch)
    if not launch.speech:
        launch.speech = drafts.speech(brand)
    if not launch.publicity_plan:
        launch.publicity_plan = drafts.publicity_plan(brand)
    launch.full_clean()
    launch.save()
    launch.participants.set(participants)
    audit_record(
        actor=actor,
        action=PromotionAudit.LAUNCH_PLAN,
        obj=launch,
        org_path=brand.org.path,
        changes={
            "brand": brand.name,
            "title": launch.title,
            "held_on": launch.held_on.isoformat(),
            "venue": launch.venue,
            "participants": _names(participants),
        },
    )
    transaction.on_commit(
        lambda: _tell_participants(launch, _with_users(participants), changed=False)
    )
    return launch


def _locked(launch: Launch) -> Launch:
    return (
        Launch.objects.select_for_update(of=("self",))
        .select_related("org", "brand")
        .get(pk=launch.pk)
    )


@transaction.atomic
def launch_update(
    *, actor, launch: Launch, participants=None, version: int | None = None, **fields
) -> Launch:
    """Change the plan while the launch is being prepared. New participants are told; when
    the date, time or venue changes, everyone is told again."""
    launch = _locked(launch)
    check_version(launch, version)
    ensure_editable(launch.brand)
    if launch.state != LaunchState.PLANNED:
        raise ValidationError("发布会已举行，方案不能再修改。")
    changes = field_changes(launch, _clean_launch(fields))
    before = list(launch.participants.all())
    added = []
    if participants is not None:
        participants = list(participants)
        _check_roll(launch.org, participants, "participants", "参会党员")
        if sorted(_names(before)) != sorted(_names(participants)):
            changes["participants"] = [sorted(_names(before)), sorted(_names(participants))]
            launch.participants.set(participants)
            known = {p.pk for p in before}
            added = [p for p in participants if p.pk not in known]
    if not changes:
        return launch
    launch.full_clean()
    launch.save()
    audit_record(
        actor=actor,
        action=PromotionAudit.LAUNCH_UPDATE,
        obj=launch,
        org_path=launch.org.path,
        changes=changes,
    )
    moved = any(name in changes for name in ("held_on", "start_time", "venue"))
    everyone = list(launch.participants.all()) if moved else added
    transaction.on_commit(lambda: _tell_participants(launch, _with_users(everyone), changed=moved))
    return launch


@transaction.atomic
def launch_hold(*, actor, launch: Launch) -> Launch:
    """The launch took place (on its date, which must have come)."""
    launch = _locked(launch)
    if launch.state != LaunchState.PLANNED:
        raise ValidationError("发布会已标记为举行。")
    if launch.held_on > clock.today():
        raise ValidationError("发布会日期还没有到，不能标记为已举行。")
    launch.state = LaunchState.HELD
    launch.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=PromotionAudit.LAUNCH_HOLD,
        obj=launch,
        org_path=launch.org.path,
        changes={"state": [LaunchState.PLANNED.label, LaunchState.HELD.label]},
    )
    return launch


@transaction.atomic
def launch_record(*, actor, launch: Launch, attendance: int, summary: str, photos=()) -> Launch:
    """Keep the record of a launch held: how many attended, what was done, the photos (all
    accepted or nothing saved; the API may send none). Media reports are entered in the
    publicity ledger."""
    launch = _locked(launch)
    if launch.state != LaunchState.HELD:
        raise ValidationError("请先将发布会标记为已举行，再归档记录。")
    summary = _text(summary)
    if not summary:
        raise ValidationError({"summary": "请写明发布会纪要。"})
    if attendance is None or attendance < 1 or attendance > 100000:
        raise ValidationError({"attendance": "请填写实到人数。"})
    photos = list(photos)
    if len(photos) + launch.photos.count() > MAX_LAUNCH_PHOTOS:
        raise ValidationError({"photos": f"每场发布会最多 {MAX_LAUNCH_PHOTOS} 张照片。"})
    checked = check_photos(photos)
    for title, file in checked:
        photo = LaunchPhoto(
            launch=launch,
            title=title,
            content_type=file.content_type,
            size=file.size,
            uploaded_by=actor,
        )
        photo.file.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
        photo.save()
    launch.attendance = attendance
    launch.summary = summary
    launch.state = LaunchState.RECORDED
    launch.save(update_fields=["attendance", "summary", "state", "updated_at"])
    audit_record(
        actor=actor,
        action=PromotionAudit.LAUNCH_RECORD,
        obj=launch,
        org_path=launch.org.path,
        changes={
            "attendance": attendance,
            "photos": [title for title, _ in checked],
            "state": [LaunchState.HELD.label, LaunchState.RECORDED.label],
        },
    )
    return launch

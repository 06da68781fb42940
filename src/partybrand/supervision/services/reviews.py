"""复盘 meetings and their rectification items (整改事项), closed off one by one (照单销号)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version, touch
from partybrand.notices.services import build, notify, notify_many
from partybrand.orgs.roles import Cap, can
from partybrand.plans.access import can_edit_plan
from partybrand.supervision.access import may_verify_item
from partybrand.supervision.choices import ItemStatus, SupervisionNotice
from partybrand.supervision.models import RectificationItem, ReviewMeeting
from partybrand.supervision.selectors import carried_over
from partybrand.textsim.normalize import clean_text

I = ItemStatus  # noqa: E741
TEXT_FIELDS = ("title", "guests", "agenda", "minutes")
CHUNK = 1000  # overdue items reminded per round trip


def meeting_url(meeting: ReviewMeeting) -> str:
    return reverse("supervision:meeting_detail", kwargs={"pk": meeting.pk})


def _check_people(users, plan, field: str, label: str) -> None:
    for user in users:
        if not user.is_active or not can(user, Cap.VIEW_BRANDS, plan.org.path):
            raise ValidationError({field: f"{label}“{user}”看不到该计划，不能选择。"})


@transaction.atomic
def meeting_create(
    *,
    actor,
    plan,
    title: str,
    held_on: date,
    attendees=(),
    guests: str = "",
    agenda: str = "",
    minutes: str = "",
    convenor=None,
) -> ReviewMeeting:
    if not can_edit_plan(actor, plan):
        raise PermissionDenied("您没有权限为该计划召开复盘会议。")
    title = clean_text(title).strip()
    if not title:
        raise ValidationError({"title": "请填写会议名称。"})
    if held_on is None:
        raise ValidationError({"held_on": "请填写召开日期。"})
    attendees = list(attendees or [])
    _check_people(attendees, plan, "attendees", "参会人员")
    convenor = convenor or actor
    _check_people([convenor], plan, "convenor", "召集人")
    meeting = ReviewMeeting.objects.create(
        plan=plan,
        title=title[:100],
        held_on=held_on,
        convenor=convenor,
        guests=clean_text(guests).strip()[:300],
        agenda=clean_text(agenda).strip(),
        minutes=clean_text(minutes).strip(),
    )
    meeting.attendees.set(attendees)
    carried = carried_over(meeting).count()
    audit_record(
        actor=actor,
        action="review_create",
        obj=meeting,
        org_path=plan.org.path,
        changes={
            "plan": plan.title,
            "held_on": held_on,
            "attendees": [str(u) for u in attendees],
            "carried_over": carried,
        },
    )
    _invite(meeting, attendees, actor=actor)
    return meeting


def _invite(meeting: ReviewMeeting, attendees, *, actor) -> None:
    """Tell the attendees (each once per meeting, also when added later), not the actor."""
    plan = meeting.plan
    for user in attendees:
        if user.pk != actor.pk:
            notify(
                user=user,
                kind=SupervisionNotice.MEETING,
                key=f"review:{meeting.pk}:invited",
                title=f"复盘会议：{meeting.title}",
                body=f"{meeting.held_on:%Y-%m-%d} 召开，{plan.title}。",
                url=meeting_url(meeting),
                org_path=plan.org.path,
            )


@transaction.atomic
def meeting_update(
    *, actor, meeting: ReviewMeeting, attendees=None, version: int | None = None, **data
) -> ReviewMeeting:
    meeting = (
        ReviewMeeting.objects.select_for_update(of=("self",))
        .select_related("plan__org")
        .get(pk=meeting.pk)
    )
    check_version(meeting, version)
    if not (meeting.convenor_id == actor.pk or can_edit_plan(actor, meeting.plan)):
        raise PermissionDenied("您没有权限修改该复盘会议。")
    clean = {}
    for name, value in data.items():
        if name in TEXT_FIELDS:
            value = clean_text(value or "").strip()
        clean[name] = value
    if "title" in clean and not clean["title"]:
        raise ValidationError({"title": "请填写会议名称。"})
    changes = field_changes(meeting, clean)
    meeting_saved = bool(changes)
    if meeting_saved:
        meeting.save(update_fields=list(changes))
    if attendees is not None:
        attendees = list(attendees)
        _check_people(attendees, meeting.plan, "attendees", "参会人员")
        before = set(meeting.attendees.values_list("pk", flat=True))
        if before != {u.pk for u in attendees}:
            meeting.attendees.set(attendees)
            if not meeting_saved:
                touch(meeting)  # the attendance is part of the record: its version rises
            changes["attendees"] = [str(u) for u in attendees]
            _invite(meeting, attendees, actor=actor)
    if not changes:
        return meeting  # saved as it was: no audit row for nothing
    audit_record(
        actor=actor,
        action="review_update",
        obj=meeting,
        org_path=meeting.plan.org.path,
        changes=changes,
    )
    return meeting


@transaction.atomic
def item_create(
    *, actor, meeting: ReviewMeeting, finding: str, owner, deadline: date, measure: str = ""
) -> RectificationItem:
    """A finding of the meeting becomes a rectification item with an owner and a deadline."""
    if not (meeting.convenor_id == actor.pk or can_edit_plan(actor, meeting.plan)):
        raise PermissionDenied("您没有权限为该复盘会议登记问题。")
    finding = clean_text(finding).strip()
    if not finding:
        raise ValidationError({"finding": "请填写发现的问题。"})
    if owner is None:
        raise ValidationError({"owner": "请选择整改责任人。"})
    _check_people([owner], meeting.plan, "owner", "整改责任人")
    if deadline is None:
        raise ValidationError({"deadline": "请填写整改时限。"})
    if deadline < meeting.held_on:
        raise ValidationError({"deadline": "整改时限不能早于会议日期。"})
    item = RectificationItem.objects.create(
        meeting=meeting,
        finding=finding,
        measure=clean_text(measure).strip(),
        owner=owner,
        deadline=deadline,
    )
    audit_record(
        actor=actor,
        action="rectification_create",
        obj=item,
        org_path=meeting.plan.org.path,
        changes={"finding": finding, "owner": str(owner), "deadline": deadline},
    )
    notify(
        user=owner,
        kind=SupervisionNotice.RECTIFICATION,
        key=f"rect:{item.pk}:assigned:{owner.pk}",
        title=f"整改事项：{finding[:60]}",
        body=f"来自复盘会议“{meeting.title}”，请于 {deadline:%Y-%m-%d} 前完成整改。",
        url=meeting_url(meeting) + f"#item-{item.pk}",
        org_path=meeting.plan.org.path,
    )
    return item


def _locked_item(item: RectificationItem) -> RectificationItem:
    return (
        RectificationItem.objects.select_for_update(of=("self",))
        .select_related("meeting__plan__org", "owner", "meeting__convenor")
        .get(pk=item.pk)
    )


@transaction.atomic
def item_done(*, actor, item: RectificationItem, note: str) -> RectificationItem:
    """The owner reports what was done (整改情况); the convenor then verifies and closes it."""
    item = _locked_item(item)
    if item.owner_id != actor.pk:
        raise PermissionDenied("只有整改责任人可以填报整改情况。")
    if item.status != I.OPEN:
        raise ValidationError(f"该整改事项当前为“{item.get_status_display()}”，不能再次填报。")
    note = clean_text(note).strip()
    if not note:
        raise ValidationError({"note": "请写明已采取的整改措施和结果。"})
    item.status = I.DONE
    item.done_note = note
    item.done_at = clock.now()
    item.save(update_fields=["status", "done_note", "done_at"])
    meeting = item.meeting
    audit_record(
        actor=actor,
        action="rectification_done",
        obj=item,
        org_path=meeting.plan.org.path,
        changes={"status": [I.OPEN, I.DONE]},
        comment=note,
    )
    if meeting.convenor_id and meeting.convenor_id != actor.pk:
        notify(
            user=meeting.convenor,
            kind=SupervisionNotice.RECTIFICATION,
            key=f"rect:{item.pk}:done:{item.done_at:%Y%m%d%H%M%S%f}",
            title=f"整改事项待销号：{item.finding[:60]}",
            body=note[:200],
            url=meeting_url(meeting) + f"#item-{item.pk}",
            org_path=meeting.plan.org.path,
        )
    return item


@transaction.atomic
def item_verify(
    *, actor, item: RectificationItem, accept: bool = True, note: str = ""
) -> RectificationItem:
    """销号 (accept) or send back to the owner (accept=False, with a reason)."""
    item = _locked_item(item)
    if not may_verify_item(actor, item):
        raise PermissionDenied("只有会议召集人可以核验销号。")
    if item.status != I.DONE:
        raise ValidationError("整改责任人填报整改情况后才能核验。")
    note = clean_text(note).strip()
    meeting = item.meeting
    if accept:
        item.status = I.CLOSED
        item.closed_at = clock.now()
        item.closed_by = actor
        item.save(update_fields=["status", "closed_at", "closed_by"])
    else:
        if not note:
            raise ValidationError({"note": "请填写退回理由。"})
        item.status = I.OPEN
        item.done_at = None
        item.save(update_fields=["status", "done_at"])
    audit_record(
        actor=actor,
        action="rectification_close" if accept else "rectification_return",
        obj=item,
        org_path=meeting.plan.org.path,
        changes={"status": [I.DONE, item.status]},
        comment=note,
    )
    if item.owner_id and item.owner_id != actor.pk:
        outcome = "closed" if accept else "returned"
        notify(
            user=item.owner,
            kind=SupervisionNotice.RECTIFICATION,
            key=f"rect:{item.pk}:{outcome}:{clock.now():%Y%m%d%H%M%S%f}",
            title=("整改事项已销号：" if accept else "整改事项被退回：") + item.finding[:60],
            body=note[:200],
            url=meeting_url(meeting) + f"#item-{item.pk}",
            org_path=meeting.plan.org.path,
        )
    return item


def remind_overdue_items(*, today: date | None = None) -> int:
    """Tell owners of overdue open items, once per item and deadline (a few queries per CHUNK)."""
    today = today or clock.today()
    rows = (
        RectificationItem.objects.filter(status=I.OPEN, deadline__lt=today, owner__is_active=True)
        .values(
            "pk",
            "finding",
            "deadline",
            "owner_id",
            "meeting_id",
            meeting_title=F("meeting__title"),
            org_path=F("meeting__plan__org__path"),
        )
        .order_by("pk")
    )
    sent, last = 0, 0
    while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
        built = [
            build(
                user_id=item["owner_id"],
                kind=SupervisionNotice.RECTIFICATION_OVERDUE,
                key=f"rect:{item['pk']}:overdue:{item['deadline']:%Y-%m-%d}",
                title=f"整改事项已逾期：{item['finding'][:60]}",
                body=f"整改时限 {item['deadline']:%Y-%m-%d}，"
                f"来自复盘会议“{item['meeting_title']}”。",
                url=reverse("supervision:meeting_detail", kwargs={"pk": item["meeting_id"]})
                + f"#item-{item['pk']}",
                org_path=item["org_path"],
            )
            for item in chunk
        ]
        sent += len(notify_many(built))
        last = chunk[-1]["pk"]
    return sent


def rectification_reminders(today: date) -> dict[str, int]:
    """The daily producer registered with the notification centre."""
    return {SupervisionNotice.RECTIFICATION_OVERDUE: remind_overdue_items(today=today)}

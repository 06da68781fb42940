"""Every change to tickets (督办单): raise, assign, start, feedback, return, close, archive and
the daily escalation of overdue tickets to the level above. Each writes a history event, an audit
row and the notifications the people concerned need."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.uploads import check_evidence_files
from partybrand.core.versioning import check_version
from partybrand.notices.services import notify
from partybrand.orgs.models import Organization, RoleAssignment
from partybrand.orgs.roles import Cap, can, roles_with
from partybrand.orgs.tree import STEP_LEN
from partybrand.supervision import access
from partybrand.supervision.choices import (
    OPEN_STATUSES,
    SupervisionNotice,
    TicketAction,
    TicketStatus,
)
from partybrand.supervision.models import Ticket, TicketEvent, TicketFile
from partybrand.textsim.normalize import clean_text

S = TicketStatus
# An overdue ticket goes one level up at once, and one more level for every further week late.
ESCALATION_STEP_DAYS = 7
LISTED_LEVELS = 12  # levels told apart in SQL; deeper trees are rechecked row by row
MAX_FILES = 10


def ticket_url(ticket: Ticket) -> str:
    return reverse("supervision:ticket_detail", kwargs={"pk": ticket.pk})


def _locked(ticket: Ticket) -> Ticket:
    fresh = Ticket.objects.select_for_update(of=("self",)).get(pk=ticket.pk)
    for name in ("org", "task", "raised_by", "assignee", "escalated_to"):
        if name in ticket._state.fields_cache:  # keep what the caller already loaded
            setattr(fresh, name, getattr(ticket, name))
    return fresh


def _event(ticket, action, actor, note="") -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )


def _require_status(ticket: Ticket, allowed, verb: str) -> None:
    if ticket.status not in allowed:
        raise ValidationError(f"督办单当前为“{ticket.get_status_display()}”，不能{verb}。")


def _locked_for(
    ticket: Ticket, actor, *, handle: bool = False, allowed, verb: str, version=None
) -> Ticket:
    """The ticket locked for a change: by its assignee (`handle`) or its raiser or staff above,
    only from the `allowed` statuses, and (given the `version` a form was opened at) only if
    nobody changed it since."""
    ticket = _locked(ticket)
    if handle and not access.may_handle(actor, ticket):
        raise PermissionDenied(access.NOT_ASSIGNEE)
    if not handle and not access.may_manage(actor, ticket):
        raise PermissionDenied(access.NOT_MANAGER)
    check_version(ticket, version)
    _require_status(ticket, allowed, verb)
    return ticket


def _move(ticket: Ticket, *, actor, to: str, action: str, note: str = "", stamp: str = ""):
    """Save the new status (and the `stamp` time field), with its history event and audit row."""
    before = ticket.status
    ticket.status = to
    fields = ["status"]
    if stamp:
        setattr(ticket, stamp, clock.now())
        fields.append(stamp)
    ticket.save(update_fields=fields)
    _event(ticket, action, actor, note)
    audit_record(
        actor=actor,
        action=f"ticket_{action}",
        obj=ticket,
        org_path=ticket.org.path,
        changes={"status": [before, to]},
        comment=note,
    )
    return ticket


def _check_assignee(assignee, org: Organization) -> None:
    if assignee is None:
        raise ValidationError({"assignee": "请选择承办人。"})
    if not assignee.is_active or not can(assignee, Cap.VIEW_BRANDS, org.path):
        raise ValidationError({"assignee": "承办人须为被督办组织或其上级组织的人员。"})


def _tell_assignee(ticket: Ticket, *, kind: str, title: str, body: str = "") -> None:
    if ticket.assignee_id:
        notify(
            user=ticket.assignee,
            kind=SupervisionNotice.TICKET,
            key=f"ticket:{ticket.pk}:{kind}:{ticket.assignee_id}:{ticket.events.count()}",
            title=title,
            body=body,
            url=ticket_url(ticket),
            org_path=ticket.org.path,
        )


def _tell_raiser(ticket: Ticket, *, kind: str, title: str, body: str = "") -> None:
    if ticket.raised_by_id:
        notify(
            user=ticket.raised_by,
            kind=SupervisionNotice.TICKET,
            key=f"ticket:{ticket.pk}:{kind}:{ticket.events.count()}",
            title=title,
            body=body,
            url=ticket_url(ticket),
            org_path=ticket.org.path,
        )


@transaction.atomic
def ticket_raise(
    *,
    actor,
    org: Organization | None = None,
    title: str,
    matter: str,
    deadline: date,
    task=None,
    assignee=None,
    today: date | None = None,
) -> Ticket:
    """立项登记: a ticket on a task (its plan's organisation) or on a free matter in `org`."""
    today = today or clock.today()
    if task is not None:
        org = org or task.plan.org
        if not task.plan.org.path.startswith(org.path):
            raise ValidationError({"task": "督办任务须属于被督办组织。"})
    if org is None:
        raise ValidationError({"org": "请选择被督办组织。"})
    if not access.may_raise(actor, org):
        raise PermissionDenied(access.NOT_RAISER)
    title, matter = clean_text(title).strip(), clean_text(matter).strip()
    if not title:
        raise ValidationError({"title": "请填写督办事项。"})
    if not matter:
        raise ValidationError({"matter": "请填写督办内容及要求。"})
    if deadline is None or deadline < today:
        raise ValidationError({"deadline": "办理时限不能早于今天。"})
    if assignee is not None:
        _check_assignee(assignee, org)
    ticket = Ticket.objects.create(
        org=org,
        task=task,
        title=title[:100],
        matter=matter,
        deadline=deadline,
        raised_by=actor,
        assignee=assignee,
        status=S.ASSIGNED if assignee else S.RAISED,
    )
    _event(ticket, TicketAction.RAISE, actor, matter)
    changes = {"org": org.name, "title": ticket.title, "deadline": deadline}
    if assignee is not None:
        _event(ticket, TicketAction.ASSIGN, actor, f"交办给{assignee}")
        changes["assignee"] = str(assignee)
    audit_record(actor=actor, action="ticket_raise", obj=ticket, org_path=org.path, changes=changes)
    _tell_assignee(
        ticket,
        kind="assigned",
        title=f"督办单交办：{ticket.title}",
        body=f"请于 {deadline:%Y-%m-%d} 前办理并反馈。",
    )
    return ticket


@transaction.atomic
def ticket_assign(
    *, actor, ticket: Ticket, assignee, note: str = "", version: int | None = None
) -> Ticket:
    """交办 (or hand over to someone else while not yet answered). A form opened before
    someone else's change of the ticket (`version`) is refused."""
    ticket = _locked_for(ticket, actor, allowed=OPEN_STATUSES, verb="交办", version=version)
    _check_assignee(assignee, ticket.org)
    if assignee.pk == ticket.assignee_id:
        raise ValidationError({"assignee": "该人员已是承办人。"})
    before = str(ticket.assignee) if ticket.assignee_id else ""
    ticket.assignee = assignee
    ticket.status = S.ASSIGNED
    ticket.save(update_fields=["assignee", "status"])
    note = clean_text(note).strip()
    _event(ticket, TicketAction.ASSIGN, actor, f"交办给{assignee}" + (f"：{note}" if note else ""))
    audit_record(
        actor=actor,
        action="ticket_assign",
        obj=ticket,
        org_path=ticket.org.path,
        changes={"assignee": [before, str(assignee)]},
        comment=note,
    )
    _tell_assignee(
        ticket,
        kind="assigned",
        title=f"督办单交办：{ticket.title}",
        body=f"请于 {ticket.deadline:%Y-%m-%d} 前办理并反馈。{note}",
    )
    return ticket


@transaction.atomic
def ticket_start(*, actor, ticket: Ticket) -> Ticket:
    ticket = _locked_for(ticket, actor, handle=True, allowed=(S.ASSIGNED,), verb="开始办理")
    return _move(ticket, actor=actor, to=S.IN_PROGRESS, action=TicketAction.START)


def _check_uploads(uploads):
    return check_evidence_files(uploads, max_bytes=settings.ATTACHMENT_MAX_BYTES)


@transaction.atomic
def ticket_feedback(*, actor, ticket: Ticket, text: str, uploads=()) -> Ticket:
    """反馈: what was done, with evidence files; the raiser is told."""
    ticket = _locked_for(
        ticket, actor, handle=True, allowed=(S.ASSIGNED, S.IN_PROGRESS), verb="反馈"
    )
    text = clean_text(text).strip()
    if not text:
        raise ValidationError({"text": "请填写办理情况。"})
    uploads = list(uploads or [])
    if ticket.files.count() + len(uploads) > MAX_FILES:
        raise ValidationError(f"每张督办单最多上传 {MAX_FILES} 份佐证材料。")
    checked = _check_uploads(uploads)
    before = ticket.status
    ticket.status = S.FEEDBACK
    ticket.feedback = text
    ticket.feedback_at = clock.now()
    ticket.save(update_fields=["status", "feedback", "feedback_at"])
    event = _event(ticket, TicketAction.FEEDBACK, actor, text)
    titles = []
    for title, file in checked:
        stored = TicketFile(
            ticket=ticket,
            event=event,
            title=title,
            content_type=file.content_type,
            size=file.size,
            uploaded_by=actor,
        )
        stored.file.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
        stored.save()
        titles.append(title)
    audit_record(
        actor=actor,
        action="ticket_feedback",
        obj=ticket,
        org_path=ticket.org.path,
        changes={"status": [before, S.FEEDBACK], "files": titles},
        comment=text[:500],
    )
    _tell_raiser(ticket, kind="feedback", title=f"督办单已反馈：{ticket.title}", body=text[:200])
    return ticket


@transaction.atomic
def ticket_return(*, actor, ticket: Ticket, note: str) -> Ticket:
    """退回重办: the feedback is not enough; back to the assignee."""
    ticket = _locked_for(ticket, actor, allowed=(S.FEEDBACK,), verb="退回")
    note = clean_text(note).strip()
    if not note:
        raise ValidationError({"note": "请填写退回理由。"})
    _move(ticket, actor=actor, to=S.IN_PROGRESS, action=TicketAction.RETURN, note=note)
    _tell_assignee(ticket, kind="returned", title=f"督办单被退回：{ticket.title}", body=note)
    return ticket


@transaction.atomic
def ticket_close(*, actor, ticket: Ticket, note: str = "") -> Ticket:
    """办结: the raiser (or staff above) accepts the feedback."""
    ticket = _locked_for(ticket, actor, allowed=(S.FEEDBACK,), verb="办结（须先有承办人反馈）")
    note = clean_text(note).strip()
    _move(ticket, actor=actor, to=S.CLOSED, action=TicketAction.CLOSE, note=note, stamp="closed_at")
    _tell_assignee(ticket, kind="closed", title=f"督办单已办结：{ticket.title}", body=note)
    return ticket


@transaction.atomic
def ticket_archive(*, actor, ticket: Ticket) -> Ticket:
    ticket = _locked_for(ticket, actor, allowed=(S.CLOSED,), verb="归档（须先办结）")
    return _move(
        ticket, actor=actor, to=S.ARCHIVED, action=TicketAction.ARCHIVE, stamp="archived_at"
    )


# --- escalation -------------------------------------------------------------------------------


def target_level(ticket: Ticket, today: date) -> int:
    """How many levels above its organisation an open ticket should be by `today`."""
    if ticket.status not in OPEN_STATUSES or ticket.deadline >= today:
        return 0
    days_late = (today - ticket.deadline).days
    return 1 + (days_late - 1) // ESCALATION_STEP_DAYS


def ancestor_path(path: str, levels: int) -> str:
    return path[: len(path) - STEP_LEN * levels] if levels * STEP_LEN < len(path) else ""


def staff_of(org: Organization):
    """The staff to tell at `org` (Cap.TAKE_ESCALATIONS): its own staff, or the nearest level
    above that has some."""
    paths = [org.path[:end] for end in range(len(org.path), 0, -STEP_LEN)]
    rows = (
        RoleAssignment.objects.filter(
            org__path__in=paths, role__in=roles_with(Cap.TAKE_ESCALATIONS), user__is_active=True
        )
        .select_related("user", "org")
        .order_by("-org__depth", "id")
    )
    by_path: dict[str, list] = {}
    for row in rows:
        by_path.setdefault(row.org.path, []).append(row.user)
    for path in paths:  # nearest first
        if by_path.get(path):
            return list({user.pk: user for user in by_path[path]}.values())
    return []


def due_for_escalation(today: date):
    """Open tickets late enough for their next level and not escalated today (in SQL, so the
    daily run touches only the tickets it will move, not every overdue ticket every day)."""
    late_enough = Q(escalation_level__gte=LISTED_LEVELS)
    for level in range(LISTED_LEVELS):
        late_enough |= Q(
            escalation_level=level,
            deadline__lt=today - timedelta(days=ESCALATION_STEP_DAYS * level),
        )
    return Ticket.objects.filter(late_enough, status__in=OPEN_STATUSES, deadline__lt=today).exclude(
        escalated_on__gte=today
    )


def escalate_overdue(*, today: date | None = None, actor=None) -> list[Ticket]:
    """Move every overdue open ticket one level up when its lateness calls for it; each level
    once, never skipping one. Returns the tickets escalated by this run. Running it again the
    same day changes nothing.
    """
    today = today or clock.today()
    due = due_for_escalation(today).order_by("pk").values_list("pk", flat=True)
    escalated = []
    for pk in list(due):
        ticket = _escalate_one(pk, today, actor)
        if ticket is not None:
            escalated.append(ticket)
    return escalated


@transaction.atomic
def _escalate_one(pk: int, today: date, actor) -> Ticket | None:
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("org", "raised_by", "assignee")
        .get(pk=pk)
    )
    max_level = len(ticket.org.path) // STEP_LEN - 1  # the top of the tree has no level above
    # One level a run, to the level directly above: a ticket found weeks late (the job did not
    # run) climbs a level a day, so every level on the way gets its own escalation and notice.
    wanted = min(target_level(ticket, today), max_level, ticket.escalation_level + 1)
    if wanted <= ticket.escalation_level or ticket.escalated_on == today:
        return None
    target = Organization.objects.get(path=ancestor_path(ticket.org.path, wanted))
    before = [ticket.escalation_level, ticket.escalated_to.name if ticket.escalated_to else ""]
    ticket.escalation_level = wanted
    ticket.escalated_to = target
    ticket.escalated_on = today
    ticket.save(update_fields=["escalation_level", "escalated_to", "escalated_on"])
    days_late = (today - ticket.deadline).days
    note = f"逾期 {days_late} 天未反馈，升级至{target.name}督办（第 {wanted} 级）。"
    _event(ticket, TicketAction.ESCALATE, actor, note)
    audit_record(
        actor=actor,
        action="ticket_escalate",
        obj=ticket,
        org_path=ticket.org.path,
        changes={"escalation": [before, [wanted, target.name]]},
        comment=note,
    )
    people = staff_of(target)
    people += [u for u in (ticket.raised_by, ticket.assignee) if u is not None]
    for user in {u.pk: u for u in people}.values():
        notify(
            user=user,
            kind=SupervisionNotice.ESCALATED,
            key=f"ticket:{ticket.pk}:escalated:{wanted}",
            title=f"督办单逾期升级：{ticket.title}",
            body=f"{ticket.org.name}：{note}",
            url=ticket_url(ticket),
            org_path=target.path,
        )
    return ticket

"""Choices of supervision tickets (督办单) and review meetings (复盘), with the users' labels."""

from django.db import models

from partybrand.core.audit_registry import Key


class TicketStatus(models.TextChoices):
    RAISED = "raised", "已下发"
    ASSIGNED = "assigned", "已交办"
    IN_PROGRESS = "in_progress", "办理中"
    FEEDBACK = "feedback", "已反馈"
    CLOSED = "closed", "已办结"
    ARCHIVED = "archived", "已归档"


# Tickets still waiting for the assignee: these can run late and escalate.
OPEN_STATUSES = (TicketStatus.RAISED, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)
DONE_STATUSES = (TicketStatus.CLOSED, TicketStatus.ARCHIVED)


class TicketAction(models.TextChoices):
    RAISE = "raise", "立项下发"
    ASSIGN = "assign", "交办"
    START = "start", "开始办理"
    FEEDBACK = "feedback", "反馈"
    RETURN = "return", "退回重办"
    CLOSE = "close", "办结"
    ARCHIVE = "archive", "归档"
    ESCALATE = "escalate", "逾期升级"


class ItemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    DONE = "done", "待销号"
    CLOSED = "closed", "已销号"


class SupervisionNotice(models.TextChoices):
    """The kinds of notice 督办 and 复盘 send (registered with the notification centre)."""

    TICKET = "ticket", "督办单"
    ESCALATED = "escalated", "督办升级"
    RECTIFICATION = "rectification", "整改事项"
    MEETING = "meeting", "复盘会议"
    RECTIFICATION_OVERDUE = "rectification_overdue", "整改逾期"


class SupervisionAudit(models.TextChoices):
    """What the audit log records of 督办单, 复盘 meetings and rectification items
    (ticket_<action> for each TicketAction of a ticket's history)."""

    TICKET_RAISE = "ticket_raise", "下发督办单"
    TICKET_ASSIGN = "ticket_assign", "交办督办单"
    TICKET_START = "ticket_start", "开始办理督办单"
    TICKET_FEEDBACK = "ticket_feedback", "反馈督办单"
    TICKET_RETURN = "ticket_return", "退回重办督办单"
    TICKET_CLOSE = "ticket_close", "办结督办单"
    TICKET_ARCHIVE = "ticket_archive", "归档督办单"
    TICKET_ESCALATE = "ticket_escalate", "督办单逾期升级"
    REVIEW_CREATE = "review_create", "召开复盘会"
    REVIEW_UPDATE = "review_update", "修改复盘会"
    RECTIFICATION_CREATE = "rectification_create", "新增整改事项"
    RECTIFICATION_DONE = "rectification_done", "整改完成待销号"
    RECTIFICATION_CLOSE = "rectification_close", "整改事项销号"
    RECTIFICATION_RETURN = "rectification_return", "退回整改"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
def _escalation(value) -> str:
    """[[level, organisation], [level, organisation]] before and after an escalation."""
    try:
        (_before, _org), (level, org) = value
    except (TypeError, ValueError):
        return str(value)
    return f"升级至第 {level} 级（{org}）"


AUDIT_CHANGE_KEYS = {
    "carried_over": "上次遗留事项（项）",
    "escalation": Key("逾期升级", read=_escalation),
    "files": "佐证材料",
}

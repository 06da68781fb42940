"""Choices of supervision tickets (督办单) and review meetings (复盘), with the users' labels."""

from django.db import models


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

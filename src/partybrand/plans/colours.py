"""Colour supervision (挂图作战): one rule, computed in Python for one task and in SQL for lists.

In order:
- done: closed (销号), or verified without ever having been overdue;
- red: the deadline has passed and the task is neither reported, verified nor closed;
- yellow: the task was seen overdue and is not closed yet (a red task that caught up stays yellow
  until it is closed), or it was sent back by its checker (poor quality), or its progress lies
  more than ``plan.behind_margin`` points below the linear progress expected from start to
  deadline;
- blue: the deadline is at most ``plan.near_days`` days away (reported tasks excepted);
- green: on schedule.

Behind schedule compares whole numbers so SQL and Python agree exactly:
``progress * span + margin * span < 100 * elapsed`` where span = deadline - start and
elapsed = min(today - start, span) (in days: never more than 100 % is expected, so a task
reported complete after its deadline is not "behind"), and only once the task has started.
"""

import datetime

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Least
from django.db.models.lookups import LessThan, LessThanOrEqual

from partybrand.core import palette
from partybrand.plans.choices import Colour, TaskStatus

S = TaskStatus
COLOURS = [c.value for c in Colour]
COLOUR_LABELS = dict(Colour.choices)
# Bootstrap-like hex colours shared by the board, the PDF and the badges.
COLOUR_HEX = {
    "green": "#2e9d5b",
    "blue": "#2f6fd1",
    "yellow": "#e0a800",
    "red": palette.RED,
    "done": "#8c8c8c",
}


class DaysBetween(models.Func):
    """Whole days from the second date to the first (``a - b``), on PostgreSQL and SQLite."""

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date - date is an integer
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
        )


def _day(today: datetime.date):
    return Value(today, output_field=models.DateField())


def _red_q(today) -> Q:
    return Q(deadline__lt=today) & ~Q(status__in=[S.REPORTED, S.VERIFIED, S.CLOSED])


def late_q(today) -> Q:
    """Tasks past their deadline and not yet verified or closed (逾期未验收), reported ones
    included: what the brand health index counts as overdue, and what a brand's overdue list
    shows (the checker's verification is the work still owed on a reported task)."""
    return Q(deadline__lt=today) & ~Q(status__in=[S.VERIFIED, S.CLOSED])


def _done_q() -> Q:
    return Q(status=S.CLOSED) | Q(status=S.VERIFIED, was_overdue=False)


def _behind_q(today, prefix: str = "") -> Q:
    span = DaysBetween(F(prefix + "deadline"), F(prefix + "start"))
    elapsed = Least(DaysBetween(_day(today), F(prefix + "start")), span)  # expected ≤ 100 %
    lhs = F(prefix + "progress") * span + F(prefix + "plan__behind_margin") * span
    return Q(**{prefix + "start__lte": today}) & Q(LessThan(lhs, elapsed * 100))


def _near_q(today, prefix: str = "") -> Q:
    left = DaysBetween(F(prefix + "deadline"), _day(today))
    return ~Q(**{prefix + "status": S.REPORTED}) & Q(
        LessThanOrEqual(left, F(prefix + "plan__near_days"))
    )


def _yellow_q(today) -> Q:
    return Q(was_overdue=True) | Q(status=S.RETURNED) | _behind_q(today)


def colour_case(today: datetime.date):
    """An annotation giving each task's colour: ``qs.annotate(colour=colour_case(today))``."""
    return Case(
        When(_done_q(), then=Value("done")),
        When(_red_q(today), then=Value("red")),
        When(_yellow_q(today), then=Value("yellow")),
        When(_near_q(today), then=Value("blue")),
        default=Value("green"),
        output_field=models.CharField(),
    )


def colour_q(colour: str, today: datetime.date) -> Q:
    """A filter for the tasks of one colour on `today` (same rule as task_colour)."""
    done, red = _done_q(), _red_q(today)
    yellow = _yellow_q(today)
    if colour == "done":
        return done
    if colour == "red":
        return ~done & red
    if colour == "yellow":
        return ~done & ~red & yellow
    if colour == "blue":
        return ~done & ~red & ~yellow & _near_q(today)
    if colour == "green":
        return ~done & ~red & ~yellow & ~_near_q(today)
    raise ValueError(f"unknown colour {colour!r}")


def is_behind(task, today: datetime.date) -> bool:
    if today < task.start:
        return False
    span = (task.deadline - task.start).days
    elapsed = min((today - task.start).days, span)  # past the deadline 100 % is expected
    return task.progress * span + task.plan.behind_margin * span < 100 * elapsed


def is_overdue(task, today: datetime.date) -> bool:
    return task.deadline < today and task.status not in (S.REPORTED, S.VERIFIED, S.CLOSED)


def task_colour(task, today: datetime.date) -> str:
    """The task's colour on `today`; reads task.plan (select_related it for lists)."""
    if task.status == S.CLOSED or (task.status == S.VERIFIED and not task.was_overdue):
        return "done"
    if is_overdue(task, today):
        return "red"
    if task.was_overdue or task.status == S.RETURNED or is_behind(task, today):
        return "yellow"
    if task.status != S.REPORTED and (task.deadline - today).days <= task.plan.near_days:
        return "blue"
    return "green"


def expected_progress(task, today: datetime.date) -> int:
    """The linear progress expected on `today`, for display."""
    if today <= task.start:
        return 0
    span = (task.deadline - task.start).days
    if span <= 0 or today >= task.deadline:
        return 100
    return round(100 * (today - task.start).days / span)

"""The 挂图作战 board and the Gantt view: time across, people (or phases) down, coloured bars.

Both are computed here once and drawn twice: as HTML (percent offsets) and as an A3 PDF.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from partybrand.plans.colours import COLOUR_HEX, COLOUR_LABELS, colour_q, task_colour
from partybrand.plans.models import Milestone, Task

D = datetime.timedelta


@dataclass
class Bar:
    task: Task
    colour: str
    left: float  # percent of the time axis
    width: float
    milestones: list = field(default_factory=list)  # (left %, title, done)

    @property
    def hex(self) -> str:
        return COLOUR_HEX[self.colour]

    @property
    def colour_label(self) -> str:
        return COLOUR_LABELS[self.colour]

    @property
    def css(self) -> str:
        return f"left: {self.left:.3f}%; width: {self.width:.3f}%"

    @property
    def marks(self) -> list:
        return [(f"left: {left:.3f}%", name, done) for left, name, done in self.milestones]


@dataclass
class Group:
    label: str
    sub: str
    bars: list
    phase: object = None
    left: float = 0.0
    width: float = 0.0

    @property
    def css(self) -> str:
        return f"left: {self.left:.3f}%; width: {self.width:.3f}%"


@dataclass
class Board:
    plan: object
    today: datetime.date
    first: datetime.date
    last: datetime.date
    scale: str
    columns: list  # (label, left %, width %)
    groups: list
    today_left: float | None
    counts: dict
    mode: str = "board"
    years: list = field(default_factory=list)  # (label, left %, width %) above the columns
    # the printed board: one band per phase, its tasks under it by person (the A3 PDF)
    bands: list = field(default_factory=list)

    # the narrowest columns (percent of the time axis) that still show their label on the page,
    # where the track is at least 640 px wide; the PDF measures its text instead
    MIN_MONTH = 2.5
    MIN_WEEK = 3.0
    MIN_YEAR = 7.0

    @property
    def task_count(self) -> int:
        return sum(len(g.bars) for g in self.groups)

    @property
    def column_css(self) -> list:
        least = self.MIN_WEEK if self.scale == "week" else self.MIN_MONTH
        return [
            (label if width >= least else "", label, f"left: {left:.3f}%; width: {width:.3f}%")
            for label, left, width in self.columns
        ]

    @property
    def year_css(self) -> list:
        return [
            (
                label if width >= self.MIN_YEAR else "",
                label,
                f"left: {left:.3f}%; width: {width:.3f}%",
            )
            for label, left, width in self.years
        ]

    @property
    def today_css(self) -> str:
        return "" if self.today_left is None else f"left: {self.today_left:.3f}%"


def _month_start(day):
    return day.replace(day=1)


def _next_month(day):
    return (day.replace(day=28) + D(days=4)).replace(day=1)


def _columns(first, last, scale):
    total = (last - first).days + 1
    cols = []
    if scale == "week":
        cursor = first - D(days=first.weekday())
        while cursor <= last:
            start, end = max(cursor, first), min(cursor + D(days=6), last)
            label = f"{cursor.month}/{cursor.day}"  # week of 3/2, unpadded
            cols.append((label, start, end))
            cursor += D(days=7)
    else:
        cursor = _month_start(first)
        while cursor <= last:
            nxt = _next_month(cursor)
            start, end = max(cursor, first), min(nxt - D(days=1), last)
            label = f"{cursor.month}月"  # the year is in its own row above (_years)
            cols.append((label, start, end))
            cursor = nxt
    return [
        (label, 100 * (s - first).days / total, 100 * ((e - s).days + 1) / total)
        for label, s, e in cols
    ]


def _years(first, last):
    """One span per calendar year of the axis, e.g. ("2026年", left %, width %)."""
    total = (last - first).days + 1
    spans = []
    for year in range(first.year, last.year + 1):
        start = max(first, datetime.date(year, 1, 1))
        end = min(last, datetime.date(year, 12, 31))
        spans.append(
            (
                f"{year}年",
                100 * (start - first).days / total,
                100 * ((end - start).days + 1) / total,
            )
        )
    return spans


def filtered_tasks(plan, *, today, phase=None, owner=None, colour=None):
    tasks = Task.objects.filter(plan=plan).select_related("plan", "owner", "checker", "phase")
    if phase:
        tasks = tasks.filter(phase_id=phase)
    if owner:
        tasks = tasks.filter(owner_id=owner)
    if colour:
        tasks = tasks.filter(colour_q(colour, today))
    return tasks


@dataclass
class _Axis:
    """The time axis: a date as a percent offset from the first day."""

    first: datetime.date
    last: datetime.date

    @property
    def total(self) -> int:
        return (self.last - self.first).days + 1

    def pos(self, day) -> float:
        return max(0.0, min(100.0, 100 * (day - self.first).days / self.total))

    def span(self, start, end) -> float:
        return 100 * ((end - start).days + 1) / self.total


def _axis(plan, tasks, phases, today) -> _Axis:
    dates = [t.start for t in tasks] + [t.deadline for t in tasks]
    dates += [p.start for p in phases] + [p.end for p in phases]
    first = min(dates, default=plan.start or today)
    last = max(dates, default=first + D(days=90))
    return _Axis(first, last if last > first else first + D(days=30))


def _phase_groups(bars, phases, axis: _Axis, *, keep_empty: bool) -> list[Group]:
    by_phase = OrderedDict((p.pk, Group(p.name, "", [], p)) for p in phases)
    loose = Group("未分阶段", "", [])
    for b in bars:
        by_phase.get(b.task.phase_id, loose).bars.append(b)
    groups = [g for g in by_phase.values() if g.bars or keep_empty]
    for g in groups:
        g.sub = f"{_month_day(g.phase.start)}—{_month_day(g.phase.end)}"
        g.left, g.width = axis.pos(g.phase.start), axis.span(g.phase.start, g.phase.end)
    return groups + ([loose] if loose.bars else [])


def _month_day(day) -> str:
    return f"{day.month}月{day.day}日"


def _owner_groups(bars) -> list[Group]:
    by_owner: dict[int, Group] = OrderedDict()
    posts: dict[int, set] = {}
    for b in sorted(bars, key=lambda b: (b.task.owner.display_name, b.task.owner_id)):
        key = b.task.owner_id
        if key not in by_owner:
            by_owner[key] = Group(b.task.owner.display_name, "", [])
            posts[key] = set()
        by_owner[key].bars.append(b)
        if b.task.post:
            posts[key].add(b.task.post)
    for key, g in by_owner.items():
        g.sub = "、".join(sorted(posts[key]))
        g.bars.sort(key=lambda b: (b.task.start, b.task.deadline, b.task.pk))
    return list(by_owner.values())


def build(plan, *, today, mode="board", scale="", phase=None, owner=None, colour=None) -> Board:
    tasks = list(
        filtered_tasks(plan, today=today, phase=phase, owner=owner, colour=colour).order_by(
            "start", "deadline", "id"
        )
    )
    milestones = {}
    for m in Milestone.objects.filter(task__in=[t.pk for t in tasks]).order_by("due", "id"):
        milestones.setdefault(m.task_id, []).append(m)
    phases = list(plan.phases.all())
    axis = _axis(plan, tasks, phases, today)
    if scale not in ("week", "month"):
        scale = "week" if axis.total <= 26 * 7 else "month"
    bars = [
        Bar(
            task=t,
            colour=task_colour(t, today),
            left=axis.pos(t.start),
            width=max(axis.span(t.start, t.deadline), 0.6),
            milestones=[
                (axis.pos(m.due), m.title, m.done_on is not None) for m in milestones.get(t.pk, [])
            ],
        )
        for t in tasks
    ]
    counts = dict.fromkeys(COLOUR_HEX, 0)
    for b in bars:
        counts[b.colour] += 1
    if mode == "gantt":
        keep_empty = not (phase or owner or colour)
        groups = _phase_groups(bars, phases, axis, keep_empty=keep_empty)
    else:
        groups = _owner_groups(bars)
    return Board(
        plan=plan,
        today=today,
        first=axis.first,
        last=axis.last,
        scale=scale,
        columns=_columns(axis.first, axis.last, scale),
        groups=groups,
        today_left=axis.pos(today) if axis.first <= today <= axis.last else None,
        counts=counts,
        mode=mode,
        years=_years(axis.first, axis.last),
        bands=_phase_groups(sorted(bars, key=_by_person), phases, axis, keep_empty=False),
    )


def _by_person(bar) -> tuple:
    task = bar.task
    return (task.owner.display_name, task.owner_id, task.start, task.deadline, task.pk)

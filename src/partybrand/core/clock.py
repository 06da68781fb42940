"""The platform's one clock. Its day is Beijing's, whatever TIME_ZONE, USE_TZ or the server's own
zone say: a deadline falls due, a task turns red and a report is dated when the day changes in
Beijing, for every page, service, document and daily command alike.

Call it as `clock.now()` / `clock.today()` (import the module, not the functions) so a test can
replace `now` and move every reader with it. Services still take `today=` / `now=`; this is where
their callers get the value. CLOCK_SHIFT (a timedelta, unset in production) moves the clock of a
running server for live-server tests.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

ZONE = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """This moment, timezone-aware (UTC)."""
    return datetime.now(UTC) + getattr(settings, "CLOCK_SHIFT", timedelta(0))


def local(moment: datetime) -> datetime:
    """A moment in Beijing time. A naive moment (a database read with USE_TZ off) is taken to be in
    TIME_ZONE, the zone Django wrote it in."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment.astimezone(ZONE)


def today() -> date:
    """Today's date in Beijing."""
    return local(now()).date()


def day_of(moment: datetime) -> date:
    """The Beijing date of a moment: a stamp's day in a report, a once-a-day rule."""
    return local(moment).date()


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """That day at that time, Beijing time, as an aware moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def text(moment: datetime) -> str:
    """A moment as people read it in messages: Beijing time, to the minute."""
    return local(moment).strftime("%Y-%m-%d %H:%M")


def chinese_date(day: date) -> str:
    """A date as official documents write it, never zero-padded: 2026年9月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def day_text(day: date | datetime) -> str:
    """A date as official documents write it: 2026年3月1日 (a moment counts by its Beijing day)."""
    if isinstance(day, datetime):
        day = day_of(day)
    return chinese_date(day)

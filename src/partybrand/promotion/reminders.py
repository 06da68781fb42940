"""The daily reminders of brand launches (品牌发布会), registered with the notification centre in
PromotionConfig.ready(): the organisers — who planned the launch and whoever promotes brands at
its organisation — are reminded a few days before the date (with the venue checklist items still
open), and, once the date has passed, of what the record still lacks (marked held, attendance,
photos, media reports), once a week for a few weeks.

Reminder keys (one notification per key and user):
- soon:        promotion:launch_soon:<pk>:<held_on>      (again only if the date moves)
- record due:  promotion:launch_record:<pk>:<week after>  (weekly while something is missing)
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count
from django.urls import reverse

from partybrand.core import clock
from partybrand.notices.services import build, notify_many
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, roles_with
from partybrand.promotion.choices import LaunchState, PromotionNotice
from partybrand.promotion.models import Launch

SOON_DAYS = 3  # the organisers are reminded this many days before the launch, and until it
RECORD_WEEKS = 6  # and reminded of a missing record this many weeks after it at most


def _organisers(launches) -> dict[int, set[int]]:
    """{launch pk: user ids}: the planner and the promoters of the launch's organisation, in
    one query for all the launches."""
    paths = {launch["org__path"] for launch in launches}
    by_path: dict[str, set[int]] = defaultdict(set)
    for row in RoleAssignment.objects.filter(
        role__in=roles_with(Cap.PROMOTE_BRANDS),
        org__path__in=paths,
        org__is_active=True,
        user__is_active=True,
    ).values("user_id", "org__path"):
        by_path[row["org__path"]].add(row["user_id"])
    people = {}
    for launch in launches:
        ids = set(by_path[launch["org__path"]])
        if launch["created_by_id"] and launch["created_by__is_active"]:
            ids.add(launch["created_by_id"])
        people[launch["pk"]] = ids
    return people


def missing_record(launch: dict) -> list[str]:
    """What the record of a launch whose date has passed still lacks."""
    missing = []
    if launch["state"] == LaunchState.PLANNED:
        missing.append("标记已举行")
    if launch["state"] != LaunchState.RECORDED:
        missing.append("实到人数和会议纪要")
    if not launch["photo_count"]:
        missing.append("现场照片")
    if not launch["media_count"]:
        missing.append("媒体报道")
    return missing


def _notes(launch: dict, today: date) -> list[tuple[str, str, str, str]]:
    """(kind, key, title, body) of the reminders one launch calls for today."""
    pk, held_on, title = launch["pk"], launch["held_on"], launch["title"]
    left = (held_on - today).days
    if launch["state"] == LaunchState.PLANNED and 0 <= left <= SOON_DAYS:
        when = "今天" if left == 0 else f"{left}天后"
        time = f" {launch['start_time']:%H:%M}" if launch["start_time"] else ""
        body = f"时间：{clock.chinese_date(held_on)}{time}；地点：{launch['venue']}。"
        open_items = [row.get("item", "") for row in launch["checklist"] if not row.get("done")]
        if open_items:
            body += f"会场清单尚有{len(open_items)}项未落实：{'、'.join(open_items[:5])}"
            body += "等。" if len(open_items) > 5 else "。"
        return [
            (
                PromotionNotice.LAUNCH_SOON,
                f"promotion:launch_soon:{pk}:{held_on:%Y-%m-%d}",
                f"发布会{when}举行：{title}",
                body,
            )
        ]
    if left < 0 and -left <= RECORD_WEEKS * 7:
        missing = missing_record(launch)
        if missing:
            week = (-left - 1) // 7
            return [
                (
                    PromotionNotice.LAUNCH_RECORD_DUE,
                    f"promotion:launch_record:{pk}:{week}",
                    f"发布会记录待补：{title}",
                    f"发布会已于{clock.chinese_date(held_on)}举行，尚缺：{'、'.join(missing)}。"
                    "请在发布会页面归档，媒体报道登记在推介台账。",
                )
            ]
    return []


def launch_reminders(today: date) -> dict[str, int]:
    """Create the day's launch reminders; returns how many of each kind were new. A fixed
    number of queries whatever the number of launches."""
    counts = dict.fromkeys((PromotionNotice.LAUNCH_SOON, PromotionNotice.LAUNCH_RECORD_DUE), 0)
    launches = list(
        Launch.objects.filter(
            held_on__gte=today - timedelta(days=RECORD_WEEKS * 7),
            held_on__lte=today + timedelta(days=SOON_DAYS),
            brand__org__is_active=True,
        )
        .annotate(
            photo_count=Count("photos", distinct=True),
            media_count=Count("reports", distinct=True),  # media reports are ledger entries
        )
        .values(
            "pk",
            "title",
            "held_on",
            "start_time",
            "venue",
            "checklist",
            "state",
            "created_by_id",
            "created_by__is_active",
            "org__path",
            "photo_count",
            "media_count",
        )
        .order_by("pk")
    )
    people = _organisers(launches)
    built = [
        build(
            user_id=user_id,
            kind=kind,
            key=key,
            title=title,
            body=body,
            url=reverse("promotion:launch_detail", args=[launch["pk"]]),
            org_path=launch["org__path"],
        )
        for launch in launches
        for kind, key, title, body in _notes(launch, today)
        for user_id in sorted(people[launch["pk"]])
    ]
    for notification in notify_many(built):
        counts[notification.kind] += 1
    return counts

"""Participation counted from real work (DOMAIN §8: measure work, not clicks or log-ins).

A member's work: tasks owned and verified or closed (plans), rectification items closed (复盘),
复盘 meetings attended, and named survey answers. A member belongs to the branch of their member
record. Everything is aggregated in SQL: a fixed number of queries whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from partybrand.core import clock
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.plans.choices import FINISHED
from partybrand.plans.models import Task
from partybrand.supervision.choices import ItemStatus
from partybrand.supervision.models import RectificationItem, ReviewMeeting
from partybrand.surveys.models import Response

# A verified task weighs most; attending a meeting least.
WEIGHTS = {"tasks": 3, "items": 2, "meetings": 1, "surveys": 1}
METRICS = list(WEIGHTS)


def _count(queryset, field: str):
    """A correlated COUNT(*) subquery over `queryset` grouped by `field`, 0 when none."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _sources(today: date):
    tasks = Task.objects.filter(status__in=FINISHED)
    items = RectificationItem.objects.filter(status=ItemStatus.CLOSED)
    # Being on the list of a meeting still to come is not work done yet.
    attended = ReviewMeeting.attendees.through.objects.filter(reviewmeeting__held_on__lte=today)
    surveys = Response.objects.filter(is_anonymous=False)
    return tasks, items, attended, surveys


def member_rows(branch: Organization, *, today: date | None = None):
    """Members of one branch ranked by their work, with the counts behind the score."""
    tasks, items, attended, surveys = _sources(today or clock.today())
    rows = (
        Member.objects.filter(org=branch, is_active=True)
        .annotate(
            tasks=_count(tasks.filter(owner=OuterRef("user")), "owner"),
            items=_count(items.filter(owner=OuterRef("user")), "owner"),
            meetings=_count(attended.filter(user=OuterRef("user")), "user"),
            surveys=_count(surveys.filter(member=OuterRef("pk")), "member"),
        )
        .only("id", "name", "org_id", "user_id")
    )
    result = []
    for row in rows:
        row.score = sum(getattr(row, m) * w for m, w in WEIGHTS.items())
        result.append(row)
    result.sort(key=lambda r: (-r.score, r.name, r.pk))
    return result


@dataclass
class BranchRow:
    org: Organization
    members: int = 0
    active: int = 0
    tasks: int = 0
    items: int = 0
    meetings: int = 0
    surveys: int = 0

    @property
    def score(self) -> int:
        return sum(getattr(self, m) * w for m, w in WEIGHTS.items())

    @property
    def rate(self) -> int:
        """Share of members with at least one piece of work, in per cent."""
        return round(100 * self.active / self.members) if self.members else 0


def branch_rows(org: Organization, *, today: date | None = None) -> list[BranchRow]:
    """The branches of `org`'s subtree ranked by the work of their members (5 queries)."""
    branches = list(
        Organization.objects.filter(
            path__startswith=org.path, kind=OrgKind.BRANCH, is_active=True
        ).order_by("path")
    )
    rows = {b.pk: BranchRow(org=b) for b in branches}
    if not rows:
        return []
    tasks, items, attended, surveys = _sources(today or clock.today())
    members = Member.objects.filter(org__in=rows, is_active=True)
    for row in members.values("org").annotate(n=Count("pk")).order_by():
        rows[row["org"]].members = row["n"]
    # Work counts for the branch of an active member record, as in the member ranking.
    in_branch = Q(user__member__org__in=rows, user__member__is_active=True)
    owned = Q(owner__member__org__in=rows, owner__member__is_active=True)
    pairs = [
        ("tasks", tasks.filter(owned), "owner__member__org"),
        ("items", items.filter(owned), "owner__member__org"),
        ("meetings", attended.filter(in_branch), "user__member__org"),
        ("surveys", surveys.filter(member__org__in=rows, member__is_active=True), "member__org"),
    ]
    for metric, queryset, field in pairs:
        for row in queryset.values(field).annotate(n=Count("pk")).order_by():
            setattr(rows[row[field]], metric, row["n"])
    # Members with any work at all: one query with EXISTS-style subquery counts.
    scored = (
        members.annotate(
            t=_count(tasks.filter(owner=OuterRef("user")), "owner"),
            i=_count(items.filter(owner=OuterRef("user")), "owner"),
            m=_count(attended.filter(user=OuterRef("user")), "user"),
            s=_count(surveys.filter(member=OuterRef("pk")), "member"),
        )
        .filter(Q(t__gt=0) | Q(i__gt=0) | Q(m__gt=0) | Q(s__gt=0))
        .values("org")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in scored:
        rows[row["org"]].active = row["n"]
    return sorted(rows.values(), key=lambda r: (-r.score, -r.rate, r.org.path))

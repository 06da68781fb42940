"""What each role's home shows first: a member their own tasks, surveys, votes, carriers and
activities; a brand's secretary (and branch committee) each brand's next steps through the five
parts of the method; a committee's staff their cockpit. A user with several roles gets the
section of each. Every section is a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from partybrand.cockpit import access as cockpit_access
from partybrand.cockpit import selectors as cockpit
from partybrand.orgs.roles import Cap, cap_paths
from partybrand.plans.access import visible_tasks
from partybrand.plans.choices import TaskStatus
from partybrand.plans.colours import colour_q
from partybrand.promotion.access import visible_carriers
from partybrand.promotion.choices import CarrierState
from partybrand.promotion.models import Activity
from partybrand.surveys.access import answerable_q, member_of
from partybrand.surveys.choices import AnswerMode
from partybrand.surveys.models import Response, Survey
from partybrand.surveys.selectors import phase_q
from partybrand.themes.access import org_member_q, visible_workshops
from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Vote
from partybrand.workbench.next_steps import brand_checklists

SHOWN = 6  # rows of each list on the home page; each list links to its full page


@dataclass(frozen=True)
class MemberHome:
    """A member's own work: nothing here is anyone else's."""

    tasks: list
    surveys: list
    calls: list  # brands whose name is being collected: the member may propose one
    ballots: list
    carriers: list
    activities: list


def open_ballots(user, now):
    """Workshops whose vote is open now, where the user may vote and has not yet."""
    voted = Vote.objects.filter(workshop=OuterRef("pk"), round=OuterRef("vote_round"), voter=user)
    return (
        visible_workshops(user)
        .filter(org_member_q(user), stage=WorkshopStage.VOTING)
        .filter(vote_opens_at__lte=now, vote_closes_at__gt=now)
        .exclude(Exists(voted))
    )


def open_calls(user):
    """Workshops of the user's organisations collecting names: the member may propose one."""
    return visible_workshops(user).filter(org_member_q(user), stage=WorkshopStage.COLLECTING)


def surveys_to_answer(user, member, now):
    """Open surveys of the member's organisations that the member has not answered. Only those
    answered under one's name: whether someone answered an anonymous one is never known."""
    answered = Response.objects.filter(survey=OuterRef("pk"), member=member)
    return (
        Survey.objects.filter(answerable_q(user))
        .filter(phase_q("open", now), mode__in=[AnswerMode.NAMED, AnswerMode.BOTH])
        .exclude(Exists(answered))
        .select_related("org")
        .order_by("closes_at", "-id")
    )


def member_home(user, *, today, now) -> MemberHome | None:
    """The member section, or None for an account without a member record on the rolls."""
    member = member_of(user)
    if member is None or not member.is_active:
        return None
    tasks = (
        visible_tasks(user)
        .filter(owner=user)
        .exclude(status__in=[TaskStatus.VERIFIED, TaskStatus.CLOSED])
        .select_related("plan__brand")
        .annotate(overdue=ExpressionWrapper(colour_q("red", today), output_field=BooleanField()))
        .order_by("deadline", "id")[:SHOWN]
    )
    mine = Q(members=member) | Q(leader=member)
    carriers = (
        visible_carriers(user)
        .filter(mine, state=CarrierState.ACTIVE)
        .select_related("brand")
        .distinct()
        .order_by("-starts_on", "id")
    )
    activities = (
        Activity.objects.filter(carrier__in=visible_carriers(user).filter(mine))
        .select_related("carrier")
        .order_by("-held_on", "-id")[:SHOWN]
    )
    return MemberHome(
        tasks=list(tasks),
        surveys=list(surveys_to_answer(user, member, now)[:SHOWN]),
        calls=list(open_calls(user).select_related("brand").order_by("-pk")[:SHOWN]),
        ballots=list(open_ballots(user, now).select_related("brand").order_by("vote_closes_at")),
        carriers=list(carriers[:SHOWN]),
        activities=list(activities),
    )


def owned_brand_paths(user) -> list[str]:
    """The organisations whose own brands the user builds (secretary, branch committee, a
    committee's staff for the committee's own brand)."""
    return sorted(cap_paths(user, Cap.EDIT_BRAND))


def cockpit_home(user) -> dict | None:
    """The committee section: the cockpit's figures of the user's outermost organisation, from
    the same definition as the cockpit page, its 大屏 and the API (cockpit.selectors.summary)."""
    if not cockpit_access.may_open_cockpit(user) and not user.is_superuser:
        return None
    org = cockpit_access.home_org(user)
    if org is None:
        return None
    # Its figures only: the lowest brands, a sort over the whole subtree, are one click away.
    return {"org": org, "data": cockpit.summary(org)}


def home_sections(user, *, today, now) -> dict:
    cockpit_section = cockpit_home(user)
    return {
        "cockpit": cockpit_section,
        "checklists": brand_checklists(user, owned_brand_paths(user), today=today),
        "member": member_home(user, today=today, now=now),
    }

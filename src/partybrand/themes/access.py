"""Who may see and do what in a brand's theme workshop.

- See: whoever sees the brand (brands.access.visible_brands), plus experts invited to score it.
  Everyone else gets a 404.
- Manage (start, import, open and close voting, shortlist, decide, answer objections, adopt, the
  AI assistant): whoever may edit the brand (Cap.EDIT_BRAND: the branch secretary and committee,
  and the committees above). Otherwise 403.
- Vote and propose: the brand organisation's own people, i.e. a user holding Cap.VOTE (member,
  secretary, 支委) at the brand's organisation or below it, or a user whose active member record
  sits there. Committee staff above the branch do not vote on a branch's name. `is_org_member` in
  Python, `org_member_q` in SQL.
- See the tally: while a round still takes votes, members see the running counts only after
  voting themselves; managers always (`sees_tally`, for pages, API and the brand card alike).
- Score: managers (as 支委) and the experts invited to this workshop, nobody else: an expert who
  sees the brand under review (Cap.REVIEW_BRANDS) but was not invited is refused (403), so only
  the judges the workshop chose count in the averages. Only users holding Cap.JUDGE_THEMES can
  be invited (`invitable_experts`).
- Object during publicity: anyone who sees the workshop.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.brands.access import can_edit_brand, visible_brands
from partybrand.orgs.models import Member
from partybrand.orgs.roles import (
    Cap,
    belongs_within,
    cap_paths,
    has_cap_within,
    users_with,
)
from partybrand.orgs.tree import STEP_LEN
from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Candidate, Objection, Vote, Workshop

NOT_MANAGER = "您没有权限管理该品牌的主题征集：需由本支部书记、支委或上级党组织办理。"
NOT_SCORER = "只有支委和受邀评审专家可以为候选评分。"
NOT_VOTER = "只有本组织的党员可以投票。"
NOT_PROPOSER = "只有本组织的党员可以提出候选。"


def visible_workshops(user):
    if not user.is_authenticated:
        return Workshop.objects.none()
    query = Q(brand__in=visible_brands(user))
    if not user.is_superuser:
        query |= Q(invites__expert=user)
    return Workshop.objects.filter(query).distinct()


def _workshop(user, pk, *, for_manage: bool = False, brand_pk=None) -> Workshop:
    rows = visible_workshops(user).select_related("brand__org", "decided")
    if brand_pk is not None:
        rows = rows.filter(brand_id=brand_pk)
    workshop = get_object_or_404(rows, pk=pk)
    if for_manage and not can_manage(user, workshop):
        raise PermissionDenied(NOT_MANAGER)
    return workshop


def access_workshop(user, pk, *, for_manage: bool = False) -> Workshop:
    return _workshop(user, pk, for_manage=for_manage)


def access_candidate(user, pk, *, for_manage: bool = False, workshop_pk=None) -> Candidate:
    rows = Candidate.objects.filter(workshop__in=visible_workshops(user))
    if workshop_pk is not None:
        rows = rows.filter(workshop_id=workshop_pk)
    candidate = get_object_or_404(rows.select_related("workshop__brand__org"), pk=pk)
    if for_manage and not can_manage(user, candidate.workshop):
        raise PermissionDenied(NOT_MANAGER)
    return candidate


def access_objection(user, pk, *, for_manage: bool = False) -> Objection:
    rows = Objection.objects.filter(workshop__in=visible_workshops(user))
    objection = get_object_or_404(rows.select_related("workshop__brand__org"), pk=pk)
    if for_manage and not can_manage(user, objection.workshop):
        raise PermissionDenied(NOT_MANAGER)
    return objection


def can_manage(user, workshop: Workshop) -> bool:
    return can_edit_brand(user, workshop.brand)


def is_org_member(user, workshop: Workshop) -> bool:
    """A member of the brand's organisation (or below it): may vote and propose."""
    if not user.is_authenticated:
        return False
    path = workshop.brand.org.path
    if has_cap_within(user, Cap.VOTE, path):
        return True
    try:
        member = user.member
    except ObjectDoesNotExist:
        return False
    return member.is_active and member.org.path.startswith(path)


def org_member_q(user, field: str = "brand__org__path") -> Q:
    """The SQL form of `is_org_member`: rows of the organisations the user is one of the people
    of, i.e. those at or above where the user holds Cap.VOTE or is on the active rolls."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    paths = cap_paths(user, Cap.VOTE)
    paths |= set(
        Member.objects.filter(user=user, is_active=True).values_list("org__path", flat=True)
    )
    at_or_above = {p[:end] for p in paths for end in range(STEP_LEN, len(p) + 1, STEP_LEN)}
    return Q(**{f"{field}__in": sorted(at_or_above)})


def can_vote(user, workshop: Workshop) -> bool:
    return is_org_member(user, workshop)


def can_propose(user, workshop: Workshop) -> bool:
    return is_org_member(user, workshop) or can_manage(user, workshop)


def sees_tally(user, workshop: Workshop, *, now, voted: bool | None = None) -> bool:
    """Whether the user sees the vote counts of the workshop's round. While the round still
    takes votes, the running tally is kept from a member until they have voted, so nobody votes
    with the crowd; those who run the workshop see it throughout, everyone once no more votes
    can be cast. `voted` saves a query when the caller already knows."""
    if workshop.stage != WorkshopStage.VOTING or (
        workshop.vote_closes_at is not None and now >= workshop.vote_closes_at
    ):
        return True
    if can_manage(user, workshop):
        return True
    if voted is None:
        voted = has_voted(user, workshop)
    return voted


def has_voted(user, workshop: Workshop) -> bool:
    return (
        user.is_authenticated
        and Vote.objects.filter(workshop=workshop, round=workshop.vote_round, voter=user).exists()
    )


def invitable_experts():
    """Users who may be invited to score a workshop's candidates (Cap.JUDGE_THEMES)."""
    return users_with(Cap.JUDGE_THEMES)


def is_invited(user, workshop: Workshop) -> bool:
    return workshop.invites.filter(expert=user).exists()


def scorer_kind(user, workshop: Workshop) -> str | None:
    """'staff', 'expert' or None: how the user's score counts."""
    if not user.is_authenticated:
        return None
    if can_manage(user, workshop):
        return "staff"
    if is_invited(user, workshop):
        return "expert"
    return None


def scorer_label(user, workshop: Workshop, kind: str | None) -> str:
    """How the score button names the scorer: 专家, 支委 (a role at the brand's organisation or
    below it), or 上级党委 (managing from a committee above)."""
    if kind == "expert":
        return "专家"
    if kind != "staff":
        return ""
    if belongs_within(user, workshop.brand.org.path):
        return "支委"
    return "上级党委"


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)

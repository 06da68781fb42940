"""Who may see and act on rounds and their entries.

A round belongs to its committee: the committee's 党建工作部 (Cap.RUN_ROUNDS there or above) sets
it up, runs 预审 and moves its stages. Once it is published (no longer 筹备中) everyone in the
committee's subtree sees it, so branches can enter. An entry belongs to its brand's
organisation: whoever sees that organisation's brands sees the entry; its secretary (Cap.OWN_BRAND
at the brand's own organisation) enters and resubmits it; the level above (Cap.SCREEN_BRANDS
strictly above) recommends or returns it. Outside one's reach is 404; visible but not allowed
is 403 with nothing changed."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from partybrand.brands.models import Brand
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can, caps_at, has_cap_over, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths
from partybrand.rounds.choices import RoundStatus
from partybrand.rounds.models import Assignment, Entry, Round

COMMITTEE_KINDS = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE)
NOT_RUNNER = "评选批次由组织单位的党建工作部管理，您没有权限修改。"
NOT_ENTRANT = "只有本品牌所在党组织的书记可以填报和提交参评申报。"
NOT_RECOMMENDER = "推荐须由上级党组织进行，您没有权限推荐或退回该申报。"
NOT_PRESCREENER = "预审由评选组织单位的党建工作部进行，您没有权限预审该申报。"


def managed_rounds_q(user) -> Q:
    return scope_q(user, Cap.RUN_ROUNDS, "committee__path")


def visible_rounds(user):
    """Rounds the user runs (any stage) and published rounds of committees at or above the
    organisations the user sees."""
    if not user.is_authenticated:
        return Round.objects.none()
    if user.is_superuser:
        return Round.objects.all()
    reach = paths_with(user, Cap.VIEW)
    above = sorted({a for p in reach for a in (*ancestor_paths(p), p)})
    published = (scope_q(user, Cap.VIEW, "committee__path") | Q(committee__path__in=above)) & ~Q(
        status=RoundStatus.DRAFT
    )
    return Round.objects.filter(managed_rounds_q(user) | published)


def may_run(user, round_: Round) -> bool:
    return can(user, Cap.RUN_ROUNDS, round_.committee.path)


def committees_to_run(user):
    """The organisations for which the user may set up a round."""
    if user.is_superuser:
        return Organization.objects.filter(is_active=True, kind__in=COMMITTEE_KINDS)
    return Organization.objects.filter(path__in=paths_with(user, Cap.RUN_ROUNDS), is_active=True)


def access_round(user, pk, *, for_edit: bool = False) -> Round:
    """The round if the user may see it (else 404); with `for_edit`, 403 unless they run it."""
    round_ = get_object_or_404(
        visible_rounds(user).select_related("committee", "indicator_system"), pk=pk
    )
    if for_edit and not may_run(user, round_):
        raise PermissionDenied(NOT_RUNNER)
    return round_


def visible_entries(user):
    """Entries of brands in the user's subtree, every entry of the rounds they run, and the
    entries an expert was given to score (the dossier they judge from)."""
    if not user.is_authenticated:
        return Entry.objects.none()
    assigned = Assignment.objects.filter(entry=OuterRef("pk"), member__user=user)
    return Entry.objects.filter(
        scope_q(user, Cap.VIEW_BRANDS, "org__path")
        | scope_q(user, Cap.RUN_ROUNDS, "round__committee__path")
        | Q(Exists(assigned))
    )


def may_enter(user, brand) -> bool:
    """Whether the user enters this brand: its own organisation's secretary (or staff there)."""
    return user.is_superuser or Cap.OWN_BRAND in caps_at(user, brand.org.path)


def may_recommend(user, entry: Entry) -> bool:
    return user.is_superuser or has_cap_over(
        user, Cap.SCREEN_BRANDS, entry.org.path, strictly_above=True
    )


def may_prescreen(user, entry: Entry) -> bool:
    return may_run(user, entry.round)


def access_entry(
    user, pk, *, for_edit: bool = False, for_recommend: bool = False, for_prescreen: bool = False
) -> Entry:
    """The entry if the user may see it (else 404); 403 unless they may do what is asked."""
    rows = visible_entries(user).select_related("round__committee", "brand__org", "org", "tier")
    entry = get_object_or_404(rows, pk=pk)
    if for_edit and not may_enter(user, entry.brand):
        raise PermissionDenied(NOT_ENTRANT)
    if for_recommend and not may_recommend(user, entry):
        raise PermissionDenied(NOT_RECOMMENDER)
    if for_prescreen and not may_prescreen(user, entry):
        raise PermissionDenied(NOT_PRESCREENER)
    return entry


def assigned_brand(user, pk):
    """The brand when the user is an expert given one of its entries to score: they read its
    申报书 (documents' reader of kind `application`), never edit it; else None."""
    if not user.is_authenticated:
        return None
    if not Assignment.objects.filter(entry__brand_id=pk, member__user=user).exists():
        return None
    return Brand.objects.select_related("org").filter(pk=pk).first()

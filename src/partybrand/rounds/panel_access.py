"""Who may see and act on a round's panel, sheets, 路演, results, vote and 公示.

The round's runners (access.may_run) build the panel, compute and confirm results and answer
objections; the chair of a panel group runs the 现场路演 console; each expert sees and fills only
their own sheets, and the others' only once the results are released; anyone who sees the round
sees its 公示 and may object. Outside one's reach is 404; visible but not allowed is 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.rounds.access import NOT_RUNNER, may_run, visible_rounds
from partybrand.rounds.models import Objection, PanelMember, Round, ScoreSheet

NOT_PANEL = "您不是本次评选的评审专家。"
NOT_CHAIR = "现场路演由评审组长或评选组织单位主持，您没有权限操作。"
NOT_OWN_SHEET = "只能填写本人的评分表。"


def member_of(user, round_: Round) -> PanelMember | None:
    if not user.is_authenticated:
        return None
    return PanelMember.objects.filter(round=round_, user=user).select_related("group").first()


def may_chair(user, round_: Round) -> bool:
    member = member_of(user, round_)
    return may_run(user, round_) or bool(member and member.is_chair)


def panel_rounds(user):
    """Rounds the user sees, and those on whose panel they sit."""
    if not user.is_authenticated:
        return Round.objects.none()
    # Two subqueries rather than a join to the panel and DISTINCT over every column of the round.
    seats = PanelMember.objects.filter(user=user).values("round_id")
    return Round.objects.filter(Q(pk__in=visible_rounds(user).values("pk")) | Q(pk__in=seats))


def access_panel_round(
    user, pk, *, run: bool = False, member: bool = False, chair: bool = False
) -> Round:
    """The round (404 outside); 403 unless the user runs it (`run`), sits on its panel or runs
    it (`member`), or chairs or runs it (`chair`)."""
    round_ = get_object_or_404(panel_rounds(user).select_related("committee"), pk=pk)
    if run and not may_run(user, round_):
        raise PermissionDenied(NOT_RUNNER)
    if member and not (member_of(user, round_) or may_run(user, round_)):
        raise PermissionDenied(NOT_PANEL)
    if chair and not may_chair(user, round_):
        raise PermissionDenied(NOT_CHAIR)
    return round_


def visible_sheets(user):
    """An expert's own sheets; every sheet of the rounds one runs; the panel's sheets once the
    round's results are released to it."""
    if not user.is_authenticated:
        return ScoreSheet.objects.none()
    runs = [r.pk for r in visible_rounds(user) if may_run(user, r)]
    return ScoreSheet.objects.filter(
        Q(assignment__member__user=user)
        | Q(round_id__in=runs)
        | Q(round__panel_members__user=user, round__results_released_at__isnull=False)
    ).distinct()


def access_sheet(user, pk, *, for_edit: bool = False) -> ScoreSheet:
    rows = visible_sheets(user).select_related(
        "assignment__member__user",
        "round__committee",
        "round__indicator_system",
        "entry__brand",
        "entry__org",
    )
    sheet = get_object_or_404(rows, pk=pk)
    if for_edit and sheet.assignment.member.user_id != user.pk:
        raise PermissionDenied(NOT_OWN_SHEET)
    return sheet


def access_objection(user, pk) -> Objection:
    """An objection of a round the user sees; answering needs the runner (403)."""
    objection = get_object_or_404(
        Objection.objects.filter(round__in=visible_rounds(user)).select_related("round__committee"),
        pk=pk,
    )
    if not may_run(user, objection.round):
        raise PermissionDenied(NOT_RUNNER)
    return objection

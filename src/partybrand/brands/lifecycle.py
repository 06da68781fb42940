"""The brand lifecycle as one table: which move leads where, and who may make it.

Each move names the capability it needs (orgs/roles.py says which roles hold it). `where` says
where that capability must be held: "owner" means at the brand's own organisation (the branch
secretary submits the branch's brand), "above" means strictly above it, so nobody reviews,
approves or names their own brand. A move may need different capabilities per source state: a
二级党委 may send back an application at 初审, but only the group committee undoes its own later
decisions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from partybrand.brands.choices import BrandStatus as S
from partybrand.brands.choices import ReReviewOutcome
from partybrand.orgs.roles import Cap


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    moves: dict  # source status -> target status
    cap: Cap | dict  # the capability, or source status -> capability
    where: str  # "owner" or "above"
    needs_comment: bool = False
    params: tuple = field(default=())  # extra inputs the move requires

    def cap_for(self, source: str) -> Cap:
        return self.cap[source] if isinstance(self.cap, dict) else self.cap


RE_REVIEW_TARGETS = {
    ReReviewOutcome.KEEP: S.NAMED,
    ReReviewOutcome.UPGRADE: S.NAMED,
    ReReviewOutcome.DOWNGRADE: S.NAMED,
    ReReviewOutcome.RECTIFY: S.RECTIFYING,
    ReReviewOutcome.REVOKE: S.REVOKED,
}

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", "提交申报", {S.DRAFT: S.SUBMITTED}, Cap.OWN_BRAND, "owner"),
        Transition(
            "return",
            "退回",
            {
                S.SUBMITTED: S.DRAFT,
                S.REVIEWING: S.DRAFT,
                S.MIDTERM: S.CULTIVATING,
                S.ACCEPTING: S.CULTIVATING,
                S.PUBLICIZING: S.ACCEPTING,
            },
            {
                S.SUBMITTED: Cap.SCREEN_BRANDS,
                S.REVIEWING: Cap.INSPECT_BRANDS,
                S.MIDTERM: Cap.INSPECT_BRANDS,
                S.ACCEPTING: Cap.INSPECT_BRANDS,
                S.PUBLICIZING: Cap.INSPECT_BRANDS,
            },
            "above",
            needs_comment=True,
        ),
        Transition(
            "start_review", "初审通过", {S.SUBMITTED: S.REVIEWING}, Cap.SCREEN_BRANDS, "above"
        ),
        Transition("approve", "批准立项", {S.REVIEWING: S.APPROVED}, Cap.DECIDE_BRANDS, "above"),
        Transition(
            "start_cultivation", "启动培育", {S.APPROVED: S.CULTIVATING}, Cap.OWN_BRAND, "owner"
        ),
        Transition(
            "start_midterm", "开始中期检查", {S.CULTIVATING: S.MIDTERM}, Cap.INSPECT_BRANDS, "above"
        ),
        Transition(
            "pass_midterm", "中期检查通过", {S.MIDTERM: S.CULTIVATING}, Cap.INSPECT_BRANDS, "above"
        ),
        Transition(
            "apply_acceptance", "申请验收", {S.CULTIVATING: S.ACCEPTING}, Cap.OWN_BRAND, "owner"
        ),
        Transition(
            "accept",
            "验收通过并公示",
            {S.ACCEPTING: S.PUBLICIZING},
            Cap.INSPECT_BRANDS,
            "above",
            params=("publicity_days",),
        ),
        Transition(
            "name",
            "命名授牌",
            {S.PUBLICIZING: S.NAMED},
            Cap.DECIDE_BRANDS,
            "above",
            params=("doc_no", "named_on", "tier"),
        ),
        Transition(
            "rereview",
            "复评",
            {S.NAMED: None, S.RECTIFYING: None},  # the outcome decides the target
            Cap.INSPECT_BRANDS,
            "above",
            needs_comment=True,
            params=("outcome", "deadline"),
        ),
    ]
}


# Moves a committee makes only through a round (立项, 命名, 复评 …): rounds, an app above brands,
# registers in its ready() a guard `guard(brand, action) -> str` giving the note that says where
# the move is made instead, or "" when the move is the brand page's to make.
_round_guards: list[Callable[[object, str], str]] = []


def register_round_guard(guard: Callable[[object, str], str]) -> None:
    if guard not in _round_guards:
        _round_guards.append(guard)


def round_note(brand, action: str) -> str:
    """Why `action` is not made on the brand page but through a round ("" when it is)."""
    for guard in _round_guards:
        note = guard(brand, action)
        if note:
            return note
    return ""


# What must hold before a move, checked by the apps that hold the facts (themes: the theme's
# objections answered): `check(brand, action) -> [reasons in Chinese]`, registered in their
# ready(); a move with reasons is refused with them.
_move_checks: list[Callable[[object, str], list[str]]] = []


def register_move_check(check: Callable[[object, str], list[str]]) -> None:
    if check not in _move_checks:
        _move_checks.append(check)


def move_blockers(brand, action: str) -> list[str]:
    return [reason for check in _move_checks for reason in check(brand, action)]


def target_status(transition: Transition, source: str, outcome: str | None = None) -> str:
    if transition.action == "rereview":
        if outcome is None:
            raise ValueError("a re-review's target depends on its outcome")
        return RE_REVIEW_TARGETS[ReReviewOutcome(outcome)]
    return transition.moves[source]

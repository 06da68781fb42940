"""The brand lifecycle as one table: which move leads where, and who may make it.

`above` means the actor's role must be held in an organisation strictly above the brand's owner,
so nobody approves their own brand.
"""

from dataclasses import dataclass, field

from partybrand.brands.choices import BrandStatus as S
from partybrand.brands.choices import ReReviewOutcome
from partybrand.orgs.choices import Role

OWNERS = frozenset({Role.SECRETARY, Role.MID_ADMIN, Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
REVIEWERS = frozenset({Role.MID_ADMIN, Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
COMMITTEE = frozenset({Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    moves: dict  # source status -> target status
    roles: frozenset
    above: bool
    needs_comment: bool = False
    params: tuple = field(default=())  # extra inputs the move requires


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
        Transition("submit", "提交申报", {S.DRAFT: S.SUBMITTED}, OWNERS, above=False),
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
            REVIEWERS,
            above=True,
            needs_comment=True,
        ),
        Transition("start_review", "初审通过", {S.SUBMITTED: S.REVIEWING}, REVIEWERS, above=True),
        Transition("approve", "批准立项", {S.REVIEWING: S.APPROVED}, COMMITTEE, above=True),
        Transition(
            "start_cultivation", "启动培育", {S.APPROVED: S.CULTIVATING}, OWNERS, above=False
        ),
        Transition("start_midterm", "开始中期检查", {S.CULTIVATING: S.MIDTERM}, COMMITTEE, True),
        Transition("pass_midterm", "中期检查通过", {S.MIDTERM: S.CULTIVATING}, COMMITTEE, True),
        Transition(
            "apply_acceptance", "申请验收", {S.CULTIVATING: S.ACCEPTING}, OWNERS, above=False
        ),
        Transition(
            "accept",
            "验收通过并公示",
            {S.ACCEPTING: S.PUBLICIZING},
            COMMITTEE,
            above=True,
            params=("publicity_days",),
        ),
        Transition(
            "name",
            "命名授牌",
            {S.PUBLICIZING: S.NAMED},
            COMMITTEE,
            above=True,
            params=("doc_no", "named_on", "tier"),
        ),
        Transition(
            "rereview",
            "复评",
            {S.NAMED: None, S.RECTIFYING: None},  # the outcome decides the target
            COMMITTEE,
            above=True,
            needs_comment=True,
            params=("outcome", "deadline"),
        ),
    ]
}


def target_status(transition: Transition, source: str, outcome: str | None = None) -> str:
    if transition.action == "rereview":
        return RE_REVIEW_TARGETS[ReReviewOutcome(outcome)]
    return transition.moves[source]

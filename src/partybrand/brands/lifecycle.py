"""The brand lifecycle as one table: which move leads where, and who may make it.

`where` says where the actor's role must be held: "owner" means at the brand's own organisation
(the branch secretary submits the branch's brand), "above" means strictly above it, so nobody
reviews, approves or names their own brand. A move may name different roles per source state:
a 二级党委 may send back an application at 初审, but only the group committee undoes its own
later decisions.
"""

from dataclasses import dataclass, field

from partybrand.brands.choices import BrandStatus as S
from partybrand.brands.choices import ReReviewOutcome
from partybrand.orgs.choices import Role

OWNERS = frozenset({Role.SECRETARY, Role.MID_ADMIN, Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
REVIEWERS = frozenset({Role.MID_ADMIN, Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
COMMITTEE = frozenset({Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN})
COMMITTEE_DECISION = frozenset({Role.COMMITTEE_ADMIN})  # 立项 and 命名 are the committee's own


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    moves: dict  # source status -> target status
    roles: frozenset | dict  # roles, or source status -> roles
    where: str  # "owner" or "above"
    needs_comment: bool = False
    params: tuple = field(default=())  # extra inputs the move requires

    def roles_for(self, source: str) -> frozenset:
        return self.roles[source] if isinstance(self.roles, dict) else self.roles


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
        Transition("submit", "提交申报", {S.DRAFT: S.SUBMITTED}, OWNERS, "owner"),
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
                S.SUBMITTED: REVIEWERS,
                S.REVIEWING: COMMITTEE,
                S.MIDTERM: COMMITTEE,
                S.ACCEPTING: COMMITTEE,
                S.PUBLICIZING: COMMITTEE,
            },
            "above",
            needs_comment=True,
        ),
        Transition("start_review", "初审通过", {S.SUBMITTED: S.REVIEWING}, REVIEWERS, "above"),
        Transition("approve", "批准立项", {S.REVIEWING: S.APPROVED}, COMMITTEE_DECISION, "above"),
        Transition("start_cultivation", "启动培育", {S.APPROVED: S.CULTIVATING}, OWNERS, "owner"),
        Transition("start_midterm", "开始中期检查", {S.CULTIVATING: S.MIDTERM}, COMMITTEE, "above"),
        Transition("pass_midterm", "中期检查通过", {S.MIDTERM: S.CULTIVATING}, COMMITTEE, "above"),
        Transition("apply_acceptance", "申请验收", {S.CULTIVATING: S.ACCEPTING}, OWNERS, "owner"),
        Transition(
            "accept",
            "验收通过并公示",
            {S.ACCEPTING: S.PUBLICIZING},
            COMMITTEE,
            "above",
            params=("publicity_days",),
        ),
        Transition(
            "name",
            "命名授牌",
            {S.PUBLICIZING: S.NAMED},
            COMMITTEE_DECISION,
            "above",
            params=("doc_no", "named_on", "tier"),
        ),
        Transition(
            "rereview",
            "复评",
            {S.NAMED: None, S.RECTIFYING: None},  # the outcome decides the target
            COMMITTEE,
            "above",
            needs_comment=True,
            params=("outcome", "deadline"),
        ),
    ]
}


def target_status(transition: Transition, source: str, outcome: str | None = None) -> str:
    if transition.action == "rereview":
        if outcome is None:
            raise ValueError("a re-review's target depends on its outcome")
        return RE_REVIEW_TARGETS[ReReviewOutcome(outcome)]
    return transition.moves[source]

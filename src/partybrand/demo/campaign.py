"""Dated lifecycle plans: the moves each demo brand makes, so its history reads like a campaign.

Two earlier rounds end with naming at 七一 (round A a year before round B); the current round
runs from March of round B's year until today, so brands still in progress have recent dates.
Each step names who acts: "owner" (the brand's secretary or unit admin), "first" (初审 by the
unit above), "office" (集团党建工作部) or "committee" (集团党委).
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from partybrand.brands.choices import ReReviewOutcome


@dataclass
class Step:
    action: str
    day: date
    who: str
    comment: str = ""
    params: dict = field(default_factory=dict)


def naming_day(today: date) -> date:
    """The latest 七一 at least 45 days ago: round B's naming date."""
    day = date(today.year, 7, 1)
    return day if day <= today - timedelta(days=45) else date(today.year - 1, 7, 1)


def doc_no(year: int, number: int) -> str:
    return f"华信党发〔{year}〕{number}号"


def _full_round(named_on: date, tier: str, rng: random.Random, doc_number: int) -> list[Step]:
    y = named_on.year

    def jitter(day: date) -> date:
        return day + timedelta(days=rng.randint(-4, 4))

    score = rng.randint(88, 96)
    return [
        Step(
            "submit",
            jitter(date(y - 1, 3, 15)),
            "owner",
            "按集团党委部署完成申报书和品牌创建方案。",
        ),
        Step(
            "start_review", jitter(date(y - 1, 4, 8)), "first", "材料齐全，同意推荐参加立项评审。"
        ),
        Step(
            "approve", date(y - 1, 5, 20), "committee", "经集团党建品牌评审组评审，同意立项培育。"
        ),
        Step(
            "start_cultivation",
            jitter(date(y - 1, 6, 3)),
            "owner",
            "召开启动会，成立品牌创建专班。",
        ),
        Step("start_midterm", date(y - 1, 11, 12), "office", "集团开展品牌创建中期检查。"),
        Step(
            "pass_midterm",
            jitter(date(y - 1, 11, 28)),
            "office",
            "中期检查通过，请按清单补齐短板。",
        ),
        Step("apply_acceptance", jitter(date(y, 4, 16)), "owner", "完成创建任务，提交自评报告。"),
        Step(
            "accept",
            date(y, 6, 10),
            "office",
            f"验收评选得分 {score} 分，同意公示。",
            {"publicity_days": 5},
        ),
        Step(
            "name",
            named_on,
            "committee",
            "经集团党委会研究，予以命名授牌。",
            {"doc_no": doc_no(y, doc_number), "named_on": named_on, "tier": tier},
        ),
    ]


def _rereview(day: date, outcome: str, comment: str, **params) -> Step:
    return Step("rereview", day, "committee", comment, {"outcome": outcome, **params})


def plan_steps(
    plan: str, tier: str, today: date, rng: random.Random, *, group: bool = False
) -> list[Step]:
    """The steps of one brand; all dates are on or before `today`.

    The group brand is named by its own document; the others share their round's document.
    """
    named_b = naming_day(today)
    named_a = date(named_b.year - 1, 7, 1)
    review_day = date(named_b.year, 6, 18)
    if plan == "named_b":
        return _full_round(named_b, tier, rng, 15)
    if plan.endswith("_a"):
        steps = _full_round(named_a, tier, rng, 9 if group else 12)
        if plan == "named_a":
            steps.append(
                _rereview(review_day, ReReviewOutcome.KEEP, "年度复评：品牌运行良好，保持命名。")
            )
        elif plan == "upgrade_a":
            steps.append(
                _rereview(
                    review_day, ReReviewOutcome.UPGRADE, "年度复评得分 96 分，成效突出，予以升级。"
                )
            )
        elif plan == "rectify_a":
            deadline = max(review_day + timedelta(days=183), today + timedelta(days=45))
            steps.append(
                _rereview(
                    review_day,
                    ReReviewOutcome.RECTIFY,
                    "年度复评发现品牌活动流于形式、台账不全、成效数据缺失，限期整改。",
                    deadline=deadline,
                )
            )
        elif plan == "revoke_a":
            first = date(named_a.year, 12, 15)
            steps.append(
                _rereview(
                    first,
                    ReReviewOutcome.RECTIFY,
                    "复评发现品牌创建后长期未开展活动，限期整改。",
                    deadline=date(named_b.year, 3, 31),
                )
            )
            steps.append(
                _rereview(
                    date(named_b.year, 4, 10),
                    ReReviewOutcome.REVOKE,
                    "整改期满复查仍未达到要求，经集团党委研究，取消命名。",
                )
            )
        return steps
    return _current_round(plan, today, named_b, rng)


CURRENT_ORDER = [
    ("submit", 0.0, "owner", "按集团第三批党建品牌创建部署提交申报。"),
    ("start_review", 0.06, "first", "材料齐全，同意推荐参加立项评审。"),
    ("approve", 0.18, "committee", "经评审组评审，同意立项培育。"),
    ("start_cultivation", 0.22, "owner", "召开启动会，明确三定任务清单。"),
    ("start_midterm", 0.72, "office", "集团开展第三批品牌中期检查。"),
    ("pass_midterm", 0.8, "office", "中期检查通过，整改清单已销号。"),
    ("apply_acceptance", 0.9, "owner", "创建任务基本完成，申请提前验收。"),
]
# The last move of each plan of the current round.
CURRENT_LAST = {
    "reviewing": "start_review",
    "approved": "approve",
    "cultivating": "start_cultivation",
    "midterm": "start_midterm",
    "cultivating_mid": "pass_midterm",
    "accepting": "apply_acceptance",
    "publicizing": "apply_acceptance",
}


def _current_round(plan: str, today: date, named_b: date, rng: random.Random) -> list[Step]:
    if plan == "draft_new":
        return []
    if plan == "submitted":
        return [Step("submit", today - timedelta(days=9), "owner", "提交品牌申报书和创建方案。")]
    if plan == "draft_returned":
        return [
            Step("submit", today - timedelta(days=40), "owner", "提交品牌申报书和创建方案。"),
            Step(
                "return",
                today - timedelta(days=33),
                "first",
                "请补充职工问卷调研结果和标杆对比分析，完善品牌内涵释义后重新申报。",
            ),
        ]
    start = date(named_b.year, 3, 16)
    span = (today - start).days
    steps = []
    for action, share, who, comment in CURRENT_ORDER:
        day = start + timedelta(days=int(span * share) + rng.randint(0, 2))
        steps.append(Step(action, min(day, today - timedelta(days=4)), who, comment))
        if action == CURRENT_LAST[plan]:
            break
    if plan == "publicizing":
        score = rng.randint(90, 95)
        steps.append(
            Step(
                "accept",
                today - timedelta(days=2),
                "office",
                f"验收评选得分 {score} 分，同意公示。",
                {"publicity_days": 5},
            )
        )
    return steps

"""Demo data of this app, loaded by `seed_demo` after the brands exist: four branch brands'
theme workshops at different stages, built through the services.

- 智慧绿能 (新能源集控中心党支部): 征集 — names from its survey (imported, with proposer counts),
  members' proposals and an accepted AI draft.
- 匠心检修 (检修一班党支部): 投票 — a shortlist on the ballot, seven members have voted (member1
  has not, so the demo can vote), scores from the secretary and the invited expert.
- 红色引擎 (发电公司机关第一党支部): 公示 — a new slogan decided, an objection awaiting its answer.
- 抢修尖兵 (配电抢修一班党支部): 已确定 — the theme the brand carries, adopted after publicity.

Checks are not computed here (the similarity index would load the sentence encoder, seconds):
each candidate's snapshot is taken the first time its workshop page is opened.
"""

from datetime import datetime, timedelta

from partybrand.core import clock
from partybrand.core.models import User
from partybrand.demo.build import _account, _pick
from partybrand.orgs.choices import Role
from partybrand.surveys.choices import QuestionKind
from partybrand.surveys.models import Survey
from partybrand.themes.choices import CandidateSource
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services

COLLECTING, VOTING, PUBLICITY, ADOPTED = "智慧绿能", "匠心检修", "红色引擎", "抢修尖兵"

GREEN_PROPOSALS = [
    ("绿能智控", "风光尽在掌握 绿电智送万家", "集控中心用数字化管好风光储，党员当好“智控员”。"),
    ("云端先锋", "一屏观全域 先锋守绿能", "党员在集控大屏前值守，云端调度风电光伏。"),
]
GREEN_STAFF = [
    ("智慧绿能", "一屏观全域 智慧管绿能", "沿用品牌创建方案中的名称，突出数字化运维。", "staff"),
    ("数智绿源", "数字赋能集控 绿色点亮未来", "AI 助手起草，经支部书记采纳。", "assistant"),
]
REPAIR_PROPOSALS = [
    ("匠心检修", "精益检修 匠心守护", "传承“修一台、精一台”的好传统。"),
    ("精修先锋", "精修一台设备 守护一方光明", "党员带头攻克设备顽疾。"),
    ("检修铁军", "召之即来 来之能战", "检修突击队随叫随到。"),
    ("工匠护机", "工匠精神守机组 党员先锋保安全", "把工匠精神落到每一次检修。"),
]
SCORES = {  # name -> (secretary's, expert's) 政治味/文化味/融合味
    "匠心检修": ((4, 5, 5), (4, 4, 5)),
    "精修先锋": ((5, 3, 4), (4, 3, 4)),
    "检修铁军": ((4, 3, 3), (3, 3, 3)),
}
VOTES = ["匠心检修", "匠心检修", "精修先锋", "匠心检修", "检修铁军", "精修先锋", "匠心检修"]


def _at(day, hour: int, minute: int = 0) -> datetime:
    return clock.at(day, hour, minute)


def _secretary(brand) -> User:
    return User.objects.filter(
        role_assignments__org=brand.org, role_assignments__role=Role.SECRETARY
    ).first()


def _survey(brand):
    return (
        Survey.objects.filter(brand=brand, questions__kind=QuestionKind.NAME_PROPOSAL)
        .exclude(status="draft")
        .order_by("id")
        .first()
    )


def _members(demo, brand, prefix: str, count: int) -> list[User]:
    """A few more member accounts in the branch, so the workshop has proposers and voters."""
    users = []
    for i in range(1, count + 1):
        member = _pick(demo, brand.org.name)
        users.append(_account(demo, f"{prefix}{i}", Role.MEMBER, brand.org, member))
    return users


def seed_demo_data(*, demo, brands) -> None:
    """demo: partybrand.demo.build.Demo (today, admin, users, branches…); brands: demo brands."""
    by_name = {b.name: b for b in brands}
    now = clock.now()
    if COLLECTING in by_name:
        _collecting(demo, by_name[COLLECTING], now)
    if VOTING in by_name:
        _voting(demo, by_name[VOTING], now)
    if PUBLICITY in by_name:
        _publicity(demo, by_name[PUBLICITY], now)
    if ADOPTED in by_name:
        _adopted(demo, by_name[ADOPTED], now)


def _add(ws, actor, name, slogan, meaning, source, **extra):
    return services.candidate_add(
        actor=actor,
        workshop=ws,
        name=name,
        slogan=slogan,
        meaning=meaning,
        source=source,
        check=False,  # taken on first view
        **extra,
    )[0]


def _collecting(demo, brand, now) -> None:
    secretary = _secretary(brand)
    ws = services.workshop_start(actor=secretary, brand=brand)
    if survey := _survey(brand):
        services.survey_import(actor=secretary, workshop=ws, survey=survey)
    for user, (name, slogan, meaning) in zip(
        _members(demo, brand, "lvneng", 2), GREEN_PROPOSALS, strict=True
    ):
        _add(ws, user, name, slogan, meaning, CandidateSource.MEMBER)
    for name, slogan, meaning, source in GREEN_STAFF:
        _add(ws, secretary, name, slogan, meaning, source)


def _voting(demo, brand, now) -> None:
    secretary = _secretary(brand)
    ws = services.workshop_start(actor=secretary, brand=brand)
    if survey := _survey(brand):
        services.survey_import(actor=secretary, workshop=ws, survey=survey)
    voters = _members(demo, brand, "jianxiu", 5)
    candidates = {}
    for user, (name, slogan, meaning) in zip([secretary, *voters], REPAIR_PROPOSALS, strict=False):
        source = CandidateSource.STAFF if user == secretary else CandidateSource.MEMBER
        candidates[name] = _add(ws, user, name, slogan, meaning, source)
    candidates["匠心检修"].phrases = [
        list(p) for p in brand.phrases.values_list("phrase", "explanation")
    ]
    candidates["匠心检修"].save(update_fields=["phrases"])
    expert = demo.users.get("expert1")
    if expert is not None:
        services_decision.expert_invite(actor=secretary, workshop=ws, expert=expert)
    for name, (mine, theirs) in SCORES.items():
        candidate = candidates[name]
        services.candidate_shortlist(actor=secretary, candidate=candidate, shortlisted=True)
        for actor, (p, c, i) in ((secretary, mine), (expert, theirs)):
            if actor is not None:
                services_votes.score_save(
                    actor=actor,
                    candidate=candidate,
                    political=p,
                    cultural=c,
                    integration=i,
                    comment="紧扣检修主业，朗朗上口。" if p >= 4 else "",
                )
    opens = _at(demo.today - timedelta(days=1), 8)
    ws = services_votes.voting_open(
        actor=secretary,
        workshop=ws,
        opens_at=opens,
        closes_at=_at(demo.today + timedelta(days=3), 18),
        now=opens,
    )
    committee = demo.users.get("committee1")
    people = [u for u in [secretary, committee, *voters] if u is not None]
    for minutes, (user, name) in enumerate(zip(people, VOTES, strict=False)):
        services_votes.vote_cast(
            actor=user,
            workshop=ws,
            candidate=candidates[name],
            now=min(now, opens + timedelta(hours=2, minutes=17 * minutes)),
        )


def _publicity(demo, brand, now) -> None:
    secretary = _secretary(brand)
    ws = services.workshop_start(actor=secretary, brand=brand)
    decided = _add(
        ws,
        secretary,
        "红色引擎",
        "党建引领强动力 红色引擎促发展",
        "以党建为“引擎”，驱动机关服务基层、服务发电一线。",
        CandidateSource.STAFF,
    )
    _add(ws, secretary, "机关动力源", "服务一线做表率 机关作风树标杆", "", CandidateSource.STAFF)
    _add(ws, None, "红色引擎", "", "", CandidateSource.SURVEY, proposer_count=3)
    opens = _at(demo.today - timedelta(days=9), 9)
    ws = services_votes.voting_open(
        actor=secretary,
        workshop=ws,
        opens_at=opens,
        closes_at=_at(demo.today - timedelta(days=5), 18),
        now=opens,
    )
    services_votes.vote_cast(
        actor=secretary, workshop=ws, candidate=decided, now=opens + timedelta(hours=1)
    )
    ws = services_votes.voting_close(
        actor=secretary, workshop=ws, now=_at(demo.today, 8) - timedelta(days=5)
    )
    decided_at = _at(demo.today - timedelta(days=2), 10)
    ws = services_decision.decision_record(
        actor=secretary,
        workshop=ws,
        candidate=decided,
        reason="名称沿用“红色引擎”，新口号得票最多，经支委会研究确定，报党总支同意。",
        now=decided_at,
    )
    objector = demo.users.get("company1") or secretary
    services_decision.objection_add(
        actor=objector,
        workshop=ws,
        text="“促发展”表述较泛，建议口号体现发电主业，如“稳发满发”。",
        now=decided_at + timedelta(days=1),
    )


def _adopted(demo, brand, now) -> None:
    secretary = _secretary(brand)
    ws = services.workshop_start(actor=secretary, brand=brand)
    phrases = list(brand.phrases.values_list("phrase", "explanation"))
    chosen = _add(
        ws,
        secretary,
        brand.name,
        brand.slogan,
        brand.meaning,
        CandidateSource.STAFF,
        phrases=phrases,
    )
    _add(ws, secretary, "抢修先锋队", "电话就是命令 停电就是险情", "", CandidateSource.STAFF)
    _add(ws, secretary, "闪电抢修", "一呼即应 光明速达", "", CandidateSource.STAFF)
    opens = _at(demo.today - timedelta(days=30), 9)
    ws = services_votes.voting_open(
        actor=secretary,
        workshop=ws,
        opens_at=opens,
        closes_at=opens + timedelta(days=3),
        now=opens,
    )
    services_votes.vote_cast(
        actor=secretary, workshop=ws, candidate=chosen, now=opens + timedelta(hours=3)
    )
    ws = services_votes.voting_close(actor=secretary, workshop=ws, now=opens + timedelta(days=3))
    decided_at = opens + timedelta(days=5)
    ws = services_decision.decision_record(
        actor=secretary,
        workshop=ws,
        candidate=chosen,
        reason="得票最多，体现“电话就是命令、停电就是险情”的抢修作风，经党员大会通过。",
        now=decided_at,
    )
    services_decision.theme_adopt(actor=secretary, workshop=ws, now=decided_at + timedelta(days=6))

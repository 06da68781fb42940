"""评选: the group's first acceptance round of the year (第一批验收评选), run from the notice to
the 命名决定 over the weeks before the current (second) round opened, the clock held back while
each step is seeded. Five branch brands in 培育建设 apply for acceptance and enter: 匠心检修 is
returned by its 党总支 with comments (and enters the second round instead), 银线铁军 fails 预审
with the reasons, three are recommended, pass 预审 and are scored by 陈立群 (expert1, 组长) and
林晓峰 (expert2), who declared a conflict on one of them; the results are ranked within the
quotas (one 示范, one 培育: the third brand scores above the line but is left out by the quota),
the list is publicized, member1 objects and the 党建工作部 answers, and the 党委 (committee)
issues the 命名决定 with its 文号: the two brands (风机医生, 储能管家) are named with their
tiers."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.test.utils import override_settings

from partybrand.brands.models import Brand
from partybrand.brands.transitions import brand_transition
from partybrand.core import clock
from partybrand.demo.build import Demo
from partybrand.demo.round_setup import brand_system, open_round
from partybrand.orgs.roles import Cap, users_with
from partybrand.orgs.tree import ancestor_paths
from partybrand.plans import services as plan_services
from partybrand.plans.choices import PlanStatus
from partybrand.plans.models import Plan
from partybrand.rounds.access import may_recommend
from partybrand.rounds.choices import RequirementKey as K
from partybrand.rounds.models import EntryReview, Objection, ScoreSheet
from partybrand.rounds.requirements import all_met, check_brand
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import naming, panel, publicity, results, scoring
from partybrand.rounds.services import rounds as round_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST, recommenders

REQUIREMENTS = {key.value: False for key in K} | {K.NAME: True, K.MEANING: True, K.NOT_NAMED: True}
# Days before today: the round's own day (its 公示 starts), and when it is named; the brands
# applied for acceptance and entered, and the experts scored, before that.
RAN, NAMED = 40, 32
APPLIED, ENTERED, SCORED = RAN + 34, RAN + 30, RAN + 8
# The order the brands are taken in (by name) and what happens to each.
FATES = {
    "风机医生": "scored",
    "储能管家": "scored",
    "节能先锋": "scored",
    "匠心检修": "returned",
    "银线铁军": "prescreen_returned",
}
# Each expert's share of every item's points, by brand: 风机医生 first, 储能管家 second, 节能先锋
# above the 培育 line but outside its quota. expert2 declared a conflict on 节能先锋.
SHARES = {
    "风机医生": {"expert1": "0.94", "expert2": "0.9"},
    "储能管家": {"expert1": "0.86", "expert2": "0.82"},
    "节能先锋": {"expert1": "0.8", "expert2": "0.8"},
}
CONFLICT = "节能先锋"
CONFIRM_REASON = (
    "林晓峰专家曾指导节能先锋品牌创建，已申明回避，该项由组长陈立群单独评分；"
    "经评审组合议，同意按现有评分确认排名。"
)


def _on(days_before: int):
    """The clock held at `days_before` today while a step is seeded."""
    return override_settings(CLOCK_SHIFT=-timedelta(days=days_before))


def seed_acceptance_round(*, demo: Demo) -> None:
    users = demo.users
    if not {"office", "committee", "expert1", "expert2", "member1"} <= set(users):
        return
    system = brand_system()
    brands = {b.name: b for b in Brand.objects.filter(name__in=FATES).select_related("org")}
    with _on(APPLIED):
        ready = {name: _accepting(demo, brand) for name, brand in brands.items()}
    ready = {name: brand for name, brand in ready.items() if brand is not None}
    if len([n for n in ready if FATES[n] == "scored"]) < 2:
        return
    day = demo.today - timedelta(days=RAN)
    with _on(ENTERED + 2):  # the 通知 goes out two days before the first entries
        round_ = _open(demo, system, day)
    with _on(ENTERED):
        entries = _enter(demo, round_, ready)
    for _ in range(3):  # 推荐, 预审, 专家评审
        round_ = round_services.round_advance(actor=users["office"], round=round_)
    with _on(RAN):
        round_ = _judge(demo, round_, entries, system)
    with _on(NAMED):
        naming.naming_decide(
            actor=users["committee"], round=round_, today=demo.today - timedelta(days=NAMED)
        )


def _owner(brand):
    return users_with(Cap.OWN_BRAND, [brand.org.path]).order_by("id").first()


def _checker(brand):
    """The nearest manager above the brand's branch, who checks its plan's tasks."""
    above = users_with(Cap.SCREEN_BRANDS, ancestor_paths(brand.org.path))
    return above.order_by("-role_assignments__org__depth", "id").first()


def _accepting(demo: Demo, brand):
    """The brand brought to 验收评选 by its secretary: its creation plan running (the condition
    of 申请验收), then 申请验收. None if it cannot get there."""
    owner = _owner(brand)
    if owner is None:
        return None
    try:
        if brand.status == "cultivating":
            if not Plan.objects.filter(brand=brand, status=PlanStatus.ACTIVE).exists():
                plan_services.plan_from_template(
                    actor=owner,
                    org=brand.org,
                    brand=brand,
                    code="five_parts",
                    start=clock.today() - timedelta(days=120),
                    owner=owner,
                    checker=_checker(brand) or demo.users["office"],
                    title=f"{brand.name}品牌创建计划",
                    activate=True,
                )
            brand = brand_transition(actor=owner, brand=brand, action="apply_acceptance")
    except (PermissionDenied, ValidationError):
        return None
    return brand if brand.status == "accepting" else None


def _open(demo: Demo, system, day):
    start = day - timedelta(days=36)
    return open_round(
        demo,
        system,
        kind="acceptance",
        title=f"{day.year}年度第一批党建品牌验收评选",
        year=day.year,
        description="对培育期满、申请验收的党支部品牌开展验收评选，按得分确定示范品牌和培育品牌。",
        requirements=REQUIREMENTS,
        min_months=6,
        min_sheets=2,
        publicity_days=5,
        scoring_rule="mean",
        divergence_threshold=Decimal("10"),
        tiers=[
            {"name": "示范品牌", "brand_tier": "demonstration", "quota": 1, "min_score": 85},
            {"name": "培育品牌", "brand_tier": "cultivated", "quota": 1, "min_score": 75},
        ],
        stages={
            "entry": (start, start + timedelta(days=12)),
            "recommend": (start, start + timedelta(days=16)),
            "prescreen": (start + timedelta(days=17), start + timedelta(days=22)),
            "review": (start + timedelta(days=23), start + timedelta(days=35)),
            "publicity": (day, day + timedelta(days=5)),
            "naming": (day + timedelta(days=6), day + timedelta(days=12)),
        },
    )


def _enter(demo: Demo, round_, brands: dict) -> list:
    office = demo.users["office"]
    cultivated = round_.tiers.get(brand_tier="cultivated")
    demonstration = round_.tiers.get(brand_tier="demonstration")
    scored = []
    for name, fate in FATES.items():
        brand = brands.get(name)
        if brand is None or not all_met(check_brand(round_, brand, cultivated)):
            continue
        owner = _owner(brand)
        tier = demonstration if name == "风机医生" else cultivated
        entry = entry_services.entry_create(
            actor=owner,
            round=round_,
            brand=brand,
            tier=tier,
            statement=f"{brand.name}创建任务已完成，KPI 较基线改善明显，申请验收。",
        )
        entry = entry_services.entry_submit(actor=owner, entry=entry)
        above = next((u for u in recommenders(entry) if may_recommend(u, entry)), None)
        if above is None:
            continue
        if fate == "returned":
            entry_services.entry_recommend(
                actor=above,
                entry=entry,
                decision="return",
                comments="创建成效只有定性描述，请补充KPI较基线的变化数据和两个典型案例后重新提交。",
            )
            continue
        entry = entry_services.entry_recommend(
            actor=above,
            entry=entry,
            decision="pass",
            comments=f"{brand.name}特色鲜明、成效可量化，同意推荐参加验收评选。",
        )
        if fate == "prescreen_returned":
            entry_services.entry_prescreen(
                actor=office,
                entry=entry,
                decision="return",
                comments="申报书“创建成效”一节缺少佐证材料，党员覆盖率数据与台账不一致，请核实后重新提交。",
                checklist={**dict.fromkeys(PRESCREEN_CHECKLIST, True), "requirements": False},
            )
            continue
        scored.append(
            entry_services.entry_prescreen(
                actor=office,
                entry=entry,
                decision="pass",
                comments="材料齐全，符合申报条件。",
                checklist=dict.fromkeys(PRESCREEN_CHECKLIST, True),
            )
        )
    _stamp_reviews(round_)
    return scored


def _stamp_reviews(round_) -> None:
    """The reviews' own stamp is the wall clock's: they were made on the (held) day of seeding."""
    EntryReview.objects.filter(entry__round=round_).update(created_at=clock.now())


def _judge(demo: Demo, round_, entries, system):
    users, office = demo.users, demo.users["office"]
    group = panel.group_create(actor=office, round=round_, name="验收评审组")
    members = [
        panel.member_add(
            actor=office, round=round_, user=users[name], group=group, is_chair=name == "expert1"
        )
        for name in ("expert1", "expert2")
    ]
    conflicted = [e for e in entries if e.brand.name == CONFLICT]
    for entry in conflicted:
        panel.conflict_declare(
            actor=users["expert2"],
            member=members[1],
            entry=entry,
            reason="曾担任该党支部品牌创建的指导专家",
        )
    panel.assign_group(actor=office, round=round_, group=group, entries=entries)
    leaves = scoring.leaf_items(system)
    with _on(SCORED):
        for member in members:
            sheets = ScoreSheet.objects.filter(assignment__member=member).select_related(
                "entry__brand"
            )
            for sheet in sheets:
                share = Decimal(SHARES[sheet.entry.brand.name][member.user.username])
                scoring.sheet_save(
                    actor=member.user,
                    sheet=sheet,
                    items={
                        str(leaf.pk): str((leaf.points * share).quantize(Decimal("0.5")))
                        for leaf in leaves
                    },
                    comments="品牌内涵清晰，创建任务完成，KPI 较基线改善，案例有推广价值。",
                    submit=True,
                )
    results.results_compute(actor=office, round=round_)
    results.results_confirm(actor=office, round=round_, reason=CONFIRM_REASON)
    round_ = publicity.publicity_start(actor=office, round=round_)
    listed = list(publicity.listed(round_))
    if listed:
        objection = publicity.objection_raise(
            actor=users["member1"],
            round=round_,
            entry=listed[0],
            text="该品牌申报的“设备缺陷下降”数据是否包含外委项目？请核实口径。",
        )
        Objection.objects.filter(pk=objection.pk).update(created_at=clock.now())
        publicity.objection_answer(
            actor=office,
            objection=objection,
            answer="经核实，统计口径仅含本支部自修项目，与KPI台账一致，异议不成立。",
            upheld=False,
        )
    return round_

"""评选: the group committee's second acceptance round of the year, open for entry (the first,
run to its 命名决定, is rounds_acceptance.py; brands it returned or left out enter again here).
Only brands that applied for acceptance (验收评选 in their lifecycle) may enter, so the branch
brands in 培育建设 apply first;
the entries go as far as PLAN says, in order: one waiting for the 党总支's 推荐 (general1), one
still being filled in, then (as more brands reach 验收评选) one through 预审, one returned with
comments and one waiting for 预审 (office)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from partybrand.brands.models import Brand
from partybrand.brands.transitions import brand_transition
from partybrand.demo.branch_content import BRANCH_BRANDS
from partybrand.demo.build import Demo
from partybrand.demo.round_setup import brand_system, open_round
from partybrand.rounds.choices import RequirementKey as K
from partybrand.rounds.requirements import all_met, check_brand
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST

# The round checks the "五有" the demo's brands can show and leaves the rest to the committee.
REQUIREMENTS = {key.value: False for key in K} | {
    K.NAME: True,
    K.MEANING: True,
    K.KPIS: True,
    K.NOT_NAMED: True,
}
# What happens to each of the first branch brands' entries (by BRANCH_BRANDS order).
PLAN = ["submitted", "draft", "passed", "returned", "recommended"]


def _recommender(demo: Demo, spec: dict):
    branch = demo.branches[spec["org"]]
    if branch.general == "设备检修党总支":
        return demo.users["general1"]
    return demo.unit_user(branch.unit) or demo.users["office"]


def seed_rounds(*, demo: Demo) -> None:
    users = demo.users
    if "office" not in users:
        return
    office, today = users["office"], demo.today
    system = brand_system()
    start = today - timedelta(days=10)
    round_ = open_round(
        demo,
        system,
        kind="acceptance",
        title=f"{today.year}年度第二批党建品牌验收评选",
        year=today.year,
        description="",
        requirements=REQUIREMENTS,
        min_months=6,
        publicity_days=5,
        tiers=[
            {"name": "精品品牌", "brand_tier": "flagship", "quota": 2, "min_score": 90},
            {"name": "示范品牌", "brand_tier": "demonstration", "quota": 5, "min_score": 85},
            {"name": "培育品牌", "brand_tier": "cultivated", "quota": 10, "min_score": 75},
        ],
        stages={
            "entry": (start, start + timedelta(days=30)),
            # the 党总支 recommend entries as they arrive, until ten days after 申报 closes
            "recommend": (start, start + timedelta(days=40)),
            "prescreen": (start + timedelta(days=41), start + timedelta(days=50)),
            "review": (start + timedelta(days=51), start + timedelta(days=60)),
            "roadshow": (start + timedelta(days=61), start + timedelta(days=61)),
            "publicity": (start + timedelta(days=62), start + timedelta(days=68)),
            "naming": (start + timedelta(days=69), start + timedelta(days=75)),
        },
    )
    cultivated = round_.tiers.get(rank=3)
    steps = list(PLAN)
    for i, spec in enumerate(BRANCH_BRANDS, start=1):
        if not steps:
            break
        brand = Brand.objects.filter(org=demo.branches[spec["org"]].org).first()
        secretary = users[f"secretary{i}"]
        if brand is not None and brand.status == "cultivating":
            try:  # an 验收评选 takes brands that applied for acceptance (申请验收)
                brand = brand_transition(actor=secretary, brand=brand, action="apply_acceptance")
            except (PermissionDenied, ValidationError):
                continue
        if brand is None or not all_met(check_brand(round_, brand, cultivated)):
            continue  # a brand short of the requirements stays out, as it would
        _enter(demo, round_, spec, brand, secretary, cultivated, steps.pop(0), office)


def _enter(demo, round_, spec, brand, secretary, tier, step, office) -> None:
    entry = entry_services.entry_create(
        actor=secretary,
        round=round_,
        brand=brand,
        tier=tier,
        statement=f"{brand.name}立足{spec['focus']}，党员带头攻坚，业务指标较基线明显改善。",
    )
    if step == "draft":
        return
    entry = entry_services.entry_submit(actor=secretary, entry=entry)
    if step == "submitted":
        return
    above = _recommender(demo, spec)
    if step == "returned":
        entry_services.entry_recommend(
            actor=above,
            entry=entry,
            decision="return",
            comments="创建成效部分只有定性描述，请补充KPI较基线的变化数据和典型案例后重新提交。",
        )
        return
    entry = entry_services.entry_recommend(
        actor=above,
        entry=entry,
        decision="pass",
        comments=f"{brand.name}特色鲜明、成效可量化，同意推荐参加{round_.title}。",
    )
    if step == "passed":
        entry_services.entry_prescreen(
            actor=office,
            entry=entry,
            decision="pass",
            comments="材料齐全，符合申报条件。",
            checklist=dict.fromkeys(PRESCREEN_CHECKLIST, True),
        )

"""评选 through the experts to the 命名决定: the group's 复评 of five named brands, run over the
last two weeks (the clock held back while it is seeded). The brands enter, are recommended and
pass 预审; 陈立群 (expert1, 组长) and expert2 score them (expert2 declared a conflict on one and
does not score it); the results are computed within the quotas and confirmed, the list is
publicized, member1 objected and the 党建工作部 answered, and after the 公示 the 党委 (committee)
issued the 命名决定 with its 文号: every brand keeps its tier, with its next 复评 date moved.
Log in as expert1 to read the sheets, office for the results, anyone for the 公示 page."""

from datetime import timedelta
from decimal import Decimal

from django.test.utils import override_settings

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.demo.build import Demo
from partybrand.demo.round_setup import brand_system, open_round
from partybrand.orgs.roles import Cap, users_with
from partybrand.rounds.access import may_recommend
from partybrand.rounds.choices import RequirementKey as K
from partybrand.rounds.models import EntryReview, Objection, ScoreSheet
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import naming, panel, publicity, results, scoring
from partybrand.rounds.services import rounds as round_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST, recommenders

REQUIREMENTS = {key.value: key == K.NAME for key in K}
# Each expert's share of every item's points by the brand's tier, so that each keeps it;
# expert2 is far apart on 示范 brands (divergence flagged).
SHARES = {
    "expert1": {"flagship": "0.96", "demonstration": "0.91", "cultivated": "0.82"},
    "expert2": {"flagship": "0.95", "demonstration": "0.82", "cultivated": "0.8"},
}
EXPERTS = list(SHARES)
# Days before today: when the round ran (the clock is held back by these while seeding).
RAN, NAMED = 16, 2
# Days before today when the brands entered (within 申报) and the experts scored (专家评审).
ENTERED, SCORED = RAN + 30, RAN + 5
CONFIRM_REASON = (
    "复评评审组由两名专家组成，每项申报收到两份评分表；示范品牌的评分分歧已由组长复核，"
    "经党建工作部同意按现有评分确认。"
)


def seed_round_results(*, demo: Demo) -> None:
    users = demo.users
    if not {"office", "committee", "expert1", "expert2", "member1"} <= set(users):
        return
    brands = list(
        Brand.objects.filter(status="named", level="branch")
        .exclude(round_entries__status="named")  # named by this year's acceptance round
        .select_related("org")
        .order_by("id")[:5]
    )
    if len(brands) < 2:
        return
    with override_settings(CLOCK_SHIFT=-timedelta(days=RAN)):
        round_ = _run(demo, brands, demo.today - timedelta(days=RAN))
    with override_settings(CLOCK_SHIFT=-timedelta(days=NAMED)):
        naming.naming_decide(
            actor=users["committee"], round=round_, today=demo.today - timedelta(days=NAMED)
        )


def _run(demo: Demo, brands, today):
    users = demo.users
    office = users["office"]
    system = brand_system()
    start = today - timedelta(days=45)
    round_ = open_round(
        demo,
        system,
        kind="rereview",
        title=f"{today.year}年度党建品牌复评",
        year=today.year,
        description="",
        requirements=REQUIREMENTS,
        min_months=6,
        publicity_days=5,
        scoring_rule="mean",
        divergence_threshold=Decimal("10"),
        tiers=[
            {"name": "精品品牌", "brand_tier": "flagship", "quota": 5, "min_score": 92},
            {"name": "示范品牌", "brand_tier": "demonstration", "quota": 5, "min_score": 85},
            {"name": "培育品牌", "brand_tier": "cultivated", "quota": 5, "min_score": 75},
        ],
        stages={
            "entry": (start, start + timedelta(days=20)),
            "prescreen": (start + timedelta(days=21), start + timedelta(days=30)),
            "review": (start + timedelta(days=31), start + timedelta(days=44)),
            "publicity": (today, today + timedelta(days=5)),
            "naming": (today + timedelta(days=6), today + timedelta(days=15)),
        },
    )
    # Each step happens within its stage of the timetable: the clock is held at a day of it.
    with _on(ENTERED):
        entries = _enter(demo, round_, brands)
    for _ in range(3):  # 推荐, 预审, 专家评审
        round_ = round_services.round_advance(actor=office, round=round_)
    return _judge(demo, round_, entries, system)


def _on(days_before: int):
    """The clock held at `days_before` today while a step is seeded."""
    return override_settings(CLOCK_SHIFT=-timedelta(days=days_before))


def _enter(demo: Demo, round_, brands) -> list:
    office = demo.users["office"]
    entries = []
    for brand in brands:
        owner = users_with(Cap.OWN_BRAND, [brand.org.path]).first()
        if owner is None:
            continue
        tier = round_.tiers.filter(brand_tier=brand.tier).first()
        entry = entry_services.entry_create(actor=owner, round=round_, brand=brand, tier=tier)
        entry = entry_services.entry_submit(actor=owner, entry=entry)
        above = next((u for u in recommenders(entry) if may_recommend(u, entry)), None)
        if above is None:
            continue
        entry = entry_services.entry_recommend(
            actor=above, entry=entry, decision="pass", comments="创建任务完成，同意推荐验收。"
        )
        entries.append(
            entry_services.entry_prescreen(
                actor=office,
                entry=entry,
                decision="pass",
                comments="材料齐全。",
                checklist=dict.fromkeys(PRESCREEN_CHECKLIST, True),
            )
        )
    # The reviews' own stamp is the wall clock's: they were made on the (held) day of seeding.
    EntryReview.objects.filter(entry__round=round_).update(created_at=clock.now())
    return entries


def _judge(demo: Demo, round_, entries, system):
    users, office = demo.users, demo.users["office"]
    group = panel.group_create(actor=office, round=round_, name="复评评审组")
    members = [
        panel.member_add(
            actor=office, round=round_, user=users[name], group=group, is_chair=name == "expert1"
        )
        for name in EXPERTS
    ]
    panel.conflict_declare(
        actor=users["expert2"],
        member=members[1],
        entry=entries[-1],
        reason="曾担任该党支部品牌创建的指导专家",
    )
    panel.assign_group(actor=office, round=round_, group=group, entries=entries)
    leaves = scoring.leaf_items(system)
    with _on(SCORED):
        _score(members, leaves)
    results.results_compute(actor=office, round=round_)
    # Two experts and a divergence on the 示范 brands: the chair confirms with the reason.
    results.results_confirm(actor=office, round=round_, reason=CONFIRM_REASON)
    return _publicize(demo, round_)


def _score(members, leaves) -> None:
    for member in members:
        for sheet in ScoreSheet.objects.filter(assignment__member=member).select_related(
            "entry__brand"
        ):
            share = Decimal(SHARES[member.user.username][sheet.entry.brand.tier])
            scoring.sheet_save(
                actor=member.user,
                sheet=sheet,
                items={
                    str(leaf.pk): str((leaf.points * share).quantize(Decimal("0.5")))
                    for leaf in leaves
                },
                comments="品牌内涵清晰，KPI 较基线改善明显，案例可复制。",
                submit=True,
            )


def _publicize(demo: Demo, round_):
    users, office = demo.users, demo.users["office"]
    round_ = publicity.publicity_start(actor=office, round=round_)
    listed = list(publicity.listed(round_))
    if listed:
        objection = publicity.objection_raise(
            actor=users["member1"],
            round=round_,
            entry=listed[-1],
            text="该品牌申报材料中的案例是否为本支部近两年的做法？请核实。",
        )
        # Raised during the 公示 (the row's own stamp is the wall clock's).
        Objection.objects.filter(pk=objection.pk).update(created_at=clock.now())
        publicity.objection_answer(
            actor=office,
            objection=objection,
            answer="经核实，案例为该支部2025年以来的实际做法，有会议记录和成效台账佐证，异议不成立。",
            upheld=False,
        )
    return round_

"""A round through 预审 with two entries (红色引擎 of 支部A, 蓝色先锋 of 支部B) and a panel of
three experts from outside both branches, in one group, assigned to both entries."""

from decimal import Decimal

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from partybrand.rounds.models import ScoreSheet
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import panel, results, scoring
from partybrand.rounds.services import rounds as round_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST
from partybrand.rounds.services.scoring import leaf_items
from tests.factories import make_user
from tests.rounds.helpers import open_round

PASS = dict.fromkeys(PRESCREEN_CHECKLIST, True)


def expert(w, username: str, home=None):
    """An expert of the group; with `home`, also holding a role there (their own unit)."""
    user = make_user(username, username)
    role_assign(actor=None, user=user, org=w.group, role=Role.EXPERT)
    if home is not None:
        role_assign(actor=None, user=user, org=home, role=Role.MEMBER)
    return user


def prescreened_round(w, *, brand_states=None, **kwargs):
    """`brand_states`: (status, tier) of 红色引擎 and 蓝色先锋 (验收评选 and 培育 by default)."""
    round_ = open_round(w, **kwargs)
    states = brand_states or [("accepting", "cultivated"), ("accepting", "cultivated")]
    Brand.objects.filter(pk=w.brand.pk).update(status=states[0][0], tier=states[0][1])
    other = brand_create(actor=w.outsider, org=w.branch_b, name="蓝色先锋", slogan="先锋引领")
    Brand.objects.filter(pk=other.pk).update(status=states[1][0], tier=states[1][1])
    made = []
    for actor, brand, recommender in [
        (w.secretary, w.brand, w.mid_admin),
        (w.outsider, other, w.staff),
    ]:
        entry = entry_services.entry_create(
            actor=actor, round=round_, brand=brand, tier=round_.tiers.get(rank=1)
        )
        entry = entry_services.entry_submit(actor=actor, entry=entry)
        entry = entry_services.entry_recommend(
            actor=recommender, entry=entry, decision="pass", comments="同意推荐"
        )
        entry = entry_services.entry_prescreen(
            actor=w.staff, entry=entry, decision="pass", checklist=PASS
        )
        made.append(entry)
    for _ in range(3):
        round_ = round_services.round_advance(actor=w.staff, round=round_)
    return round_, made


def panel_round(w, experts=("expA", "expB", "expC"), **kwargs):
    """The round in 专家评审 with its group 第一评审组 of three experts assigned to both
    entries; the first expert is the group's chair."""
    round_, entries = prescreened_round(w, **kwargs)
    group = panel.group_create(actor=w.staff, round=round_, name="第一评审组")
    members = [
        panel.member_add(
            actor=w.staff, round=round_, user=expert(w, name), group=group, is_chair=(n == 0)
        )
        for n, name in enumerate(experts)
    ]
    panel.assign_group(actor=w.staff, round=round_, group=group, entries=entries)
    return round_, entries, members


def full_marks(round_, scale="1"):
    """Items at `scale` of each leaf's points (a fraction)."""
    return {
        str(leaf.pk): str((leaf.points * Decimal(scale)).quantize(Decimal("0.01")))
        for leaf in leaf_items(round_.indicator_system)
    }


def scored_and_confirmed(world, round_, entries, members, rate: str = "0.9") -> None:
    """Every panel member submits every entry's sheet at `rate` of full marks; the 党建工作部
    computes and confirms the results."""
    for member in members:
        for entry in entries:
            scoring.sheet_save(
                actor=member.user,
                sheet=ScoreSheet.objects.get(assignment__member=member, entry=entry),
                items=full_marks(round_, rate),
                submit=True,
            )
    results.results_compute(actor=world.staff, round=round_)
    results.results_confirm(actor=world.staff, round=round_)

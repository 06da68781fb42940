"""What waits in rounds and in the brand lifecycle reaches the people it waits for, on their
workbench's 我的待办 and on the rounds' own to-do page."""

from django.urls import reverse

from partybrand.brands.transitions import brand_transition
from partybrand.notices.models import Notification
from partybrand.rounds.services import entries as services
from tests.helpers import assert_queries_flat, client_for, complete_meaning
from tests.rounds.helpers import open_round


def home(user) -> str:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_submitted_application_waits_in_the_screeners_to_do_list(world):
    assert "待我初审的品牌申报" not in home(world.mid_admin)
    complete_meaning(world.brand, world.secretary)
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    assert "待我初审的品牌申报" in home(world.mid_admin)
    assert "待我初审的品牌申报" not in home(world.secretary)  # nobody screens their own
    brand_transition(actor=world.mid_admin, brand=world.brand, action="start_review")
    assert "待我初审的品牌申报" not in home(world.mid_admin)


def test_each_step_of_an_entry_waits_for_the_next_person(world):
    round_ = open_round(world)
    entry = services.entry_create(
        actor=world.secretary, round=round_, brand=world.brand, tier=round_.tiers.first()
    )
    entry = services.entry_submit(actor=world.secretary, entry=entry)
    assert "待我推荐的参评申报" in home(world.mid_admin)
    entry = services.entry_recommend(
        actor=world.mid_admin, entry=entry, decision="return", comments="补充数据"
    )
    assert "退回待修改的参评申报" in home(world.secretary)
    assert "待我推荐的参评申报" not in home(world.mid_admin)
    entry = services.entry_submit(actor=world.secretary, entry=entry)
    entry = services.entry_recommend(
        actor=world.mid_admin, entry=entry, decision="pass", comments="同意推荐"
    )
    assert "待我预审的参评申报" in home(world.staff)
    page = client_for(world.staff).get(reverse("rounds:my_tasks")).content.decode()
    assert "红色引擎" in page


def test_the_rounds_lines_cost_the_same_queries_with_more_entries(world):
    client = client_for(world.mid_admin)

    def more():
        round_ = open_round(world, title=f"批次{more.n}")
        more.n += 1
        entry = services.entry_create(actor=world.secretary, round=round_, brand=world.brand)
        entry.tier = round_.tiers.first()
        entry.save(update_fields=["tier"])
        services.entry_submit(actor=world.secretary, entry=entry)

    more.n = 0
    assert_queries_flat(more, lambda: client.get(reverse("home")))


def test_a_lifecycle_move_tells_whoever_makes_the_next_one(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    waiting = Notification.objects.filter(kind="brand_waiting")
    assert waiting.filter(user=world.mid_admin).exists()
    assert not waiting.filter(user=world.secretary).exists()
    brand_transition(actor=world.mid_admin, brand=world.brand, action="return", comment="补材料")
    returned = Notification.objects.get(kind="brand_returned", user=world.secretary)
    assert returned.body == "补材料"


def test_an_expert_finds_each_sheet_to_score_and_the_roadshow_entry_open_now(world):
    from partybrand.rounds.models import ScoreSheet
    from partybrand.rounds.services import scoring
    from tests.rounds.panel_helpers import full_marks, panel_round

    round_, entries, members = panel_round(world)
    expert = members[1].user
    page = home(expert)
    assert "待我评分的参评申报" in page
    tasks = client_for(expert).get(reverse("rounds:my_tasks")).content.decode()
    assert "红色引擎" in tasks and "蓝色先锋" in tasks
    for entry in entries:
        sheet = ScoreSheet.objects.get(assignment__member=members[1], entry=entry)
        scoring.sheet_save(actor=expert, sheet=sheet, items=full_marks(round_), submit=True)
    assert "待我评分的参评申报" not in home(expert)
    assert "待我评分的参评申报" not in home(world.secretary)  # no expert: nothing to score
    chair = members[0].user
    scoring.roadshow_start(actor=chair, round=round_)
    assert "正在路演" not in home(members[2].user)
    scoring.roadshow_open(actor=chair, round=round_, entry=entries[0])
    assert "正在路演、待我评分的项目" in home(members[2].user)
    scoring.roadshow_close(actor=chair, round=round_)
    assert "正在路演" not in home(members[2].user)


def test_an_expert_has_nothing_to_score_outside_the_review_stage(world):
    from datetime import timedelta

    from partybrand.core import clock
    from partybrand.rounds.models import RoundStage
    from tests.rounds.panel_helpers import panel_round

    round_, _entries, members = panel_round(world)
    later = clock.today() + timedelta(days=5)
    RoundStage.objects.create(round=round_, kind="review", starts_on=later, ends_on=later)
    assert "待我评分的参评申报" not in home(members[0].user)


def test_the_experts_lines_cost_the_same_queries_with_more_sheets(world):
    from partybrand.rounds.services import panel
    from tests.rounds.panel_helpers import panel_round

    round_, entries, _members = panel_round(world)
    member = panel.member_add(actor=world.staff, round=round_, user=world.expert)
    panel.assign(actor=world.staff, round=round_, member=member, entries=[entries[0]])
    client = client_for(world.expert)
    assert "待我评分的参评申报" in home(world.expert)

    def more():
        panel.assign(actor=world.staff, round=round_, member=member, entries=[entries[1]])

    assert_queries_flat(more, lambda: client.get(reverse("home")))

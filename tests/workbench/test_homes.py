"""Each role's home shows its own work first: a member their tasks, surveys, votes, carriers and
activities; a secretary each brand's next steps through the five parts; a committee its
cockpit; someone with several roles the section of each, and nobody anyone else's."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from partybrand.cockpit import compute
from partybrand.core import clock
from partybrand.core.clock import today
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from partybrand.positioning import services as positioning_services
from partybrand.themes.services import votes
from partybrand.themes.services import workshops as theme_services
from tests.factories import make_member, make_user
from tests.helpers import assert_queries_flat, client_for, login
from tests.permissions.cases.positioning import evidence_pdf
from tests.permissions.cases.supervision import make_task
from tests.permissions.cases.surveys import form_answers, make_survey
from tests.promotion.helpers import make_activity, make_carrier

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def sections(page: str) -> set[str]:
    return set(re.findall(r'id="(home-cockpit|home-next-steps|home-member)"', page))


def test_anonymous_is_sent_to_sign_in(world):
    response = login(world, None).get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_member_sees_their_own_tasks_surveys_carriers_and_activities(world):
    task = make_task(world, owner=world.member, title="整理党员责任区台账")
    make_task(world, plan=task.plan, owner=world.branch_committee, title="别人的任务")
    survey = make_survey(world, title="品牌创建意见征集")
    carrier = make_carrier(world)
    make_activity(world, carrier, content="党员带队排查隐患。")
    page = home(login(world, "member"))
    assert sections(page) == {"home-member"}  # no committee figures, no brand checklist
    assert "整理党员责任区台账" in page and "别人的任务" not in page
    assert reverse("plans:task", args=[task.pk]) in page
    assert reverse("surveys:answer", args=[survey.pk]) in page
    assert reverse("promotion:carrier_detail", args=[carrier.pk]) in page
    assert "党员带队排查隐患" in page
    assert "品牌驾驶舱" not in page


def test_a_survey_the_member_answered_leaves_their_home(world):
    survey = make_survey(world, title="品牌创建意见征集")
    client = login(world, "member")
    answer = reverse("surveys:answer", args=[survey.pk])
    assert answer in home(client)
    assert client.post(answer, form_answers(survey)).status_code == 302
    assert answer not in home(client)


def test_a_member_is_asked_for_a_name_then_for_a_vote(world, settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"
    workshop = theme_services.workshop_start(actor=world.secretary, brand=world.brand)
    for name in ("光耀电网", "银线先锋"):
        theme_services.candidate_add(actor=world.secretary, workshop=workshop, name=name, slogan="")
    client = login(world, "member")
    propose = reverse("themes:candidate_propose", args=[workshop.pk])
    assert propose in home(client)
    assert propose not in home(login(world, "outsider"))
    now = clock.now()
    votes.voting_open(
        actor=world.secretary,
        workshop=workshop,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=24),
    )
    page = home(client)
    assert propose not in page and reverse("themes:ballot", args=[workshop.pk]) in page


def test_an_overdue_task_says_so_on_the_members_home(world):
    make_task(world, owner=world.member, deadline=today() - timedelta(days=3), title="逾期任务")
    page = home(login(world, "member"))
    assert "已逾期" in page


def test_the_secretary_sees_the_next_steps_of_the_brand_from_real_records(world):
    client = login(world, "secretary")
    page = home(client)
    assert "home-next-steps" in sections(page)
    assert "home-cockpit" not in sections(page)
    first = re.search(r'data-testid="done-count">(\d+)<', page)
    assert first is not None
    before = int(first.group(1))
    # The first step of 定位 is not done: the next step links to the survey builder.
    assert "下一步：问卷调研收到答卷" in page
    assert f"{reverse('surveys:survey_create')}?brand={world.brand.pk}" in page
    assert reverse("positioning:inventory", args=[world.brand.pk]) in page

    positioning_services.practice_create(
        actor=world.secretary,
        brand=world.brand,
        name="“三个一”安全工作法",
        description="每天一次安全提醒、每周一次隐患排查、每月一次案例复盘。",
        since=2021,
        evidence=[evidence_pdf()],
    )
    make_carrier(world)
    page = home(client)
    after = re.search(r'data-testid="done-count">(\d+)<', page)
    assert after is not None and int(after.group(1)) == before + 2
    done = '<span class="text-success" data-step="done"><i class="bi bi-check2"></i> '
    assert done + "盘点已有做法与荣誉" in page


def test_an_overdue_task_unticks_tasks_on_time(world):
    client = login(world, "secretary")
    make_task(world)
    assert '<i class="bi bi-check2"></i> 任务按时推进，无逾期' in home(client)
    make_task(world, deadline=today() - timedelta(days=1), title="逾期的任务")
    assert '<i class="bi bi-check2"></i> 任务按时推进，无逾期' not in home(client)


def test_the_outsider_sees_nothing_of_branch_a(world):
    make_task(world, owner=world.member, title="整理党员责任区台账")
    page = home(login(world, "outsider"))
    assert "红色引擎" not in page and "整理党员责任区台账" not in page


def test_the_committee_sees_its_cockpit_first_with_the_cockpits_figures(world):
    compute.recompute()
    page = home(login(world, "staff"))
    assert "home-cockpit" in sections(page)
    assert page.index('id="home-cockpit"') < page.index('id="todos"')
    assert reverse("cockpit:org", args=[world.group.pk]) in page
    assert 'data-testid="brand-count">1<' in page
    mid = home(login(world, "mid_admin"))
    assert reverse("cockpit:org", args=[world.committee_a.pk]) in mid
    assert reverse("cockpit:org", args=[world.group.pk]) not in mid


def test_someone_with_several_roles_sees_each_section(world):
    user = make_user("both", "双岗书记")
    role_assign(actor=None, user=user, org=world.branch_a, role=Role.SECRETARY)
    role_assign(actor=None, user=user, org=world.committee_a, role=Role.MID_ADMIN)
    member = make_member(world.branch_a, "双岗书记")
    member.user = user
    member.save(update_fields=["user"])
    compute.recompute()
    page = home(client_for(user))
    assert sections(page) == {"home-cockpit", "home-next-steps", "home-member"}


def test_the_homes_cost_the_same_queries_with_more_rows(world):
    compute.recompute()
    member, secretary, staff = (login(world, n) for n in ("member", "secretary", "staff"))

    def more():
        plan = make_task(world, owner=world.member).plan
        for i in range(4):
            make_task(world, plan=plan, owner=world.member, title=f"任务{i}")
            carrier = make_carrier(world, name=f"示范岗{i}")
            make_activity(world, carrier)
            make_survey(world, title=f"问卷{i}")
        compute.recompute()

    assert_queries_flat(
        more,
        lambda: member.get(reverse("home")),
        lambda: secretary.get(reverse("home")),
        lambda: staff.get(reverse("home")),
    )

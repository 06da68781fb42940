"""What lowers a brand's index links to the exact work that would raise it: the brand's overdue
tasks (the task itself when there is one), its plans, its rectification items not yet closed
(the item on its meeting when there is one). Followed as the brand's secretary, each link lists
exactly what the index counted; the lists' brand filters keep outsiders out. And the journey: an
index explained for one brand, raised by finishing the work it names."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from partybrand.cockpit import compute
from partybrand.cockpit.models import BrandHealth
from partybrand.plans import services as plan_services
from partybrand.supervision.services import reviews as review_services
from tests.helpers import assert_queries_flat, login
from tests.permissions.cases.supervision import make_item, make_meeting, make_plan, today

pytestmark = pytest.mark.django_db


def late_task(world, plan, title, *, days_late=5):
    return plan_services.task_create(
        actor=world.secretary,
        plan=plan,
        title=title,
        duty="按计划推进。",
        standard="按期完成。",
        owner=world.branch_committee,
        checker=world.secretary,
        start=today() - timedelta(days=30),
        deadline=today() - timedelta(days=days_late),
    )


def open_task(world, plan, title):
    return plan_services.task_create(
        actor=world.secretary,
        plan=plan,
        title=title,
        duty="按计划推进。",
        standard="按期完成。",
        owner=world.branch_committee,
        checker=world.secretary,
        start=today() - timedelta(days=3),
        deadline=today() + timedelta(days=20),
    )


def lowers_of(world, client) -> dict[str, str]:
    """text -> link of the mechanism part, as the brand's index page shows them."""
    compute.recompute()
    page = client.get(reverse("cockpit:brand_health", args=[world.brand.pk])).content.decode()
    links = dict(re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page))
    return {text: url.replace("&amp;", "&") for url, text in links.items()}


def link_starting(lowers: dict[str, str], start: str) -> str:
    found = [url for text, url in lowers.items() if text.startswith(start)]
    assert len(found) == 1, (start, lowers)
    return found[0]


def test_overdue_tasks_link_to_exactly_the_brands_overdue_tasks(world):
    plan = make_plan(world)
    late = [late_task(world, plan, f"逾期任务{i}", days_late=3 + i) for i in range(3)]
    plan_services.task_report(
        actor=world.branch_committee, task=late[2], percent=100, text="已完成，待验收。"
    )
    open_task(world, plan, "未到期任务")
    # Another branch's overdue task: on the full overdue list, never on this brand's.
    other = make_plan(world, title="另一计划")
    other.brand = None
    other.save(update_fields=["brand"])
    late_task(world, other, "别的计划的逾期任务")
    client = login(world, "secretary")

    url = link_starting(lowers_of(world, client), "3 项任务逾期未验收")
    assert url == reverse("plans:overdue") + f"?brand={world.brand.pk}"
    page = client.get(url).content.decode()
    titles = re.findall(r'data-testid="overdue-row"><td><a href="[^"]+">([^<]+)</a>', page)
    assert sorted(titles) == ["逾期任务0", "逾期任务1", "逾期任务2"]
    assert "待验收" in page  # the reported one: its checker's verification is owed
    counted = BrandHealth.objects.get(brand=world.brand).lowers
    assert any(x["text"] == f"{len(titles)} 项任务逾期未验收" for x in counted)


def test_one_overdue_task_and_one_open_item_link_to_themselves(world):
    plan = make_plan(world)
    task = late_task(world, plan, "唯一的逾期任务")
    meeting = make_meeting(world, plan, held_on=today() - timedelta(days=20))
    closed = make_item(world, meeting, done=True)
    review_services.item_verify(actor=world.secretary, item=closed)
    item = make_item(world, meeting)
    client = login(world, "secretary")
    lowers = lowers_of(world, client)

    assert link_starting(lowers, "1 项任务逾期未验收") == reverse("plans:task", args=[task.pk])
    assert client.get(reverse("plans:task", args=[task.pk])).status_code == 200
    item_url = link_starting(lowers, "整改事项销号 1/2 项")
    assert item_url == reverse("supervision:meeting_detail", args=[meeting.pk]) + f"#item-{item.pk}"
    assert f'id="item-{item.pk}"' in client.get(item_url).content.decode()
    # One plan: the on-time share links to it.
    on_time = link_starting(lowers, "到期任务按期验收 0/1 项")
    assert on_time == reverse("plans:plan_detail", args=[plan.pk])


def test_open_items_link_to_exactly_the_brands_open_items(world):
    plan = make_plan(world)
    open_task(world, plan, "未到期任务")
    first = make_meeting(world, plan, held_on=today() - timedelta(days=20))
    second = make_meeting(world, plan, held_on=today() - timedelta(days=5), title="第二次复盘会")
    waiting = make_item(world, first, done=True)  # 待销号: the convenor's verification is owed
    still_open = make_item(world, second)
    closed = make_item(world, second, done=True)
    review_services.item_verify(actor=world.secretary, item=closed)
    # Another plan's open item, of no brand: not this brand's.
    other = make_plan(world, title="另一计划")
    other.brand = None
    other.save(update_fields=["brand"])
    make_item(world, make_meeting(world, other))
    client = login(world, "secretary")

    url = link_starting(lowers_of(world, client), "整改事项销号 1/3 项")
    assert url == reverse("supervision:meeting_list") + f"?brand={world.brand.pk}"
    page = client.get(url).content.decode()
    shown = re.findall(
        r'data-testid="brand-item"><span class="flex-grow-1"><a href="[^"#]+#item-(\d+)"', page
    )
    assert sorted(map(int, shown)) == sorted([waiting.pk, still_open.pk])
    assert "未销号的整改事项（2 项）" in page


def test_plans_without_tasks_and_several_plans_link_to_the_brands_plans(world):
    client = login(world, "secretary")
    start = link_starting(lowers_of(world, client), "尚无创建任务")
    assert start == reverse("plans:plan_create") + f"?brand={world.brand.pk}"
    assert client.get(start).status_code == 200
    first, second = make_plan(world), make_plan(world, title="第二个计划")
    late_task(world, first, "逾期任务")
    late_task(world, second, "另一项逾期任务")
    other = make_plan(world, title="无品牌计划")
    other.brand = None
    other.save(update_fields=["brand"])
    url = link_starting(lowers_of(world, client), "到期任务按期验收 0/2 项")
    assert url == reverse("plans:plan_list") + f"?brand={world.brand.pk}"
    page = client.get(url).content.decode()
    listed = re.findall(r'href="/plans/(\d+)/">', page)
    assert sorted(map(int, listed)) == sorted([first.pk, second.pk])


@pytest.mark.parametrize(
    "list_name", ["plans:overdue", "plans:plan_list", "supervision:meeting_list"]
)
def test_the_brand_filters_keep_to_who_sees_the_brand(world, list_name):
    plan = make_plan(world)
    late_task(world, plan, "逾期任务")
    make_item(world, make_meeting(world, plan))
    url = reverse(list_name) + f"?brand={world.brand.pk}"
    anonymous = login(world, None).get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert login(world, "outsider").get(url).status_code == 404  # 支部B's secretary
    for reader in ("member", "secretary"):  # the read-only member sees what the secretary sees
        page = login(world, reader).get(url)
        assert page.status_code == 200 and world.brand.name in page.content.decode()


def test_the_brand_filtered_lists_take_the_same_queries_for_few_or_many(world):
    plan = make_plan(world)
    late_task(world, plan, "逾期任务")
    meeting = make_meeting(world, plan)
    make_item(world, meeting)
    client = login(world, "secretary")

    def more():
        for i in range(5):
            late_task(world, plan, f"更多逾期任务{i}")
            make_item(world, meeting)

    pk = world.brand.pk
    assert_queries_flat(
        more,
        lambda: client.get(reverse("plans:overdue") + f"?brand={pk}"),
        lambda: client.get(reverse("plans:plan_list") + f"?brand={pk}"),
        lambda: client.get(reverse("supervision:meeting_list") + f"?brand={pk}"),
    )


def test_an_index_explained_and_raised_by_finishing_the_work_it_names(
    world, django_capture_on_commit_callbacks
):
    """The secretary reads why the brand's index is low, follows “1 项任务逾期未验收” to the
    task, the owner reports it done and the checker verifies it on its page: the event's
    recompute raises the index and the item is gone."""
    plan = make_plan(world)
    task = late_task(world, plan, "完成品牌手册")
    open_task(world, plan, "未到期任务")
    secretary = login(world, "secretary")
    before_lowers = lowers_of(world, secretary)
    before = BrandHealth.objects.get(brand=world.brand)
    url = link_starting(before_lowers, "1 项任务逾期未验收")
    assert url == reverse("plans:task", args=[task.pk])

    with django_capture_on_commit_callbacks(execute=True):
        login(world, "branch_committee").post(
            reverse("plans:task_report", args=[task.pk]),
            {"percent": 100, "text": "品牌手册已印发。", "version": task.version},
        )
    task.refresh_from_db()
    assert task.status == "reported"
    with django_capture_on_commit_callbacks(execute=True):
        secretary.post(reverse("plans:task_verify", args=[task.pk]), {"version": task.version})
    task.refresh_from_db()
    assert task.status == "verified"

    after = BrandHealth.objects.get(brand=world.brand)  # as the event left it: no recompute here
    assert after.mechanism > before.mechanism and after.score > before.score
    page = secretary.get(reverse("cockpit:brand_health", args=[world.brand.pk])).content.decode()
    assert "逾期未验收" not in page

"""复盘 meetings: a finding becomes a tracked rectification item closed off by its owner and
verified by the convenor; the next meeting opens with what is still open (not copied)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from partybrand.notices.models import Notification
from partybrand.supervision import review_services
from partybrand.supervision.models import RectificationItem
from tests.factories import PASSWORD
from tests.permissions.cases.supervision import make_item, make_meeting, make_plan, today


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_finding_to_item_closed_by_owner_verified_by_convenor(world):
    meeting = make_meeting(world, held_on=today() - timedelta(days=20))
    item = make_item(world, meeting)
    assert item.status == "open"
    assert Notification.objects.filter(user=world.branch_committee, kind="rectification").exists()
    with pytest.raises(PermissionDenied):  # only the owner reports what was done
        review_services.item_done(actor=world.secretary, item=item, note="代填")
    with pytest.raises(ValidationError):  # 照单销号 needs a note of what was done
        review_services.item_done(actor=world.branch_committee, item=item, note="  ")
    item = review_services.item_done(actor=world.branch_committee, item=item, note="已统一挂牌")
    assert item.status == "done"
    with pytest.raises(PermissionDenied):  # the owner cannot verify their own item
        review_services.item_verify(actor=world.branch_committee, item=item)
    item = review_services.item_verify(
        actor=world.secretary, item=item, accept=False, note="缺照片"
    )
    assert item.status == "open"
    item = review_services.item_done(actor=world.branch_committee, item=item, note="补充了照片")
    item = review_services.item_verify(actor=world.secretary, item=item)
    assert item.status == "closed" and item.closed_by == world.secretary


def test_next_meeting_opens_with_the_items_still_open(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=30))
    closed = make_item(world, first, done=True)
    review_services.item_verify(actor=world.secretary, item=closed)
    still_open = make_item(world, first)
    waiting = make_item(world, first, done=True)
    second = make_meeting(world, plan, held_on=today(), title="第二次复盘会")
    carried = list(review_services.carried_over(second))
    assert carried == [still_open, waiting]
    assert RectificationItem.objects.count() == 3  # shown, not duplicated
    assert list(review_services.carried_over(first)) == []
    page = client_for(world.member).get(reverse("supervision:meeting_detail", args=[second.pk]))
    html = page.content.decode()
    assert "上次复盘遗留" in html and html.count('data-testid="carried-item"') == 2
    # The form for the next meeting lists them too.
    form = client_for(world.secretary).get(reverse("supervision:meeting_create", args=[plan.pk]))
    assert form.content.decode().count('data-testid="carried-item"') == 2


def test_overdue_items_notify_their_owner_once(world):
    meeting = make_meeting(world, held_on=today() - timedelta(days=30))
    item = make_item(world, meeting, deadline=today() - timedelta(days=1))
    assert review_services.remind_overdue_items(today=today()) == 1
    assert review_services.remind_overdue_items(today=today() + timedelta(days=1)) == 0
    assert (
        Notification.objects.filter(
            user=world.branch_committee, key=f"rect:{item.pk}:overdue:{item.deadline:%Y-%m-%d}"
        ).count()
        == 1
    )


def test_owner_closes_item_on_the_page(world):
    item = make_item(world)
    client = client_for(world.branch_committee)
    client.post(reverse("supervision:item_done", args=[item.pk]), {"note": "已完成整改"})
    client_for(world.secretary).post(
        reverse("supervision:item_verify", args=[item.pk]), {"accept": "1"}
    )
    item.refresh_from_db()
    assert item.status == "closed" and item.done_note == "已完成整改"


def test_people_outside_the_plan_cannot_be_attendees_or_owners(world):
    plan = make_plan(world)
    with pytest.raises(ValidationError):
        review_services.meeting_create(
            actor=world.secretary, plan=plan, title="复盘", held_on=today(),
            attendees=[world.outsider],
        )  # fmt: skip
    meeting = make_meeting(world, plan)
    with pytest.raises(ValidationError):
        review_services.item_create(
            actor=world.secretary, meeting=meeting, finding="问题", owner=world.outsider,
            deadline=today(),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        review_services.meeting_create(actor=world.member, plan=plan, title="复盘", held_on=today())

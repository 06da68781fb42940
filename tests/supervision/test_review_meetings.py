"""复盘 meetings: a finding becomes a tracked rectification item closed off by its owner and
verified by the convenor; the next meeting opens with what is still open (not copied) and closes
it off there. A refused finding keeps what was typed, the list keeps its filter across pages,
reminders and lists take the same queries for few or many, an unchanged save writes no audit
row, and an attendee added later is told once."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.notices.models import Notification
from partybrand.supervision import selectors
from partybrand.supervision.models import RectificationItem
from partybrand.supervision.services import reviews as review_services
from tests.helpers import assert_queries_flat, client_for
from tests.permissions.cases.supervision import (
    make_item,
    make_meeting,
    make_plan,
    make_ticket,
    today,
)


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
    carried = list(selectors.carried_over(second))
    assert carried == [still_open, waiting]
    assert RectificationItem.objects.count() == 3  # shown, not duplicated
    assert list(selectors.carried_over(first)) == []
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
            actor=world.secretary,
            plan=plan,
            title="复盘",
            held_on=today(),
            attendees=[world.outsider],
        )
    meeting = make_meeting(world, plan)
    with pytest.raises(ValidationError):
        review_services.item_create(
            actor=world.secretary,
            meeting=meeting,
            finding="问题",
            owner=world.outsider,
            deadline=today(),
        )
    with pytest.raises(PermissionDenied):
        review_services.meeting_create(actor=world.member, plan=plan, title="复盘", held_on=today())


def test_finding_refused_keeps_the_typed_finding(world):
    meeting = make_meeting(world)
    client = client_for(world.secretary)
    finding = "党员示范岗挂牌与实际在岗人员不一致"
    response = client.post(
        reverse("supervision:item_add", args=[meeting.pk]),
        {
            "finding": finding,
            "owner": world.branch_committee.pk,
            "deadline": (meeting.held_on - timedelta(days=3)).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and finding in html and "整改时限不能早于会议日期" in html
    assert not RectificationItem.objects.exists()


def test_meeting_list_pages_keep_the_plan_filter(world):
    plan = make_plan(world)
    for i in range(31):  # one more than a page
        make_meeting(world, plan, held_on=today() - timedelta(days=i), title=f"第{i}次复盘会")
    client = client_for(world.secretary)
    html = client.get(reverse("supervision:meeting_list") + f"?plan={plan.pk}").content.decode()
    assert f"?plan={plan.pk}&amp;page=2" in html


def test_overdue_item_reminders_take_the_same_queries_for_few_or_many(world):
    meeting = make_meeting(world, held_on=today() - timedelta(days=30))
    make_item(world, meeting, deadline=today() - timedelta(days=2))
    reminded = []

    def six_more():
        for _ in range(6):
            make_item(world, meeting, deadline=today() - timedelta(days=2))

    assert_queries_flat(
        six_more, lambda: reminded.append(review_services.remind_overdue_items(today=today()))
    )
    assert reminded == [1, 6]
    assert review_services.remind_overdue_items(today=today()) == 0  # never twice


def test_items_carried_into_the_next_meeting_are_closed_off_there(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=30))
    item = make_item(world, first)
    second = make_meeting(world, plan, title="第二次复盘会")
    page = reverse("supervision:meeting_detail", args=[second.pk])
    owner = client_for(world.branch_committee)
    html = owner.get(page).content.decode()
    assert 'data-testid="carried-item"' in html and f'id="done-{item.pk}"' in html
    response = owner.post(
        reverse("supervision:item_done", args=[item.pk]),
        {"note": "示范岗标识已统一", "meeting": second.pk},
    )
    assert response["Location"] == f"{page}#item-{item.pk}"
    convenor = client_for(world.secretary)
    assert "核验销号" in convenor.get(page).content.decode()
    convenor.post(
        reverse("supervision:item_verify", args=[item.pk]), {"accept": "1", "meeting": second.pk}
    )
    assert RectificationItem.objects.get(pk=item.pk).status == "closed"
    assert 'data-testid="carried-item"' not in convenor.get(page).content.decode()
    member = client_for(world.member).get(page).content.decode()
    assert "核验销号" not in member and f'id="done-{item.pk}"' not in member


def test_saving_a_meeting_unchanged_writes_no_audit_row(world):
    meeting = make_meeting(world)
    same = {
        "title": meeting.title,
        "attendees": list(meeting.attendees.all()),
        "guests": "",
        "agenda": meeting.agenda,
        "minutes": "",
        "held_on": meeting.held_on,
    }
    rows = AuditLog.objects.filter(action="review_update")
    review_services.meeting_update(actor=world.secretary, meeting=meeting, **same)
    assert not rows.exists()
    review_services.meeting_update(
        actor=world.secretary, meeting=meeting, **{**same, "minutes": "查摆问题三条"}
    )
    assert rows.get().changes["minutes"] == ["", "查摆问题三条"]


def test_meeting_pages_and_api_lists_take_the_same_queries_for_few_or_many(world):
    plan = make_plan(world)
    first = make_meeting(world, plan, held_on=today() - timedelta(days=40))
    make_item(world, first)
    notify_url = reverse("api:notification-list")
    urls = [
        reverse("supervision:meeting_list"),
        reverse("supervision:meeting_list") + f"?plan={plan.pk}",
        reverse("api:review-meeting-list"),
        reverse("api:rectification-item-list"),
        reverse("api:supervision-ticket-list"),
        reverse("notices:notice_list"),
        notify_url,
    ]
    last = make_meeting(world, plan, title="最近一次复盘会")
    urls.append(reverse("supervision:meeting_detail", args=[last.pk]))
    make_ticket(world)
    client = client_for(world.secretary)

    def more_meetings():
        for i in range(5):
            earlier = make_meeting(world, plan, held_on=today() - timedelta(days=30 - i))
            make_item(world, earlier)
            make_item(world, earlier, done=True)
            make_ticket(world)

    assert_queries_flat(more_meetings, *[lambda url=url: client.get(url) for url in urls])


def test_an_attendee_added_later_is_told_once(world):
    meeting = review_services.meeting_create(
        actor=world.secretary,
        plan=make_plan(world),
        title="复盘会",
        held_on=today(),
        attendees=[world.member],
    )
    invited = Notification.objects.filter(kind="meeting")
    assert list(invited.values_list("user", flat=True)) == [world.member.pk]
    for _ in range(2):
        review_services.meeting_update(
            actor=world.secretary, meeting=meeting, attendees=[world.member, world.branch_committee]
        )
    assert sorted(invited.values_list("user", flat=True)) == sorted(
        [world.member.pk, world.branch_committee.pk]
    )

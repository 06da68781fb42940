"""The brand launch as a secretary runs it: planned with drafts written from the brand record,
participants told, changed, marked held, its record kept; the plan as a document."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.brands.models import BrandPhrase
from partybrand.core.audit import AuditLog
from partybrand.core.clock import today
from partybrand.documents.registry import BuildContext, kind_for
from partybrand.notices.models import Notification
from partybrand.promotion import services
from partybrand.promotion.models import Launch
from tests.helpers import assert_queries_flat, client_for, login, pdf_bytes
from tests.promotion.helpers import jpeg, make_carrier


def pdf():
    return SimpleUploadedFile("纪要.pdf", pdf_bytes(), content_type="application/pdf")


def plan(world, *, days=10, **fields):
    data = {
        "held_on": today() + timedelta(days=days),
        "venue": "职工之家",
        "participants": [world.member_a],
        "agenda": [
            {"time": "9:00", "item": "揭牌仪式", "speaker": "王书记"},
            {"item": "品牌释义"},
        ],
        **fields,
    }
    return services.launch_plan(actor=world.secretary, brand=world.brand, **data)


def test_a_planned_launch_has_drafts_from_the_brand_record_and_tells_participants(
    world, django_capture_on_commit_callbacks
):
    BrandPhrase.objects.create(brand=world.brand, phrase="红色", explanation="坚守初心。")
    make_carrier(world)
    with django_capture_on_commit_callbacks(execute=True):
        launch = plan(world)
    assert launch.title == "“红色引擎”党建品牌发布会"
    assert "下面进行发布会第一项：揭牌仪式。" in launch.host_script
    assert "“红色”，坚守初心。" in launch.speech and "党员示范岗" in launch.speech
    assert "李党员" not in launch.speech  # drafts name no member
    assert launch.checklist and not any(row["done"] for row in launch.checklist)
    notice = Notification.objects.get(user=world.member)
    assert notice.title == "请参加：“红色引擎”党建品牌发布会" and "职工之家" in notice.body
    assert AuditLog.objects.filter(action="launch_plan").count() == 1


def test_moving_the_launch_tells_everyone_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        launch = plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_update(actor=world.secretary, launch=launch, venue="大礼堂")
    titles = list(Notification.objects.filter(user=world.member).values_list("title", flat=True))
    assert any(t.startswith("发布会时间地点有变") for t in titles) and len(titles) == 2


def test_a_launch_cannot_be_marked_held_before_its_day_nor_recorded_before_it_is_held(world):
    launch = plan(world)
    with pytest.raises(ValidationError, match="还没有到"):
        services.launch_hold(actor=world.secretary, launch=launch)
    with pytest.raises(ValidationError, match="先将发布会标记为已举行"):
        services.launch_record(actor=world.secretary, launch=launch, attendance=3, summary="x")


def test_a_launch_before_its_day_says_when_it_can_be_recorded(world):
    launch = plan(world)
    page = client_for(world.secretary).get(reverse("promotion:launch_detail", args=[launch.pk]))
    html = page.content.decode()
    when = f"{launch.held_on.year}年{launch.held_on.month}月{launch.held_on.day}日"
    assert f"{when}起可标记已举行并归档会议记录" in html
    assert 'data-testid="launch-hold"' not in html


def test_the_record_keeps_its_photos_and_then_freezes_the_plan(world):
    launch = plan(world, days=-1)
    launch = services.launch_hold(actor=world.secretary, launch=launch)
    with pytest.raises(ValidationError, match="不是照片"):
        services.launch_record(
            actor=world.secretary, launch=launch, attendance=30, summary="好", photos=[pdf()]
        )
    launch = services.launch_record(
        actor=world.secretary, launch=launch, attendance=30, summary="揭牌。", photos=[jpeg()]
    )
    assert (launch.state, launch.attendance, launch.photos.count()) == ("recorded", 30, 1)
    with pytest.raises(ValidationError, match="不能再修改"):
        services.launch_update(actor=world.secretary, launch=launch, venue="别处")


def test_the_secretary_plans_holds_and_records_a_launch_through_the_pages(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("promotion:launch_create", args=[world.brand.pk]),
        {
            "held_on": (today() - timedelta(days=1)).isoformat(),
            "venue": "职工之家",
            "participants": [world.member_a.pk],
            "agenda_item_1": "揭牌仪式",
            "checklist": "背景板（已落实）\n音响",
        },
    )
    launch = Launch.objects.get()
    assert response.status_code == 302
    assert launch.checklist == [{"item": "背景板", "done": True}, {"item": "音响", "done": False}]
    page = client.get(reverse("promotion:launch_detail", args=[launch.pk])).content.decode()
    assert "揭牌仪式" in page and "标记已举行" in page and "发布会方案（文书）" in page
    client.post(reverse("promotion:launch_hold", args=[launch.pk]))
    response = client.post(
        reverse("promotion:launch_record", args=[launch.pk]),
        {"attendance": "52", "summary": "品牌正式发布。", "photos": jpeg()},
    )
    assert response.status_code == 302
    page = client.get(reverse("promotion:launch_detail", args=[launch.pk])).content.decode()
    assert "已归档" in page and "品牌正式发布。" in page and "52 人" in page
    member_page = login(world, "member").get(reverse("promotion:launch_detail", args=[launch.pk]))
    assert "修改方案" not in member_page.content.decode()


def test_the_launch_plan_document_reads_the_latest_launch_and_states_its_facts(world):
    plan(world)
    kind = kind_for("brand-launch-plan")
    context = BuildContext(actor=world.secretary, today=today())
    spec = kind.build(world.brand, context)
    keys = [s.key for s in spec.sections]
    assert keys == ["basic", "agenda", "host", "speech", "checklist", "publicity"]
    assert spec.title == "“红色引擎”党建品牌发布会方案"
    facts = kind.facts(world.brand, context)
    assert "品牌名称：红色引擎。" in facts["speech"]
    assert not any("李党员" in line for lines in facts.values() for line in lines)


def test_the_launch_list_takes_the_same_queries_for_few_or_many(world):
    client = login(world, "staff")
    plan(world)
    assert_queries_flat(
        lambda: [plan(world, days=i) for i in range(1, 8)],
        lambda: client.get(reverse("promotion:launch_list")),
    )


def test_the_launch_notice_quotes_a_name_once_whatever_quotes_it_was_typed_with(
    world, django_capture_on_commit_callbacks
):
    world.brand.name = "「红色引擎」"
    world.brand.save(update_fields=["name"])
    client = login(world, "secretary")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("promotion:launch_create", args=[world.brand.pk]),
            {
                "title": "",
                "held_on": (today() + timedelta(days=5)).isoformat(),
                "venue": "职工之家",
                "participants": [world.member_a.pk],
            },
            follow=True,
        )
    launch = Launch.objects.get()
    assert launch.title == "“红色引擎”党建品牌发布会"
    notice = Notification.objects.get(user=world.member)
    assert notice.title == "请参加：“红色引擎”党建品牌发布会"
    said = response.content.decode()
    # the message quotes the title, whose own quotes become single ones inside
    assert "已筹划“‘红色引擎’党建品牌发布会”，已通知参会党员。" in said
    assert "““" not in said and "“「" not in said and "”“" not in launch.speech


def test_quoting_a_name_that_already_has_quotes():
    from partybrand.core.quotes import quoted

    assert quoted("红色引擎") == "“红色引擎”"
    assert quoted("「先锋」") == "“先锋”"
    assert quoted('"先锋"') == "“先锋”"
    assert quoted("“红色引擎”党建品牌发布会") == "“‘红色引擎’党建品牌发布会”"
    assert quoted("“甲”与“乙”") == "“‘甲’与‘乙’”"


def test_the_organisers_are_reminded_before_the_launch_and_of_a_missing_record_after_it(world):
    from partybrand.notices.registry import produce_reminders
    from partybrand.promotion.reminders import launch_reminders

    launch = plan(world, days=10)
    start = today()

    def reminders(user, kind):
        return list(
            Notification.objects.filter(user=user, kind=kind)
            .order_by("id")
            .values_list("title", "body")
        )

    assert launch_reminders(start)["launch_soon"] == 0  # ten days ahead: nothing yet
    produce_reminders(start + timedelta(days=7))  # the daily digest runs every producer
    [(title, body)] = reminders(world.secretary, "launch_soon")
    assert title == "发布会3天后举行：“红色引擎”党建品牌发布会"
    assert "地点：职工之家" in body and "会场清单尚有" in body
    assert reminders(world.branch_committee, "launch_soon")  # who promotes the brand there
    assert not reminders(world.member, "launch_soon")  # participants got their invitation
    assert launch_reminders(start + timedelta(days=7))["launch_soon"] == 0  # once a day at most

    # the day after, nothing was recorded
    assert launch_reminders(start + timedelta(days=11))["launch_record_due"] == 2  # both
    [(title, body)] = reminders(world.secretary, "launch_record_due")
    assert title == "发布会记录待补：“红色引擎”党建品牌发布会"
    assert "尚缺：标记已举行、实到人数和会议纪要、现场照片、媒体报道" in body

    # held and recorded with photos, but no media report yet: reminded of that only, a week on
    Launch.objects.filter(pk=launch.pk).update(held_on=start - timedelta(days=1))
    launch.refresh_from_db()
    services.launch_hold(actor=world.secretary, launch=launch)
    services.launch_record(
        actor=world.secretary, launch=launch, attendance=30, summary="发布。", photos=[jpeg()]
    )
    assert launch_reminders(start + timedelta(days=7))["launch_record_due"] == 2
    title, body = reminders(world.secretary, "launch_record_due")[-1]
    assert "尚缺：媒体报道。" in body
    services.publicity_add(
        actor=world.secretary,
        brand=world.brand,
        channel="media",
        published_on=start,
        title="品牌发布会报道",
        level="company",
        url="https://news.example.com/1",
        launch=launch,
    )
    assert launch_reminders(start + timedelta(days=14))["launch_record_due"] == 0


def test_the_launch_reminders_take_the_same_queries_for_few_or_many_launches(world):
    from partybrand.promotion.reminders import launch_reminders

    plan(world, days=2)

    def many():
        for n in range(5):
            plan(world, days=1 + n % 3, title=f"发布会{n}")

    counts = assert_queries_flat(many, lambda: launch_reminders(today()), status=None)
    assert counts <= 4

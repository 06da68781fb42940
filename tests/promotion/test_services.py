"""The carrier services: what they keep, what they refuse, and the audit rows they write."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.core.clock import today
from partybrand.core.models import AuditLog
from partybrand.promotion import services
from partybrand.promotion.models import ActivityPhoto
from tests.factories import make_member
from tests.helpers import pdf_bytes
from tests.promotion.helpers import jpeg, make_activity, make_carrier


def test_a_carrier_keeps_its_roll_commitment_period_and_display(world):
    carrier = make_carrier(world, display=["sign", "identity", "sign"])
    assert carrier.org == world.branch_a and carrier.brand == world.brand
    assert list(carrier.members.all()) == [world.member_a]
    assert carrier.display == ["identity", "sign"]  # in the order of the choices, once each
    row = AuditLog.objects.get(action="carrier_create")
    assert row.changes["members"] == ["李党员"] and row.org_path == world.branch_a.path


def test_a_member_of_another_organisation_is_refused_without_being_named(world):
    stranger = make_member(world.branch_b, "外单位党员")
    with pytest.raises(ValidationError) as refused:
        make_carrier(world, members=[world.member_a, stranger])
    assert refused.value.message_dict == {"members": ["成员须是本组织名册上的党员。"]}
    with pytest.raises(ValidationError):
        make_carrier(world, leader=stranger)


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        make_carrier(world, ends_on=today() - timedelta(days=200))
    assert "截止日期不能早于起始日期" in str(refused.value)


def test_changing_a_carrier_records_what_changed(world):
    carrier = make_carrier(world)
    other = make_member(world.branch_a, "张青工")
    services.carrier_update(
        actor=world.secretary, carrier=carrier, name="检修一班示范岗", members=[other]
    )
    carrier.refresh_from_db()
    assert carrier.name == "检修一班示范岗" and list(carrier.members.all()) == [other]
    row = AuditLog.objects.get(action="carrier_update")
    assert row.changes["members"] == [["李党员"], ["张青工"]]
    assert row.changes["name"] == ["检修一班党员示范岗", "检修一班示范岗"]


def test_an_activity_keeps_participants_results_and_photos(world):
    carrier = make_carrier(world)
    activity = make_activity(
        world,
        carrier,
        results=[
            {"label": "排查隐患", "number": "12", "unit": "项"},
            {"label": "节约标煤", "number": "35.50", "unit": "吨"},
            {"label": "", "number": None, "unit": ""},  # an empty row is dropped
        ],
        photos=[jpeg("排查现场.jpg")],
    )
    assert activity.results == [
        {"label": "排查隐患", "number": "12", "unit": "项"},
        {"label": "节约标煤", "number": "35.5", "unit": "吨"},
    ]
    photo = activity.photos.get()
    assert (photo.title, photo.content_type) == ("排查现场", "image/jpeg")
    assert AuditLog.objects.get(action="activity_add").changes["photos"] == ["排查现场"]


def test_a_pdf_or_a_forged_image_is_no_photo_and_nothing_is_kept(world):
    carrier = make_carrier(world)
    pdf = SimpleUploadedFile("通知.pdf", pdf_bytes(), content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        make_activity(world, carrier, photos=[jpeg(), pdf])
    assert "“通知”不是照片" in str(refused.value)
    forged = SimpleUploadedFile("假照片.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    with pytest.raises(ValidationError):
        make_activity(world, carrier, photos=[forged])
    assert not carrier.activities.exists() and not ActivityPhoto.objects.exists()


def test_results_must_be_numbers_and_activities_not_in_the_future(world):
    carrier = make_carrier(world)
    with pytest.raises(ValidationError) as refused:
        make_activity(world, carrier, results=[{"label": "排查隐患", "number": "十二"}])
    assert "数值不是数字" in str(refused.value)
    with pytest.raises(ValidationError):
        make_activity(world, carrier, days_ago=-1)


def test_an_ended_carrier_records_no_more_activities(world):
    carrier = make_carrier(world)
    services.carrier_update(actor=world.secretary, carrier=carrier, state="ended")
    with pytest.raises(ValidationError) as refused:
        make_activity(world, carrier)
    assert "已结束" in str(refused.value)


def _recognise(world, carrier, **fields):
    data = {
        "title": "党员示范岗",
        "criteria": "承诺公开、活动经常、成效可量化。",
        "decision": "granted",
        "decided_on": today(),
        **fields,
    }
    return services.recognition_record(actor=world.staff, carrier=carrier, **data)


def test_a_carrier_with_nothing_done_cannot_be_recognised(world):
    carrier = make_carrier(world)
    with pytest.raises(ValidationError) as refused:
        _recognise(world, carrier)
    assert "还没有活动记录" in str(refused.value)


def test_recognition_keeps_plaque_and_recheck_dates_in_order(world):
    carrier = make_carrier(world)
    make_activity(world, carrier)
    with pytest.raises(ValidationError):
        _recognise(world, carrier, decision="declined", plaque_on=today())
    with pytest.raises(ValidationError):
        _recognise(world, carrier, recheck_on=today())
    recognition = _recognise(
        world, carrier, plaque_on=today(), recheck_on=today() + timedelta(days=365)
    )
    assert recognition.decided_by == world.staff
    row = AuditLog.objects.get(action="recognition_record")
    assert row.changes["decision"] == "予以认定" and row.org_path == world.branch_a.path

"""Permission cases of activity carriers (推介): pages and API. The secretary of 支部A runs its
carriers, its members read them, the group's staff judge them from above, 支部B sees nothing."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.promotion import services
from tests.permissions.cases import Case
from tests.permissions.cases.pages import PNG_1PX, exists

READ = {"allowed": "member", "readonly": None}
LIST = {"allowed": "member", "readonly": None, "outsider": None}
JUDGE = {"allowed": "staff", "readonly": "secretary"}  # the secretary runs it, may not judge it


def photo(name="排查现场.png"):
    return SimpleUploadedFile(name, PNG_1PX, content_type="image/png")


def make_carrier(w, *, with_activity: bool = True):
    carrier = services.carrier_create(
        actor=w.secretary,
        brand=w.brand,
        kind="post",
        name="检修一班党员示范岗",
        leader=w.member_a,
        members=[w.member_a],
        area="1号机组",
        commitment="检修质量我把关。",
        starts_on=date(2024, 1, 1),
        display=["identity"],
    )
    if with_activity:
        services.activity_add(
            actor=w.secretary,
            carrier=carrier,
            held_on=date(2024, 3, 1),
            content="党员带队排查隐患。",
            participants=[w.member_a],
            results=[{"label": "排查隐患", "number": "12", "unit": "项"}],
            photos=[photo()],
        )
    return carrier


def brand_kw(w):
    return {"brand_pk": w.brand.pk}


def carrier_kw(w):
    return {"pk": make_carrier(w).pk}


def photo_kw(w):
    return {"pk": make_carrier(w).activities.get().photos.get().pk}


def api_carrier_kw(w):
    return {"carrier_pk": make_carrier(w).pk}


def api_activity_kw(w):
    carrier = make_carrier(w)
    return {"carrier_pk": carrier.pk, "pk": carrier.activities.get().pk}


def api_recognition_kw(w):
    carrier = make_carrier(w)
    recognition = services.recognition_record(
        actor=w.staff,
        carrier=carrier,
        title="党员示范岗",
        criteria="活动经常、成效可量化。",
        decision="granted",
        decided_on=date(2024, 6, 1),
    )
    return {"carrier_pk": carrier.pk, "pk": recognition.pk}


def carrier_post(w):
    return {
        "brand": w.brand.pk,
        "kind": "commando",
        "name": "抢修党员突击队",
        "leader": w.member_a.pk,
        "members": [w.member_a.pk],
        "starts_on": "2024-02-01",
        "display": ["identity", "sign"],
    }


def activity_post(w):
    return {
        "held_on": "2024-04-01",
        "place": "学习室",
        "content": "讲解给水泵密封更换要点。",
        "participants": [w.member_a.pk],
        "result_label_1": "参训青工",
        "result_number_1": "18",
        "result_unit_1": "人",
        "photos": photo("微课堂.png"),
    }


RECOGNITION_POST = {
    "title": "党员示范岗",
    "criteria": "承诺公开、活动经常、成效可量化。",
    "decision": "granted",
    "decided_on": "2024-06-01",
    "plaque_on": "2024-06-10",
    "recheck_on": "2025-06-01",
}
EDITED = exists("promotion.Carrier", name="检修一班党员示范岗（扩编）")
EDIT_POST = {
    "kind": "post",
    "name": "检修一班党员示范岗（扩编）",
    "starts_on": "2024-01-01",
    "state": "active",
}


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("promotion:carrier_list", **LIST),
    Case("promotion:carrier_create", brand_kw),
    Case(
        "promotion:carrier_create",
        brand_kw,
        method="post",
        data=carrier_post,
        allowed_status=(302,),
        effect=exists("promotion.Carrier", name="抢修党员突击队", members__name="李党员"),
    ),
    Case("promotion:carrier_detail", carrier_kw, **READ),
    Case("promotion:carrier_edit", carrier_kw),
    Case(
        "promotion:carrier_edit",
        carrier_kw,
        method="post",
        data=lambda w: EDIT_POST,
        allowed_status=(302,),
        effect=EDITED,
    ),
    Case("promotion:activity_create", carrier_kw),
    Case(
        "promotion:activity_create",
        carrier_kw,
        method="post",
        data=activity_post,
        allowed_status=(302,),
        effect=exists("promotion.ActivityPhoto", title="微课堂", activity__place="学习室"),
    ),
    Case("promotion:recognition_create", carrier_kw, **JUDGE),
    Case(
        "promotion:recognition_create",
        carrier_kw,
        method="post",
        data=lambda w: RECOGNITION_POST,
        allowed_status=(302,),
        effect=exists("promotion.Recognition", title="党员示范岗", decision="granted"),
        **JUDGE,
    ),
    Case("promotion:photo_view", photo_kw, **READ),
]

API_CASES = [
    _api(url_name="api:promotion-carrier-list", **LIST),
    _api(
        url_name="api:promotion-carrier-list",
        method="post",
        data=carrier_post,
        allowed_status=(201,),
        effect=exists("promotion.Carrier", name="抢修党员突击队"),
    ),
    _api(url_name="api:promotion-carrier-detail", kwargs=carrier_kw, **READ),
    _api(
        url_name="api:promotion-carrier-detail",
        kwargs=carrier_kw,
        method="patch",
        data=lambda w: {"name": "检修一班党员示范岗（扩编）"},
        effect=EDITED,
    ),
    _api(url_name="api:promotion-activity-list", kwargs=api_carrier_kw, **READ),
    _api(
        url_name="api:promotion-activity-list",
        kwargs=api_carrier_kw,
        method="post",
        data=lambda w: {
            "held_on": "2024-04-01",
            "content": "讲解给水泵密封更换要点。",
            "participants": [w.member_a.pk],
            "results": [{"label": "参训青工", "number": "18", "unit": "人"}],
        },
        allowed_status=(201,),
        effect=exists("promotion.Activity", content="讲解给水泵密封更换要点。"),
    ),
    _api(url_name="api:promotion-activity-detail", kwargs=api_activity_kw, **READ),
    _api(url_name="api:promotion-recognition-list", kwargs=api_carrier_kw, **READ),
    _api(
        url_name="api:promotion-recognition-list",
        kwargs=api_carrier_kw,
        method="post",
        data=lambda w: RECOGNITION_POST,
        allowed_status=(201,),
        effect=exists("promotion.Recognition", title="党员示范岗"),
        **JUDGE,
    ),
    _api(url_name="api:promotion-recognition-detail", kwargs=api_recognition_kw, **READ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

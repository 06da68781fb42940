"""Permission cases of 推介: carriers, launches and the publicity ledger, pages and API. The
secretary of 支部A runs its carriers, plans its launch and keeps its ledger, its members read
them, the group's staff judge carriers from above and record the adoption of what was reported
to the group, 支部B sees nothing."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.core.clock import today
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


def make_launch(w, *, held_on=None):
    return services.launch_plan(
        actor=w.secretary,
        brand=w.brand,
        held_on=held_on or today() + timedelta(days=10),
        venue="职工之家",
        participants=[w.member_a],
        agenda=[{"time": "9:00", "item": "揭牌仪式", "speaker": "王书记"}],
    )


def held_launch(w):
    launch = make_launch(w, held_on=today() - timedelta(days=1))
    return services.launch_hold(actor=w.secretary, launch=launch)


def recorded_launch(w):
    return services.launch_record(
        actor=w.secretary,
        launch=held_launch(w),
        attendance=40,
        summary="发布会顺利举行。",
        photos=[photo("揭牌.png")],
    )


def launch_kw(w):
    return {"pk": make_launch(w).pk}


def held_kw(w):
    return {"pk": make_launch(w, held_on=today() - timedelta(days=1)).pk}


def record_kw(w):
    return {"pk": held_launch(w).pk}


def launch_photo_kw(w):
    return {"pk": recorded_launch(w).photos.get().pk}


def make_entry(w, **fields):
    data = {
        "channel": "report",
        "published_on": date(2024, 5, 1),
        "title": "支部工作法经验材料",
        "level": "company",
        "url": "https://example.com/a",
        "reported_to": w.group,
        **fields,
    }
    return services.publicity_add(actor=w.secretary, brand=w.brand, **data)


def entry_kw(w):
    return {"pk": make_entry(w).pk}


def proof_kw(w):
    return {"pk": make_entry(w, url="", proof=photo("截图.png")).pk}


LAUNCH_POST = {
    "title": "红色引擎品牌发布会",
    "held_on": "2030-07-01",
    "venue": "职工之家",
    "agenda_item_1": "揭牌仪式",
    "checklist": "背景板\n音响（已落实）",
}
LAUNCH_EDIT = {"title": "红色引擎品牌发布会（调整）", "held_on": "2030-07-02", "venue": "礼堂"}


def publicity_post(w):
    return {
        "channel": "wechat",
        "published_on": "2024-05-02",
        "title": "公众号推文：红色引擎",
        "level": "company",
        "url": "https://mp.example.com/s/1",
        "reach": "1200",
    }


ADOPT_POST = {"adoption": "adopted", "level": "group", "adopted_on": "2024-05-10"}
ADOPTER = {"allowed": "staff", "readonly": "secretary"}
ADOPTED = exists("promotion.PublicityEntry", adoption="adopted", adopted_level="group")

LAUNCH_PAGE_CASES = [
    Case("promotion:launch_list", **LIST),
    Case("promotion:launch_create", brand_kw),
    Case(
        "promotion:launch_create",
        brand_kw,
        method="post",
        data=lambda w: LAUNCH_POST,
        allowed_status=(302,),
        effect=exists("promotion.Launch", title="红色引擎品牌发布会", venue="职工之家"),
    ),
    Case("promotion:launch_detail", launch_kw, **READ),
    Case("promotion:launch_edit", launch_kw),
    Case(
        "promotion:launch_edit",
        launch_kw,
        method="post",
        data=lambda w: LAUNCH_EDIT,
        allowed_status=(302,),
        effect=exists("promotion.Launch", title="红色引擎品牌发布会（调整）", venue="礼堂"),
    ),
    Case(
        "promotion:launch_hold",
        held_kw,
        method="post",
        allowed_status=(302,),
        effect=exists("promotion.Launch", state="held"),
    ),
    Case("promotion:launch_record", record_kw),
    Case(
        "promotion:launch_record",
        record_kw,
        method="post",
        data=lambda w: {"attendance": "45", "summary": "揭牌并发布品牌。", "photos": photo()},
        allowed_status=(302,),
        effect=exists("promotion.Launch", state="recorded", attendance=45),
    ),
    Case("promotion:launch_photo", launch_photo_kw, **READ),
]

PUBLICITY_PAGE_CASES = [
    Case("promotion:publicity_list", **LIST),
    Case("promotion:publicity_export", **LIST),
    Case("promotion:publicity_create", brand_kw),
    Case(
        "promotion:publicity_create",
        brand_kw,
        method="post",
        data=publicity_post,
        allowed_status=(302,),
        effect=exists("promotion.PublicityEntry", title="公众号推文：红色引擎", reach=1200),
    ),
    Case("promotion:publicity_detail", entry_kw, **READ),
    Case("promotion:publicity_proof", proof_kw, **READ),
    Case("promotion:publicity_adopt", entry_kw, **ADOPTER),
    Case(
        "promotion:publicity_adopt",
        entry_kw,
        method="post",
        data=lambda w: ADOPT_POST,
        allowed_status=(302,),
        effect=ADOPTED,
        **ADOPTER,
    ),
]


def api_launch_post(w):
    return {
        "brand": w.brand.pk,
        "held_on": "2030-07-01",
        "venue": "职工之家",
        "participants": [w.member_a.pk],
        "agenda": [{"item": "揭牌仪式"}],
    }


LAUNCH_API_CASES = [
    _api(url_name="api:promotion-launch-list", **LIST),
    _api(
        url_name="api:promotion-launch-list",
        method="post",
        data=api_launch_post,
        allowed_status=(201,),
        effect=exists("promotion.Launch", venue="职工之家", held_on=date(2030, 7, 1)),
    ),
    _api(url_name="api:promotion-launch-detail", kwargs=launch_kw, **READ),
    _api(
        url_name="api:promotion-launch-detail",
        kwargs=launch_kw,
        method="patch",
        data=lambda w: {"venue": "礼堂"},
        effect=exists("promotion.Launch", venue="礼堂"),
    ),
    _api(
        url_name="api:promotion-launch-hold",
        kwargs=held_kw,
        method="post",
        effect=exists("promotion.Launch", state="held"),
    ),
    _api(
        url_name="api:promotion-launch-record",
        kwargs=record_kw,
        method="post",
        data=lambda w: {"attendance": 45, "summary": "揭牌并发布品牌。"},
        effect=exists("promotion.Launch", state="recorded", attendance=45),
    ),
]

PUBLICITY_API_CASES = [
    _api(url_name="api:promotion-publicity-list", **LIST),
    _api(url_name="api:promotion-publicity-totals", **LIST),
    _api(
        url_name="api:promotion-publicity-list",
        method="post",
        data=lambda w: {**publicity_post(w), "brand": w.brand.pk, "reach": 1200},
        allowed_status=(201,),
        effect=exists("promotion.PublicityEntry", title="公众号推文：红色引擎"),
    ),
    _api(url_name="api:promotion-publicity-detail", kwargs=entry_kw, **READ),
    _api(
        url_name="api:promotion-publicity-adopt",
        kwargs=entry_kw,
        method="post",
        data=lambda w: ADOPT_POST,
        effect=ADOPTED,
        **ADOPTER,
    ),
]

PERMISSION_CASES = (
    PAGE_CASES
    + API_CASES
    + LAUNCH_PAGE_CASES
    + PUBLICITY_PAGE_CASES
    + LAUNCH_API_CASES
    + PUBLICITY_API_CASES
)

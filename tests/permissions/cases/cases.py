"""Permission cases of typical cases, 案例汇编 and 新闻稿 (推介): pages and API. The secretary of
支部A writes its cases and 新闻稿, its members read them, 甲公司党委 (midadmin) forwards or
returns them, the group's staff publish, report and record adoption and make 汇编; 支部B's
secretary does not see 支部A's drafts (a published case is read across the group)."""

from partybrand.cases import services
from partybrand.cases.choices import CaseState
from partybrand.core import clock
from partybrand.promotion import services as promotion
from tests.cases.builders import TEXTS, make_case, photo
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists

READ = {"allowed": "member", "readonly": None}
LIST = {"allowed": "member", "readonly": None, "outsider": None}
REVIEW = {"allowed": "mid_admin", "readonly": "secretary"}
# Published cases are read across the group: 支部B's secretary sees them, may not act on them.
PUBLISH = {"allowed": "staff", "readonly": "mid_admin", "outsider_status": (403,)}
COMPILE = {"allowed": "staff", "readonly": "member", "outsider_status": (403,)}


def case_kw(w):
    return {"pk": make_case(w).pk}


def bare_case_kw(w):
    return {"pk": make_case(w, texts=False, photos=0).pk}


def photo_kw(w):
    return {"pk": make_case(w).photos.first().pk}


def case_photo_kw(w):
    photo = make_case(w).photos.first()
    return {"pk": photo.case_id, "photo_pk": photo.pk}


def step_kw(state, action):
    def kw(w):
        return {"pk": make_case(w, state).pk, "action": action}

    return kw


def state_is(state):
    def check(w) -> bool:
        from partybrand.cases.models import TypicalCase

        return TypicalCase.objects.filter(state=state).exists()

    return check


def published_kw(w):
    return {"pk": make_case(w, CaseState.PUBLISHED).pk}


def reported_kw(w):
    return {"pk": make_case(w, CaseState.REPORTED).pk}


def adopt_post(w):
    from partybrand.cases.models import CaseReport

    return {
        "report": CaseReport.objects.get().pk,
        "adopted": "1",
        "level": "province",
        "adopted_on": clock.today().isoformat(),
    }


def limit_kw(w):
    return {"org_pk": w.committee_a.pk}


def make_compilation(w, org=None):
    case = make_case(w, CaseState.PUBLISHED)
    return services.compilation_create(
        actor=w.staff, org=org or w.committee_a, title="甲公司典型案例汇编", cases=[case]
    )


def compilation_kw(w):
    return {"pk": make_compilation(w).pk}


def compilation_post(w):
    case = make_case(w, CaseState.PUBLISHED, title="第二个案例")
    return {"title": "二〇二六年典型案例汇编", "cases": [case.pk]}


def activity(w):
    carrier = promotion.carrier_create(
        actor=w.secretary,
        brand=w.brand,
        kind="post",
        name="检修一班党员示范岗",
        leader=w.member_a,
        members=[w.member_a],
        starts_on=clock.today(),
    )
    return promotion.activity_add(
        actor=w.secretary,
        carrier=carrier,
        held_on=clock.today(),
        place="1号机组",
        content="党员带队排查隐患。",
        participants=[w.member_a],
        results=[{"label": "排查隐患", "number": "12", "unit": "项"}],
        photos=[photo("排查.png")],
    )


def make_news(w):
    return services.news_create(
        actor=w.secretary,
        brand=w.brand,
        activity=activity(w),
        headline="检修一班开展隐患排查",
        happened_on=clock.today(),
        event="开展机组检修前隐患排查",
    )


def news_kw(w):
    return {"pk": make_news(w).pk}


def brand_kw(w):
    return {"brand_pk": w.brand.pk}


NEWS_POST = {
    "headline": "支部A开展主题党日",
    "happened_on": "2024-05-01",
    "place": "党员活动室",
    "people": "支部A全体党员",
    "event": "开展主题党日活动",
    "result": "收集意见建议8条",
}


def edit_post(w):
    return {
        "title": "检修一班“三亮”工作法（修改稿）",
        "authors": [w.member_a.pk],
        **{f"section_{k}": v for k, v in TEXTS.items()},
    }


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("cases:case_list", **LIST),
    Case("cases:case_create", outsider=None),
    Case(
        "cases:case_create",
        method="post",
        data=lambda w: {"brand": w.brand.pk, "title": "新案例", "authors": [w.member_a.pk]},
        allowed_status=(302,),
        effect=exists("cases.TypicalCase", title="新案例"),
        # 支部B's secretary writes cases, but not of 支部A's brand: refused (支部B has no brand
        # of its own here, so the page itself is closed to him)
        outsider_status=(400, 403),
    ),
    Case("cases:case_detail", case_kw, **READ),
    Case("cases:case_edit", case_kw),
    Case(
        "cases:case_edit",
        case_kw,
        method="post",
        data=edit_post,
        allowed_status=(302,),
        effect=exists("cases.TypicalCase", title="检修一班“三亮”工作法（修改稿）"),
    ),
    Case(
        "cases:case_draft",
        bare_case_kw,
        method="post",
        allowed_status=(302,),
        effect=exists("documents.DocumentVersion", comment="从平台数据起草"),
    ),
    Case(
        "cases:case_photos",
        case_kw,
        method="post",
        data=lambda w: {"photos": photo("第三张.png")},
        allowed_status=(302,),
        effect=exists("cases.CasePhoto", title="第三张"),
    ),
    Case("cases:photo_view", photo_kw, **READ),
    Case(
        "cases:photo_caption",
        photo_kw,
        method="post",
        data=lambda w: {"caption": "党员逐台核对检修工艺卡"},
        allowed_status=(302,),
        effect=exists("cases.CasePhoto", caption="党员逐台核对检修工艺卡"),
    ),
    Case(
        "cases:photo_delete",
        photo_kw,
        method="post",
        allowed_status=(302,),
        effect=lambda w: not exists("cases.CasePhoto", title="现场1")(w),
    ),
    Case(
        "cases:case_step",
        step_kw(CaseState.DRAFT, "submit"),
        method="post",
        allowed_status=(302,),
        effect=state_is(CaseState.SUBMITTED),
        note="submit",
    ),
    Case(
        "cases:case_step",
        step_kw(CaseState.SUBMITTED, "forward"),
        method="post",
        allowed_status=(302,),
        effect=state_is(CaseState.FORWARDED),
        note="forward",
        **REVIEW,
    ),
    Case(
        "cases:case_step",
        step_kw(CaseState.SUBMITTED, "return"),
        method="post",
        data=lambda w: {"comment": "请补充成效数据。"},
        allowed_status=(302,),
        effect=state_is(CaseState.RETURNED),
        note="return",
        **REVIEW,
    ),
    Case(
        "cases:case_step",
        step_kw(CaseState.FORWARDED, "publish"),
        method="post",
        allowed_status=(302,),
        effect=state_is(CaseState.PUBLISHED),
        note="publish",
        allowed="staff",
        readonly="mid_admin",
    ),
    Case(
        "cases:case_report",
        published_kw,
        method="post",
        data=lambda w: {"reported_to": "国资委党委", "reported_on": clock.today().isoformat()},
        allowed_status=(302,),
        effect=exists("cases.CaseReport", reported_to="国资委党委"),
        **PUBLISH,
    ),
    Case(
        "cases:case_adopt",
        reported_kw,
        method="post",
        data=adopt_post,
        allowed_status=(302,),
        effect=state_is(CaseState.ADOPTED),
        **PUBLISH,
    ),
    Case("cases:case_limit", limit_kw, allowed="staff", readonly="mid_admin"),
    Case(
        "cases:case_limit",
        limit_kw,
        method="post",
        data=lambda w: {"max_chars": "2000"},
        allowed_status=(302,),
        effect=exists("cases.CaseLimit", max_chars=2000),
        allowed="staff",
        readonly="mid_admin",
    ),
    Case("cases:compilation_list", **LIST),
    Case("cases:compilation_create", allowed="staff", readonly="member", outsider=None),
    Case(
        "cases:compilation_create",
        method="post",
        data=compilation_post,
        allowed_status=(302,),
        effect=exists("cases.Compilation", title="二〇二六年典型案例汇编"),
        allowed="staff",
        readonly="member",
        outsider=None,
    ),
    Case(
        "cases:compilation_detail", compilation_kw, allowed="member", readonly=None, outsider=None
    ),
    Case("cases:compilation_edit", compilation_kw, **COMPILE),
    Case(
        "cases:compilation_edit",
        compilation_kw,
        method="post",
        data=lambda w: {
            "title": "甲公司典型案例汇编（第二版）",
            "cases": [make_case(w, CaseState.PUBLISHED, title="另一个").pk],
        },
        allowed_status=(302,),
        effect=exists("cases.Compilation", title="甲公司典型案例汇编（第二版）"),
        **COMPILE,
    ),
    Case("cases:news_list", **LIST),
    Case("cases:news_create", brand_kw),
    Case(
        "cases:news_create",
        brand_kw,
        method="post",
        data=lambda w: NEWS_POST,
        allowed_status=(302,),
        effect=exists("cases.NewsRelease", headline="支部A开展主题党日"),
    ),
    Case("cases:news_detail", news_kw, **READ),
    Case(
        "cases:news_detail",
        news_kw,
        method="post",
        data=lambda w: {**NEWS_POST, "headline": "检修一班隐患排查见实效"},
        allowed_status=(302,),
        effect=exists("cases.NewsRelease", headline="检修一班隐患排查见实效"),
    ),
]


def api_step(state, action, comment=""):
    return lambda w: {"action": action, "comment": comment}


API_CASES = [
    _api(url_name="api:cases-case-list", **LIST),
    _api(
        url_name="api:cases-case-list",
        method="post",
        data=lambda w: {"brand": w.brand.pk, "title": "接口案例", "authors": [w.member_a.pk]},
        allowed_status=(201,),
        effect=exists("cases.TypicalCase", title="接口案例"),
    ),
    _api(url_name="api:cases-case-detail", kwargs=case_kw, **READ),
    _api(
        url_name="api:cases-case-detail",
        kwargs=case_kw,
        method="patch",
        data=lambda w: {"title": "接口修改", "texts": {"appendix": "附：工艺卡"}},
        effect=exists("cases.TypicalCase", title="接口修改"),
    ),
    Case(
        url_name="api:cases-case-photos",
        kwargs=case_kw,
        method="post",
        api=True,  # multipart: the photos are files
        data=lambda w: {"photos": photo("接口照片.png"), "caption": "党员核对工艺卡"},
        allowed_status=(201,),
        effect=exists("cases.CasePhoto", title="接口照片", caption="党员核对工艺卡"),
    ),
    _api(
        url_name="api:cases-case-photo",
        kwargs=case_photo_kw,
        method="patch",
        data=lambda w: {"caption": "党员逐台核对检修工艺卡"},
        effect=exists("cases.CasePhoto", caption="党员逐台核对检修工艺卡"),
    ),
    _api(
        url_name="api:cases-case-photo",
        kwargs=case_photo_kw,
        method="delete",
        allowed_status=(204,),
        effect=lambda w: not exists("cases.CasePhoto", title="现场1")(w),
    ),
    _api(
        url_name="api:cases-case-steps",
        kwargs=case_kw,
        method="post",
        data=api_step(CaseState.DRAFT, "submit"),
        effect=state_is(CaseState.SUBMITTED),
        note="submit",
    ),
    _api(
        url_name="api:cases-case-steps",
        kwargs=lambda w: {"pk": make_case(w, CaseState.SUBMITTED).pk},
        method="post",
        data=api_step(CaseState.SUBMITTED, "forward"),
        effect=state_is(CaseState.FORWARDED),
        note="forward",
        **REVIEW,
    ),
    _api(
        url_name="api:cases-case-reports",
        kwargs=published_kw,
        method="post",
        data=lambda w: {"reported_to": "省委组织部", "reported_on": clock.today().isoformat()},
        allowed_status=(201,),
        effect=exists("cases.CaseReport", reported_to="省委组织部"),
        **PUBLISH,
    ),
    _api(
        url_name="api:cases-case-adoption",
        kwargs=reported_kw,
        method="post",
        data=lambda w: {**adopt_post(w), "adopted": True},
        effect=state_is(CaseState.ADOPTED),
        **PUBLISH,
    ),
    _api(url_name="api:cases-compilation-list", **LIST),
    _api(
        url_name="api:cases-compilation-list",
        method="post",
        data=lambda w: {
            "org": w.branch_a.pk,
            "title": "支部案例选编",
            "cases": [make_case(w, CaseState.PUBLISHED).pk],
        },
        allowed_status=(201,),
        effect=exists("cases.Compilation", title="支部案例选编"),
        allowed="staff",
        readonly="member",
    ),
    _api(
        url_name="api:cases-compilation-detail",
        kwargs=compilation_kw,
        allowed="member",
        readonly=None,
        outsider=None,
    ),
    _api(
        url_name="api:cases-compilation-detail",
        kwargs=compilation_kw,
        method="patch",
        data=lambda w: {"title": "改名的汇编"},
        effect=exists("cases.Compilation", title="改名的汇编"),
        **COMPILE,
    ),
    _api(url_name="api:cases-news-list", **LIST),
    _api(
        url_name="api:cases-news-list",
        method="post",
        data=lambda w: {"brand": w.brand.pk, **NEWS_POST},
        allowed_status=(201,),
        effect=exists("cases.NewsRelease", headline="支部A开展主题党日"),
    ),
    _api(url_name="api:cases-news-detail", kwargs=news_kw, **READ),
    _api(
        url_name="api:cases-news-detail",
        kwargs=news_kw,
        method="patch",
        data=lambda w: {"headline": "接口改标题", "texts": {"lead": "导语改写。"}},
        effect=exists("cases.NewsRelease", headline="接口改标题"),
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

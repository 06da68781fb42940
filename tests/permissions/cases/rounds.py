"""Permission cases of rounds (评选): pages and API. The group's 党建工作部 (staff) runs the
round; everyone under the group sees it once published; the secretary of 支部A enters its brand,
its members read the entry, the 甲公司 committee (mid_admin) recommends it, the staff run 预审;
支部B's secretary does not see 支部A's entry."""

from partybrand.rounds.models import Entry, Round, RoundTier
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists
from tests.rounds.helpers import make_round, open_round

LIST = {"allowed": "member", "readonly": None, "outsider": None}
# A draft round is seen only by those who run it.
RUN_DRAFT = {"allowed": "staff", "readonly": None}
# A published round is seen by all under the group; only the staff change it.
RUN_OPEN = {"allowed": "staff", "readonly": "secretary", "outsider": None}


def draft_kw(w):
    return {"pk": make_round(w).pk}


def open_kw(w):
    return {"pk": open_round(w).pk}


def entry(w, *, submit=False, recommend=False):
    round_ = open_round(w)
    made = entry_services.entry_create(
        actor=w.secretary, round=round_, brand=w.brand, tier=round_.tiers.get(rank=2)
    )
    if submit or recommend:
        made = entry_services.entry_submit(actor=w.secretary, entry=made)
    if recommend:
        made = entry_services.entry_recommend(
            actor=w.mid_admin, entry=made, decision="pass", comments="同意推荐"
        )
    return made


def entry_kw(w):
    return {"pk": entry(w).pk}


def submitted_kw(w):
    return {"pk": entry(w, submit=True).pk}


def recommended_kw(w):
    return {"pk": entry(w, recommend=True).pk}


def status_is(status):
    return lambda w: Entry.objects.filter(status=status).exists()


ROUND_POST = {
    "kind": "acceptance",
    "title": "2026年度示范品牌评选",
    "year": "2026",
    "scoring_rule": "trimmed_mean",
    "divergence_threshold": "10",
    "min_sheets": "3",
    "publicity_days": "5",
    "min_months": "6",
    "review_interval_months": "36",
    "vote_weight": "0",
    "req_name": "on",
}


def round_post(w):
    return {**ROUND_POST, "committee": w.group.pk}


def edit_post(w):
    version = Round.objects.get().version
    return {**ROUND_POST, "title": "2026年度示范品牌评选（调整）", "version": str(version)}


STAGES_POST = {"stages-starts_entry": "2026-03-01", "stages-ends_entry": "2026-03-31"}
TIERS_POST = {"tiers-name_1": "示范品牌", "tiers-quota_1": "3", "tiers-brand_tier_1": ""}
PRESCREEN_POST = {
    "pre-decision": "pass",
    **{f"pre-check_{key}": "on" for key in PRESCREEN_CHECKLIST},
}


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("rounds:round_list", **LIST),
    Case("rounds:my_tasks", **LIST),
    Case("rounds:round_create", allowed="staff", readonly="secretary", outsider_status=(403,)),
    Case(
        "rounds:round_create",
        method="post",
        data=round_post,
        allowed="staff",
        readonly="secretary",
        outsider_status=(403,),
        allowed_status=(302,),
        effect=exists("rounds.Round", title="2026年度示范品牌评选"),
    ),
    Case("rounds:round_detail", open_kw, **LIST),
    Case("rounds:round_detail", draft_kw, note="draft", **RUN_DRAFT),
    Case("rounds:round_edit", draft_kw, **RUN_DRAFT),
    Case(
        "rounds:round_edit",
        open_kw,
        method="post",
        data=edit_post,
        allowed_status=(302,),
        effect=exists("rounds.Round", title="2026年度示范品牌评选（调整）"),
        **RUN_OPEN,
    ),
    Case("rounds:round_stages", open_kw, **RUN_OPEN),
    Case(
        "rounds:round_stages",
        draft_kw,
        method="post",
        data=lambda w: STAGES_POST,
        allowed_status=(302,),
        effect=exists("rounds.RoundStage", kind="entry"),
        **RUN_DRAFT,
    ),
    Case("rounds:round_tiers", open_kw, **RUN_OPEN),
    Case(
        "rounds:round_tiers",
        draft_kw,
        method="post",
        data=lambda w: TIERS_POST,
        allowed_status=(302,),
        effect=exists("rounds.RoundTier", name="示范品牌", quota=3),
        **RUN_DRAFT,
    ),
    Case(
        "rounds:round_notice",
        draft_kw,
        method="post",
        allowed_status=(302,),
        effect=exists("documents.Document", kind="round-notice", doc_number__contains="〔"),
        **RUN_DRAFT,
    ),
    Case(
        "rounds:round_advance",
        open_kw,
        method="post",
        allowed_status=(302,),
        effect=exists("rounds.Round", status="recommending"),
        **RUN_OPEN,
    ),
    Case("rounds:entry_create", open_kw, outsider_status=(403,)),
    Case(
        "rounds:entry_create",
        open_kw,
        method="post",
        data=lambda w: {"brand": w.brand.pk, "tier": open_round_tier(w)},
        outsider_status=(403,),
        allowed_status=(302,),
        effect=exists("rounds.Entry", brand__name="红色引擎"),
    ),
    Case("rounds:entry_detail", entry_kw, allowed="member", readonly=None),
    Case(
        "rounds:entry_edit",
        entry_kw,
        method="post",
        data=lambda w: {
            "tier": Entry.objects.get().tier_id,
            "statement": "以检修质量见成效",
            "version": str(Entry.objects.get().version),
        },
        allowed_status=(302,),
        effect=exists("rounds.Entry", statement="以检修质量见成效"),
    ),
    Case(
        "rounds:entry_submit",
        entry_kw,
        method="post",
        allowed_status=(302,),
        effect=status_is("submitted"),
    ),
    Case(
        "rounds:entry_withdraw",
        entry_kw,
        method="post",
        allowed_status=(302,),
        effect=status_is("withdrawn"),
    ),
    Case(
        "rounds:entry_recommend",
        submitted_kw,
        method="post",
        data=lambda w: {"rec-decision": "pass", "rec-comments": "同意推荐"},
        allowed="mid_admin",
        readonly="secretary",
        allowed_status=(302,),
        effect=status_is("recommended"),
    ),
    Case(
        "rounds:entry_prescreen",
        recommended_kw,
        method="post",
        data=lambda w: PRESCREEN_POST,
        allowed="staff",
        readonly="mid_admin",
        allowed_status=(302,),
        effect=status_is("prescreen_passed"),
    ),
]


def open_round_tier(w):
    return RoundTier.objects.order_by("-id").first().pk


def api_entry_kw(w):
    return {"pk": entry(w).pk}


def api_reviews_kw(w):
    return {"entry_pk": entry(w, recommend=True).pk}


API_CASES = [
    _api(url_name="api:round-list", **LIST),
    _api(url_name="api:round-detail", kwargs=draft_kw, **RUN_DRAFT),
    _api(
        url_name="api:round-list",
        method="post",
        data=lambda w: {
            "committee": w.group.pk,
            "kind": "rereview",
            "title": "2026年度复评",
            "year": 2026,
        },
        allowed="staff",
        readonly="secretary",
        outsider_status=(403,),
        allowed_status=(201,),
        effect=exists("rounds.Round", title="2026年度复评"),
    ),
    _api(
        url_name="api:round-detail",
        kwargs=open_kw,
        method="patch",
        data=lambda w: {"title": "2026年度验收评选（调整）"},
        effect=exists("rounds.Round", title="2026年度验收评选（调整）"),
        **RUN_OPEN,
    ),
    _api(
        url_name="api:round-stages",
        kwargs=open_kw,
        method="post",
        data=lambda w: {
            "stages": [{"kind": "entry", "starts_on": "2026-05-01", "ends_on": "2026-05-31"}]
        },
        effect=exists("rounds.RoundStage", kind="entry", starts_on="2026-05-01"),
        **RUN_OPEN,
    ),
    _api(
        url_name="api:round-tiers",
        kwargs=open_kw,
        method="post",
        data=lambda w: {
            "tiers": [
                {"name": "精品品牌", "quota": 1},
                {"name": "示范品牌", "quota": 2},
                {"name": "培育品牌", "quota": 5},
            ]
        },
        effect=exists("rounds.RoundTier", name="精品品牌"),
        **RUN_OPEN,
    ),
    _api(
        url_name="api:round-notice",
        kwargs=draft_kw,
        method="post",
        effect=exists("rounds.Round", notice_number__contains="〔"),
        **RUN_DRAFT,
    ),
    _api(
        url_name="api:round-advance",
        kwargs=open_kw,
        method="post",
        effect=exists("rounds.Round", status="recommending"),
        **RUN_OPEN,
    ),
    _api(url_name="api:round-entry-list", allowed="member", readonly=None, outsider_status=(200,)),
    _api(
        url_name="api:round-entry-list",
        method="post",
        data=lambda w: {"round": open_round(w).pk, "brand": w.brand.pk},
        allowed_status=(201,),
        effect=exists("rounds.Entry", brand__name="红色引擎"),
    ),
    _api(url_name="api:round-entry-detail", kwargs=api_entry_kw, allowed="member", readonly=None),
    _api(
        url_name="api:round-entry-detail",
        kwargs=api_entry_kw,
        method="patch",
        data=lambda w: {"tier": None, "statement": "以检修质量见成效"},
        effect=exists("rounds.Entry", statement="以检修质量见成效"),
    ),
    _api(
        url_name="api:round-entry-submit",
        kwargs=api_entry_kw,
        method="post",
        effect=status_is("submitted"),
    ),
    _api(
        url_name="api:round-entry-withdraw",
        kwargs=api_entry_kw,
        method="post",
        effect=status_is("withdrawn"),
    ),
    _api(
        url_name="api:round-entry-recommend",
        kwargs=submitted_kw,
        method="post",
        data=lambda w: {"decision": "return", "comments": "请补充成效数据"},
        allowed="mid_admin",
        readonly="secretary",
        effect=status_is("returned"),
    ),
    _api(
        url_name="api:round-entry-prescreen",
        kwargs=recommended_kw,
        method="post",
        data=lambda w: {"decision": "pass", "checklist": dict.fromkeys(PRESCREEN_CHECKLIST, True)},
        allowed="staff",
        readonly="mid_admin",
        effect=status_is("prescreen_passed"),
    ),
    _api(url_name="api:round-review-list", kwargs=api_reviews_kw, allowed="member", readonly=None),
    _api(
        url_name="api:round-review-detail",
        kwargs=lambda w: {
            "entry_pk": (e := entry(w, recommend=True)).pk,
            "pk": e.reviews.get().pk,
        },
        allowed="member",
        readonly=None,
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

"""Permission cases of the stock-taking and positioning summary: pages and API."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.positioning import services
from tests.helpers import pdf_bytes
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, gone

READ = {"allowed": "member", "readonly": None}


def evidence_pdf(name="班组台账.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def brand_kw(w):
    return {"pk": w.brand.pk}


def api_brand_kw(w):
    return {"brand_pk": w.brand.pk}


def make_practice(w):
    return services.practice_create(
        actor=w.secretary,
        brand=w.brand,
        name="“三个一”安全工作法",
        description="每天一次安全提醒、每周一次隐患排查、每月一次案例复盘。",
        since=2021,
        evidence=[evidence_pdf()],
    )


def make_swot(w):
    return services.swot_create(
        actor=w.secretary, brand=w.brand, side="strength", category="team", text="青年骨干多"
    )


def practice_kw(w):
    return {"pk": make_practice(w).pk}


def evidence_kw(w):
    return {"pk": make_practice(w).evidence.get().pk}


def swot_kw(w):
    return {"pk": make_swot(w).pk}


def api_practice_kw(w):
    return {"brand_pk": w.brand.pk, "pk": make_practice(w).pk}


def api_swot_kw(w):
    return {"brand_pk": w.brand.pk, "pk": make_swot(w).pk}


PRACTICE_POST = {"name": "班组“微课堂”", "description": "每周班前会讲一个知识点。", "since": "2022"}
SWOT_POST = {"side": "weakness", "category": "business", "text": "与生产指标结合不紧"}
CHANGED = exists("positioning.Practice", name="“三个一”安全工作法（修订）")
SWOT_CHANGED = exists("positioning.SwotItem", text="青年骨干多、学历高")


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("positioning:summary", brand_kw, **READ),
    Case("positioning:summary_export", brand_kw, **READ),
    Case("positioning:inventory", brand_kw, **READ),
    Case(
        "positioning:conclusion_save",
        brand_kw,
        method="post",
        data=lambda w: {"conclusion": "立足检修主业，突出“匠心”特色。"},
        allowed_status=(302,),
        effect=exists("positioning.PositioningNote", conclusion="立足检修主业，突出“匠心”特色。"),
    ),
    Case(
        "positioning:practice_add",
        brand_kw,
        method="post",
        data=lambda w: {**PRACTICE_POST, "evidence": evidence_pdf()},
        allowed_status=(302,),
        effect=exists("positioning.PracticeEvidence", practice__name="班组“微课堂”"),
    ),
    Case("positioning:practice_edit", practice_kw),
    Case(
        "positioning:practice_edit",
        practice_kw,
        method="post",
        data=lambda w: {"name": "“三个一”安全工作法（修订）", "description": "同上。"},
        allowed_status=(302,),
        effect=CHANGED,
    ),
    Case(
        "positioning:practice_delete",
        practice_kw,
        method="post",
        allowed_status=(302,),
        effect=gone("positioning.Practice", name="“三个一”安全工作法"),
    ),
    Case(
        "positioning:evidence_add",
        practice_kw,
        method="post",
        data=lambda w: {"files": evidence_pdf("隐患排查记录.pdf")},
        allowed_status=(302,),
        effect=exists("positioning.PracticeEvidence", title="隐患排查记录"),
    ),
    Case("positioning:evidence_download", evidence_kw, **READ),
    Case(
        "positioning:evidence_delete",
        evidence_kw,
        method="post",
        allowed_status=(302,),
        effect=gone("positioning.PracticeEvidence", title="班组台账"),
    ),
    Case(
        "positioning:swot_add",
        brand_kw,
        method="post",
        data=lambda w: SWOT_POST,
        allowed_status=(302,),
        effect=exists("positioning.SwotItem", text="与生产指标结合不紧"),
    ),
    Case("positioning:swot_edit", swot_kw),
    Case(
        "positioning:swot_edit",
        swot_kw,
        method="post",
        data=lambda w: {"side": "strength", "category": "team", "text": "青年骨干多、学历高"},
        allowed_status=(302,),
        effect=SWOT_CHANGED,
    ),
    Case(
        "positioning:swot_delete",
        swot_kw,
        method="post",
        allowed_status=(302,),
        effect=gone("positioning.SwotItem", text="青年骨干多"),
    ),
]

API_CASES = [
    _api(url_name="api:brand-practice-list", kwargs=api_brand_kw, **READ),
    _api(
        url_name="api:brand-practice-list",
        kwargs=api_brand_kw,
        method="post",
        data=lambda w: PRACTICE_POST,
        allowed_status=(201,),
        effect=exists("positioning.Practice", name="班组“微课堂”"),
    ),
    _api(url_name="api:brand-practice-detail", kwargs=api_practice_kw, **READ),
    _api(
        url_name="api:brand-practice-detail",
        kwargs=api_practice_kw,
        method="patch",
        data=lambda w: {"name": "“三个一”安全工作法（修订）"},
        effect=CHANGED,
    ),
    _api(
        url_name="api:brand-practice-detail",
        kwargs=api_practice_kw,
        method="delete",
        allowed_status=(204,),
        effect=gone("positioning.Practice", name="“三个一”安全工作法"),
    ),
    _api(url_name="api:brand-swot-item-list", kwargs=api_brand_kw, **READ),
    _api(
        url_name="api:brand-swot-item-list",
        kwargs=api_brand_kw,
        method="post",
        data=lambda w: SWOT_POST,
        allowed_status=(201,),
        effect=exists("positioning.SwotItem", text="与生产指标结合不紧"),
    ),
    _api(url_name="api:brand-swot-item-detail", kwargs=api_swot_kw, **READ),
    _api(
        url_name="api:brand-swot-item-detail",
        kwargs=api_swot_kw,
        method="patch",
        data=lambda w: {"text": "青年骨干多、学历高"},
        effect=SWOT_CHANGED,
    ),
    _api(
        url_name="api:brand-swot-item-detail",
        kwargs=api_swot_kw,
        method="delete",
        allowed_status=(204,),
        effect=gone("positioning.SwotItem", text="青年骨干多"),
    ),
    _api(url_name="api:brand-positioning", kwargs=api_brand_kw, **READ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

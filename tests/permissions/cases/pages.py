"""Permission cases for the server-rendered pages."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.brands import services
from tests.helpers import pdf_bytes
from tests.permissions.cases import Case

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def png_upload(name="logo.png"):
    return SimpleUploadedFile(name, PNG_1PX, content_type="image/png")


def brand_kw(w):
    return {"pk": w.brand.pk}


def with_logo(w):
    services.brand_set_logo(actor=w.secretary, brand=w.brand, upload=png_upload())
    return brand_kw(w)


def with_kpi(w):
    kpi = services.kpi_create(
        actor=w.secretary,
        brand=w.brand,
        name="客户满意度",
        unit="%",
        baseline=90,
        baseline_on=date(2025, 1, 1),
        target=95,
    )
    return {"pk": w.brand.pk, "kpi_pk": kpi.pk}


def with_honour(w):
    honour = services.honour_add(
        actor=w.secretary, brand=w.brand, title="先进基层党组织", level="group", year=2025
    )
    return {"pk": w.brand.pk, "honour_pk": honour.pk}


def with_attachment(w):
    attachment = services.attachment_add(
        actor=w.secretary, brand=w.brand, kind="plan", title="创建方案", upload=pdf_upload()
    )
    return {"pk": w.brand.pk, "attachment_pk": attachment.pk}


def pdf_upload():
    return SimpleUploadedFile("plan.pdf", pdf_bytes(), content_type="application/pdf")


def exists(model_path: str, **lookup):
    """An effect: a row matching `lookup` exists."""

    def check(w) -> bool:
        from django.apps import apps

        return apps.get_model(model_path).objects.filter(**lookup).exists()

    return check


def gone(model_path: str, **lookup):
    present = exists(model_path, **lookup)
    return lambda w: not present(w)


def org_kw(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


ORG_POST = {"name": "新党小组", "code": "NEW1", "kind": "group", "sort_order": 0}
MEMBER_POST = {"name": "陈新", "gender": "M", "status": "full", "phone": "13900001111"}
READ_ONLY_PAGE = {"readonly": None}

PERMISSION_CASES = [
    # Workbench and audit
    Case("home", outsider=None, **READ_ONLY_PAGE),
    Case("audit_list", allowed="staff", readonly="secretary", outsider_status=(403,)),
    Case("audit_export", allowed="staff", readonly="secretary", outsider_status=(403,)),
    # Organisation tree
    Case("orgs:org_tree", allowed="member", outsider=None, **READ_ONLY_PAGE),
    Case("orgs:org_detail", org_kw("branch_a"), allowed="member", **READ_ONLY_PAGE),
    Case("orgs:org_children", org_kw("branch_a"), allowed="member", **READ_ONLY_PAGE),
    Case("orgs:org_export", org_kw("branch_a"), allowed="member", **READ_ONLY_PAGE),
    Case("orgs:org_edit", org_kw("branch_a"), allowed="mid_admin", readonly="secretary"),
    Case(
        "orgs:org_edit",
        org_kw("branch_a"),
        method="post",
        effect=exists("orgs.Organization", name="支部A（更名）"),
        data=lambda w: {"name": "支部A（更名）", "code": "T111", "kind": "branch", "sort_order": 1},
        allowed="mid_admin",
        allowed_status=(302,),
        readonly="secretary",
    ),
    Case(
        "orgs:org_create",
        lambda w: {"parent_pk": w.branch_a.pk},
        allowed="mid_admin",
        readonly="secretary",
    ),
    Case(
        "orgs:org_create",
        lambda w: {"parent_pk": w.branch_a.pk},
        method="post",
        effect=exists("orgs.Organization", code="NEW1"),
        data=lambda w: ORG_POST,
        allowed="mid_admin",
        allowed_status=(302,),
        readonly="secretary",
    ),
    Case("orgs:org_import", allowed="staff", readonly="secretary", outsider_status=(403,)),
    Case("orgs:org_template", allowed="staff", readonly="secretary", outsider_status=(403,)),
    # Members
    Case("orgs:member_list", allowed="secretary", readonly="expert", outsider=None),
    Case("orgs:member_export", allowed="secretary", readonly="expert", outsider=None),
    Case("orgs:member_import", allowed="secretary", readonly="member", outsider=None),
    Case("orgs:member_template", allowed="secretary", readonly="member", outsider=None),
    Case(
        "orgs:member_detail",
        lambda w: {"pk": w.member_a.pk},
        allowed="member",
        **READ_ONLY_PAGE,
    ),
    Case("orgs:member_edit", lambda w: {"pk": w.member_a.pk}, allowed="secretary"),
    Case(
        "orgs:member_edit",
        lambda w: {"pk": w.member_a.pk},
        method="post",
        effect=exists("orgs.Member", name="李党员", phone="13900001111"),
        data=lambda w: {**MEMBER_POST, "name": "李党员"},
        allowed="secretary",
        allowed_status=(302,),
    ),
    Case("orgs:member_create", lambda w: {"org_pk": w.branch_a.pk}, allowed="secretary"),
    Case(
        "orgs:member_create",
        lambda w: {"org_pk": w.branch_a.pk},
        method="post",
        effect=exists("orgs.Member", name="陈新"),
        data=lambda w: MEMBER_POST,
        allowed="secretary",
        allowed_status=(302,),
    ),
    # Brands
    Case("brands:brand_list", allowed="member", outsider=None, **READ_ONLY_PAGE),
    Case("brands:brand_matrix", allowed="member", outsider=None, **READ_ONLY_PAGE),
    Case("brands:brand_create", allowed="secretary", outsider=None, **READ_ONLY_PAGE),
    Case(
        "brands:brand_create",
        method="post",
        effect=exists("brands.Brand", name="先锋示范"),
        data=lambda w: {"org": w.branch_a.pk, "name": "先锋示范"},
        allowed="secretary",
        allowed_status=(302,),
        # The outsider may create brands for its own branch, so branch A is simply not offered:
        # the form comes back refused.
        outsider_status=(400,),
    ),
    Case("brands:brand_detail", brand_kw, allowed="member", **READ_ONLY_PAGE),
    Case("brands:brand_edit", brand_kw, allowed="secretary"),
    Case(
        "brands:brand_edit",
        brand_kw,
        method="post",
        effect=exists("brands.Brand", slogan="新口号"),
        data=lambda w: {
            "name": "红色引擎",
            "slogan": "新口号",
            "phrases-TOTAL_FORMS": "0",
            "phrases-INITIAL_FORMS": "0",
        },
        allowed="secretary",
        allowed_status=(302,),
    ),
    Case(
        "brands:brand_transition",
        brand_kw,
        method="post",
        effect=exists("brands.Brand", status="submitted"),
        data=lambda w: {"action": "submit"},
        allowed="secretary",
        allowed_status=(302,),
    ),
    Case("brands:logo", with_logo, allowed="member", **READ_ONLY_PAGE),
    Case(
        "brands:logo_upload",
        brand_kw,
        method="post",
        effect=lambda w: bool(type(w.brand).objects.get(pk=w.brand.pk).logo),
        data=lambda w: {"logo": png_upload()},
        allowed_status=(302,),
    ),
    Case(
        "brands:kpi_add",
        brand_kw,
        method="post",
        effect=exists("brands.Kpi", name="供电可靠率"),
        data=lambda w: {
            "name": "供电可靠率",
            "unit": "%",
            "direction": "up",
            "baseline": "99.5",
            "baseline_on": "2025-01-01",
            "target": "99.9",
        },
        allowed_status=(302,),
    ),
    Case(
        "brands:kpi_value_add",
        with_kpi,
        method="post",
        effect=exists("brands.KpiValue", measured_on="2025-06-30"),
        data=lambda w: {"measured_on": "2025-06-30", "value": "92.5"},
        allowed_status=(302,),
    ),
    Case(
        "brands:kpi_delete",
        with_kpi,
        method="post",
        allowed_status=(302,),
        effect=gone("brands.Kpi", name="客户满意度"),
    ),
    Case(
        "brands:honour_add",
        brand_kw,
        method="post",
        effect=exists("brands.Honour", title="红旗党支部"),
        data=lambda w: {"title": "红旗党支部", "level": "company", "year": "2024"},
        allowed_status=(302,),
    ),
    Case(
        "brands:honour_delete",
        with_honour,
        method="post",
        allowed_status=(302,),
        effect=gone("brands.Honour", title="先进基层党组织"),
    ),
    Case(
        "brands:attachment_add",
        brand_kw,
        method="post",
        effect=exists("brands.Attachment", title="方案"),
        data=lambda w: {"kind": "plan", "title": "方案", "upload": pdf_upload()},
        allowed_status=(302,),
    ),
    Case("brands:attachment_download", with_attachment, allowed="member", **READ_ONLY_PAGE),
    Case(
        "brands:attachment_delete",
        with_attachment,
        method="post",
        allowed_status=(302,),
        effect=gone("brands.Attachment", title="创建方案"),
    ),
]

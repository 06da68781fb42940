"""Permission cases of the indicator systems: pages and API.

The systems here belong to 甲公司党委 (world.committee_a): its published versions are read by its
whole subtree (支部A's member), its drafts by those at 甲公司党委 or above (mid_admin sees them
but may not change them); committee_admin (集团, MANAGE_LIBRARY) edits; 支部B is outside (404).
"""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from partybrand.core.files import XLSX
from partybrand.indicators import services
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, gone

STARS = [(3, Decimal("80"), "三星级党支部"), (4, Decimal("90"), ""), (5, Decimal("95"), "")]


def make_system(w, *, publish=False, name="甲公司党支部建设考评标准"):
    """A small table of 甲公司党委 that adds up: 1 组织建设 40 (20+20), 2 组织生活 60 (30+30)."""
    admin = w.committee_admin
    system = services.system_create(
        actor=admin,
        owner=w.committee_a,
        name=name,
        kind="standard",
        total_points=100,
        final_rule="trimmed_mean",
        stars=STARS,
    )
    for code, title, points, items in [
        ("1", "组织建设", 40, [("支委会健全", 20), ("党小组设置", 20)]),
        ("2", "组织生活", 60, [("三会一课", 30), ("主题党日", 30)]),
    ]:
        first = services.indicator_add(
            actor=admin, system=system, code=code, name=title, points=points
        )
        for item_name, item_points in items:
            services.indicator_add(
                actor=admin,
                system=system,
                parent=first,
                name=item_name,
                points=item_points,
                scoring_method="deduct",
                guide="每缺 1 次扣 1 分，扣完为止。",
                methods=["ledger"],
            )
    if publish:
        system = services.system_publish(actor=admin, system=system)
    return system


def draft_kw(w):
    return {"pk": make_system(w).pk}


def published_kw(w):
    return {"pk": make_system(w, publish=True).pk}


def item_kw(w):
    return {"pk": make_system(w).indicators.get(code="2.1").pk}


def table_upload(name="甲公司党委新标准", points="30分"):
    system_rows = [
        ["体系名称", name],
        ["总分", 100],
        [],
        ["一级指标", "二级指标", "分值", "计分方式"],
        ["组织建设", "", 40, "扣分"],
        ["", "支委会健全", "20", "扣分"],
        ["", "党小组设置", "20分", "扣分"],
        ["组织生活", "", 60, ""],
        ["", "三会一课", points, "扣分"],
        ["", "主题党日", "30", "扣分"],
    ]
    workbook = Workbook()
    for row in system_rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name + ".xlsx", out.getvalue(), content_type=XLSX)


READ = {"allowed": "member", "readonly": None}
EDIT = {"allowed": "committee_admin", "readonly": "mid_admin", "allowed_status": (302,)}
MANAGE_PUBLISHED = {"allowed": "committee_admin", "readonly": "member", "allowed_status": (302,)}
CREATE = {"allowed": "committee_admin", "readonly": "member", "outsider_status": (403,)}


def version_exists(version):
    return exists("indicators.IndicatorSystem", name="甲公司党支部建设考评标准", version=version)


def status_is(status):
    return exists("indicators.IndicatorSystem", name="甲公司党支部建设考评标准", status=status)


def item_points(code, points):
    return exists("indicators.Indicator", code=code, points=points, system__version=1)


PAGE_CASES = [
    Case("indicators:system_list", outsider=None, **READ),
    Case("indicators:import_template", outsider=None, **READ),
    Case("indicators:system_detail", published_kw, **READ),
    Case("indicators:system_detail", draft_kw, allowed="mid_admin", readonly=None, note="draft"),
    Case("indicators:system_export", published_kw, method="post", **READ),
    Case("indicators:system_create", **CREATE),
    Case(
        "indicators:system_create",
        method="post",
        data=lambda w: {
            "owner": w.committee_a.pk,
            "name": "甲公司党建品牌评价标准",
            "kind": "brand",
            "total_points": "100",
            "final_rule": "mean",
            "divergence_threshold": "3",
            "stars_text": "五星级≥90；四星级≥80",
        },
        effect=exists("indicators.IndicatorSystem", name="甲公司党建品牌评价标准"),
        **{**CREATE, "allowed_status": (302,)},
    ),
    Case("indicators:system_import", **CREATE),
    Case(
        "indicators:system_import",
        method="post",
        data=lambda w: {"owner": w.committee_a.pk, "file": table_upload()},
        effect=exists("indicators.IndicatorSystem", name="甲公司党委新标准"),
        **{**CREATE, "allowed_status": (302,)},
    ),
    Case("indicators:system_edit", draft_kw, allowed="committee_admin", readonly="mid_admin"),
    Case(
        "indicators:system_edit",
        draft_kw,
        method="post",
        data=lambda w: {
            "name": "甲公司党支部建设考评标准（修订）",
            "kind": "standard",
            "total_points": "100",
            "final_rule": "mean",
            "divergence_threshold": "2",
            "stars_text": "",
        },
        effect=exists("indicators.IndicatorSystem", name="甲公司党支部建设考评标准（修订）"),
        **EDIT,
    ),
    Case(
        "indicators:system_publish", draft_kw, method="post", effect=status_is("published"), **EDIT
    ),
    Case(
        "indicators:system_new_version",
        published_kw,
        method="post",
        effect=version_exists(2),
        **MANAGE_PUBLISHED,
    ),
    Case(
        "indicators:system_copy",
        published_kw,
        method="post",
        data=lambda w: {"owner": w.group.pk, "name": "集团党支部考评标准"},
        effect=exists("indicators.IndicatorSystem", name="集团党支部考评标准"),
        **MANAGE_PUBLISHED,
    ),
    Case(
        "indicators:system_retire",
        published_kw,
        method="post",
        effect=status_is("retired"),
        **MANAGE_PUBLISHED,
    ),
    Case(
        "indicators:system_delete",
        draft_kw,
        method="post",
        effect=gone("indicators.IndicatorSystem", name="甲公司党支部建设考评标准"),
        **EDIT,
    ),
    Case("indicators:version_import", published_kw, allowed="committee_admin", readonly="member"),
    Case(
        "indicators:version_import",
        published_kw,
        method="post",
        data=lambda w: {"file": table_upload()},
        effect=exists("indicators.IndicatorSystem", name="甲公司党委新标准", version=2),
        **MANAGE_PUBLISHED,
    ),
    Case(
        "indicators:indicator_add",
        draft_kw,
        method="post",
        data=lambda w: {"name": "党员发展", "points": "5", "scoring_method": "add"},
        effect=exists("indicators.Indicator", name="党员发展"),
        **EDIT,
    ),
    Case("indicators:indicator_edit", item_kw, allowed="committee_admin", readonly="mid_admin"),
    Case(
        "indicators:indicator_preview",
        item_kw,
        data=lambda w: {"points": "28"},
        allowed="committee_admin",
        readonly="mid_admin",
    ),
    Case(
        "indicators:indicator_edit",
        item_kw,
        method="post",
        data=lambda w: {"name": "三会一课", "points": "28", "scoring_method": "deduct"},
        effect=item_points("2.1", Decimal("28")),
        **EDIT,
    ),
    Case(
        "indicators:indicator_delete",
        item_kw,
        method="post",
        effect=gone("indicators.Indicator", code="2.1"),
        **EDIT,
    ),
    Case(
        "indicators:indicator_move",
        item_kw,
        method="post",
        data=lambda w: {"direction": "down"},
        effect=exists("indicators.Indicator", code="2.1", position=2),
        **EDIT,
    ),
]


def _api(**kwargs):
    return Case(api=True, **kwargs)


API_CASES = [
    _api(url_name="api:indicator-system-list", outsider=None, **READ),
    _api(url_name="api:indicator-system-detail", kwargs=published_kw, **READ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

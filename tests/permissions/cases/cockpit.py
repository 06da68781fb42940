"""Permission cases of the cockpit: the committee staff above 支部A open its cockpit, 大屏,
export and lists and set its weights; its member sees the organisation but not the cockpit
(403); 支部B's secretary sees nothing of it (404). A brand's index is read by whoever sees
the brand."""

from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists

COCKPIT = {"allowed": "staff", "readonly": "member"}
READ = {"allowed": "member", "readonly": None}
WEIGHTS_POST = {
    "basics": "30",
    "mechanism": "20",
    "results": "20",
    "participation": "10",
    "influence": "10",
    "identity": "10",
    "note": "重基础",
}


def org_kw(w):
    return {"pk": w.branch_a.pk}


def report_kw(w):
    return {"subject": "cockpit", "pk": w.branch_a.pk, "kind": "cockpit-report"}


def brand_kw(w):
    return {"pk": w.brand.pk}


PAGE_CASES = [
    # The cockpit one opens first has no organisation in its address: nothing to hide, so 403.
    Case("cockpit:home", allowed="staff", readonly="member", outsider=None),
    Case("cockpit:org", org_kw, **COCKPIT),
    Case("cockpit:screen", org_kw, **COCKPIT),
    Case("cockpit:export_xlsx", org_kw, **COCKPIT),
    Case("cockpit:health_list", org_kw, **COCKPIT),
    Case("cockpit:branch_list", org_kw, **COCKPIT),
    Case("cockpit:entry_list", org_kw, **COCKPIT),
    Case("cockpit:weights", org_kw, allowed="mid_admin", readonly="member"),
    Case(
        "cockpit:weights",
        org_kw,
        method="post",
        data=lambda w: WEIGHTS_POST,
        allowed="mid_admin",
        readonly="member",
        allowed_status=(302,),
        effect=exists("cockpit.HealthWeights", weights__basics=30, note="重基础"),
    ),
    Case("cockpit:brand_health", brand_kw, **READ),
    # the 分析报告 on the documents layer follows the cockpit's own rule
    Case("documents:document_detail", report_kw, **COCKPIT),
    Case("documents:document_docx", report_kw, **COCKPIT),
    Case(
        "documents:document_edit",
        report_kw,
        method="post",
        data=lambda w: {"section_advice": "加强指导。"},
        allowed_status=(302,),
        effect=exists("documents.DocumentVersion", document__kind="cockpit-report"),
        **COCKPIT,
    ),
]

API_CASES = [
    Case("api:cockpit-org-list", api=True, allowed="staff", readonly=None, outsider=None),
    Case("api:cockpit-org-detail", org_kw, api=True, **COCKPIT),
    Case("api:cockpit-brand-list", api=True, allowed="member", readonly=None, outsider=None),
    Case("api:cockpit-brand-detail", brand_kw, api=True, **READ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

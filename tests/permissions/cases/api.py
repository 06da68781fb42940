"""Permission cases of the REST API (`api:` names). The token endpoint is public.

Lists have no outsider case: an outsider gets 200 with its own rows, which tests/orgs/test_api.py
and tests/brands/test_api.py check explicitly. A create names its organisation in the body, not
the URL, so an outsider's organisation id is a 400 field error ("不存在或您无权访问"), never a 404.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from tests.core.test_imports import ORG_HEADERS, make_upload
from tests.jobs.sheets import member_file, member_rows
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists


def _org_body(w):
    return {"parent": w.branch_a.pk, "kind": "group", "name": "第一党小组", "code": "T1111"}


def _member_body(w):
    return {"org": w.branch_a.pk, "name": "陈新", "gender": "F"}


def _brand_body(w):
    return {"org": w.branch_a.pk, "name": "先锋灯塔"}


def _org(w):
    return {"pk": w.branch_a.pk}


def _member(w):
    return {"pk": w.member_a.pk}


def _submitted_brand(w):
    from partybrand.brands.transitions import brand_transition
    from tests.helpers import complete_meaning

    complete_meaning(w.brand, w.secretary)  # what its 初审 asks
    brand_transition(actor=w.secretary, brand=w.brand, action="submit")
    return {"pk": w.brand.pk}


def _brand(w):
    return {"pk": w.brand.pk}


def _member_workbook(w):
    return {"file": SimpleUploadedFile("党员.xlsx", member_file(member_rows(1)))}


def _org_workbook(w):
    return {"file": make_upload(ORG_HEADERS, [["T112", "检修二班党支部", "党支部", "T11"]])}


def _job_started(kind):
    return lambda w: Job.objects.filter(kind=kind).exists()


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PERMISSION_CASES = [
    # Organisations: only 党委-level roles (MANAGE_ORGS) change them; a secretary only reads.
    _api(url_name="api:org-list", readonly=None, outsider=None),
    _api(
        url_name="api:org-list",
        method="post",
        data=_org_body,
        allowed="staff",
        allowed_status=(201,),
        readonly="secretary",
        outsider_status=(400,),
        effect=exists("orgs.Organization", code="T1111"),
    ),
    _api(url_name="api:org-detail", kwargs=_org, readonly=None),
    _api(
        url_name="api:org-detail",
        kwargs=_org,
        method="patch",
        data=lambda w: {"short_name": "A支部"},
        allowed="mid_admin",
        readonly="secretary",
        effect=exists("orgs.Organization", code="T111", short_name="A支部"),
    ),
    _api(
        url_name="api:org-detail",
        kwargs=_org,
        method="patch",
        data=lambda w: {"short_name": "A支部"},
        allowed="staff",
        note="read-only member",
        effect=exists("orgs.Organization", code="T111", short_name="A支部"),
    ),
    _api(url_name="api:org-children", kwargs=_org, readonly=None),
    # Members: the branch secretary manages them; a member reads only.
    _api(url_name="api:member-list", readonly=None, outsider=None),
    _api(
        url_name="api:member-list",
        method="post",
        data=_member_body,
        allowed_status=(201,),
        outsider_status=(400,),
        effect=exists("orgs.Member", name="陈新"),
    ),
    _api(url_name="api:member-detail", kwargs=_member, readonly=None),
    _api(
        url_name="api:member-detail",
        kwargs=_member,
        method="patch",
        data=lambda w: {"job_title": "技术员"},
        effect=exists("orgs.Member", name="李党员", job_title="技术员"),
    ),
    # Brands: owners and the branch committee edit; a member reads only.
    _api(url_name="api:brand-list", readonly=None, outsider=None),
    _api(
        url_name="api:brand-list",
        method="post",
        data=_brand_body,
        allowed_status=(201,),
        outsider_status=(400,),
        effect=exists("brands.Brand", name="先锋灯塔"),
    ),
    _api(
        url_name="api:brand-list",
        method="post",
        data=_brand_body,
        allowed="branch_committee",
        allowed_status=(201,),
        readonly="expert",
        outsider_status=(400,),
        note="as branch committee",
        effect=exists("brands.Brand", name="先锋灯塔"),
    ),
    _api(url_name="api:brand-detail", kwargs=_brand, readonly=None),
    _api(
        url_name="api:brand-detail",
        kwargs=_brand,
        method="patch",
        data=lambda w: {"slogan": "党建引领发展"},
        effect=exists("brands.Brand", name="红色引擎", slogan="党建引领发展"),
    ),
    _api(
        url_name="api:brand-transition",
        kwargs=_brand,
        method="post",
        data=lambda w: {"action": "submit"},
        effect=exists("brands.Brand", name="红色引擎", status="submitted"),
    ),
    _api(
        url_name="api:brand-transition",
        kwargs=_submitted_brand,
        method="post",
        data=lambda w: {"action": "start_review"},
        allowed="mid_admin",
        readonly="secretary",  # sees its own brand but may not review it
        note="first review from above",
        effect=exists("brands.Brand", name="红色引擎", status="reviewing"),
    ),
    # The schema and its docs need a signed-in user and nothing more.
    _api(url_name="api:schema", readonly=None, outsider=None),
    _api(url_name="api:docs", readonly=None, outsider=None),
    # Imports and exports of the rolls (a large export, every import: 202 and the job;
    # tests/jobs/test_roll_jobs_api.py). A member sees their branch's roll but changes nothing.
    _api(
        url_name="api:member-import",
        method="post",
        content_type=None,
        data=_member_workbook,
        allowed_status=(202,),
        outsider=None,
        effect=_job_started(JobKind.MEMBER_IMPORT),
    ),
    _api(
        url_name="api:org-import",
        method="post",
        content_type=None,
        data=_org_workbook,
        allowed="staff",
        allowed_status=(202,),
        readonly="secretary",
        outsider=None,
        effect=_job_started(JobKind.ORG_IMPORT),
    ),
    _api(
        url_name="api:member-export",
        method="post",
        readonly="expert",
        outsider=None,
    ),
    _api(
        url_name="api:org-export",
        kwargs=_org,
        method="post",
        allowed="member",
        readonly=None,
    ),
]

"""Pages for the member rolls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.jobs.choices import JobKind
from partybrand.orgs import export_jobs, exports, selectors
from partybrand.orgs.access import access_member, access_org, may_see_personal
from partybrand.orgs.choices import MemberStatus
from partybrand.orgs.forms import MemberForm
from partybrand.orgs.roles import Cap, can, paths_with
from partybrand.orgs.services import member_create, member_update
from partybrand.orgs.views.orgs import _import_page, require_import_right


def _require_members_right(user) -> None:
    if not (user.is_superuser or paths_with(user, Cap.VIEW_MEMBERS)):
        raise PermissionDenied("您的角色不能查看党员名册。")


def _filtered_members(request):
    """The member list's filter (the API's MemberFilter); the page lists members on the roll
    unless asked otherwise."""
    params = request.GET.copy()
    params.setdefault("is_active", "true")
    org = access_org(request.user, params["org"]) if params.get("org") else None
    return selectors.member_search(request.user, params, request=request), org


@login_required
@require_GET
def member_list(request):
    _require_members_right(request.user)
    found, org = _filtered_members(request)
    page = paginate(request, found.rows)
    for member in page:
        member.show_personal = may_see_personal(request.user, member)
    return render(
        request,
        "orgs/member_list.html",
        {
            "page_obj": page,
            "org": org,
            "status": found.status,
            "query": found.query,
            "statuses": MemberStatus.choices,
            "can_import": request.user.is_superuser
            or bool(paths_with(request.user, Cap.MANAGE_MEMBERS)),
        },
    )


@login_required
@require_GET
def member_detail(request, pk):
    member = access_member(request.user, pk)
    return render(
        request,
        "orgs/member_detail.html",
        {
            "member": member,
            "show_personal": may_see_personal(request.user, member),
            "can_edit": can(request.user, Cap.MANAGE_MEMBERS, member.org.path),
            "teams": selectors.member_teams(member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create_view(request, org_pk):
    org = access_org(request.user, org_pk, cap=Cap.MANAGE_MEMBERS)
    form = MemberForm(request.POST or None)
    return form_action(
        request,
        form,
        lambda data: member_create(actor=request.user, org=org, **data),
        success=lambda member: f"已登记党员“{member.name}”。",
        done=lambda member: redirect("orgs:member_detail", pk=member.pk),
        page=lambda form: render(request, "orgs/member_form.html", {"form": form, "org": org}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = access_member(request.user, pk, for_edit=True)
    form = MemberForm(request.POST or None, instance=selectors.member_for_edit(member))
    return form_action(
        request,
        form,
        lambda data: member_update(actor=request.user, member=member, **data),
        success="党员信息已保存。",
        done=redirect("orgs:member_detail", pk=member.pk),
        page=lambda form: render(
            request, "orgs/member_form.html", {"form": form, "member": member}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request):
    require_import_right(request.user, Cap.MANAGE_MEMBERS)
    return _import_page(request, JobKind.MEMBER_IMPORT, "导入党员", "orgs:member_template")


@login_required
@require_GET
def member_template(request):
    require_import_right(request.user, Cap.MANAGE_MEMBERS)
    return xlsx_download(exports.member_template_workbook(), "党员导入模板.xlsx")


@login_required
@require_GET
def member_export(request):
    _require_members_right(request.user)
    rows, org = export_jobs.member_roll(request.user, request.GET)
    name = export_jobs.member_file_name(org)
    if export_jobs.in_background(rows.count()):
        job = export_jobs.export_start(
            actor=request.user,
            kind=JobKind.MEMBER_EXPORT,
            params={"query": request.GET.urlencode()},
        )
        messages.info(request, "名册较大，正在后台导出；完成后可在本页下载，也会通知您。")
        return redirect(job.get_absolute_url())
    content = exports.export_members(
        rows, unmasked_org_paths=export_jobs.unmasked_paths(request.user)
    )
    return xlsx_download(content, name)

"""Pages for the organisation tree."""

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
from partybrand.orgs.access import access_org
from partybrand.orgs.background import import_start
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.forms import ImportForm, OrgForm
from partybrand.orgs.roles import Cap, can, paths_with
from partybrand.orgs.services import MEMBER_ORG_KINDS, org_create, org_update


@login_required
@require_GET
def org_tree(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "can_import": can_import_orgs(request.user)}
    if query:
        context["page_obj"] = paginate(request, selectors.org_search(request.user, query))
    else:
        context["roots"] = selectors.org_roots(request.user)
    return render(request, "orgs/org_tree.html", context)


def can_import_orgs(user) -> bool:
    return user.is_superuser or bool(paths_with(user, Cap.MANAGE_ORGS))


@login_required
@require_GET
def org_children(request, pk):
    """One level of the tree, loaded when a node is opened."""
    org = access_org(request.user, pk)
    children, more = selectors.tree_level(request.user, org)
    return render(request, "orgs/_children.html", {"org": org, "children": children, "more": more})


@login_required
@require_GET
def org_detail(request, pk):
    user = request.user
    org = access_org(user, pk)
    kind_counts = selectors.kind_counts(org)
    show_members = can(user, Cap.VIEW_MEMBERS, org.path)
    context = {
        "org": org,
        "ancestors": selectors.org_ancestors(user, org),
        "kind_counts": kind_counts,
        "member_count": selectors.member_count(user, org) if show_members else None,
        "page_obj": paginate(request, selectors.org_children(user, org)),
        "can_manage": can(user, Cap.MANAGE_ORGS, org.path),
        "can_add_member": can(user, Cap.MANAGE_MEMBERS, org.path) and org.kind in MEMBER_ORG_KINDS,
        "show_members": show_members,
        "can_add_brand": can(user, Cap.EDIT_BRAND, org.path)
        and org.kind not in (OrgKind.GROUP, OrgKind.TEAM),
    }
    return render(request, "orgs/org_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def org_create_view(request, parent_pk):
    parent = access_org(request.user, parent_pk, cap=Cap.MANAGE_ORGS)
    form = OrgForm(request.POST or None, parent=parent)
    return form_action(
        request,
        form,
        lambda data: org_create(actor=request.user, parent=parent, **data),
        success=lambda org: f"已新建组织“{org.name}”。",
        done=lambda org: redirect("orgs:org_detail", pk=org.pk),
        page=lambda form: render(request, "orgs/org_form.html", {"form": form, "parent": parent}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request, pk):
    org = access_org(request.user, pk, cap=Cap.MANAGE_ORGS)
    form = OrgForm(request.POST or None, instance=selectors.org_for_edit(org))
    return form_action(
        request,
        form,
        lambda data: org_update(actor=request.user, org=org, **data),
        success="组织信息已保存。",
        done=redirect("orgs:org_detail", pk=org.pk),
        page=lambda form: render(request, "orgs/org_form.html", {"form": form, "org": org}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_import(request):
    if not can_import_orgs(request.user):
        raise PermissionDenied("您没有导入组织的权限。")
    return _import_page(request, JobKind.ORG_IMPORT, "导入组织", "orgs:org_template")


def _import_page(request, kind: str, title: str, template_url: str):
    """The upload page: the file checked as a whole, stored, and imported in the background; the
    user is taken to the job's page, which shows the progress and then the result."""
    form = ImportForm(request.POST or None, request.FILES or None)

    def page(bound):
        errors = getattr(bound, "import_errors", []) if bound is not None else []
        context = {"form": bound, "errors": errors, "title": title, "template_url": template_url}
        return render(request, "orgs/import.html", context)

    return form_action(
        request,
        form,
        lambda data: import_start(
            actor=request.user,
            kind=kind,
            upload=data["file"],
            key=request.POST.get("submission_token", ""),
        ),
        success=(messages.INFO, "文件已通过初步检查，正在后台导入。"),
        done=lambda job: redirect(job.get_absolute_url()),
        page=page,
    )


@login_required
@require_GET
def org_template(request):
    require_import_right(request.user, Cap.MANAGE_ORGS)
    return xlsx_download(exports.org_template_workbook(), "组织导入模板.xlsx")


@login_required
@require_GET
def org_export(request, pk):
    org = access_org(request.user, pk)
    rows = selectors.subtree_orgs(request.user, org)
    if export_jobs.in_background(rows.count()):
        job = export_jobs.export_start(
            actor=request.user, kind=JobKind.ORG_EXPORT, params={"org": org.pk}
        )
        messages.info(request, "组织较多，正在后台导出；完成后可在本页下载，也会通知您。")
        return redirect(job.get_absolute_url())
    return xlsx_download(exports.export_orgs(rows), export_jobs.org_file_name(org))


def require_import_right(user, cap: Cap) -> None:
    if not (user.is_superuser or paths_with(user, cap)):
        raise PermissionDenied("您没有导入权限。")

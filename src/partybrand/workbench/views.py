"""The workbench (home page) and the audit log: pages that read across every app."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.core import clock
from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_error_text
from partybrand.core.models import AuditLog
from partybrand.core.pagination import paginate
from partybrand.jobs.choices import JobKind
from partybrand.jobs.services import job_start
from partybrand.orgs.access import visible_members, visible_orgs
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.export_jobs import in_background
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, paths_with
from partybrand.orgs.selectors import user_org_path
from partybrand.workbench.audit_export import EXPORT_MAX, audit_workbook, too_many
from partybrand.workbench.audit_jobs import audit_filters, file_name
from partybrand.workbench.audit_log import audit_rows, may_read_audit, readable
from partybrand.workbench.todo import todo_list


@login_required
def home(request):
    user = request.user
    brands = visible_brands(user)
    status_counts = dict(brands.values_list("status").annotate(n=Count("id")).order_by())
    branch_count = visible_orgs(user).filter(kind=OrgKind.BRANCH).count()
    member_count = (
        visible_members(user).filter(is_active=True).count()
        if user.is_superuser or paths_with(user, Cap.VIEW_MEMBERS)
        else None
    )
    today = clock.today()
    context = {
        "todos": todo_list(user, today=today, now=clock.now()),
        "roles": _role_labels(user),
        "branch_count": branch_count,
        "member_count": member_count,
        "brand_count": sum(status_counts.values()),
        "named_count": status_counts.get(BrandStatus.NAMED, 0),
        "status_chart": [
            {"name": label, "value": status_counts.get(value, 0)}
            for value, label in BrandStatus.choices
        ],
        "recent_brands": brands.select_related("org").order_by("-updated_at")[:8],
        "due_reviews": brands.filter(
            status__in=[BrandStatus.NAMED, BrandStatus.RECTIFYING],
            next_review_on__lte=today + timedelta(days=90),
        )
        .select_related("org")
        .order_by("next_review_on")[:8],
        "waiting": brands.filter(
            status__in=[BrandStatus.SUBMITTED, BrandStatus.REVIEWING, BrandStatus.ACCEPTING]
        )
        .select_related("org")
        .order_by("updated_at")[:8],
    }
    return render(request, "workbench/home.html", context)


def _role_labels(user) -> list[str]:
    return [
        f"{a.org.name} · {a.get_role_display()}"
        for a in RoleAssignment.objects.filter(user=user).select_related("org")
    ] or (["系统管理员"] if user.is_superuser else [])


def _audit_filters(request):
    """The reader's filter form, bound to the query string, and its choices."""
    if not may_read_audit(request.user):
        raise PermissionDenied("只有党委管理员和党建工作部可以查看审计日志。")
    return audit_filters(request.user, request.GET)


@login_required
@require_GET
def audit_list(request):
    form, filters = _audit_filters(request)
    refused = filters is None and form.is_bound  # the form says why; no rows are listed
    rows = AuditLog.objects.none() if refused else audit_rows(request.user, filters or {})
    page = paginate(request, rows, per_page=50)
    page.object_list = readable(page.object_list)
    filtered = any(value for name, value in request.GET.items() if name != "page")
    context = {"form": form, "page_obj": page, "filtered": filtered}
    return render(request, "workbench/audit_list.html", context)


@login_required
@require_GET
def audit_export(request):
    form, filters = _audit_filters(request)
    back = f"{reverse('audit_list')}?{request.GET.urlencode()}"
    if filters is None and form.is_bound:
        messages.error(request, "筛选条件有误，未导出：" + form_error_text(form))
        return redirect(back)
    rows = audit_rows(request.user, filters or {})
    count = rows.count()
    if count > EXPORT_MAX:
        messages.error(request, too_many(count))
        return redirect(back)
    if in_background(count):
        job = job_start(
            actor=request.user,
            kind=JobKind.AUDIT_EXPORT,
            org_path=user_org_path(request.user),
            params={"query": request.GET.urlencode()},
        )
        messages.info(request, "记录较多，正在后台导出；完成后可在本页下载，也会通知您。")
        return redirect(job.get_absolute_url())
    return xlsx_download(audit_workbook(rows), file_name())

"""The workbench (home page) and the audit log: pages that read across every app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from partybrand.core import clock
from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_error_text
from partybrand.core.models import AuditLog
from partybrand.core.pagination import paginate
from partybrand.jobs.choices import JobKind
from partybrand.jobs.services import job_start
from partybrand.orgs.export_jobs import in_background
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.selectors import user_org_path
from partybrand.workbench.audit_export import EXPORT_MAX, audit_workbook, too_many
from partybrand.workbench.audit_jobs import audit_filters, file_name
from partybrand.workbench.audit_log import audit_rows, may_read_audit, readable
from partybrand.workbench.home import home_sections
from partybrand.workbench.todo import todo_list


@login_required
def home(request):
    """Each role's own work first: the committee's cockpit, each brand's next steps, a member's
    tasks, surveys, votes, carriers and activities (workbench/home.py), and the to-do list."""
    user = request.user
    today, now = clock.today(), clock.now()
    sections = home_sections(user, today=today, now=now)
    context = {
        **sections,
        "todos": todo_list(user, today=today, now=now),
        "roles": _role_labels(user),
        "today": today,
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

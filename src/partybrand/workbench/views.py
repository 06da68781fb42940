"""The workbench (home page) and the audit log: pages that read across every app."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.core import clock
from partybrand.core.audit_registry import action_label, change_lines, object_type_label
from partybrand.core.models import AuditLog
from partybrand.core.pagination import paginate
from partybrand.orgs.access import visible_members, visible_orgs
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, paths_with, scope_q
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


@login_required
def audit_list(request):
    user = request.user
    if not (user.is_superuser or paths_with(user, Cap.VIEW_AUDIT)):
        raise PermissionDenied("只有党委管理员和党建工作部可以查看审计日志。")
    rows = AuditLog.objects.filter(scope_q(user, Cap.VIEW_AUDIT, "org_path")).select_related(
        "actor"
    )
    object_type = request.GET.get("object_type", "").strip()
    object_id = request.GET.get("object_id", "").strip()
    actor = request.GET.get("actor", "").strip()
    action = request.GET.get("action", "").strip()
    if object_type:
        rows = rows.filter(object_type=object_type)
    if object_id:
        rows = rows.filter(object_id=object_id)
    if actor:
        rows = rows.filter(actor__username=actor)
    if action:
        rows = rows.filter(action=action)
    page = paginate(request, rows, per_page=50)
    for row in page:  # codes as people read them; the registry knows no app, only labels
        row.action_label = action_label(row.action)
        row.type_label = object_type_label(row.object_type)
        row.change_lines = change_lines(row.object_type, row.changes)
    in_scope = AuditLog.objects.filter(scope_q(user, Cap.VIEW_AUDIT, "org_path"))
    object_types = in_scope.values_list("object_type", flat=True).distinct().order_by()
    actions = in_scope.values_list("action", flat=True).distinct().order_by()
    context = {
        "page_obj": page,
        "object_types": sorted(
            ((code, object_type_label(code)) for code in object_types), key=lambda t: t[1]
        ),
        "actions": sorted(((code, action_label(code)) for code in actions), key=lambda t: t[1]),
        "filters": {
            "object_type": object_type,
            "object_id": object_id,
            "actor": actor,
            "action": action,
        },
    }
    return render(request, "workbench/audit_list.html", context)

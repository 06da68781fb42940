"""The audit log as its readers see it, for the page and its export.

Who reads what: Cap.VIEW_AUDIT over an organisation shows the rows of its subtree (a superuser
sees every row, with the rows of no organisation: the admin's and unknown sign-in names).
Codes become what people read through core.audit_registry (actions, object types, fields,
choices); the organisation is named from its path; the browser is summarised. Every read takes
the same number of queries however many rows there are.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet

from partybrand.core import clock
from partybrand.core.audit_registry import action_label, change_lines, object_type_label
from partybrand.core.models import AuditLog
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, paths_with, scope_q
from partybrand.orgs.tree import subtree_q
from partybrand.workbench.browsers import browser_summary

# Offered in the organisation filter: the levels people audit by (branches are reached through
# a row's organisation link); a deeper one chosen that way is added to the list.
ORG_KINDS = (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH)
ORG_CHOICES = 300


def may_read_audit(user) -> bool:
    return user.is_superuser or bool(paths_with(user, Cap.VIEW_AUDIT))


def audit_scope(user) -> QuerySet[AuditLog]:
    return AuditLog.objects.filter(scope_q(user, Cap.VIEW_AUDIT, "org_path"))


def scoped_orgs(user) -> QuerySet[Organization]:
    return Organization.objects.filter(scope_q(user, Cap.VIEW_AUDIT))


@dataclass
class FilterChoices:
    actions: list[tuple[str, str]]
    object_types: list[tuple[str, str]]
    orgs: list[tuple[int, str]]


def filter_choices(user, *, chosen_org: str = "") -> FilterChoices:
    """What the filters offer: the actions and object types found in the reader's scope (by
    their labels) and the organisations to audit by, indented by depth."""
    rows = audit_scope(user)
    actions = rows.values_list("action", flat=True).distinct().order_by()
    object_types = rows.values_list("object_type", flat=True).distinct().order_by()
    offered = Q(kind__in=ORG_KINDS)
    if chosen_org.isdigit():
        offered |= Q(pk=int(chosen_org))
    orgs = scoped_orgs(user).filter(offered).order_by("path")[:ORG_CHOICES]
    org_rows = list(orgs.values_list("pk", "name", "depth"))
    top = min((depth for _pk, _name, depth in org_rows), default=0)
    return FilterChoices(
        actions=sorted(((code, action_label(code)) for code in actions), key=lambda t: t[1]),
        object_types=sorted(
            ((code, object_type_label(code)) for code in object_types), key=lambda t: t[1]
        ),
        orgs=[(pk, "　" * (depth - top) + name) for pk, name, depth in org_rows],
    )


def audit_rows(user, filters: dict) -> QuerySet[AuditLog]:
    """The rows in the reader's scope that the (cleaned) filters select, newest first."""
    rows = audit_scope(user).select_related("actor")
    if filters.get("start"):
        rows = rows.filter(created_at__gte=clock.at(filters["start"]))
    if filters.get("end"):
        rows = rows.filter(created_at__lt=clock.at(filters["end"] + timedelta(days=1)))
    if actor := (filters.get("actor") or "").strip():
        rows = rows.filter(Q(actor__username=actor) | Q(actor__display_name__icontains=actor))
    if filters.get("action"):
        rows = rows.filter(action=filters["action"])
    if filters.get("object_type"):
        rows = rows.filter(object_type=filters["object_type"])
    if filters.get("org"):
        path = scoped_orgs(user).filter(pk=filters["org"]).values_list("path", flat=True).first()
        rows = rows.filter(subtree_q(path, "org_path")) if path else rows.none()
    if object_id := (filters.get("object_id") or "").strip():
        rows = rows.filter(object_id=object_id)
    return rows.order_by("-created_at", "-id")


def who(row: AuditLog) -> str:
    """The actor's name; without one, someone not signed in (a failed sign-in, an anonymous
    survey answer) when the row came from a request, else the system (a daily command)."""
    if row.actor_id is not None:
        return str(row.actor)
    return "未登录用户" if row.ip_address or row.user_agent else "系统"


def readable(rows) -> list[AuditLog]:
    """The rows with what people read: labels of the action and the object's kind, the changes
    as lines (before → after), the organisation's name and the browser in short."""
    rows = list(rows)
    paths = {row.org_path for row in rows if row.org_path}
    orgs = {
        path: (pk, name)
        for path, pk, name in Organization.objects.filter(path__in=paths).values_list(
            "path", "pk", "name"
        )
    }
    for row in rows:
        row.action_label = action_label(row.action)
        row.type_label = object_type_label(row.object_type)
        row.change_lines = change_lines(row.object_type, row.changes)
        row.org_pk, row.org_name = orgs.get(row.org_path, (None, ""))
        row.browser = browser_summary(row.user_agent)
        row.who = who(row)
    return rows

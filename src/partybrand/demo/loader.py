"""Loading, resetting and describing the demo data; the `seed_demo` command calls these."""

import contextlib
import unicodedata
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q

from partybrand.assessments.models import Assessment
from partybrand.benchmarks.imports import import_shared_benchmarks
from partybrand.brands.models import Brand
from partybrand.cases.models import Compilation, TypicalCase
from partybrand.cockpit.jobs import events_paused
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.models import AuditLog, User
from partybrand.demo.assessments import seed_demo_data as seed_assessments
from partybrand.demo.benchmarks import seed_comparisons
from partybrand.demo.brandbuild import build_brands
from partybrand.demo.build import Demo, build_members, build_orgs, build_users, ensure_admin
from partybrand.demo.cases import seed_cases
from partybrand.demo.choices import DemoAudit
from partybrand.demo.cockpit import seed_health
from partybrand.demo.drafting import seed_drafts
from partybrand.demo.knowledge import seed_knowledge
from partybrand.demo.orgdata import ROOT_CODE
from partybrand.demo.plans import seed_demo_data as seed_plans
from partybrand.demo.positioning import seed_stock_taking
from partybrand.demo.promotion import seed_carriers, seed_publicity
from partybrand.demo.rounds import seed_rounds
from partybrand.demo.rounds_acceptance import seed_acceptance_round
from partybrand.demo.rounds_history import seed_round_history
from partybrand.demo.rounds_results import seed_round_results
from partybrand.demo.supervision import seed_demo_data as seed_supervision
from partybrand.demo.surveys import seed_surveys
from partybrand.demo.themes import seed_demo_data as seed_themes
from partybrand.documents.models import Document
from partybrand.knowledge.models import Passage, Question
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.tree import subtree_q
from partybrand.plans.models import Plan, Task
from partybrand.promotion.models import Carrier, Launch, PublicityEntry
from partybrand.rounds.models import Entry, Round
from partybrand.supervision.models import ReviewMeeting, Ticket
from partybrand.themes.models import Candidate, Workshop

# The accounts shown in the login table, in this order.
LOGINS = (
    "admin",
    "committee",
    "office",
    "company1",
    "general1",
    "secretary1",
    "secretary2",
    "committee1",
    "member1",
    "expert1",
    "expert2",
)


def demo_exists() -> bool:
    return Organization.objects.filter(code=ROOT_CODE).exists()


# Written last by load_demo on the demo's top organisation: the mark of a database the demo made.
MARK = DemoAudit.IMPORT
SHOWN = 3  # examples named per kind of foreign data


def _demo_root() -> Organization | None:
    """The demo's top organisation, if the demo loaded it (its code alone could be anyone's)."""
    root = Organization.objects.filter(code=ROOT_CODE, parent=None).first()
    marked = (
        root is not None
        and AuditLog.objects.filter(
            action=DemoAudit.IMPORT, object_type="orgs.organization", object_id=str(root.pk)
        ).exists()
    )
    return root if marked else None


def non_demo_data(*, audit: bool) -> list[str]:
    """What the database holds that the demo did not make, one line per kind (empty when it
    holds the demo or nothing): organisations outside the demo's tree (all of them when the
    demo's mark is missing), accounts other than the system administrators with no role in it,
    and (`audit`, for a reset, which deletes the log) audit rows of other organisations (all of
    them when there is no demo)."""
    root = _demo_root()
    inside = subtree_q(root.path) if root else Q(pk__in=[])
    found = []
    orgs = Organization.objects.exclude(inside).order_by("path")
    if orgs.exists():
        names = "、".join(orgs.values_list("name", flat=True)[:SHOWN])
        found.append(f"组织 {orgs.count()} 个（{names} 等）")
    demo_roles = RoleAssignment.objects.filter(
        subtree_q(root.path, "org__path") if root else Q(pk__in=[])
    )
    accounts = (
        User.objects.filter(is_superuser=False)
        .exclude(pk__in=demo_roles.values("user_id"))
        .order_by("username")
    )
    if accounts.exists():
        names = "、".join(accounts.values_list("username", flat=True)[:SHOWN])
        found.append(f"账号 {accounts.count()} 个（{names} 等）")
    if audit:
        rows = AuditLog.objects.all()
        if root is not None:  # the demo's own rows, and rows of no organisation (sign-ins)
            rows = rows.exclude(subtree_q(root.path, "org_path")).exclude(org_path="")
        if rows.exists():
            found.append(f"审计记录 {rows.count()} 条")
    return found


def clashing_usernames() -> list[str]:
    """Demo usernames already taken while the demo itself is absent (admin may exist)."""
    taken = User.objects.filter(
        Q(username__in=LOGINS) | Q(username__regex=r"^(secretary|company)\d+$")
    ).exclude(username="admin")
    return sorted(taken.values_list("username", flat=True))


@transaction.atomic
def reset_demo() -> None:
    """Delete all organisations, members, brands, audit rows and non-superuser accounts."""
    for stored in _stored_files():
        _delete_file(stored)
    Entry.objects.all().delete()  # entries hold brands and tiers; reviews and sheets cascade
    Round.objects.all().delete()
    Brand.objects.all().delete()  # its phrases, KPIs, honours, attachments and events cascade
    Document.objects.all().delete()  # their versions cascade; they hold their organisation
    Compilation.objects.all().delete()  # 汇编 hold their organisation, not a brand
    Question.objects.all().delete()  # 党建AI问答: questions asked, then the passage index
    Passage.objects.all().delete()  # their terms cascade; documents go with their organisation
    Member.objects.all().delete()
    RoleAssignment.objects.all().delete()
    # Parents are protected: remove the deepest organisations first.
    for depth in sorted(set(Organization.objects.values_list("depth", flat=True)), reverse=True):
        Organization.objects.filter(depth=depth).delete()
    AuditLog.objects.all().delete()
    User.objects.filter(is_superuser=False).delete()


def _stored_files():
    """Every uploaded file a reset removes: logos, attachments, evidence of every module. The
    benchmark library is kept across resets, and so are its logos."""
    for model in apps.get_models():
        if model._meta.app_label == "benchmarks":
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                for row in model.objects.exclude(**{field.name: ""}).only(field.name):
                    yield getattr(row, field.name)


def _delete_file(stored) -> None:
    """Delete a stored file and, on local storage, its brand folder once it is empty."""
    storage, name = stored.storage, stored.name
    storage.delete(name)
    try:
        folder = Path(storage.path(name)).parent
    except NotImplementedError:  # remote storage has no folders to tidy
        return
    with contextlib.suppress(OSError):
        folder.rmdir()  # only succeeds when empty


@transaction.atomic
def load_demo(password: str, today: date | None = None) -> dict:
    """Build the whole demo enterprise; returns the counts of what was made."""
    admin, password_hash = ensure_admin(password)
    demo = Demo(today=today or clock.today(), admin=admin, password_hash=password_hash)
    # The health index is computed once at the end, not after each change the demo makes.
    with events_paused():
        counts = _load(demo)
    seed_health(demo)  # 驾驶舱: the index of every brand and the rollups
    audit_record(
        actor=admin,
        action=DemoAudit.IMPORT,
        obj=demo.root,
        org_path=demo.root.path,
        changes=counts,
        comment="加载演示数据：华信能源集团（seed_demo），党员名册批量导入。",
    )
    return counts


def _load(demo: Demo) -> dict:
    admin = demo.admin
    build_orgs(demo)
    members = build_members(demo)
    build_users(demo)
    brands = build_brands(demo)
    import_shared_benchmarks(actor=admin)  # the benchmark library: publicly reported brands
    seed_surveys(today=demo.today)  # three branches' surveys, with members' and staff's answers
    seed_stock_taking(brands)  # 内部梳理 of five branch brands, two positioning conclusions
    seed_comparisons(brands)  # 标杆对比 of four branch brands against the library
    seed_themes(demo=demo, brands=brands)  # 主题: workshops with candidates, votes and scores
    seed_assessments(demo=demo, brands=brands)  # 重点: indicator tables and assessments
    seed_plans(demo=demo, brands=brands)  # 机制: plans, phases and 三定 tasks
    seed_supervision(demo=demo, brands=brands)  # 机制: 督办单, 复盘 and notifications
    seed_carriers(demo=demo)  # 推介: carriers, their activities and one recognition
    seed_drafts(demo=demo)  # 文书: a section written from the assistant's accepted draft
    seed_cases(demo=demo, brands=brands)  # 推介: typical cases in every state, a 汇编, a 新闻稿
    seed_knowledge(demo=demo)  # 党建AI问答: learning documents, the index, questions asked
    # 评选: the first acceptance round of the year, from the 通知 to the 命名决定
    seed_acceptance_round(demo=demo)
    seed_rounds(demo=demo)  # 评选: an acceptance round with entries before the experts
    seed_publicity(demo=demo)  # 推介: launches and the publicity ledger of named brands
    # panel, roadshow, results: a round scored by the experts, in 公示 with an objection answered
    seed_round_results(demo=demo)
    seed_round_history(demo=demo)  # the group's earlier 验收评选, recorded with their results
    counts = {
        "organizations": demo.root.subtree().count(),
        "branches": len(demo.branches),
        "members": members,
        "users": len(demo.users),
        "brands": len(brands),
        **method_counts(),
    }
    return counts


def method_counts() -> dict:
    """How much of the method's work the demo holds, for the summary line."""
    return {
        "workshops": Workshop.objects.count(),
        "candidates": Candidate.objects.count(),
        "assessments": Assessment.objects.count(),
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "tickets": Ticket.objects.count(),
        "meetings": ReviewMeeting.objects.count(),
        "carriers": Carrier.objects.count(),
        "cases": TypicalCase.objects.count(),
        "launches": Launch.objects.count(),
        "publicity": PublicityEntry.objects.count(),
    }


def login_rows(password: str) -> list[tuple[str, str, str, str]]:
    """(username, role, organisation, password) of the demo accounts that exist."""
    users = {u.username: u for u in User.objects.filter(username__in=LOGINS)}
    # The accounts keep the password they were loaded with; say so if DEMO_PASSWORD changed since.
    sample = users.get("committee")
    demo_matches = sample is None or sample.check_password(password)
    rows = []
    for username in LOGINS:
        user = users.get(username)
        if user is None:
            continue
        assignment = (
            RoleAssignment.objects.filter(user=user).select_related("org").order_by("id").first()
        )
        if user.is_superuser:
            role, org = "超级管理员", "全部组织"
        elif assignment is not None:
            role, org = assignment.get_role_display(), assignment.org.name
        else:
            role, org = "（无角色）", ""
        if username == "admin":
            shown = password if user.check_password(password) else "（原密码）"
        else:
            shown = password if demo_matches else "（加载时设置的密码）"
        rows.append((username, f"{role}（{user.display_name}）", org, shown))
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells) -> str:
        cells = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])

"""Permission cases of account management and of “我的账号”.

Account pages need MANAGE_ACCOUNTS over the account (committee staff; the 支部书记 sees the member
but manages no accounts: 403); an account outside one's reach is 404. Everyone has their own
account page; a session or a batch of temporary passwords is found only by its owner.
"""

import secrets

from partybrand.accounts import issued
from partybrand.accounts.models import SignedInSession
from partybrand.accounts.services import Issued
from partybrand.core import clock
from partybrand.core.models import AuditLog, User
from partybrand.orgs.choices import Role
from partybrand.orgs.models import Member, RoleAssignment
from tests.factories import PASSWORD, make_member
from tests.permissions.cases import Case

MANAGE = {"allowed": "staff", "readonly": "secretary"}
NEW_PASSWORD = "Hongqi-2026!"


def account_kw(w):
    return {"pk": w.member.pk}


def _fresh(w) -> User:
    return User.objects.get(pk=w.member.pk)


def withdraw_kw(w):
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=w.member, org=w.branch_a, role=Role.BRANCH_COMMITTEE
    )
    return {"pk": w.member.pk, "assignment_pk": assignment.pk}


def reactivate_kw(w):
    User.objects.filter(pk=w.member.pk).update(is_active=False)
    return account_kw(w)


def roll_member_kw(w):
    member = Member.objects.filter(name="待开通", user__isnull=True).first()
    member = member or make_member(w.branch_a, "待开通")
    return {"member_pk": member.pk}


def new_login_made(w) -> bool:
    return Member.objects.filter(name="待开通", user__isnull=False).exists()


def batch_kw(w):
    row = Issued(w.member.pk, w.member.username, "李党员", w.branch_a.name, "Temp-Pass-123")
    return {"batch": issued.keep(w.staff, [row])}


def session_kw(w):
    now = clock.now()
    row = SignedInSession.objects.create(
        user=w.member,
        session_key=f"walk-{secrets.token_hex(8)}",
        address="10.0.0.9",
        created_at=now,
        last_seen=now,
    )
    return {"pk": row.pk}


def walk_session_gone(w) -> bool:
    return not SignedInSession.objects.filter(session_key__startswith="walk-").exists()


def other_session_data(w):
    session_kw(w)
    return {}


PAGE_CASES = [
    Case("accounts:account_list", outsider=None, **MANAGE),
    Case("accounts:account_detail", account_kw, **MANAGE),
    Case(
        "accounts:role_grant",
        account_kw,
        method="post",
        data=lambda w: {"org": w.branch_a.pk, "role": Role.BRANCH_COMMITTEE},
        allowed_status=(302,),
        effect=lambda w: RoleAssignment.objects.filter(
            user=w.member, role=Role.BRANCH_COMMITTEE
        ).exists(),
        **MANAGE,
    ),
    Case(
        "accounts:role_withdraw",
        withdraw_kw,
        method="post",
        allowed_status=(302,),
        effect=lambda w: (
            not RoleAssignment.objects.filter(user=w.member, role=Role.BRANCH_COMMITTEE).exists()
        ),
        **MANAGE,
    ),
    Case(
        "accounts:account_deactivate",
        account_kw,
        method="post",
        allowed="mid_admin",
        readonly="secretary",
        allowed_status=(302,),
        effect=lambda w: not _fresh(w).is_active,
    ),
    Case(
        "accounts:account_reactivate",
        reactivate_kw,
        method="post",
        allowed_status=(302,),
        effect=lambda w: _fresh(w).is_active,
        **MANAGE,
    ),
    Case(
        "accounts:reset_link",
        account_kw,
        method="post",
        effect=lambda w: AuditLog.objects.filter(action="account_reset_link").exists(),
        **MANAGE,
    ),
    Case(
        "accounts:temporary_password",
        account_kw,
        method="post",
        allowed_status=(302,),
        effect=lambda w: _fresh(w).must_change_password,
        **MANAGE,
    ),
    Case("accounts:member_logins", outsider=None, **MANAGE),
    Case(
        "accounts:member_logins",
        method="post",
        data=lambda w: {"members": [roll_member_kw(w)["member_pk"]]},
        allowed_status=(302,),
        outsider=None,
        effect=new_login_made,
        note="(bulk)",
        **MANAGE,
    ),
    Case("accounts:login_create", roll_member_kw, **MANAGE),
    Case(
        "accounts:login_create",
        roll_member_kw,
        method="post",
        data=lambda w: {"username": "daikaitong"},
        allowed_status=(302,),
        effect=new_login_made,
        **MANAGE,
    ),
    Case("accounts:issued", batch_kw, allowed="staff", readonly=None),
    Case("accounts:issued_download", batch_kw, allowed="staff", readonly=None),
    # Everyone's own account.
    Case("accounts:my_account", allowed="member", readonly=None, outsider=None),
    Case("accounts:password_change", allowed="member", readonly=None, outsider=None),
    Case(
        "accounts:password_change",
        method="post",
        data=lambda w: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        outsider=None,
        effect=lambda w: _fresh(w).check_password(NEW_PASSWORD),
    ),
    Case(
        "accounts:session_end",
        session_kw,
        method="post",
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        effect=walk_session_gone,
    ),
    Case(
        "accounts:sessions_end_others",
        method="post",
        data=other_session_data,
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        outsider="secretary",
        outsider_status=(302,),
        effect=walk_session_gone,
        note="(another user's click ends only their own)",
    ),
]

PERMISSION_CASES = PAGE_CASES

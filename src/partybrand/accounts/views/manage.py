"""Pages of account management for committee staff: the accounts of their subtree, logins for
members, roles, deactivation and password resets."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.accounts import issued, selectors
from partybrand.accounts.access import (
    access_account,
    access_account_for_change,
    access_assignment,
    access_member_without_login,
    refusal,
    require_accounts_right,
)
from partybrand.accounts.credentials import unique_username
from partybrand.accounts.forms import (
    AccountFilterForm,
    BulkLoginForm,
    LoginCreateForm,
    RoleGrantForm,
)
from partybrand.accounts.models import SignedInSession
from partybrand.accounts.services import (
    account_deactivate,
    account_reactivate,
    login_create,
    logins_create_bulk,
    reset_link_issue,
    role_grant,
    role_withdraw,
    temporary_password_issue,
)
from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import grantable_roles, role_choices


@login_required
@require_GET
def account_list(request):
    require_accounts_right(request.user)
    filters = AccountFilterForm(request.GET).values()
    org = access_org(request.user, filters["org"]) if filters.get("org") else None
    rows = selectors.account_rows(
        request.user,
        q=filters.get("q") or "",
        org=org,
        role=filters.get("role") or "",
        active=filters.get("active") or "",
    )
    return render(
        request,
        "accounts/account_list.html",
        {
            "page_obj": paginate(request, rows),
            "filters": filters,
            "org": org,
            "filter_orgs": selectors.filter_orgs(request.user),
            "roles": role_choices(),
        },
    )


def _detail_page(request, account, *, grant_form=None, status=200):
    account = selectors.account_with_places(account)
    orgs = selectors.role_orgs(request.user, account)
    if grant_form is None:
        grant_form = _grant_form(request, account, orgs)
    roles = [
        (
            assignment,
            any(
                v == assignment.role for v, _ in grantable_roles(request.user, assignment.org.path)
            ),
        )
        for assignment in account.role_assignments.all()
    ]
    sessions = SignedInSession.objects.filter(user=account).count()
    return render(
        request,
        "accounts/account_detail.html",
        {
            "account": account,
            "member": getattr(account, "member", None),
            "roles": roles,
            "grant_form": grant_form,
            "refusal": refusal(request.user, account),
            "session_count": sessions,
        },
        status=status,
    )


def _grant_form(request, account, orgs, data=None):
    first = orgs[0].path if orgs else ""
    return RoleGrantForm(
        data,
        orgs=orgs,
        roles=grantable_roles(request.user, first) if first else [],
        within=selectors.managed_orgs(request.user),
    )


@login_required
@require_GET
def account_detail(request, pk):
    return _detail_page(request, access_account(request.user, pk))


@login_required
@require_POST
def role_grant_view(request, pk):
    account = access_account_for_change(request.user, pk)
    orgs = selectors.role_orgs(request.user, account)
    form = _grant_form(request, account, orgs, request.POST)
    # Every role is parsed; whether this one may be given there is the service's question.
    form.fields["role"].choices = role_choices()
    return form_action(
        request,
        form,
        lambda data: role_grant(
            actor=request.user, account=account, org=data["organization"], role=data["role"]
        ),
        success=lambda a: f"已授予 {account} “{a.get_role_display()}”（{a.org.name}）。",
        done=redirect("accounts:account_detail", pk=account.pk),
        page=lambda form: _detail_page(request, account, grant_form=form),
        failed="未授予：",
    )


@login_required
@require_POST
def role_withdraw_view(request, pk, assignment_pk):
    account = access_account_for_change(request.user, pk)
    assignment = access_assignment(request.user, account, assignment_pk)
    label, org_name = assignment.get_role_display(), assignment.org.name
    back = redirect("accounts:account_detail", pk=account.pk)
    return form_action(
        request,
        None,
        lambda data: role_withdraw(actor=request.user, assignment=assignment),
        success=f"已撤销 {account} 的“{label}”（{org_name}）。",
        done=back,
        failed="未撤销：",
    )


@login_required
@require_POST
def account_deactivate_view(request, pk):
    account = access_account_for_change(request.user, pk)
    return form_action(
        request,
        None,
        lambda data: account_deactivate(actor=request.user, account=account),
        success=f"已停用账号 {account.username}，其登录会话已全部结束。",
        done=redirect("accounts:account_detail", pk=account.pk),
        failed="未停用：",
    )


@login_required
@require_POST
def account_reactivate_view(request, pk):
    account = access_account_for_change(request.user, pk)
    return form_action(
        request,
        None,
        lambda data: account_reactivate(actor=request.user, account=account),
        success=f"已启用账号 {account.username}。",
        done=redirect("accounts:account_detail", pk=account.pk),
        failed="未启用：",
    )


@login_required
@require_POST
def reset_link_view(request, pk):
    account = access_account_for_change(request.user, pk)
    site = request.build_absolute_uri("/")
    return form_action(
        request,
        None,
        lambda data: reset_link_issue(actor=request.user, account=account, site=site),
        success="已生成密码重置链接。",
        done=lambda link: render(
            request,
            "accounts/reset_link.html",
            {"account": account, "link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        ),
        page=redirect("accounts:account_detail", pk=account.pk),
        failed="未生成：",
    )


@login_required
@require_POST
def temporary_password_view(request, pk):
    account = access_account_for_change(request.user, pk)
    return form_action(
        request,
        None,
        lambda data: temporary_password_issue(actor=request.user, account=account),
        success=None,
        done=lambda row: redirect("accounts:issued", batch=issued.keep(request.user, [row])),
        page=redirect("accounts:account_detail", pk=account.pk),
        failed="未发放：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_logins(request):
    """Members of the roll without a login: give one to each of those ticked."""
    require_accounts_right(request.user)
    org = (
        access_org(request.user, request.GET["org"])
        if request.GET.get("org", "").isdigit()
        else None
    )
    q = request.GET.get("q", "").strip()[:50]
    candidates = selectors.members_without_login(request.user, org=org, q=q)
    form = BulkLoginForm(request.POST or None, members=candidates)

    def page(form):
        return render(
            request,
            "accounts/member_logins.html",
            {
                "form": form,
                "org": org,
                "q": q,
                "page_obj": paginate(request, candidates, per_page=100),
                "filter_orgs": selectors.filter_orgs(request.user),
            },
        )

    return form_action(
        request,
        form,
        lambda data: logins_create_bulk(actor=request.user, members=list(data["members"])),
        success=lambda rows: f"已为 {len(rows)} 名党员开通账号。",
        done=lambda rows: redirect("accounts:issued", batch=issued.keep(request.user, rows)),
        page=page,
        failed="未开通：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def login_create_view(request, member_pk):
    member = access_member_without_login(request.user, member_pk)
    if member.user_id is not None:
        messages.info(request, f"{member.name} 已有登录账号。")
        return redirect("accounts:account_detail", pk=member.user_id)
    form = LoginCreateForm(request.POST or None, initial={"username": unique_username(member.name)})
    return form_action(
        request,
        form,
        lambda data: login_create(actor=request.user, member=member, **data),
        success=lambda row: f"已为 {row.name} 开通账号 {row.username}。",
        done=lambda row: redirect("accounts:issued", batch=issued.keep(request.user, [row])),
        page=lambda form: render(
            request, "accounts/login_create.html", {"form": form, "member": member}
        ),
        failed="未开通：",
    )


@login_required
@require_GET
def issued_view(request, batch):
    # A batch is kept under the id of the administrator who issued it: nobody else finds it.
    entry = issued.show(request.user, batch)
    if entry is None:
        raise Http404("这批临时密码已过期。")
    return render(request, "accounts/issued.html", {"entry": entry, "batch": batch})


@login_required
@require_GET
def issued_download(request, batch):
    rows = issued.take(request.user, batch)
    if rows is None:
        raise Http404("这批临时密码已下载或已过期。")
    return xlsx_download(issued.workbook(rows), "账号与临时密码.xlsx")

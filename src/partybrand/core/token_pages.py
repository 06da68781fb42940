"""API 令牌: a person's own tokens, to see, create (the key shown once) and revoke."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.core import clock, tokens
from partybrand.core.forms import StyledFormMixin, form_action


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label="令牌名称",
        max_length=50,
        help_text="写明用途，例如“党建数据同步脚本”，便于日后辨认和撤销。",
    )


def _page(request, form, *, issued=None, key="", status=200):
    rows = list(tokens.tokens_of(request.user))
    now = clock.now()
    for token in rows:
        token.status = tokens.status_of(token, now)
    context = {
        "form": form,
        "rows": rows,
        "live": sum(1 for token in rows if token.status == "有效"),
        "issued": issued,
        "key": key,
        "days": settings.TOKEN_DAYS,
    }
    return render(request, "core/tokens.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)

    def issue(data):
        return tokens.token_issue(
            actor=request.user, user=request.user, name=data["name"], via="页面创建"
        )

    # The key is shown on the answer to the post itself, never kept for a later page.
    return form_action(
        request,
        form,
        issue,
        success="令牌已创建。请立即复制保存：离开本页后将无法再次查看。",
        done=lambda made: _page(request, TokenForm(), issued=made[0], key=made[1]),
        page=lambda form: _page(request, form),
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    return form_action(
        request,
        None,
        lambda _data: tokens.token_revoke(actor=request.user, token=token),
        success=lambda revoked: f"已撤销令牌“{revoked}”。",
        done=redirect("api_tokens"),
    )


@login_required
@require_POST
def tokens_revoke_all(request):
    return form_action(
        request,
        None,
        lambda _data: tokens.tokens_revoke_all(actor=request.user, user=request.user),
        success=lambda count: f"已撤销全部 {count} 个有效令牌。",
        done=redirect("api_tokens"),
    )

"""The notification centre: the user's own notifications only (anyone else's is a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from partybrand.core.pagination import paginate
from partybrand.notices import services
from partybrand.notices.models import Notification


def own(user):
    return Notification.objects.filter(user=user)


@login_required
@require_GET
def notice_list(request):
    rows = own(request.user)
    if request.GET.get("f") == "unread":
        rows = rows.filter(read_at__isnull=True)
    rows = rows.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    return render(
        request,
        "notices/notice_list.html",
        {"page": paginate(request, rows), "unread_only": request.GET.get("f") == "unread"},
    )


@login_required
@require_POST
def notice_read(request, pk):
    notification = get_object_or_404(own(request.user), pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    target = notification.url
    if (
        request.POST.get("go")
        and target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(target)
    return redirect("notices:notice_list")


@login_required
@require_POST
def notice_read_all(request):
    count = services.mark_all_read(actor=request.user)
    messages.success(request, f"已将 {count} 条消息标为已读。" if count else "没有未读消息。")
    return redirect("notices:notice_list")

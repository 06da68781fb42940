"""Permission cases of the notification centre: a notification belongs to its user only."""

from partybrand.notices.models import Notification
from partybrand.notices.services import notify
from tests.permissions.cases import Case

LIST = {"allowed": "member", "readonly": None, "outsider": None}


def notice_kw(w):
    notification = notify(
        user=w.member, kind="assigned", key="test:1", title="您被指定为任务责任人", url="/plans/"
    )
    return {"pk": notification.pk}


def is_read(w) -> bool:
    return Notification.objects.filter(user=w.member, read_at__isnull=False).exists()


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("notices:notice_list", **LIST),
    Case(
        "notices:notice_read",
        notice_kw,
        method="post",
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        effect=is_read,
    ),
    Case(
        "notices:notice_read_all",
        method="post",
        data=lambda w: notice_kw(w) and {},
        allowed="member",
        allowed_status=(302,),
        readonly=None,
        outsider="secretary",
        outsider_status=(302,),
        effect=is_read,
        note="(another user's click marks only their own)",
    ),
]

API_CASES = [
    _api(url_name="api:notification-list", **LIST),
    _api(url_name="api:notification-detail", kwargs=notice_kw, allowed="member", readonly=None),
    _api(
        url_name="api:notification-read",
        kwargs=notice_kw,
        method="post",
        allowed="member",
        readonly=None,
        effect=is_read,
    ),
    _api(
        url_name="api:notification-read-all",
        method="post",
        data=lambda w: notice_kw(w) and {},
        allowed="member",
        readonly=None,
        outsider="secretary",
        outsider_status=(200,),
        effect=is_read,
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

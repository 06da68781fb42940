"""The daily digest: every app's registered reminders are created (notices.registry), then one
e-mail per user lists their unread notifications not mailed before (when SMTP is set up)."""

from datetime import date

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import F

from partybrand.core import clock
from partybrand.notices.models import Notification
from partybrand.notices.registry import produce_reminders

CHUNK = 1000  # users read per round trip
MAIL_LINES = 30  # notifications listed in one mail; the rest are counted


def mail_enabled() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


def _unmailed():
    return Notification.objects.filter(
        read_at__isnull=True, emailed_at__isnull=True, user__is_active=True
    ).exclude(user__email="")


def _mail_text(user, rows: list, site_url: str) -> str:
    lines = [f"{user}，您好：", "", f"您在党建品牌平台有 {len(rows)} 条未读提醒：", ""]
    for number, row in enumerate(rows[:MAIL_LINES], 1):
        lines.append(f"{number}. {row.title}")
        if row.body:
            lines.append(f"   {row.body}")
        if row.url and site_url:
            lines.append(f"   {site_url.rstrip('/')}{row.url}")
    if len(rows) > MAIL_LINES:
        lines += ["", f"另有 {len(rows) - MAIL_LINES} 条提醒未在此列出。"]
    lines += ["", "请登录平台查看处理。此邮件由系统自动发送，请勿回复。"]
    return "\n".join(lines)


def _mail_user(user_id: int, *, now, site_url: str, connection) -> bool:
    """Mail one user their unmailed notifications; True when a mail went out.

    The rows stay locked from reading to marking, so a digest running at the same time skips
    them (skip_locked) instead of mailing them again; a failed mail leaves them for tomorrow.
    """
    with transaction.atomic():
        rows = list(
            _unmailed()
            .filter(user_id=user_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .order_by(F("created_at").asc(), "id")
        )
        if not rows:
            return False
        user = rows[0].user
        delivered = send_mail(
            subject=f"【党建品牌平台】每日提醒（{len(rows)} 条）",
            message=_mail_text(user, rows, site_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
            connection=connection,
            fail_silently=True,
        )
        if delivered:
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
        return bool(delivered)


def send_digests(*, now=None, site_url: str = "") -> int:
    """Mail each user one digest of their unread notifications not mailed yet; returns mails sent.

    A notification is marked `emailed_at` only once its mail went out, so nothing is mailed twice
    and a failed mail is tried again the next day. Users are read CHUNK at a time.
    """
    if not mail_enabled():
        return 0
    now = now or clock.now()
    users = _unmailed().order_by("user_id").values_list("user_id", flat=True).distinct()
    connection = get_connection()
    sent, last = 0, 0
    while batch := list(users.filter(user_id__gt=last)[:CHUNK]):
        for user_id in batch:
            sent += _mail_user(user_id, now=now, site_url=site_url, connection=connection)
        last = batch[-1]
    return sent


def run_digest(*, today: date, now=None, site_url: str = "") -> tuple[dict[str, int], int]:
    """Create the day's reminders of every registered app, then mail the digests.

    Returns the new reminders counted by kind and the number of mails sent."""
    counts = produce_reminders(today)
    return counts, send_digests(now=now, site_url=site_url)

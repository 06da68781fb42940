"""The daily jobs as tasks for Celery beat (settings.CELERY_BEAT_SCHEDULE), in the order and at
the times docs/OPERATIONS.md gives. Each runs the same command an operator runs by hand to catch
up; every one is safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.management import call_command


@shared_task(name="partybrand.daily.plans_daily")
def plans_daily() -> None:
    call_command("plans_daily")


@shared_task(name="partybrand.daily.supervision_daily")
def supervision_daily() -> None:
    call_command("supervision_daily")


@shared_task(name="partybrand.daily.send_digest")
def send_digest() -> None:
    call_command("send_digest", *(["--site-url", settings.SITE_URL] if settings.SITE_URL else []))


@shared_task(name="partybrand.daily.forget_submissions")
def forget_submissions() -> None:
    call_command("forget_submissions")


@shared_task(name="partybrand.daily.forget_sign_ins")
def forget_sign_ins() -> None:
    call_command("forget_sign_ins")


@shared_task(name="partybrand.daily.clearsessions")
def clearsessions() -> None:
    call_command("clearsessions")


@shared_task(name="partybrand.daily.rebuild_theme_index")
def rebuild_theme_index() -> None:
    call_command("rebuild_theme_index")


@shared_task(name="partybrand.daily.health_recompute")
def health_recompute() -> None:
    call_command("health_recompute")

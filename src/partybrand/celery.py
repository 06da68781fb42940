"""The task queue: `celery -A partybrand worker` runs background jobs (jobs/), and
`celery -A partybrand beat` (or `worker -B`) the daily jobs of settings.CELERY_BEAT_SCHEDULE.
Configuration comes from the Django settings' CELERY_* names (docs/CONFIGURATION.md)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings")

app = Celery("partybrand")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

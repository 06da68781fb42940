"""党建品牌创建管理平台."""

# The task queue's app is made when the project loads, so tasks queued by the web processes use
# its broker and queue (partybrand/celery.py).
from partybrand.celery import app as celery_app

__all__ = ["celery_app"]

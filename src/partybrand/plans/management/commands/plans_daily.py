"""The daily pass of colour supervision: latch `was_overdue` on tasks that are overdue today."""

import datetime

from django.core.management.base import BaseCommand

from partybrand.core import clock
from partybrand.plans.services import mark_overdue


class Command(BaseCommand):
    help = "每日任务巡检：标记已逾期的任务（逾期后赶上进度仍显示黄色，直至销号）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        if isinstance(today, str):
            today = datetime.date.fromisoformat(today)
        today = today or clock.today()
        count = mark_overdue(today=today)
        self.stdout.write(f"{today:%Y-%m-%d}：新标记逾期任务 {count} 项。")

"""The daily clean-up of one-time submission tokens: a repeat comes within seconds or minutes,
so tokens older than a few days only take room."""

import datetime

from django.core.management.base import BaseCommand

from partybrand.core import clock
from partybrand.core.submissions import forget_before


class Command(BaseCommand):
    help = "清理过期的提交凭据（防重复提交用，默认保留 7 天）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, days=7, today=None, **options):
        if isinstance(today, str):
            today = datetime.date.fromisoformat(today)
        now = clock.now()
        if today is not None:  # the same moment of the given day
            now = now + datetime.timedelta(days=(today - clock.today()).days)
        count = forget_before(now - datetime.timedelta(days=max(days, 1)))
        self.stdout.write(f"已清理 {count} 条过期提交凭据。")

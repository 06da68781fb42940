"""The daily clean-up of sign-in records: failures count only within their window, an address
stays known for LOGIN_KNOWN_ADDRESS_DAYS, and ended locks and API tokens are kept 90 days (the
audit log keeps their trace after that)."""

import datetime

from django.core.management.base import BaseCommand

from partybrand.core import clock, tokens
from partybrand.core.throttle import forget_before


class Command(BaseCommand):
    help = "清理过期的登录记录（登录失败、常用登录地址、已结束的登录锁定与 API 令牌）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        if isinstance(today, str):
            today = datetime.date.fromisoformat(today)
        now = clock.now()
        if today is not None:  # the same moment of the given day
            now = now + datetime.timedelta(days=(today - clock.today()).days)
        counts = forget_before(now)
        ended = tokens.forget_before(now)
        self.stdout.write(
            f"已清理登录失败 {counts['failures']} 条、常用登录地址 {counts['addresses']} 条、"
            f"登录锁定 {counts['locks']} 条、失效令牌 {ended} 个。"
        )

"""`partybrand health-recompute`: compute every brand's health index, keep today's snapshot and
refresh every organisation's rollup (the daily run; safe to run twice a day)."""

import time

from django.core.management.base import BaseCommand

from partybrand.cockpit import compute


class Command(BaseCommand):
    help = "重新计算全部品牌健康度及各组织汇总"

    def handle(self, *args, **options):
        started = time.monotonic()
        count = compute.recompute()
        self.stdout.write(
            f"已计算 {count} 个品牌的健康度，用时 {time.monotonic() - started:.1f} 秒。"
        )

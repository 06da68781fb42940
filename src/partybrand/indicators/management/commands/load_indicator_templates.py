from django.core.management.base import BaseCommand

from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem


class Command(BaseCommand):
    help = "载入平台自带的指标体系模板（党支部标准化规范化建设、党建品牌评价），可重复执行。"

    def handle(self, *args, **options):
        loaded = load_templates()
        for system in loaded:
            count = system.indicators.count()
            self.stdout.write(f"已发布模板：{system}（{count} 项指标）")
        if not loaded:
            total = IndicatorSystem.objects.filter(owner__isnull=True).count()
            self.stdout.write(f"模板已存在，未做改动（平台模板共 {total} 个版本）。")

"""`partybrand rebuild-theme-index`: build the similarity index of every brand and benchmark
from the database, write its file and tell every worker to pick it up."""

import time

from django.core.management.base import BaseCommand

from partybrand.themes.index import holder


class Command(BaseCommand):
    help = "重建品牌相似度索引（平台上全部品牌和标杆品牌库），写入索引文件并通知各工作进程。"

    def handle(self, *args, **options):
        started = time.perf_counter()
        index = holder().rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"已重建品牌相似度索引：共 {len(index)} 条，用时 {seconds:.2f} 秒，"
                f"文件 {holder().path}。"
            )
        )

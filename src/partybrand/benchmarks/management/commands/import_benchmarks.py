"""`partybrand import-benchmarks FILE [--dry-run]`: the library import from the command line."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from partybrand.benchmarks.imports import import_benchmarks
from partybrand.core.tabular import ImportRefused


class Command(BaseCommand):
    help = (
        "从 CSV 或 .xlsx 文件导入标杆品牌库：先检查全部行，有任何错误则整个文件不导入并列出"
        "每一处错误（退出码 1）；同名同组织的品牌更新而不重复。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8 或 GBK）或 .xlsx 文件的路径")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库。")

    def handle(self, *args, file: str, dry_run: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=1)
        try:
            with path.open("rb") as handle:
                # The system imports: audit rows carry no user.
                result = import_benchmarks(
                    actor=None, upload=File(handle, name=path.name), dry_run=dry_run
                )
        except ImportRefused as refused:
            for line in refused.lines():
                self.stderr.write(line)
            raise CommandError(str(refused), returncode=1) from refused
        counts = f"新增 {result.created} 个，更新 {result.updated} 个，未变 {result.unchanged} 个"
        if dry_run:
            self.stdout.write(f"检查通过（--dry-run，未写入）：{path.name} 导入后将{counts}。")
        else:
            self.stdout.write(self.style.SUCCESS(f"已导入 {path.name}：{counts}。"))

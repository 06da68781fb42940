"""`partybrand backup -o FILE`: the database and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partybrand.core import clock
from partybrand.ops.backup import make_backup
from partybrand.ops.errors import Refused


def default_name() -> str:
    return f"partybrand-backup-{clock.local(clock.now()):%Y%m%d-%H%M%S}.zip"


class Command(BaseCommand):
    help = (
        "备份：把数据库（全部数据表，可恢复到 SQLite 或 PostgreSQL）和上传文件写入一个备份文件，"
        "附带清单（版本、迁移状态、各表行数、每个文件和数据块的 sha256）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            default=".",
            help="备份文件路径（.zip）；给出已有文件夹时在其中按时间命名，默认当前文件夹。",
        )

    def handle(self, *args, output: str = ".", **options):
        target = Path(output)
        if target.is_dir():
            target = target / default_name()
        if not target.parent.is_dir():
            raise CommandError(f"文件夹 {target.parent} 不存在，未写入备份。")
        try:
            manifest = make_backup(target)
        except Refused as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table["rows"] for table in manifest["tables"])
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"已写入备份 {target}（{target.stat().st_size / 1048576:.1f} MB）："
                f"数据表 {len(manifest['tables'])} 张、记录 {rows} 行，"
                f"上传文件 {len(manifest['files'])} 个（{size / 1048576:.1f} MB），"
                f"用时 {manifest['seconds']:.1f} 秒。"
            )
        )

"""`partybrand restore FILE`: an archive of `partybrand backup` back into an empty database and
upload folder, checked first; `--replace` replaces what is there."""

import contextlib
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partybrand.core import clock
from partybrand.ops.errors import Refused
from partybrand.ops.restore import restore_backup, verify_backup


def described(manifest: dict) -> str:
    created = manifest.get("created_at", "")
    with contextlib.suppress(TypeError, ValueError):
        created = clock.text(datetime.fromisoformat(created))
    return f"{created} 创建，平台版本 {manifest.get('platform_version', '未知')}"


class Command(BaseCommand):
    help = (
        "恢复：把 partybrand backup 写出的备份恢复到空数据库（先执行 migrate）和空的上传文件夹；"
        "先核对清单（迁移版本、行数、校验值），恢复后重建品牌相似度索引。"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件（.zip）")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="数据库或上传文件夹已有数据时，先清空再恢复（在同一事务中，失败则保持原样）。",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="只核对备份文件是否完整、能否被本程序恢复，不做任何改动。",
        )

    def handle(self, *args, archive: str, replace=False, verify_only=False, **options):
        path = Path(archive)
        try:
            if verify_only:
                manifest = verify_backup(path)
                rows = sum(table["rows"] for table in manifest["tables"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"备份 {path} 完好（{described(manifest)}）：数据表 "
                        f"{len(manifest['tables'])} 张、记录 {rows} 行、上传文件 "
                        f"{len(manifest['files'])} 个，校验值与行数均相符，可由本程序恢复。"
                    )
                )
                return
            result = restore_backup(path, replace=replace)
        except Refused as exc:
            raise CommandError(str(exc)) from exc
        manifest = result["manifest"]
        rows = sum(table["rows"] for table in manifest["tables"])
        schema = ""
        if result["created_schema"]:
            schema += "；已建立数据库结构"
        if result["upgraded"]:
            schema += "；备份来自较早的版本，已把数据升级到本程序的数据库结构"
        self.stdout.write(
            self.style.SUCCESS(
                f"已从备份 {path}（{described(manifest)}）恢复：数据表 "
                f"{len(manifest['tables'])} 张、记录 {rows} 行、上传文件 "
                f"{result['files']} 个{schema}；已重建品牌相似度索引（{result['index_entries']} "
                f"条）；用时 {result['seconds']:.1f} 秒。"
            )
        )

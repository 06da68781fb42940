"""`partybrand knowledge-reindex`: read every source of the knowledge assistant again (after a
restore, or when a source was added); records changed later are re-read one by one."""

from django.core.management.base import BaseCommand

from partybrand.knowledge.index import rebuild


class Command(BaseCommand):
    help = "重建党建AI问答的段落索引。"

    def handle(self, *args, **options):
        counts = rebuild()
        total = sum(counts.values())
        detail = "，".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(f"已建立 {total} 个段落（{detail}）。")

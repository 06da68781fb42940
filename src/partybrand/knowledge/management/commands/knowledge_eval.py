"""`partybrand knowledge-eval [--json] [--no-embeddings]`: the knowledge assistant's retrieval
measured over the shipped sample corpus and its labelled questions (top-1 and top-3 hit rates;
the target is the answer-bearing passage in the top 3 for at least 90%)."""

import json

from django.core.management.base import BaseCommand, CommandError

from partybrand.knowledge.evaluation import evaluate
from partybrand.textsim.embedding import default_embedder


class Command(BaseCommand):
    help = "党建AI问答检索测评：示例资料库上的标注问题，前1/前3命中率。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--no-embeddings", action="store_true", help="只用 BM25，不做语义重排")
        parser.add_argument("--strict", action="store_true", help="未达到目标时以非零状态退出")

    def handle(self, *args, **options):
        embedder = None if options["no_embeddings"] else default_embedder()
        result = evaluate(embedder=embedder)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                f"资料 {result['documents']} 份，段落 {result['passages']} 个，问题 "
                f"{result['questions']} 个；前1命中率 {result['top1']:.1%}，前3命中率 "
                f"{result['top3']:.1%}（目标 ≥{result['target_top3']:.0%}）"
            )
            for miss in result["misses"]:
                self.stdout.write(f"  未命中：{miss['question']}")
        if options["strict"] and not result["passed"]:
            raise CommandError("前3命中率未达到目标。")

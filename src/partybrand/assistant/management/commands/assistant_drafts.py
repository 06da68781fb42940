"""`partybrand assistant-drafts --business TEXT [--name TEXT] [--culture TEXT]
[--keywords WORD ...] [--region TEXT] [--honours TEXT ...] [--kpis TEXT ...] [--count N]
[--seed N] [--trade CODE] [--no-checks] [--json]`: drafts of brand names and slogans for an
organisation from its own 主责主业, with the trade they were read as and the theme checks."""

import json

from django.core.management.base import BaseCommand, CommandError

from partybrand.assistant.offline.material import Material
from partybrand.assistant.trade_service import drafts_json, trade_drafts
from partybrand.assistant.trades import trade_by_code


class Command(BaseCommand):
    help = "按本单位主责主业、企业文化和调研关键词起草品牌名称和口号，并说明所属行业和词语出处。"

    def add_arguments(self, parser):
        parser.add_argument("--business", required=True, help="所在单位及主责主业")
        parser.add_argument("--name", default="", help="组织名称（可选，辅助判断行业）")
        parser.add_argument("--culture", default="", help="企业文化说明（引号中的词会被采用）")
        parser.add_argument("--keywords", nargs="*", default=[], help="品牌定位调研关键词")
        parser.add_argument("--region", default="", help="所在地区（用于地域文化）")
        parser.add_argument("--honours", nargs="*", default=[], help="获得的荣誉名称")
        parser.add_argument("--kpis", nargs="*", default=[], help="工作指标名称")
        parser.add_argument("--count", type=int, default=10, help="草稿数量（1–50，默认 10）")
        parser.add_argument("--seed", type=int, default=None, help="随机种子：相同种子得到相同草稿")
        parser.add_argument("--trade", default="", help="手动指定行业（代码或中文名称）")
        parser.add_argument("--no-checks", action="store_true", help="不运行主题检查")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        business = " ".join((options["business"] or "").split())
        if not business:
            raise CommandError("请填写所在单位及主责主业。", returncode=2)
        if not 1 <= options["count"] <= 50:
            raise CommandError("草稿数量应在 1 到 50 之间。", returncode=2)
        if options["trade"] and trade_by_code(options["trade"]) is None:
            raise CommandError(f"未知的行业：{options['trade']}", returncode=2)
        material = Material(
            business=business,
            name=options["name"],
            culture=options["culture"],
            keywords=tuple(options["keywords"]),
            region=options["region"],
            honours=tuple(options["honours"]),
            kpis=tuple(options["kpis"]),
        )
        found = trade_drafts(
            material, count=options["count"], seed=options["seed"], trade=options["trade"]
        )
        result = drafts_json(found, checks=not options["no_checks"], business=business)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(result["trade"]["note"])
        self.stdout.write(
            f"（随机种子 {result['seed']}：加 --seed {result['seed']} 可重现这组草稿）"
        )
        for number, draft in enumerate(result["drafts"], start=1):
            self.stdout.write("")
            self.stdout.write(f"{number}. {draft['name']}　{draft['slogan']}（{draft['pattern']}）")
            self.stdout.write(f"   {draft['meaning']}")
            sources = "；".join(f"{s['word']}←{s['from']}" for s in draft["sources"])
            self.stdout.write(f"   词语出处：{sources}")
            if draft["checks"]:
                failed = [c["name"] for c in draft["checks"]["checks"] if not c["passed"]]
                self.stdout.write(
                    "   检查：" + ("全部通过" if not failed else "未通过 " + "、".join(failed))
                )

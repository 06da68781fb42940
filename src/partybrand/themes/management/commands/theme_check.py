"""`partybrand theme-check TEXT [--slogan S] [--org CODE] [--json]`: the workshop's automatic
checks of a name from the command line, with the nearest brands of the platform and the
benchmark library."""

import json

from django.core.management.base import BaseCommand, CommandError

from partybrand.orgs.models import Organization
from partybrand.textsim.normalize import clean_text
from partybrand.themes.checks import NAME_MAX, SLOGAN_MAX, check_theme


class Command(BaseCommand):
    help = (
        "检查一个品牌名称（和口号）：长度、节奏与声调、政治味、文化味、融合味、独特性、千篇一律和禁用词，"
        "并列出平台上和标杆品牌库中最相近的品牌及原因。"
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="要检查的品牌名称")
        parser.add_argument("--slogan", default="", help="品牌口号（可选）")
        parser.add_argument(
            "--org", default="", help="组织编码：按该组织的主责主业、地区和文化检查"
        )
        parser.add_argument("--limit", type=int, default=5, help="最多列出几个相近品牌（默认 5）")
        parser.add_argument(
            "--json", action="store_true", help="以 JSON 输出（checks 和 nearest，最相近的在前）"
        )

    def handle(self, *args, text, slogan="", org="", limit=5, json=False, **options):
        name, slogan = clean_text(text or "").strip(), " ".join(clean_text(slogan or "").split())
        if not name:
            raise CommandError("请填写要检查的品牌名称。", returncode=2)
        if len(name) > NAME_MAX:
            raise CommandError(f"品牌名称不能超过 {NAME_MAX} 个字符。", returncode=2)
        if len(slogan) > SLOGAN_MAX:
            raise CommandError(f"品牌口号不能超过 {SLOGAN_MAX} 个字符。", returncode=2)
        organisation = None
        if org:
            organisation = Organization.objects.filter(code=org).first()
            if organisation is None:
                raise CommandError(f"找不到组织编码为“{org}”的组织。", returncode=2)
        report = check_theme(name, slogan, org=organisation, limit=max(1, limit))
        if json:
            self.stdout.write(_dumps(report.as_json()))
            return
        self.stdout.write(f"品牌名称：{name}" + (f"　口号：{slogan}" if slogan else ""))
        self.stdout.write("")
        self.stdout.write("自动检查：")
        for check in report.checks:
            mark = "✓ 通过" if check.passed else "✗ 未通过"
            self.stdout.write(f"  【{check.name}】{mark}（{check.score:.2f}）{check.explanation}")
        self.stdout.write("")
        if report.nearest:
            self.stdout.write("相近品牌（最相近的在前）：")
            for number, near in enumerate(report.nearest, start=1):
                owner = f"（{near.owner}）" if near.owner else ""
                flag = "　⚠ 高度相似" if near.flagged else ""
                slogan_text = f"　口号：{near.slogan}" if near.slogan else ""
                self.stdout.write(
                    f"  {number}. {near.name}{owner}　相似度 {near.score:.2f}{flag}{slogan_text}"
                )
                self.stdout.write(f"     原因：{'；'.join(near.reasons)}")
        else:
            self.stdout.write("相近品牌：没有发现相近的品牌。")
        self.stdout.write("")
        verdict = "全部检查通过。" if report.passed else "有未通过的检查，请参考说明修改。"
        self.stdout.write(verdict)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

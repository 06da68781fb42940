"""Daily digest: create the reminders every app registered (tasks due soon, overdue, sent back
or assigned; overdue rectification items), then e-mail each user one digest of what they have
not read (only when PARTYBRAND_EMAIL_HOST is set)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from partybrand.core import clock
from partybrand.notices.digest import run_digest
from partybrand.notices.registry import kind_label


class Command(BaseCommand):
    help = "每日提醒：生成任务到期、逾期、退回、分派提醒（不重复），并按人汇总发送邮件。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument(
            "--site-url", default="", help="邮件中链接的网站地址，如 https://pb.example.com"
        )

    def handle(self, *args, **options):
        today = clock.today()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        counts, mails = run_digest(today=today, site_url=options.get("site_url") or "")
        made = "，".join(f"{kind_label(kind)} {n}" for kind, n in counts.items()) or "无新提醒"
        self.stdout.write(f"{today:%Y-%m-%d}：{made}；发送邮件 {mails} 封。")

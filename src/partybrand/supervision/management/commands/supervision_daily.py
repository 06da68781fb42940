"""Daily supervision pass: escalate overdue open tickets to the level above (each level once)
and remind owners of overdue rectification items (each once)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from partybrand.core import clock
from partybrand.supervision.services.reviews import remind_overdue_items
from partybrand.supervision.services.tickets import escalate_overdue


class Command(BaseCommand):
    help = "督办日检：逾期督办单逐级升级（每级一次），逾期整改事项提醒责任人。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = clock.today()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        escalated = escalate_overdue(today=today)
        reminded = remind_overdue_items(today=today)
        for ticket in escalated:
            self.stdout.write(
                f"{ticket.number} {ticket.title}：升级至{ticket.escalated_to.name}"
                f"（第 {ticket.escalation_level} 级）"
            )
        self.stdout.write(
            f"{today:%Y-%m-%d}：升级督办单 {len(escalated)} 张，提醒逾期整改事项 {reminded} 项。"
        )

"""`partybrand seed_demo`: load the 华信能源集团 demo enterprise and print the demo logins."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partybrand.core.models import User
from partybrand.demo.loader import (
    clashing_usernames,
    demo_exists,
    format_table,
    load_demo,
    login_rows,
    non_demo_data,
    reset_demo,
)

FORCE = "--force-non-demo-data"


class Command(BaseCommand):
    help = "加载演示数据（华信能源集团：组织、党员、账号和党建品牌）；已存在时跳过。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="先删除全部组织、党员、品牌、审计记录和非超级管理员账号，再重新加载。",
        )
        parser.add_argument(
            FORCE,
            action="store_true",
            dest="force",
            help="数据库中有非演示数据时仍然执行（--reset 会删除这些数据，且无法恢复）。",
        )

    def handle(self, *args, reset: bool = False, force: bool = False, **options):
        password = os.environ.get("DEMO_PASSWORD", "demo12345")
        started = time.monotonic()
        with transaction.atomic():
            if not force:
                self._refuse_non_demo_data(reset)
            if reset:
                reset_demo()
                self.stdout.write("已删除原有数据。")
            if demo_exists():
                self.stdout.write(
                    self.style.WARNING("演示数据已存在，跳过加载（使用 --reset 重新生成）")
                )
            else:
                clashes = clashing_usernames()
                if clashes:
                    raise CommandError(
                        f"演示账号用户名已被占用：{'、'.join(clashes[:5])}；请改名；"
                        f"若该库只用于演示，可用 --reset {FORCE} 清空后重新生成。"
                    )
                counts = load_demo(password)
                seconds = time.monotonic() - started
                self.stdout.write(
                    self.style.SUCCESS(
                        f"演示数据加载完成（{seconds:.1f} 秒）：组织 {counts['organizations']} 个"
                        f"（党支部 {counts['branches']} 个），党员 {counts['members']} 名，"
                        f"账号 {counts['users']} 个，党建品牌 {counts['brands']} 个；"
                        f"主题征集 {counts['workshops']} 个（候选 {counts['candidates']} 个），"
                        f"标准化测评 {counts['assessments']} 份，创建计划 {counts['plans']} 个"
                        f"（任务 {counts['tasks']} 项），督办单 {counts['tickets']} 张，"
                        f"复盘会 {counts['meetings']} 次。"
                    )
                )
        self._print_logins(password)

    @staticmethod
    def _refuse_non_demo_data(reset: bool) -> None:
        """A reset deletes whatever the database holds, and the demo adds accounts with a known
        password: neither belongs in a database with real data unless asked for explicitly."""
        if not reset and demo_exists():
            return  # nothing is added: the logins are printed again
        if not reset and clashing_usernames():
            return  # refused below with the taken names
        found = non_demo_data(audit=reset)
        if not found:
            return
        doing = (
            "--reset 会删除全部组织、党员、品牌、审计记录和非超级管理员账号"
            if reset
            else "加载演示数据会加入密码公开的演示账号"
        )
        raise CommandError(
            f"数据库中有不是演示数据的内容：{'；'.join(found)}。{doing}，不能用于这样的数据库。"
            f"请确认连接的数据库（DATABASE_URL）；确需执行时加 {FORCE}。"
        )

    def _print_logins(self, password: str) -> None:
        rows = login_rows(password)
        self.stdout.write("\n演示账号：")
        self.stdout.write(format_table(rows, ("用户名", "角色（姓名）", "所在组织", "密码")))
        others = User.objects.filter(username__startswith="secretary").count()
        if others > 2:
            self.stdout.write(
                f"其余品牌所属党支部书记账号：secretary3 至 secretary{others}，密码相同；"
                "company2 至 company5 为其他二级党委管理员。"
            )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"\n访问地址：http://127.0.0.1:{port}/")

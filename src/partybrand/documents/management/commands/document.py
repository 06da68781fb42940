"""`partybrand document --list` and `partybrand document KIND (--brand ID | --org ID)
[--format docx|pdf] -o FILE`: a document for scripts, as an administrator would export it."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from partybrand.documents.checker import check_spec
from partybrand.documents.pdf import PdfEngineError, docx_to_pdf
from partybrand.documents.registry import all_kinds, kind_for, subject_for
from partybrand.documents.services import document_export, document_spec


class Command(BaseCommand):
    help = (
        "导出文书：--list 列出全部文书类型；"
        "或给出类型和对象（--brand / --org），写入 Word 或 PDF 文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="文书类型，如 deployment-notice")
        parser.add_argument("--list", action="store_true", help="列出全部文书类型")
        parser.add_argument("--brand", type=int, help="品牌编号")
        parser.add_argument("--org", type=int, help="组织编号")
        parser.add_argument("--format", choices=["docx", "pdf"], default="docx")
        parser.add_argument("-o", "--output", help="输出文件")
        parser.add_argument("--user", help="以哪个账号导出（默认第一个超级管理员）")

    def handle(self, *args, **options):
        if options["list"]:
            for kind in all_kinds():
                layout = "公文" if kind.layout == "gongwen" else "工作文稿"
                self.stdout.write(f"{kind.code}\t{kind.subject}\t{layout}\t{kind.title}")
            return
        if not options["kind"] or not options["output"]:
            raise CommandError("请给出文书类型和 -o 输出文件，或用 --list 查看类型。")
        try:
            kind = kind_for(options["kind"])
        except ImproperlyConfigured as exc:
            raise CommandError(f"没有文书类型 {options['kind']}，可用 --list 查看。") from exc
        pk = options.get(kind.subject)
        if pk is None:
            label = subject_for(kind.subject).label
            raise CommandError(f"{kind.title}的对象是{label}：请给出 --{kind.subject} ID。")
        actor = self._actor(options.get("user"))
        try:
            obj = subject_for(kind.subject).load(actor, pk, False)
        except (Http404, PermissionDenied) as exc:
            raise CommandError(
                f"账号 {actor} 看不到编号为 {pk} 的{subject_for(kind.subject).label}。"
            ) from exc
        target = Path(options["output"])
        if not target.parent.is_dir():
            raise CommandError(f"文件夹 {target.parent} 不存在。")
        for finding in check_spec(document_spec(actor=actor, kind=kind, subject_obj=obj)):
            self.stderr.write(f"格式提示：{finding}")
        content = document_export(actor=actor, kind=kind, subject_obj=obj, fmt=options["format"])
        if options["format"] == "pdf":
            try:
                content = docx_to_pdf(content)
            except PdfEngineError as exc:
                raise CommandError(str(exc)) from exc
        target.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"已写入 {target}（{len(content) / 1024:.0f} KB）。"))

    @staticmethod
    def _actor(name: str | None):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=name).first()
            if name
            else (users.filter(is_superuser=True).order_by("pk").first())
        )
        if user is None:
            raise CommandError(
                f"没有账号 {name}。" if name else "没有超级管理员账号，请用 --user 指定。"
            )
        return user

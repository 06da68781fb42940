"""`partybrand document`: every kind listed; a document written as an administrator would
export it, in Word or PDF."""

import io

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command

from partybrand.core.models import AuditLog
from partybrand.documents.choices import DocumentAudit
from tests.factories import make_user


def run(*args) -> str:
    out = io.StringIO()
    call_command("document", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_list_names_every_kind_with_its_subject(db):
    listed = run("--list")
    assert "deployment-notice\torg\t公文\t关于开展党建品牌创建工作的通知" in listed


def test_a_docx_is_written_as_the_first_superuser(world, tmp_path):
    admin = make_user("root", is_superuser=True, is_staff=True)
    target = tmp_path / "notice.docx"
    assert "已写入" in run("deployment-notice", "--org", str(world.group.pk), "-o", str(target))
    text = "\n".join(p.text for p in docx.Document(target).paragraphs)
    assert "关于开展党建品牌创建工作的通知" in text and "党建品牌创建实施方案" in text
    assert AuditLog.objects.get(action=DocumentAudit.EXPORTED).actor == admin


def test_a_pdf_is_written_for_a_named_user(world, tmp_path):
    target = tmp_path / "notice.pdf"
    run("deployment-notice", "--org", str(world.branch_a.pk), "--format", "pdf",
        "--user", world.secretary.username, "-o", str(target))  # fmt: skip
    reader = pypdf.PdfReader(target)
    assert "通知" in reader.pages[0].extract_text()


def test_the_command_refuses_what_the_user_may_not_see_or_a_missing_subject(world, tmp_path):
    target = str(tmp_path / "x.docx")
    with pytest.raises(CommandError, match="看不到"):
        run("deployment-notice", "--org", str(world.branch_a.pk), "--user",
            world.outsider.username, "-o", target)  # fmt: skip
    with pytest.raises(CommandError, match="--org"):
        run("deployment-notice", "--brand", str(world.brand.pk), "--user",
            world.secretary.username, "-o", target)  # fmt: skip
    with pytest.raises(CommandError, match="没有文书类型"):
        run("no-such-kind", "--org", "1", "-o", target)

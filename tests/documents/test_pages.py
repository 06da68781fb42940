"""The documents pages: every kind for the subject, sections edited as versions, the checker's
findings, the .docx exported and audited, a PDF in the background, a 发文字号 taken once."""

import io

import docx
import pypdf
import pytest
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.models import AuditLog
from partybrand.documents import services
from partybrand.documents.choices import DocumentAudit
from partybrand.documents.jobs import run_document_render
from partybrand.documents.models import Document, DocumentVersion
from partybrand.documents.registry import kind_for
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.jobs.registry import JobRefused
from tests.helpers import login

KIND = "deployment-notice"


def url(name, world, *extra):
    return reverse(f"documents:{name}", args=["org", world.group.pk, *extra])


def test_the_organisations_documents_page_lists_the_registered_kinds(world):
    page = login(world, "staff").get(url("subject_documents", world))
    assert page.status_code == 200
    assert "关于开展党建品牌创建工作的通知" in page.content.decode()


def test_the_menu_entry_leads_to_ones_own_organisations_documents(world):
    page = login(world, "staff").get(reverse("documents:my_documents"))
    assert page.status_code == 302
    assert page["Location"] == url("subject_documents", world)


def test_the_document_page_shows_one_textarea_per_section_and_the_findings(world):
    page = login(world, "staff").get(url("document_detail", world, KIND))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="section_aims"' in html and 'name="section_plan_goal"' in html
    assert "总体要求" in html and "格式检查" in html
    assert "未发现常见公文格式问题" in html  # the exemplar is written as a 公文 should be


def test_an_edit_is_a_new_version_and_goes_into_the_export(world):
    client = login(world, "staff")
    posted = client.post(
        url("document_edit", world, KIND),
        {
            "section_aims": "（一）总的要求\n坚持党建引领，共有 12 个支部参加。",
            "comment": "按书记意见修改",
        },
    )
    assert posted.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.number == 1 and version.editor == world.staff
    assert version.sections["aims"].startswith("（一）总的要求")
    page = client.get(url("document_detail", world, KIND)).content.decode()
    assert "汉字与数字、字母之间不加空格" in page  # the checker reads what was written
    exported = client.get(url("document_docx", world, KIND))
    assert exported.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs)
    assert "（一）总的要求" in text and "坚持党建引领" in text
    assert "文件" in text  # the 版头 is rebuilt from the data
    export = AuditLog.objects.get(action=DocumentAudit.EXPORTED)
    assert export.changes == {"format": "docx", "version": 1, "findings": 2}  # checked first
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {DocumentAudit.CREATED, DocumentAudit.EDITED, DocumentAudit.EXPORTED} <= actions
    client.post(url("document_edit", world, KIND), {"section_steps": "分三步推进。"})
    assert DocumentVersion.objects.latest("number").sections.keys() == {"aims", "steps"}


def test_a_document_number_is_taken_once_and_shown_in_the_masthead(world):
    client = login(world, "staff")
    client.post(url("document_number", world, KIND))
    document = Document.objects.get()
    assert document.doc_number.endswith("〕1号") and document.doc_number.startswith(
        "测试集团党委〔"
    )
    client.post(url("document_number", world, KIND))
    assert Document.objects.get().doc_number == document.doc_number
    exported = client.get(url("document_docx", world, KIND))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs)
    assert document.doc_number in text
    assert AuditLog.objects.filter(action=DocumentAudit.NUMBERED).count() == 1


def test_the_pdf_is_made_in_the_background_and_downloaded_from_the_job_page(
    world, django_capture_on_commit_callbacks
):
    client = login(world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url("document_pdf", world, KIND))
    job = Job.objects.get(kind=JobKind.DOCUMENT_RENDER)
    assert started["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    got = client.get(reverse("jobs:job_download", args=[job.pk]))
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(got.streaming_content)))
    assert "关于开展党建品牌创建工作的通知" in pdf.pages[0].extract_text()
    assert AuditLog.objects.filter(action=DocumentAudit.EXPORTED, changes__format="pdf").exists()


def test_a_member_reads_but_may_not_edit(world):
    client = login(world, "member")
    branch = reverse("documents:document_detail", args=["org", world.branch_a.pk, KIND])
    page = client.get(branch)
    assert page.status_code == 200 and "保存新版本" not in page.content.decode()
    edit = reverse("documents:document_edit", args=["org", world.branch_a.pk, KIND])
    assert client.post(edit, {"section_aims": "改"}).status_code == 403
    assert not DocumentVersion.objects.exists()


def test_the_issuer_code_is_set_on_the_organisations_page_and_used_by_the_next_number(world):
    client = login(world, "staff")
    page = client.get(url("subject_documents", world)).content.decode()
    assert 'value="测试集团党委"' in page  # the default, from the organisation's name
    client.post(reverse("documents:issuer_code", args=[world.group.pk]), {"code": "测党委"})
    assert AuditLog.objects.filter(action=DocumentAudit.ISSUER_CODE).count() == 1
    refused = client.post(
        reverse("documents:issuer_code", args=[world.group.pk]), {"code": "测〔1〕"}
    )
    assert refused.status_code == 302
    client.post(url("document_number", world, KIND))
    assert Document.objects.get().doc_number.startswith("测党委〔")
    member_page = login(world, "member").get(
        reverse("documents:subject_documents", args=["org", world.branch_a.pk])
    )
    assert "保存代字" not in member_page.content.decode()


def test_the_pdf_job_refuses_an_owner_who_no_longer_sees_the_organisation(world):
    job = Job.objects.create(
        kind=JobKind.DOCUMENT_RENDER,
        owner=world.outsider,
        params={"kind": KIND, "pk": world.branch_a.pk},
        created_at=clock.now(),
    )
    with pytest.raises(JobRefused, match="不能查看"):
        run_document_render(job, None)
    assert not AuditLog.objects.filter(action=DocumentAudit.EXPORTED).exists()


def test_texts_saved_from_an_old_page_are_refused_and_the_newer_texts_shown(world):
    client = login(world, "staff")
    opened = client.get(url("document_detail", world, KIND)).content.decode()
    assert 'name="version" value="1"' in opened  # the document is not made yet: its first
    # Someone else saves the aims while the page is open.
    services.document_edit(
        actor=world.secretary,
        kind=kind_for(KIND),
        subject_obj=world.group,
        texts={"aims": "他人写下的总体要求。"},
    )

    refused = client.post(
        url("document_edit", world, KIND), {"version": "1", "section_aims": "我写的总体要求。"}
    )

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "这条记录在您打开后已被他人修改" in html and 'data-testid="conflict"' in html
    assert "他人写下的总体要求。" in html  # the newer version's text
    assert ">我写的总体要求。</textarea>" in html  # what was typed stays in the form
    assert [v.sections["aims"] for v in DocumentVersion.objects.all()] == ["他人写下的总体要求。"]
    # Saved again from the page as it came back, it becomes the next version.
    again = client.post(
        url("document_edit", world, KIND), {"version": "2", "section_aims": "我写的总体要求。"}
    )
    assert again.status_code == 302
    assert DocumentVersion.objects.get(number=2).sections["aims"] == "我写的总体要求。"

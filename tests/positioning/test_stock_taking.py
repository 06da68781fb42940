"""The stock-taking (内部梳理) services."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.core.models import AuditLog
from partybrand.positioning import services
from partybrand.positioning.models import Practice, PracticeEvidence, SwotItem
from tests.helpers import login
from tests.permissions.cases.positioning import evidence_pdf, make_practice


def audit_actions(world) -> list[str]:
    return list(
        AuditLog.objects.filter(
            actor=world.secretary, action__regex=r"^(practice|evidence|swot|conclusion)_"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


# Services --------------------------------------------------------------------------------------


def test_a_practice_is_recorded_changed_and_deleted_with_audit_rows(world):
    practice = make_practice(world)
    assert practice.evidence.get().title == "班组台账"
    services.practice_update(
        actor=world.secretary,
        practice=practice,
        effect="连续 1000 天无人身伤害事故",
        is_method_candidate=True,
    )
    services.evidence_add(
        actor=world.secretary, practice=practice, uploads=[evidence_pdf("复盘记录.pdf")]
    )
    services.practice_delete(actor=world.secretary, practice=practice)
    assert not Practice.objects.exists() and not PracticeEvidence.objects.exists()
    assert audit_actions(world) == [
        "practice_create",
        "practice_update",
        "evidence_add",
        "practice_delete",
    ]
    row = AuditLog.objects.get(action="practice_update")
    assert row.changes["is_method_candidate"] == [False, True]
    assert row.org_path == world.branch_a.path


def test_strengths_and_weaknesses_are_recorded_changed_and_deleted_with_audit_rows(world):
    item = services.swot_create(
        actor=world.secretary,
        brand=world.brand,
        side="weakness",
        category="business",
        text="结合不紧",
    )
    services.swot_update(
        actor=world.secretary, item=item, text="与生产指标结合不紧", note="缺少量化指标"
    )
    services.swot_update(actor=world.secretary, item=item, text="与生产指标结合不紧")  # no change
    services.swot_delete(actor=world.secretary, item=item)
    assert audit_actions(world) == ["swot_create", "swot_update", "swot_delete"]
    assert not SwotItem.objects.exists()


def test_the_conclusion_is_written_once_per_brand_and_audited_only_when_it_changes(world):
    services.conclusion_save(actor=world.secretary, brand=world.brand, conclusion="立足检修主业")
    services.conclusion_save(actor=world.secretary, brand=world.brand, conclusion=" 立足检修主业 ")
    note = services.conclusion_save(actor=world.mid_admin, brand=world.brand, conclusion="突出匠心")
    assert note.conclusion == "突出匠心" and note.updated_by == world.mid_admin
    assert AuditLog.objects.filter(action="conclusion_save").count() == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("扫描件.pdf", b"MZ\x90\x00 an executable renamed to pdf"),
        ("台账.docx", b"PK\x03\x04 not really a zip"),
        ("照片.jpg", b"GIF89a a gif is not accepted"),
        ("说明.txt", "纯文本说明".encode()),
    ],
)
def test_evidence_that_is_not_a_real_pdf_office_file_or_image_is_refused(world, name, content):
    fake = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError, match="佐证材料"):
        services.practice_create(
            actor=world.secretary,
            brand=world.brand,
            name="微课堂",
            description="每周一讲",
            evidence=[fake],
        )
    assert not Practice.objects.exists()  # one bad file refuses the whole practice


def test_a_refused_evidence_upload_on_the_page_says_why_and_keeps_nothing(world):
    practice = make_practice(world)
    fake = SimpleUploadedFile("证明.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = login(world, "secretary").post(
        reverse("positioning:evidence_add", args=[practice.pk]), {"files": fake}, follow=True
    )
    assert "佐证材料“证明”未上传" in response.content.decode()
    assert practice.evidence.count() == 1


def test_it_refuses_a_practice_without_name_or_with_a_future_year(world):
    with pytest.raises(ValidationError, match="请填写做法名称"):
        services.practice_create(
            actor=world.secretary, brand=world.brand, name=" ", description="x"
        )
    with pytest.raises(ValidationError, match="起始年份"):
        services.practice_create(
            actor=world.secretary, brand=world.brand, name="微课堂", description="x", since=2999
        )


def test_a_revoked_brand_keeps_its_stock_taking_as_it_was(world):
    make_practice(world)
    Brand.objects.filter(pk=world.brand.pk).update(status="revoked")
    world.brand.refresh_from_db()
    with pytest.raises(ValidationError, match="已摘牌"):
        services.swot_create(actor=world.secretary, brand=world.brand, side="strength", text="x")
    page = login(world, "secretary").get(reverse("positioning:inventory", args=[world.brand.pk]))
    assert "添加做法" not in page.content.decode()

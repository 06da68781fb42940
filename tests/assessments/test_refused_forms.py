"""Refused assessment forms keep what was typed and store nothing: the self-assessment, the
review scores, the start form, and a refused file that leaves no other file behind."""

import pytest
from django.urls import reverse

from tests.assessments.reviews import split_review
from tests.helpers import client_for
from tests.permissions.cases.assessments import (
    evidence_pdf,
    leaf,
    small_system,
    started,
)

pytestmark = pytest.mark.django_db


def test_a_refused_self_assessment_keeps_what_was_typed(world):
    a = started(world)
    system = a.system
    post = {
        f"value_{leaf(system, '1.1').pk}": "18",
        f"text_{leaf(system, '1.1').pk}": "支部按期换届，批复齐全",
        f"value_{leaf(system, '2.1').pk}": "35",
        f"evidence_{leaf(system, '1.1').pk}": evidence_pdf(),
    }
    response = client_for(world.secretary).post(reverse("assessments:self_save", args=[a.pk]), post)
    page = response.content.decode()
    assert response.status_code == 400
    assert "2.1 三会一课：得分应在 0 到 30 分之间" in page and "请改正后重新选择文件" in page
    assert 'value="支部按期换届，批复齐全"' in page and 'value="35"' in page
    item = a.items.get(indicator__code="1.1")
    assert item.self_score is None and not item.evidence.exists()  # nothing half-saved


def test_refused_review_scores_keep_what_was_typed(world):
    a, full, part = split_review(world)
    post = {
        f"value_{leaf(a.system, '2.1').pk}": "31",
        f"text_{leaf(a.system, '2.1').pk}": "支委会记录缺两次",
    }
    reviewer = client_for(part.reviewer)
    response = reviewer.post(reverse("assessments:review_save", args=[part.pk]), post)
    page = response.content.decode()
    assert response.status_code == 400 and "得分应在 0 到 30 分之间" in page
    assert 'value="31"' in page and 'value="支委会记录缺两次"' in page
    assert not part.scores.exists()


def test_a_refused_start_keeps_the_period_typed(world):
    started(world)  # 2025年度 exists already
    post = {
        "org": world.branch_a.pk,
        "system": small_system().pk,
        "period": "2025年度",
    }
    response = client_for(world.secretary).post(reverse("assessments:start"), post)
    page = response.content.decode()
    assert response.status_code == 400 and "已有2025年度的该项测评" in page
    assert 'value="2025年度"' in page
    post["period"] = "2025年上半年"  # not a year: the dates are needed
    page = client_for(world.secretary).post(reverse("assessments:start"), post).content.decode()
    assert "请填写测评周期的起止日期" in page and 'value="2025年上半年"' in page


def test_a_refused_file_leaves_no_other_file_behind(world):
    import os

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = started(world)
    system = a.system
    post = {
        f"value_{leaf(system, '1.1').pk}": "18",
        f"evidence_{leaf(system, '1.1').pk}": evidence_pdf(),
        f"evidence_{leaf(system, '2.1').pk}": SimpleUploadedFile(
            "会议记录.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        ),
    }
    response = client_for(world.secretary).post(reverse("assessments:self_save", args=[a.pk]), post)
    assert "佐证材料“会议记录”未上传" in response.content.decode()
    folder = os.path.join(default_storage.location, "assessments", str(a.pk))
    assert not os.path.exists(folder) or os.listdir(folder) == []
    assert not a.items.filter(evidence__isnull=False).exists()

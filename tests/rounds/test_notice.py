"""The round's 通知: a 公文 on the documents layer with the committee's 发文字号, saying who may
enter, the requirements, the tiers and the timetable; read on the documents pages and exported."""

import io

from django.urls import reverse
from docx import Document as Docx

from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_export, document_spec
from tests.helpers import client_for
from tests.rounds.helpers import open_round


def test_the_notice_is_a_numbered_gongwen_with_the_rounds_terms(world):
    round_ = open_round(world, eligible_orgs=[world.committee_a])
    spec = document_spec(actor=world.staff, kind=kind_for("round-notice"), subject_obj=round_)
    assert spec.masthead.number == round_.notice_number
    text = str(spec)
    assert "甲公司党委" in text and "示范品牌" in text and "有名称" in text and "申报" in text
    data = document_export(actor=world.staff, kind=kind_for("round-notice"), subject_obj=round_)
    body = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
    assert round_.title in body and round_.notice_number in body
    # the days the round is shown are counted as the platform counts them: calendar days
    assert f"公示{round_.publicity_days}天，" in body and "工作日" not in body


def test_everyone_under_the_committee_reads_the_notice_and_only_the_staff_edit_it(world):
    round_ = open_round(world)
    url = reverse("documents:document_detail", args=["round", round_.pk, "round-notice"])
    page = client_for(world.member).get(url)
    assert page.status_code == 200 and round_.notice_number in page.content.decode()
    edit = reverse("documents:document_edit", args=["round", round_.pk, "round-notice"])
    texts = {"version": "1", "text_opening": "经党委研究，决定开展本次评选。"}
    assert client_for(world.member).post(edit, texts).status_code == 403
    assert "经党委研究" not in client_for(world.member).get(url).content.decode()


def test_the_notice_passes_its_own_gongwen_checker_and_carries_the_rounds_title(world):
    """The walk found the 申报条件 numbered 1. under 一、 (a level skipped) and a title unlike
    the round page's."""
    from partybrand.documents.checker import check_spec

    round_ = open_round(world)
    spec = document_spec(actor=world.staff, kind=kind_for("round-notice"), subject_obj=round_)
    assert [str(f) for f in check_spec(spec)] == []
    assert spec.title == f"关于开展{round_.title}的通知"
    page = client_for(world.staff).get(reverse("rounds:round_detail", args=[round_.pk]))
    assert round_.title in page.content.decode()
    url = reverse("documents:document_detail", args=["round", round_.pk, "round-notice"])
    assert spec.title in client_for(world.member).get(url).content.decode()
    data = document_export(actor=world.staff, kind=kind_for("round-notice"), subject_obj=round_)
    paragraphs = [p.text for p in Docx(io.BytesIO(data)).paragraphs]
    assert spec.title in paragraphs
    assert any(p.startswith("（一）有名称") for p in paragraphs)

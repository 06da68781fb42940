"""What a browser walk of a round found on its pages and documents: links offered to those they
do not serve, the 命名决定's title and date, and the 申报书 an assigned expert could not open."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from docx import Document as Docx

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_export
from partybrand.rounds.models import Assignment
from partybrand.rounds.services import naming, publicity
from tests.helpers import client_for
from tests.rounds.panel_helpers import expert, panel_round, scored_and_confirmed

pytestmark = pytest.mark.django_db


def detail(user, round_) -> str:
    response = client_for(user).get(reverse("rounds:round_detail", args=[round_.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_my_sheets_and_the_roadshow_console_are_linked_only_for_whom_they_serve(world):
    round_, _entries, members = panel_round(world)
    my_sheets = reverse("rounds:my_sheets", args=[round_.pk])
    console = reverse("rounds:roadshow", args=[round_.pk])
    secretary = detail(world.secretary, round_)
    assert my_sheets not in secretary and console not in secretary
    assert client_for(world.secretary).get(my_sheets).status_code == 403
    chair, other = detail(members[0].user, round_), detail(members[1].user, round_)
    assert my_sheets in chair and console in chair
    assert my_sheets in other and console not in other
    staff = detail(world.staff, round_)
    assert console in staff and my_sheets not in staff


def scored_to_naming(world, monkeypatch, **kwargs):
    round_, entries, members = panel_round(world, **kwargs)
    scored_and_confirmed(world, round_, entries, members)
    round_ = publicity.publicity_start(actor=world.staff, round=round_)
    decided = round_.publicity_ends_on + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: decided)
    naming.naming_decide(actor=world.committee_admin, round=round_, today=decided)
    return round_, decided


def test_the_rereview_naming_decision_says_fuxing_once_and_is_dated_the_decision_day(
    world, monkeypatch
):
    round_, decided = scored_to_naming(
        world,
        monkeypatch,
        kind="rereview",
        title="2026年度党建品牌复评",
        brand_states=[("named", "demonstration"), ("named", "cultivated")],
    )
    exported_on = decided + timedelta(days=9)
    monkeypatch.setattr(clock, "today", lambda: exported_on)
    data = document_export(
        actor=world.committee_admin, kind=kind_for("round-naming"), subject_obj=round_
    )
    text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
    assert "关于2026年度党建品牌复评结论的决定" in text
    assert "复评复评" not in text
    assert clock.chinese_date(decided) in text
    assert clock.chinese_date(exported_on) not in text


def test_the_naming_decision_of_an_acceptance_round_is_dated_the_decision_day(world, monkeypatch):
    round_, decided = scored_to_naming(
        world, monkeypatch, brand_states=[("accepting", "cultivated")] * 2
    )
    later = decided + timedelta(days=30)
    monkeypatch.setattr(clock, "today", lambda: later)
    data = document_export(
        actor=world.committee_admin, kind=kind_for("round-naming"), subject_obj=round_
    )
    text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
    assert f"关于命名{round_.title}结果的决定" in text
    assert clock.chinese_date(decided) in text and clock.chinese_date(later) not in text


def test_an_assigned_expert_reads_the_application_but_may_not_edit_it(world):
    # A brand entered its 中期检查 and is back in 培育建设: no expert sees it by their role alone.
    round_, entries, members = panel_round(
        world, kind="midterm", brand_states=[("midterm", "cultivated")] * 2
    )
    Brand.objects.filter(pk__in=[e.brand_id for e in entries]).update(status="cultivating")
    brand = entries[0].brand
    url = reverse("documents:document_detail", args=["brand", brand.pk, "application"])
    docx = reverse("documents:document_docx", args=["brand", brand.pk, "application"])
    edit = reverse("documents:document_edit", args=["brand", brand.pk, "application"])
    reader = client_for(members[0].user)
    page = reader.get(url)
    assert page.status_code == 200 and brand.name in page.content.decode()
    assert reader.get(docx).status_code == 200
    assert reader.post(edit, {"version": "1", "text_basics": "改写"}).status_code in (403, 404)
    assert "改写" not in reader.get(url).content.decode()
    # Not given this entry (or any): still 404, like every other brand document.
    Assignment.objects.filter(member=members[0], entry=entries[0]).delete()
    assert reader.get(url).status_code == 404
    stranger = expert(world, "expZ")
    assert client_for(stranger).get(url).status_code == 404
    plan = reverse("documents:document_detail", args=["brand", brand.pk, "brand-plan"])
    assert client_for(members[1].user).get(plan).status_code == 404

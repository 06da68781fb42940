"""Whatever people type, or paste from Word, the exports open and never run a formula.

Control characters in answers are refused where they come in (one rule for every text field,
tests/core/test_hidden_characters.py), so no answer that cannot be exported is ever stored."""

import io

import docx
import openpyxl
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.positioning.services import conclusion_save
from partybrand.surveys.choices import RepeatPolicy
from partybrand.textsim.normalize import clean_text
from tests.helpers import client_for
from tests.permissions.cases.surveys import json_answers, make_survey


def answer(survey, text: str, slogan: str = "") -> int:
    client = APIClient()
    client.get(reverse("api:public-survey", args=[survey.token]))
    body = json_answers(survey)
    q = list(survey.questions.all())
    body["answers"][str(q[5].pk)] = text
    body["answers"][str(q[6].pk)] = {"name": "匠心先锋", "slogan": slogan, "reason": "好记"}
    response = client.post(reverse("api:public-survey", args=[survey.token]), body, format="json")
    return response.status_code


def secretary(world) -> Client:
    return client_for(world.secretary)


def test_control_characters_are_dropped_and_word_line_breaks_kept():
    assert clean_text("坏\x02字\x00符\x0b换行") == "坏字符\n换行"


def test_an_answer_with_control_characters_is_refused_and_the_export_opens(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    assert answer(survey, "坏\x02字符", slogan="匠心筑梦") == 400
    assert answer(survey, "好字符", slogan="匠心\x01筑梦") == 400
    assert answer(survey, "好字符", slogan="匠心筑梦") == 201
    response = secretary(world).post(reverse("surveys:survey_export", args=[survey.pk]))
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2 and "好字符" in rows[1]


def test_an_answer_that_looks_like_a_formula_stays_text(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    answer(survey, '=HYPERLINK("http://evil.example","点我")')
    response = secretary(world).post(reverse("surveys:survey_export", args=[survey.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(c for c in sheet[2] if isinstance(c.value, str) and c.value.startswith("="))
    assert cell.data_type == "s"


def test_text_pasted_from_word_still_exports_to_word(world):
    conclusion_save(actor=world.secretary, brand=world.brand, conclusion="第一段\x0b第二段\x07")
    response = secretary(world).get(reverse("positioning:summary_export", args=[world.brand.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "第一段" in text and "第二段" in text and "\x07" not in text


def test_a_proposed_slogan_with_control_characters_is_refused_and_the_report_opens(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    assert answer(survey, "意见", slogan="匠心\x01筑梦") == 400
    assert answer(survey, "意见", slogan="匠心筑梦") == 201
    response = secretary(world).get(reverse("positioning:summary_export", args=[world.brand.pk]))
    assert response.status_code == 200

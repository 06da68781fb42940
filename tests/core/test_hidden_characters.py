"""Control characters, bidi overrides and other invisible characters are refused in every text
field, by one validator (core/validators.py), with a message naming the field: on the pages, in
the API, in imports and in survey answers. Before, a brand could be named "先锋\u202e擎引" (shown
reversed) or carry an ESC sequence in its slogan."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.core.tabular import ImportRefused
from partybrand.core.validators import hidden_character, refuse_control_characters
from partybrand.orgs.imports import import_members
from partybrand.orgs.models import Member
from partybrand.surveys.choices import RepeatPolicy
from tests.core.test_imports import make_upload
from tests.helpers import api_client, client_for
from tests.permissions.cases.surveys import json_answers, make_survey

RLO = "\u202e"
REASON = "含有不可见的控制字符或文字方向控制符"


@pytest.mark.parametrize(
    "text",
    [
        "红色\x1b[31m引擎",  # ESC: a terminal colour sequence
        f"先锋{RLO}擎引",  # right-to-left override
        "先锋\u2066引擎\u2069",  # isolates
        "先锋\u200e引擎",  # left-to-right mark
        "先锋\u061c引擎",  # Arabic letter mark
        "先锋\u202a引擎\u202c",  # embedding and pop
        "先锋\u200b引擎",  # zero-width space
        "\ufeff先锋引擎",  # byte order mark
        "先锋\x7f引擎",  # DEL
        "先锋\x85引擎",  # C1 (next line)
        "先锋\x9b引擎",  # C1 (CSI)
        "先锋\x00引擎",  # NUL
        "先锋\u2028引擎",  # line separator
        "先锋\U000e0041引擎",  # tag character
        "\u3164",  # Hangul filler: a name that looks blank
        "先锋\x0b引擎",  # vertical tab
    ],
)
def test_hidden_characters_are_found_in_any_text(text):
    assert hidden_character(text) is not None
    with pytest.raises(ValidationError, match=REASON):
        refuse_control_characters(text, label="品牌名称")


@pytest.mark.parametrize(
    "text",
    [
        "红色引擎",
        "“匠心”·筑梦 2025！",
        "全角　空格",
        "emoji 👍🏻",
        "家庭 👨\u200d👩\u200d👧",  # emoji joined by zero-width joiners
        "a+b=c",
    ],
)
def test_ordinary_text_passes(text):
    assert hidden_character(text, multiline=False) is None


def test_line_breaks_and_tabs_only_in_running_text():
    assert hidden_character("第一段\r\n第二段\t完", multiline=True) is None
    assert hidden_character("红色\n引擎", multiline=False) == 2
    assert hidden_character("红色\t引擎", multiline=False) == 2


def test_the_message_names_the_field():
    with pytest.raises(ValidationError) as refused:
        refuse_control_characters(f"先锋{RLO}引擎", label="品牌名称")
    assert refused.value.messages == [
        "「品牌名称」含有不可见的控制字符或文字方向控制符，请删除后再提交。"
    ]


def test_text_inside_lists_and_dictionaries_is_looked_at():
    with pytest.raises(ValidationError):
        refuse_control_characters({"name": ["ok", f"x{RLO}y"]})


def test_a_page_form_refuses_a_bidi_override_and_stores_nothing(world):
    client = client_for(world.secretary)
    response = client.post(
        reverse("brands:brand_create"),
        {"org": world.branch_a.pk, "name": f"先锋{RLO}擎引", "slogan": "争当\x1b[31m先锋"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "「品牌名称」含有不可见的控制字符或文字方向控制符，请删除后再提交。" in page
    assert "「品牌口号」含有不可见的控制字符或文字方向控制符" in page
    assert not Brand.objects.filter(name__contains=RLO).exists()


def test_a_page_form_keeps_line_breaks_in_running_text(world):
    client = client_for(world.secretary)
    response = client.post(
        reverse("brands:brand_edit", args=[world.brand.pk]),
        {
            "name": world.brand.name,
            "meaning": "第一段\r\n第二段",
            "phrases-TOTAL_FORMS": 0,
            "phrases-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    world.brand.refresh_from_db()
    assert "第一段" in world.brand.meaning and "第二段" in world.brand.meaning


def test_the_api_refuses_an_escape_in_a_slogan_naming_the_field(world):
    client = api_client(world.secretary)
    before = Brand.objects.get(pk=world.brand.pk).slogan
    response = client.patch(
        f"/api/v1/brands/{world.brand.pk}/", {"slogan": "争当\x1b[31m先锋"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["slogan"] == [
        "「品牌口号」含有不可见的控制字符或文字方向控制符，请删除后再提交。"
    ]
    assert Brand.objects.get(pk=world.brand.pk).slogan == before


def test_the_api_refuses_a_bidi_override_in_a_new_brand(world):
    response = api_client(world.secretary).post(
        "/api/v1/brands/", {"org": world.branch_a.pk, "name": f"先锋{RLO}擎引"}, format="json"
    )
    assert response.status_code == 400
    assert REASON in response.json()["name"][0]
    assert not Brand.objects.filter(name__contains=RLO).exists()


def test_an_import_names_the_row_and_column_instead_of_stripping(world):
    headers = ["姓名", "性别", "所在组织编码"]
    upload = make_upload(
        headers,
        [["张三", "男", world.branch_a.code], [f"李{RLO}四", "男", world.branch_a.code]],
    )
    with pytest.raises(ImportRefused) as refused:
        import_members(actor=world.committee_admin, upload=upload)
    assert refused.value.lines() == [
        "第 3 行「姓名」：含有不可见的控制字符或文字方向控制符，请删除后再导入。"
    ]
    assert not Member.objects.filter(name__in=["张三", f"李{RLO}四"]).exists()


def test_a_survey_answer_with_a_bidi_override_is_refused_by_the_api(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    client = api_client()
    client.get(reverse("api:public-survey", args=[survey.token]))
    body = json_answers(survey)
    proposal = str(list(survey.questions.all())[6].pk)
    body["answers"][proposal] = {"name": f"匠心{RLO}筑梦", "slogan": "", "reason": ""}
    response = client.post(reverse("api:public-survey", args=[survey.token]), body, format="json")
    assert response.status_code == 400
    # the question is named, in the shape of every other refused answer
    assert REASON in response.json()["errors"][proposal]
    assert not survey.responses.exists()


def test_a_survey_answer_page_names_the_question(world):
    survey = make_survey(world, repeat_policy=RepeatPolicy.NONE)
    questions = list(survey.questions.all())
    url = reverse("surveys:public_answer", args=[survey.token])
    client = Client()
    client.get(url)
    data = {
        f"q{questions[0].pk}": 1,
        f"q{questions[1].pk}": [0, 2],
        f"q{questions[2].pk}": 4,
        f"q{questions[5].pk}": f"建议{RLO}结合安全生产",
        f"q{questions[6].pk}_name": "匠心先锋",
    }
    data.update({f"q{questions[3].pk}_r{i}": rank for i, rank in enumerate((2, 1, 3))})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "第 6 题：含有不可见的控制字符或文字方向控制符" in response.content.decode()
    assert not survey.responses.exists()

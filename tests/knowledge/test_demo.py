"""The demo shows 党建AI问答: documents published, answers citing them and the brand records,
a plain "not found", and a correction by the 党建工作部."""

import pytest

from partybrand.knowledge.choices import AnswerState, Engine
from partybrand.knowledge.models import KnowledgeDocument, Passage, Question
from tests.demo.test_seed import seed

pytestmark = pytest.mark.slow(seconds=15)


def test_the_demo_enterprise_asks_and_is_answered(db):
    seed()
    assert KnowledgeDocument.objects.filter(state="ready").count() == 3
    assert set(Passage.objects.values_list("source", flat=True)) >= {
        "brand",
        "practice",
        "plan",
        "task",
        "carrier",
        "document",
    }
    slogan = Question.objects.get(text="我们支部的品牌口号是什么？")
    assert slogan.state == AnswerState.ANSWERED and slogan.cited[0]["source"] == "brand"
    party_day = Question.objects.get(text="主题党日多久开展一次？")
    assert party_day.cited[0]["anchor"] == "第八条" and party_day.rating == "useful"
    assert Question.objects.get(text="明天食堂吃什么？").state == AnswerState.NO_ANSWER
    assert Question.objects.exclude(correction="").count() == 1
    assert Engine.OFFLINE in set(Question.objects.values_list("engine", flat=True))

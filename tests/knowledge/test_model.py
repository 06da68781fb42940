"""Answers through the configured OpenAI-compatible model, against a local server the test
starts: the retrieved passages go in the prompt, personal data never does, the citations are
kept, the model's refusal is told plainly, and a failing service leaves the offline answer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.knowledge import services
from partybrand.knowledge.answering import MODEL_REFUSAL, NOT_FOUND
from partybrand.knowledge.choices import AnswerState, Engine
from partybrand.knowledge.models import Question
from tests.assistant.server import FakeOpenAI
from tests.helpers import client_for

RULES = (
    "第六条 党支部每月相对固定一天开展主题党日活动，由组织委员李党员负责记录，"
    "联系电话13812345678（备用139-1234-5678），身份证号110101199003071234。\n"
    "第十二条 党员应当按月交纳党费。"
)


class KnowledgeModel(FakeOpenAI):
    reply = "主题党日每月相对固定一天开展[1]。"

    def answer(self, body):
        return self.reply


@pytest.fixture
def model(settings):
    with KnowledgeModel() as server:
        settings.AI_PROVIDER, settings.AI_BASE_URL, settings.AI_MODEL = "openai", server.url, "m"
        settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = 0, 5
        settings.JOBS_MAX_ATTEMPTS = 1
        yield server


def publish(world):
    upload = SimpleUploadedFile("规则.txt", RULES.encode(), content_type="text/plain")
    document = services.document_upload(
        actor=world.staff, org=world.branch_a, title="支部工作规则", upload=upload
    )
    services.document_parse(document)


def ask(world, capture, text="主题党日多久开展一次？"):
    client = client_for(world.member)
    with capture(execute=True):
        response = client.post(reverse("knowledge:ask"), {"text": text})
    question = Question.objects.get(text=text)
    return client, response, question


def test_the_model_answers_from_the_passages_with_no_personal_data(
    world, model, django_capture_on_commit_callbacks
):
    publish(world)
    client, response, question = ask(world, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("knowledge:question_detail", args=[question.pk])
    question.refresh_from_db()
    assert (question.engine, question.state) == (Engine.MODEL, AnswerState.ANSWERED)
    assert question.answer == "主题党日每月相对固定一天开展[1]。"
    assert question.cited[0]["anchor"] == "第六条"
    sent = model.sent_text()
    assert "每月相对固定一天开展主题党日活动" in sent and "主题党日多久开展一次？" in sent
    assert "只依据用户给出的编号资料回答" in sent
    for personal in ("李党员", "13812345678", "139-1234-5678", "110101199003071234"):
        assert personal not in sent
    assert "某同志" in sent and "［手机号已隐去］" in sent
    assert Job.objects.get(kind=JobKind.KNOWLEDGE_ANSWER).state == "done"
    page = client.get(reverse("knowledge:question_detail", args=[question.pk])).content.decode()
    assert "支部工作规则 · 第六条" in page


def test_the_models_refusal_is_said_plainly(world, model, django_capture_on_commit_callbacks):
    model.reply = MODEL_REFUSAL
    publish(world)
    _, _, question = ask(world, django_capture_on_commit_callbacks)
    question.refresh_from_db()
    assert question.state == AnswerState.NO_ANSWER and question.answer == NOT_FOUND


def test_nothing_is_sent_when_no_passage_answers(world, model, django_capture_on_commit_callbacks):
    publish(world)
    _, _, question = ask(world, django_capture_on_commit_callbacks, text="明天食堂吃什么菜？")
    assert question.state == AnswerState.NO_ANSWER and model.requests == []


def test_a_failing_service_leaves_the_offline_answer(
    world, model, django_capture_on_commit_callbacks
):
    model.mode = "401"
    publish(world)
    _, _, question = ask(world, django_capture_on_commit_callbacks)
    question.refresh_from_db()
    assert question.engine == Engine.OFFLINE and question.state == AnswerState.ANSWERED
    assert "大模型未能回答：AI 服务认证失败" in question.answer
    assert "每月相对固定一天开展主题党日" in question.answer

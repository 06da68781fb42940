"""Questions answered offline from the passages the asker may read, cited with their position
and a link; "not found" instead of an invented answer; every question kept for review, and a
correction of the 党建工作部 given to the same or a near question next time."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.brands.services import brand_update
from partybrand.core.models import AuditLog
from partybrand.knowledge import index, services, sources
from partybrand.knowledge.answering import NOT_FOUND
from partybrand.knowledge.choices import AnswerState, Engine, KnowledgeAudit, SourceKind
from partybrand.knowledge.models import Passage, Question
from tests.helpers import api_client, client_for

RULES = (
    "支部工作规则\n"
    "第六条 党支部每月相对固定一天开展主题党日活动，活动情况记入支部工作台账。\n"
    "第十二条 党员应当按月交纳党费，确有困难的经批准可以少交或者免交。\n"
    "第十七条 预备党员的预备期为一年。"
)


def publish(actor, org, text=RULES, name="支部工作规则.txt"):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    document = services.document_upload(actor=actor, org=org, title="支部工作规则", upload=upload)
    return services.document_parse(document)


def test_an_answer_quotes_the_passage_and_cites_its_place(world):
    document = publish(world.staff, world.branch_a)
    assert document.state == "ready" and document.passage_count >= 2
    question = services.question_ask(actor=world.member, text="党费怎么交？有困难能少交吗？")
    assert question.state == AnswerState.ANSWERED and question.engine == Engine.OFFLINE
    assert "按月交纳党费" in question.answer and "[1]" in question.answer
    first = question.cited[0]
    assert (first["title"], first["anchor"]) == ("支部工作规则", "第十二条")
    url = reverse("knowledge:document_detail", args=[document.pk]) + f"#passage-{first['passage']}"
    assert first["url"] == url
    assert AuditLog.objects.filter(action=KnowledgeAudit.QUESTION_ASK, object_id=question.pk)

    page = client_for(world.member).get(reverse("knowledge:question_detail", args=[question.pk]))
    assert "支部工作规则 · 第十二条" in page.content.decode()
    source = client_for(world.member).get(url.split("#")[0]).content.decode()
    assert f'id="passage-{first["passage"]}"' in source


def test_what_the_sources_do_not_answer_is_said_plainly(world):
    publish(world.staff, world.branch_a)
    question = services.question_ask(actor=world.member, text="明天食堂吃什么菜？")
    assert question.state == AnswerState.NO_ANSWER
    assert question.answer == NOT_FOUND and question.cited == []


def test_nobody_retrieves_what_they_may_not_see(world):
    publish(world.staff, world.branch_a)  # 支部A's own rules
    outsider = services.question_ask(actor=world.outsider, text="党费怎么交？")
    assert outsider.state == AnswerState.NO_ANSWER  # 支部B sees none of 支部A's passages
    publish(world.staff, world.group, name="集团规则.txt")  # published to the whole group
    again = services.question_ask(actor=world.outsider, text="党费怎么交？")
    assert again.state == AnswerState.ANSWERED
    assert {c["passage"] for c in again.cited} <= set(
        Passage.objects.filter(org_path=world.group.path).values_list("pk", flat=True)
    )


def test_the_brand_record_is_a_source_and_follows_its_changes(
    world, django_capture_on_commit_callbacks
):
    index.reindex(SourceKind.BRAND)
    with django_capture_on_commit_callbacks(execute=True):
        brand_update(
            actor=world.secretary,
            brand=world.brand,
            slogan="检修一线党旗红",
            meaning="红色引擎寓意党组织是推动检修提质增效的发动机。",
        )
    question = services.question_ask(actor=world.member, text="红色引擎的品牌口号是什么？")
    assert question.state == AnswerState.ANSWERED
    assert "检修一线党旗红" in question.answer
    assert question.cited[0]["url"] == reverse("brands:brand_detail", args=[world.brand.pk])


def test_a_correction_answers_the_same_or_a_near_question_next_time(world):
    publish(world.staff, world.branch_a)
    first = services.question_ask(actor=world.member, text="预备党员的预备期是多长？")
    services.answer_review(
        actor=world.staff,
        question=first,
        rating="useless",
        correction="预备期一年，自支部大会通过之日起算。",
    )
    near = services.question_ask(actor=world.member, text="预备党员预备期多长")
    assert near.engine == Engine.CORRECTION and near.corrected_from == first
    assert near.answer == "预备期一年，自支部大会通过之日起算。"
    other = services.question_ask(actor=world.member, text="党费怎么交？")
    assert other.engine == Engine.OFFLINE


def test_the_review_page_lists_the_subtrees_questions_and_saves_a_rating(world):
    publish(world.staff, world.branch_a)
    question = services.question_ask(actor=world.member, text="主题党日多久开展一次？")
    client = client_for(world.staff)
    page = client.get(reverse("knowledge:review"))
    assert "主题党日多久开展一次？" in page.content.decode()
    client.post(
        reverse("knowledge:review_answer", args=[question.pk]),
        {"rating": "useful", "correction": ""},
    )
    question.refresh_from_db()
    assert question.rating == "useful" and question.reviewed_by == world.staff
    assert (
        "主题党日" not in client.get(reverse("knowledge:review") + "?rating=none").content.decode()
    )


def test_the_ask_page_posts_a_question_and_shows_the_answer(world):
    publish(world.staff, world.branch_a)
    client = client_for(world.member)
    assert client.get(reverse("knowledge:ask")).status_code == 200
    answered = client.post(
        reverse("knowledge:ask"), {"text": "主题党日多久开展一次？"}, follow=True
    )
    text = answered.content.decode()
    assert "每月相对固定一天开展主题党日" in text and "第六条" in text
    assert Question.objects.filter(asker=world.member).count() == 1
    history = client.get(reverse("knowledge:history")).content.decode()
    assert "主题党日多久开展一次？" in history


def test_deleting_a_document_removes_its_passages(world):
    document = publish(world.staff, world.branch_a)
    services.document_delete(actor=world.staff, document=document)
    assert not Passage.objects.filter(source=SourceKind.DOCUMENT).exists()
    assert services.question_ask(actor=world.member, text="党费怎么交？").state == "no_answer"


def test_api_ask_and_history(world):
    publish(world.staff, world.branch_a)
    client = api_client(world.member)
    made = client.post(
        reverse("api:knowledge-question-list"), {"text": "党费怎么交？"}, format="json"
    )
    assert made.status_code == 201 and made.json()["cited"][0]["anchor"] == "第十二条"
    listed = client.get(reverse("api:knowledge-question-list")).json()
    assert [row["text"] for row in listed["results"]] == ["党费怎么交？"]


def test_a_new_source_takes_one_registration(world, monkeypatch):
    monkeypatch.setattr(sources, "_sources", dict(sources._sources))

    def cases(pks=None):
        yield sources.Draft(
            "case:7",
            world.branch_a.path,
            "典型案例：抢修突击队冒雨保供电",
            "暴雨夜，党员突击队四十分钟内抵达现场，连续奋战六小时恢复供电。",
            "案例正文",
            "/cases/7/",
        )

    sources.register_source(SourceKind.CASE, cases)
    index.reindex(SourceKind.CASE)
    question = services.question_ask(actor=world.member, text="暴雨夜突击队多久抵达现场？")
    assert question.cited[0]["title"] == "典型案例：抢修突击队冒雨保供电"
    assert question.cited[0]["url"] == "/cases/7/"
    assert services.question_ask(actor=world.outsider, text="暴雨夜突击队多久抵达现场？").state == (
        AnswerState.NO_ANSWER
    )

"""The lists of 党建AI问答 cost the same queries with a few rows as with many."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.knowledge import services
from partybrand.knowledge.models import KnowledgeDocument, Question
from tests.helpers import api_client, assert_queries_flat, client_for


def questions(world, count):
    Question.objects.bulk_create(
        [
            Question(
                asker=world.member,
                org_path=world.branch_a.path,
                text=f"问题{n}",
                engine="offline",
                answer="回答",
                cited=[
                    {
                        "n": 1,
                        "passage": 1,
                        "source": "document",
                        "title": "规则",
                        "anchor": "第一条",
                        "url": "/",
                        "quote": "引文",
                    }
                ],
            )
            for n in range(count)
        ]
    )


def documents(world, count):
    for n in range(count):
        upload = SimpleUploadedFile(f"资料{n}.txt", "党员按月交纳党费。".encode())
        services.document_upload(
            actor=world.staff, org=world.branch_a, title=f"资料{n}", upload=upload
        )


def test_history_and_review_lists_are_flat(world):
    questions(world, 2)
    member, staff = client_for(world.member), client_for(world.staff)
    assert_queries_flat(
        lambda: questions(world, 15),
        lambda: member.get(reverse("knowledge:history")),
        lambda: staff.get(reverse("knowledge:review")),
        lambda: api_client(world.staff).get(reverse("api:knowledge-review-list")),
        lambda: api_client(world.member).get(reverse("api:knowledge-question-list")),
    )


def test_document_lists_are_flat(world):
    documents(world, 2)
    member = client_for(world.member)
    assert_queries_flat(
        lambda: documents(world, 12),
        lambda: member.get(reverse("knowledge:document_list")),
        lambda: api_client(world.member).get(reverse("api:knowledge-document-list")),
    )
    assert KnowledgeDocument.objects.count() == 14

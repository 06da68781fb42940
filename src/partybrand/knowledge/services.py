"""Changes in 党建AI问答: documents uploaded (parsed in the background) and deleted, questions
asked and answered, answers reviewed. One transaction each, with an audit row."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from partybrand.assistant.registry import answers_elsewhere
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.jobs.choices import JobKind
from partybrand.jobs.services import job_start
from partybrand.knowledge import answering, index, parsing
from partybrand.knowledge.access import NOT_MANAGER, can_manage
from partybrand.knowledge.choices import (
    AnswerState,
    DocumentState,
    Engine,
    KnowledgeAudit,
    Rating,
    SourceKind,
)
from partybrand.knowledge.models import KnowledgeDocument, Passage, Question
from partybrand.knowledge.retrieval_core import terms
from partybrand.orgs.roles import Cap, paths_with
from partybrand.orgs.selectors import user_org_path
from partybrand.orgs.tree import ancestor_paths

MAX_QUESTION = 300
NEAR = 0.6  # a corrected answer is given again to a question sharing this much of its words


def document_upload(*, actor, org, title: str, upload, key: str = "") -> KnowledgeDocument:
    """Store the file and queue its parsing; refused for a kind or size the platform does not
    read, or without Cap.MANAGE_KNOWLEDGE over the organisation."""
    if not can_manage(actor, org.path):
        raise PermissionDenied(NOT_MANAGER)
    parsing.check_upload(upload.name, upload.size)
    title = (title or "").strip() or upload.name.rsplit(".", 1)[0]
    with transaction.atomic():
        document = KnowledgeDocument(
            org=org,
            title=title[:100],
            file_name=upload.name[:200],
            size=upload.size,
            uploaded_by=actor,
        )
        document.file.save(upload.name, upload, save=False)
        document.save()
        audit_record(
            actor=actor,
            action=KnowledgeAudit.DOCUMENT_UPLOAD,
            obj=document,
            org_path=org.path,
            changes={"title": [None, document.title]},
        )
        job_start(
            actor=actor,
            kind=JobKind.KNOWLEDGE_PARSE,
            org_path=org.path,
            key=key,
            params={"document": document.pk},
        )
    return document


def document_parse(document: KnowledgeDocument, *, actor=None) -> KnowledgeDocument:
    """Read the file's text within limits and index its passages (the background job)."""
    with transaction.atomic():
        document = KnowledgeDocument.objects.select_for_update().get(pk=document.pk)
        with document.file.open("rb") as handle:
            data = handle.read()
        try:
            text, pages = parsing.parse(document.file_name, data)
        except ValidationError as refused:
            document.state = DocumentState.FAILED
            document.error = "；".join(refused.messages)[:300]
            document.save(update_fields=["state", "error"])
            return document
        document.text, document.pages, document.state, document.error = (
            text,
            pages,
            DocumentState.READY,
            "",
        )
        document.save(update_fields=["text", "pages", "state", "error"])
        count = index.reindex(SourceKind.DOCUMENT, [document.pk])
        document.passage_count = count
        document.save(update_fields=["passage_count"])
        audit_record(
            actor=actor or document.uploaded_by,
            action=KnowledgeAudit.DOCUMENT_PARSED,
            obj=document,
            org_path=document.org.path,
            changes={"passages": count},
        )
    return document


def document_delete(*, actor, document: KnowledgeDocument) -> None:
    if not can_manage(actor, document.org.path):
        raise PermissionDenied(NOT_MANAGER)
    with transaction.atomic():
        Passage.objects.filter(record=f"{SourceKind.DOCUMENT}:{document.pk}").delete()
        audit_record(
            actor=actor,
            action=KnowledgeAudit.DOCUMENT_DELETE,
            obj=document,
            org_path=document.org.path,
            changes={"title": [document.title, None]},
        )
        document.file.delete(save=False)
        document.delete()


def _similar(a: list[str], b: list[str]) -> float:
    first, second = set(a), set(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def correction_for(text: str, words: list[str], org_path: str) -> Question | None:
    """The latest corrected answer to the same or a near question that applies to the asker."""
    paths = ["", *ancestor_paths(org_path), org_path] if org_path else [""]
    rows = (
        Question.objects.exclude(correction="")
        .filter(correction_path__in=paths)
        .order_by("-reviewed_at", "-id")[:300]
    )
    for row in rows:
        if row.text.strip() == text.strip() or _similar(row.terms, words) >= NEAR:
            return row
    return None


def question_ask(*, actor, text: str, key: str = "") -> Question:
    """Answer the question from the passages the asker may read and keep both. A corrected
    answer of the 党建工作部 to the same or a near question comes first; with a model
    configured the answer is asked of it in the background (the question waits, 等待回答)."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": "请输入问题。"})
    if len(text) > MAX_QUESTION:
        raise ValidationError({"text": f"问题不能超过 {MAX_QUESTION} 字。"})
    org_path = user_org_path(actor)
    words = terms(text, question=True)
    question = Question(asker=actor, org_path=org_path, text=text, terms=words[:60])
    corrected = correction_for(text, words, org_path)
    hits = [] if corrected else index.search(actor, text)
    if corrected:
        question.engine, question.answer = Engine.CORRECTION, corrected.correction
        question.cited, question.corrected_from = corrected.cited, corrected
    elif answers_elsewhere() and answering.answering_hits(hits):
        question.engine, question.state = Engine.MODEL, AnswerState.PENDING
        question.cited = [answering.citation(n, h) for n, h in enumerate(hits, start=1)]
    else:
        answer = answering.offline_answer(text, hits)
        question.engine, question.answer, question.cited = Engine.OFFLINE, answer.text, answer.cited
        question.state = AnswerState.ANSWERED if answer.answered else AnswerState.NO_ANSWER
    question.best_score = round(hits[0].score, 4) if hits else 0.0
    with transaction.atomic():
        question.save()
        audit_record(
            actor=actor,
            action=KnowledgeAudit.QUESTION_ASK,
            obj=question,
            org_path=org_path,
            changes={"question": text, "cited": len(question.cited)},
        )
        if question.state == AnswerState.PENDING:
            job_start(
                actor=actor,
                kind=JobKind.KNOWLEDGE_ANSWER,
                org_path=org_path,
                key=key,
                params={"question": question.pk},
            )
    return question


def question_answer_with_model(question: Question, provider) -> Question:
    """The model's answer over the passages cited when the question was asked, read again as
    they are now and as the asker may still read them (the background job)."""
    ids = [c["passage"] for c in question.cited]
    visible = Passage.objects.filter(index.visible_passages_q(question.asker), pk__in=ids)
    by_id = {p.pk: p for p in visible}
    hits = [
        index.Hit(by_id[c["passage"]], c.get("score", 0.0), 1.0)
        for c in question.cited
        if c["passage"] in by_id
    ]
    paths = sorted({question.org_path, *(h.passage.org_path for h in hits)} - {""})
    answer = answering.model_answer(question.text, hits, provider, paths)
    with transaction.atomic():
        question.answer, question.cited = answer.text, answer.cited
        question.state = AnswerState.ANSWERED if answer.answered else AnswerState.NO_ANSWER
        question.save(update_fields=["answer", "cited", "state"])
    return question


def question_failed(question: Question, message: str) -> None:
    """The model did not answer: the offline answer stands in, with the reason."""
    hits = index.search(question.asker, question.text)
    offline = answering.offline_answer(question.text, hits)
    question.answer = f"（大模型未能回答：{message}以下为内置检索的回答。）\n{offline.text}"
    question.cited, question.engine = offline.cited, Engine.OFFLINE
    question.state = AnswerState.ANSWERED if offline.answered else AnswerState.NO_ANSWER
    question.save(update_fields=["answer", "cited", "engine", "state"])


def answer_review(*, actor, question: Question, rating: str = "", correction: str = "") -> Question:
    """Rate an answer (有用/无用) and, optionally, give the corrected answer that the same or a
    near question gets next time within the reviewer's subtree."""
    if not can_manage(actor, question.org_path):
        raise PermissionDenied(NOT_MANAGER)
    if rating and rating not in Rating.values:
        raise ValidationError({"rating": "评价只能是有用或无用。"})
    correction = (correction or "").strip()
    if not rating and not correction:
        raise ValidationError("请选择评价或填写校正回答。")
    scope = next(
        (p for p in paths_with(actor, Cap.MANAGE_KNOWLEDGE) if question.org_path.startswith(p)),
        "",
    )
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        before = {"rating": question.rating, "correction": question.correction}
        if rating:
            question.rating = rating
        if correction:
            question.correction, question.correction_path = correction, scope
        question.reviewed_by, question.reviewed_at = actor, clock.now()
        question.save(
            update_fields=["rating", "correction", "correction_path", "reviewed_by", "reviewed_at"]
        )
        audit_record(
            actor=actor,
            action=KnowledgeAudit.ANSWER_REVIEW,
            obj=question,
            org_path=question.org_path,
            changes={
                k: [before[k], getattr(question, k)]
                for k in before
                if before[k] != getattr(question, k)
            },
        )
    return question

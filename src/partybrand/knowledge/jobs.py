"""The background work of 党建AI问答 (registered in apps.py): parsing an uploaded document and
asking the configured model. A model's refusal ends the job and the offline answer stands in;
a timeout or a busy service is tried again by the jobs' policy."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from partybrand.assistant.errors import ProviderError
from partybrand.assistant.registry import get_provider
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, JobUnavailable, Outcome
from partybrand.knowledge import services
from partybrand.knowledge.choices import AnswerState, DocumentState
from partybrand.knowledge.models import KnowledgeDocument, Question

PARSE_STEPS = ("解析文件并建立索引",)
ANSWER_STEPS = ("等待 AI 服务回答",)
GONE = "该学习资料已被删除。"


def run_parse(job: Job, progress: Progress) -> Outcome:
    progress.start(PARSE_STEPS[0])
    document = KnowledgeDocument.objects.filter(pk=job.params.get("document")).first()
    if document is None:
        raise JobRefused(GONE)
    document = services.document_parse(document, actor=job.owner)
    next_page = reverse("knowledge:document_detail", args=[document.pk])
    if document.state == DocumentState.FAILED:
        raise JobRefused(f"“{document.title}”无法入库：{document.error}")
    return Outcome(
        f"“{document.title}”已入库，共 {document.passage_count} 个段落。",
        {"passages": document.passage_count, "next": next_page},
    )


def run_answer(job: Job, progress: Progress) -> Outcome:
    progress.start(ANSWER_STEPS[0])
    question = Question.objects.filter(pk=job.params.get("question"), asker=job.owner).first()
    if question is None or question.state != AnswerState.PENDING:
        raise JobRefused("该问题已不需要回答。")
    next_page = reverse("knowledge:question_detail", args=[question.pk])
    try:
        services.question_answer_with_model(question, get_provider(retries=0))
    except ProviderError as failed:
        if not failed.permanent and job.attempts < _max_attempts():
            raise JobUnavailable(failed.message_zh) from failed
        services.question_failed(question, failed.message_zh)
    return Outcome("党建AI问答已回答，请查看。", {"next": next_page})


def _max_attempts() -> int:
    return settings.JOBS_MAX_ATTEMPTS

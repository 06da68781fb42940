"""Drafting help on a document's section (editors of the document only): the section's text now
beside a draft written from the platform's facts, with the 公文 checker's findings and the facts
it used; the person accepts it (replacing or after the text: a new version) or discards it.

The offline writer answers in the request, a new draft each time it is asked; a configured model
answers in the background (assistant/drafting_jobs.py) and the page follows the job
(`?job=<id>`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from partybrand.assistant import drafting, drafting_jobs
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.forms import AcceptDraftForm
from partybrand.assistant.registry import answers_elsewhere, get_provider
from partybrand.assistant.section_drafts import SectionDraft
from partybrand.core.forms import form_action
from partybrand.documents import services as documents
from partybrand.documents.registry import kind_for, subject_for
from partybrand.jobs.access import access_job
from partybrand.jobs.choices import JobState
from partybrand.jobs.selectors import job_status


def _load(request, subject: str, pk: int, code: str, key: str):
    """The document's subject for editing (404 outside one's reach, 403 read-only), its kind
    (404 unless it offers drafting help) and the section (404 unless editable)."""
    try:
        subject_ = subject_for(subject)
        kind = kind_for(code)
    except ImproperlyConfigured as exc:
        raise Http404("没有这类文书。") from exc
    if kind.subject != subject_.name:
        raise Http404("没有这类文书。")
    obj = subject_.load(request.user, pk, True)
    if not drafting.drafts_for(kind):
        raise Http404("这类文书没有起草建议。")
    try:
        place = drafting.section_place(actor=request.user, kind=kind, subject_obj=obj, key=key)
    except drafting.NoSuchSection as exc:
        raise Http404("文书中没有这一部分。") from exc
    return subject_, obj, kind, place


def _document_url(subject, obj, kind) -> str:
    return reverse("documents:document_detail", args=[subject.name, obj.pk, kind.code])


def _seed(request) -> int | None:
    try:
        return int(request.GET["seed"])
    except (KeyError, ValueError):
        return None


def _page(request, subject, obj, kind, place, *, draft=None, form=None, **extra):
    document = documents.document_for(kind, obj)
    if draft is not None and draft.text and form is None:
        form = AcceptDraftForm(
            initial={"text": draft.text, "source": draft.source},
            version=documents.document_version(document),
        )
    context = {
        "subject": subject,
        "obj": obj,
        "kind": kind,
        "place": place,
        "title": subject.title_of(obj),
        "document_url": _document_url(subject, obj, kind),
        "draft": draft,
        "form": form,
        "findings": drafting.draft_findings(form["text"].value() or "") if form else [],
        "elsewhere": answers_elsewhere(),
        **extra,
    }
    return render(request, "assistant/section_draft.html", context)


@login_required
@require_GET
def section_draft(request, subject, pk, kind, section):
    subject, obj, kind, place = _load(request, subject, pk, kind, section)
    if "job" in request.GET:
        return _from_job(request, subject, obj, kind, place)
    if answers_elsewhere():
        return _page(request, subject, obj, kind, place)  # a button starts the model's job
    try:
        _, draft = drafting.section_draft(
            actor=request.user,
            kind=kind,
            subject_obj=obj,
            key=place.key,
            seed=_seed(request),
            provider=get_provider("offline"),
        )
    except ProviderError as exc:
        return _page(request, subject, obj, kind, place, error=exc.message_zh)
    return _page(request, subject, obj, kind, place, draft=draft)


def _from_job(request, subject, obj, kind, place):
    """The model's draft once its job is done (only the job's owner, only for this section)."""
    job = access_job(request.user, request.GET["job"])
    expected = {"subject": subject.name, "pk": obj.pk, "kind": kind.code, "section": place.key}
    if job.kind != drafting_jobs.KIND or job.params != expected:
        raise Http404("没有找到该起草任务。")
    if not job.is_final:
        return _page(request, subject, obj, kind, place, job=job, status=job_status(job))
    if job.state != JobState.DONE:
        error = f"AI 助手暂时无法起草：{job.summary.get('message') or job.error}"
        return _page(request, subject, obj, kind, place, error=error)
    saved = job.summary.get("draft") or {}
    draft = SectionDraft(
        text=saved.get("text", ""),
        used=list(saved.get("used", [])),
        source=saved.get("source", "openai"),
        version=saved.get("version", ""),
        seed=saved.get("seed"),
        forbidden=list(saved.get("forbidden", [])),
    )
    return _page(request, subject, obj, kind, place, draft=draft)


@login_required
@require_POST
def section_draft_start(request, subject, pk, kind, section):
    """Ask the configured model for a draft, in the background (a second click: the same job)."""
    subject, obj, kind, place = _load(request, subject, pk, kind, section)
    job = drafting_jobs.draft_start(
        actor=request.user,
        subject=subject,
        obj=obj,
        kind=kind,
        key=place.key,
        org_path=subject.org_of(obj).path,
        token=request.POST.get("submission_token", ""),
    )
    return redirect(drafting_jobs.page_of(job))


@login_required
@require_POST
def section_draft_accept(request, subject, pk, kind, section):
    subject, obj, kind, place = _load(request, subject, pk, kind, section)
    form = AcceptDraftForm(
        request.POST, version=documents.document_version(documents.document_for(kind, obj))
    )
    return form_action(
        request,
        form,
        lambda data: drafting.section_draft_accept(
            actor=request.user,
            kind=kind,
            subject_obj=obj,
            key=place.key,
            text=data["text"],
            mode=data["mode"],
            source=data.get("source") or "offline",
            version=data.get("version"),
        ),
        success=lambda saved: f"已采纳起草建议，保存为第{saved.number}版。",
        done=redirect(_document_url(subject, obj, kind)),
        page=lambda bound: _page(request, subject, obj, kind, place, form=bound),
    )

"""The pages of 党建AI问答: ask (phone first), one question with its cited passages, one's
history, the 党建工作部's review, and the documents it publishes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.jobs.models import Job
from partybrand.knowledge import selectors, services
from partybrand.knowledge.access import (
    NOT_ASKER,
    NOT_MANAGER,
    access_document,
    access_question,
    can_manage,
    may_ask,
    may_manage_somewhere,
)
from partybrand.knowledge.choices import AnswerState, Rating
from partybrand.knowledge.forms import AskForm, ReviewForm, UploadForm
from partybrand.knowledge.models import Passage
from partybrand.knowledge.retrieval_core import split_text


def _asker(user):
    if not may_ask(user):
        raise PermissionDenied(NOT_ASKER)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    _asker(request.user)
    form = AskForm(request.POST or None)

    def page(form):
        recent = selectors.my_questions(request.user)[:5]
        return render(request, "knowledge/ask.html", {"form": form, "recent": recent})

    if request.method == "GET":
        return page(form)
    return form_action(
        request,
        form,
        lambda data: services.question_ask(actor=request.user, text=data["text"]),
        success=lambda q: (
            (messages.INFO, "已提交给大模型，回答生成后显示在本页。")
            if q.state == AnswerState.PENDING
            else ""
        ),
        done=lambda q: redirect_to("knowledge:question_detail", pk=q.pk),
        page=page,
    )


@login_required
@require_GET
def question_detail(request, pk):
    question = access_question(request.user, pk)
    job = None
    if question.state == AnswerState.PENDING:
        job = Job.objects.filter(owner=question.asker, params__question=question.pk).first()
    return render(
        request,
        "knowledge/question_detail.html",
        {
            "question": question,
            "job": job,
            "may_review": can_manage(request.user, question.org_path),
            "review_form": ReviewForm(initial={"rating": question.rating}),
        },
    )


@login_required
@require_GET
def history(request):
    _asker(request.user)
    return render(
        request,
        "knowledge/history.html",
        {"page": paginate(request, selectors.my_questions(request.user))},
    )


@login_required
@require_GET
def review(request):
    if not may_manage_somewhere(request.user):
        raise PermissionDenied(NOT_MANAGER)
    rating = request.GET.get("rating", "")
    rating = rating if rating in (*Rating.values, "none") else ""
    state = request.GET.get("state", "")
    state = state if state in AnswerState.values else ""
    rows = selectors.review_list(request.user, rating=rating, state=state)
    return render(
        request,
        "knowledge/review.html",
        {
            "page": paginate(request, rows),
            "rating": rating,
            "state": state,
            "ratings": Rating.choices,
            "states": AnswerState.choices,
        },
    )


@login_required
@require_POST
def review_answer(request, pk):
    question = access_question(request.user, pk, for_review=True)
    form = ReviewForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.answer_review(
            actor=request.user,
            question=question,
            rating=data["rating"],
            correction=data["correction"],
        ),
        success="已保存评价。",
        done=lambda q: redirect_to("knowledge:question_detail", pk=q.pk),
        page=lambda form: render(
            request,
            "knowledge/question_detail.html",
            {"question": question, "may_review": True, "review_form": form},
            status=400,
        ),
    )


def _documents_page(request, form=None, status=200):
    user = request.user
    orgs = selectors.upload_orgs(user)
    if form is None and may_manage_somewhere(user):
        form = UploadForm(orgs=orgs)
    return render(
        request,
        "knowledge/documents.html",
        {"page": paginate(request, selectors.document_list(user)), "form": form},
        status=status,
    )


@login_required
@require_GET
def document_list(request):
    _asker(request.user)
    return _documents_page(request)


@login_required
@require_POST
def document_upload(request):
    if not may_manage_somewhere(request.user):
        raise PermissionDenied(NOT_MANAGER)
    form = UploadForm(request.POST, request.FILES, orgs=selectors.upload_orgs(request.user))
    return form_action(
        request,
        form,
        lambda data: services.document_upload(
            actor=request.user, org=data["org"], title=data["title"], upload=data["file"]
        ),
        success=lambda d: f"已上传“{d.title}”，正在解析入库。",
        done=lambda d: redirect_to("knowledge:document_detail", pk=d.pk),
        page=lambda form: _documents_page(request, form, status=400),
    )


@login_required
@require_GET
def document_detail(request, pk):
    document = access_document(request.user, pk)
    record = f"document:{document.pk}"
    passages = Passage.objects.filter(record=record).order_by("id")
    pieces = passages if passages else split_text(document.text)
    return render(
        request,
        "knowledge/document_detail.html",
        {
            "document": document,
            "pieces": pieces,
            "may_manage": can_manage(request.user, document.org.path),
        },
    )


@login_required
@require_POST
def document_delete(request, pk):
    document = access_document(request.user, pk, for_manage=True)
    return form_action(
        request,
        None,
        lambda data: services.document_delete(actor=request.user, document=document),
        success=f"已删除“{document.title}”。",
        done=lambda _: redirect_to("knowledge:document_list"),
        page=lambda form: _documents_page(request, status=400),
    )

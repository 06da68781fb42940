"""Pages that change a draft survey's questions: add, edit, delete and move."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.core.forms import error_text, form_error_text
from partybrand.surveys.access import access_question, access_survey
from partybrand.surveys.forms import QuestionForm
from partybrand.surveys.services import questions as services_questions


def _back(survey_pk, anchor: str = "questions"):
    response = redirect("surveys:survey_detail", pk=survey_pk)
    response["Location"] += f"#{anchor}"
    return response


@login_required
@require_POST
def question_add(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question = services_questions.question_add(
                actor=request.user, survey=survey, **form.service_fields()
            )
        except ValidationError as exc:
            messages.error(request, "题目未添加：" + error_text(exc))
        else:
            messages.success(request, f"已添加第 {question.order} 题。")
            return _back(survey.pk, f"question-{question.pk}")
    else:
        messages.error(request, "题目未添加：" + form_error_text(form))
    return _back(survey.pk, "add-question")


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_questions.question_update(
                actor=request.user, question=question, **form.service_fields()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "题目已保存。")
            return _back(question.survey_id, f"question-{question.pk}")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": question.survey, "question": question},
    )


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    try:
        services_questions.question_delete(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"题目“{question.title}”已删除。")
    return _back(question.survey_id)


@login_required
@require_POST
def question_move(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    direction = request.POST.get("direction", "")
    try:
        services_questions.question_move(actor=request.user, question=question, direction=direction)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return _back(question.survey_id, f"question-{question.pk}")

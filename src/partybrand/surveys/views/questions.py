"""Pages that change a draft survey's questions: add, edit, delete and move."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.core.forms import form_action, redirect_to
from partybrand.surveys.access import access_question, access_survey
from partybrand.surveys.forms import QuestionForm
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.views.surveys import survey_page


def _back(survey_pk, anchor: str = "questions"):
    return redirect_to("surveys:survey_detail", anchor, pk=survey_pk)


@login_required
@require_POST
def question_add(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    form = QuestionForm(request.POST)
    return form_action(
        request,
        form,
        lambda _: services_questions.question_add(
            actor=request.user, survey=survey, **form.service_fields()
        ),
        success=lambda question: f"已添加第 {question.order} 题。",
        done=lambda question: _back(survey.pk, f"question-{question.pk}"),
        page=lambda form: survey_page(request, survey, question_form=form),
        failed="题目未添加：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    form = QuestionForm.for_question(question, request.POST or None)
    return form_action(
        request,
        form,
        lambda _: services_questions.question_update(
            actor=request.user, question=question, **form.service_fields()
        ),
        success="题目已保存。",
        done=_back(question.survey_id, f"question-{question.pk}"),
        page=lambda form: render(
            request,
            "surveys/question_form.html",
            {"form": form, "survey": question.survey, "question": question},
        ),
    )


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    return form_action(
        request,
        None,
        lambda _: services_questions.question_delete(actor=request.user, question=question),
        success=f"题目“{question.title}”已删除。",
        done=_back(question.survey_id),
        failed="",
    )


@login_required
@require_POST
def question_move(request, pk, question_pk):
    question = access_question(request.user, pk, question_pk)
    direction = request.POST.get("direction", "")
    return form_action(
        request,
        None,
        lambda _: services_questions.question_move(
            actor=request.user, question=question, direction=direction
        ),
        success=None,
        done=_back(question.survey_id, f"question-{question.pk}"),
        failed="",
    )

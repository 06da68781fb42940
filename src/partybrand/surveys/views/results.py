"""The survey's managers' pages: results with charts and keywords, the answers behind a
keyword, the .xlsx export and the QR code of the public link."""

import io

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.core.files import download, xlsx_download
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.jobs.choices import JobKind
from partybrand.surveys import export_jobs, results, selectors
from partybrand.surveys.access import access_survey
from partybrand.surveys.choices import WORD_KINDS, QuestionKind
from partybrand.surveys.exports import responses_workbook
from partybrand.surveys.views.surveys import public_link


def _chart_data(summaries) -> dict:
    return {
        str(s["question"].pk): {
            "chart": s["chart"],
            "keywords": [{"name": w, "value": n} for w, n in s["keywords"]],
        }
        for s in summaries
    }


@login_required
@require_GET
def survey_results(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    questions = list(survey.questions.all())
    summaries = results.question_results(survey, questions)
    orgs = results.org_breakdown(survey)
    statuses = results.status_breakdown(survey)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "summaries": summaries,
            "counts": selectors.response_counts(survey),
            "orgs": orgs,
            "statuses": statuses,
            "chart_data": _chart_data(summaries),
            "breakdown_data": {
                "orgs": [{"name": r["name"], "value": r["responses"]} for r in orgs],
                "statuses": statuses,
            },
            "name_kind": QuestionKind.NAME_PROPOSAL,
        },
    )


def _segments(text: str, word: str) -> list[tuple[str, bool]]:
    """The text cut around each occurrence of the word, for highlighting."""
    if not word:
        return [(text, False)]
    parts, lower, needle, start = [], text.lower(), word.lower(), 0
    while (found := lower.find(needle, start)) >= 0:
        parts += [(text[start:found], False), (text[found : found + len(word)], True)]
        start = found + len(word)
    parts.append((text[start:], False))
    return [p for p in parts if p[0]]


@login_required
@require_GET
def survey_answers(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    word_questions = survey.questions.filter(kind__in=WORD_KINDS)
    question = None
    if is_id(request.GET.get("question")):
        question = get_object_or_404(word_questions, pk=request.GET["question"])
    word = request.GET.get("word", "").strip()[:20]
    page = paginate(request, selectors.matching_answers(survey, question=question, word=word))
    rows = [{"answer": a, "segments": _segments(a.text, word)} for a in page]
    return render(
        request,
        "surveys/answers.html",
        {
            "survey": survey,
            "page_obj": page,
            "rows": rows,
            "question": question,
            "word": word,
            "word_questions": list(word_questions),
        },
    )


@login_required
@require_POST
def survey_export(request, pk):
    """All answers as .xlsx: at once when there are few, otherwise made in the background and
    downloaded on the job's page (a second click on the same form gives the same job)."""
    survey = access_survey(request.user, pk, for_edit=True)
    if export_jobs.export_in_background(survey):
        job = export_jobs.survey_job_start(
            actor=request.user,
            survey=survey,
            kind=JobKind.SURVEY_EXPORT,
            key=request.POST.get("submission_token", ""),
        )
        return redirect(job.get_absolute_url())
    content = responses_workbook(survey, list(survey.questions.all()), with_names=True)
    return xlsx_download(content, export_jobs.export_name(survey))


@login_required
@require_GET
def survey_qr(request, pk):
    """The QR code of the public link, as SVG for the page or PNG (?format=png) for printing."""
    survey = access_survey(request.user, pk, for_edit=True)
    qr = segno.make(public_link(request, survey), error="m")
    out = io.BytesIO()
    if request.GET.get("format") == "png":
        qr.save(out, kind="png", scale=12, border=3)
        response = download(out.getvalue(), f"{survey.title}-二维码.png", "image/png")
    else:
        qr.save(out, kind="svg", scale=6, border=2, xmldecl=False, svgns=True)
        response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, max-age=3600"
    return response

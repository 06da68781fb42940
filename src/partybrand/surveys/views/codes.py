"""One-time answer codes of a survey answered 凭一次性码: made by its managers in numbers or one
per member, and printed as a sheet of slips with QR codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from partybrand.core.forms import TextGuardMixin, form_action, redirect_to
from partybrand.jobs.choices import JobKind
from partybrand.surveys import export_jobs
from partybrand.surveys.access import access_survey
from partybrand.surveys.services import codes as services
from partybrand.surveys.views.surveys import public_link


class CodeCountForm(TextGuardMixin, forms.Form):
    count = forms.IntegerField(label="数量", min_value=1, max_value=services.MOST_AT_ONCE)


def _back(survey):
    return redirect_to("surveys:survey_detail", anchor="codes", pk=survey.pk)


@login_required
@require_POST
def codes_create(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    return form_action(
        request,
        CodeCountForm(request.POST),
        lambda data: services.codes_create(actor=request.user, survey=survey, count=data["count"]),
        success=lambda made: f"已生成 {len(made)} 个作答码，可以下载打印了。",
        done=_back(survey),
        failed="未生成：",
    )


@login_required
@require_POST
def codes_for_members(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _data: services.codes_for_members(actor=request.user, survey=survey),
        success=lambda made: f"已为 {len(made)} 名党员各生成一个作答码（纸条上印有姓名）。",
        done=_back(survey),
        failed="未生成：",
    )


@login_required
@require_POST
def codes_sheet(request, pk):
    """The unused codes as an A4 PDF of slips to print and cut, drawn in the background (QR
    codes slip by slip take seconds): the page goes to the job, where the file is downloaded."""
    survey = access_survey(request.user, pk, for_edit=True)
    if not survey.codes.filter(used=False).exists():
        messages.info(request, export_jobs.NO_CODES)
        return redirect("surveys:survey_detail", pk=survey.pk)
    job = export_jobs.survey_job_start(
        actor=request.user,
        survey=survey,
        kind=JobKind.SURVEY_CODES,
        key=request.POST.get("submission_token", ""),
        link=public_link(request, survey),
    )
    return redirect(job.get_absolute_url())

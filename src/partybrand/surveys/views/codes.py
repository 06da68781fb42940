"""One-time answer codes of a survey answered 凭一次性码: made by its managers in numbers or one
per member, and printed as a sheet of slips with QR codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from partybrand.core.files import download
from partybrand.core.forms import TextGuardMixin, form_action, redirect_to
from partybrand.surveys import code_sheet
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
@require_GET
def codes_sheet(request, pk):
    """The unused codes as an A4 PDF of slips to print and cut."""
    survey = access_survey(request.user, pk, for_edit=True)
    unused = list(survey.codes.filter(used=False).order_by("number"))
    if not unused:
        messages.info(request, "没有未使用的作答码，请先生成。")
        return redirect("surveys:survey_detail", pk=survey.pk)
    content = code_sheet.render(
        unused, title=survey.title, org=survey.org.name, link=public_link(request, survey)
    )
    response = download(content, f"{survey.title}-一次性作答码.pdf", "application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response

"""The positioning summary of a brand, its Word export, and the printable stock-taking page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.brands.access import access_brand, can_edit_brand
from partybrand.brands.choices import BrandStatus
from partybrand.core.files import DOCX, download
from partybrand.core.forms import error_text, form_error_text
from partybrand.positioning import selectors, services
from partybrand.positioning.documents import summary_docx, summary_filename
from partybrand.positioning.forms import (
    ConclusionForm,
    EvidenceForm,
    PracticeCreateForm,
    SwotForm,
)
from partybrand.surveys.access import can_manage as can_manage_surveys


def may_edit(user, brand) -> bool:
    return can_edit_brand(user, brand) and brand.status != BrandStatus.REVOKED


@login_required
@require_GET
def summary(request, pk):
    brand = access_brand(request.user, pk)
    data = selectors.summary(brand)
    can_edit = may_edit(request.user, brand)
    context = {
        **data,
        "can_edit": can_edit,
        # Aggregates (counts, keywords, proposed names and slogans) are for everyone who sees the
        # brand: they are the branch's collective ideas. Single answers stay with the managers.
        "results_for": {
            h.survey.pk for h in data["surveys"] if can_manage_surveys(request.user, h.survey)
        },
    }
    if can_edit:
        note = data["note"]
        context["conclusion_form"] = ConclusionForm(
            initial={"conclusion": note.conclusion if note else ""}
        )
    return render(request, "positioning/summary.html", context)


@login_required
@require_POST
def conclusion_save(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "未保存：" + form_error_text(form))
    else:
        try:
            services.conclusion_save(
                actor=request.user, brand=brand, conclusion=form.cleaned_data["conclusion"]
            )
        except ValidationError as exc:
            messages.error(request, "未保存：" + error_text(exc))
        else:
            messages.success(request, "定位结论已保存。")
    response = redirect("positioning:summary", pk=brand.pk)
    response["Location"] += "#conclusion"
    return response


@login_required
@require_GET
def summary_export(request, pk):
    brand = access_brand(request.user, pk)
    content = summary_docx(selectors.summary(brand))
    return download(content, summary_filename(brand), DOCX)


@login_required
@require_GET
def inventory(request, pk):
    brand = access_brand(request.user, pk)
    can_edit = may_edit(request.user, brand)
    context = {"brand": brand, **selectors.inventory(brand), "can_edit": can_edit}
    if can_edit:
        context.update(
            practice_form=PracticeCreateForm(), evidence_form=EvidenceForm(), swot_form=SwotForm()
        )
    return render(request, "positioning/inventory.html", context)

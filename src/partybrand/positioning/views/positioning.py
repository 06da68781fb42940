"""The positioning summary of a brand, its Word export, and the printable stock-taking page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from partybrand.brands.access import access_brand, can_edit_brand
from partybrand.brands.choices import BrandStatus
from partybrand.core import clock
from partybrand.core.files import DOCX, download
from partybrand.core.forms import form_action, redirect_to
from partybrand.documents.layout import render_docx
from partybrand.positioning import selectors, services
from partybrand.positioning.documents import summary_filename
from partybrand.positioning.forms import (
    ConclusionForm,
    PracticeCreateForm,
    SwotForm,
)
from partybrand.positioning.report import positioning_spec
from partybrand.surveys.access import can_manage as can_manage_surveys


def may_edit(user, brand) -> bool:
    return can_edit_brand(user, brand) and brand.status != BrandStatus.REVOKED


@login_required
@require_GET
def summary(request, pk):
    return _summary_page(request, access_brand(request.user, pk))


def _summary_page(request, brand, *, conclusion_form=None):
    """The summary page; a refused conclusion comes back in `conclusion_form` as typed."""
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
        context["conclusion_form"] = conclusion_form or ConclusionForm(
            initial={"conclusion": note.conclusion if note else ""},
            version=note.version if note else 0,
        )
    return render(request, "positioning/summary.html", context)


@login_required
@require_POST
def conclusion_save(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return form_action(
        request,
        ConclusionForm(request.POST, version=0),
        lambda data: services.conclusion_save(
            actor=request.user, brand=brand, conclusion=data["conclusion"], version=data["version"]
        ),
        success="定位结论已保存。",
        done=redirect_to("positioning:summary", "conclusion", pk=brand.pk),
        page=lambda form: _summary_page(request, brand, conclusion_form=form),
    )


@login_required
@require_GET
def summary_export(request, pk):
    brand = access_brand(request.user, pk)
    spec = positioning_spec(selectors.summary(brand), today=clock.today())
    return download(render_docx(spec), summary_filename(brand), DOCX)


@login_required
@require_GET
def inventory(request, pk):
    return inventory_page(request, access_brand(request.user, pk))


def inventory_page(request, brand, *, evidence_form=None, **forms):
    """The stock-taking page. A refused form comes back with what was typed: practice_form or
    swot_form in `forms`, a practice's evidence in `evidence_form` (its `practice` attribute
    names the practice)."""
    can_edit = may_edit(request.user, brand)
    context = {"brand": brand, **selectors.inventory(brand), "can_edit": can_edit}
    for practice in context["practices"]:
        mine = evidence_form is not None and evidence_form.practice == practice.pk
        practice.evidence_form = evidence_form if mine else None
    if can_edit:
        context.update(practice_form=PracticeCreateForm(), swot_form=SwotForm())
    context.update(forms)
    return render(request, "positioning/inventory.html", context)

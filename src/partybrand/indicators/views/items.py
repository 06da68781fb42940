"""Editing the items of a draft system's tree: the quick-add form on the system's page, the item
form with the "points add up" panel following the points as they are typed, delete and move."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core.forms import form_action
from partybrand.core.ids import is_id
from partybrand.indicators import selectors, services
from partybrand.indicators.access import access_indicator, access_system
from partybrand.indicators.forms import IndicatorForm
from partybrand.indicators.panel import balance_panel, nested_tree
from partybrand.indicators.views.systems import back_to_system, refuse_frozen, render_system_detail


def _indicator_data(cleaned):
    # with the version the edit form was opened at; the add form has none
    return {
        name: cleaned[name] for name in [*IndicatorForm.base_fields, "version"] if name in cleaned
    }


def _refused_add(request, system, parent, form):
    """The system's page again with the quick-add form filled with what was typed, open, and the
    reason beside it, so a refused item is corrected rather than typed again."""
    typed = {
        "key": parent.pk if parent is not None else "root",
        "name": request.POST.get("name", "")[:200],
        "points": request.POST.get("points", "")[:20],
        "scoring_method": request.POST.get("scoring_method", ""),
        "error": form.refusal,
    }
    return render_system_detail(request, system, quick_add=typed)


@login_required
@require_POST
def indicator_add(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    parent = None
    raw = request.POST.get("parent", "").strip()
    if raw:
        parent = access_indicator(request.user, int(raw) if is_id(raw) else 0, for_edit=True)
    return form_action(
        request,
        IndicatorForm(request.POST),
        lambda data: services.indicator_add(
            actor=request.user, system=system, parent=parent, **_indicator_data(data)
        ),
        success=lambda item: f"已添加指标“{item.code} {item.name}”。",
        done=lambda item: back_to_system(system, f"ind-{item.pk}"),
        page=lambda form: _refused_add(request, system, parent, form),
        failed="未添加：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    item = access_indicator(request.user, pk, for_edit=True)
    if not item.system.is_draft:
        return refuse_frozen(request, item.system)
    initial = {name: getattr(item, name) for name in IndicatorForm.base_fields}
    form = IndicatorForm(request.POST or None, initial=initial, version=item.version)
    # The panel beside the form follows the points as they are typed (server-computed).
    form.fields["points"].widget.attrs.update(
        {
            "hx-get": reverse("indicators:indicator_preview", args=[item.pk]),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#balance",
            "hx-swap": "outerHTML",
            "hx-sync": "this:replace",
        }
    )
    return form_action(
        request,
        form,
        lambda data: services.indicator_update(
            actor=request.user, indicator=item, **_indicator_data(data)
        ),
        success=f"指标“{item.code} {item.name}”已保存。",
        done=back_to_system(item.system, f"ind-{item.pk}"),
        page=lambda form: render(
            request,
            "indicators/indicator_form.html",
            {
                "form": form,
                "item": item,
                "system": item.system,
                "hint": selectors.points_hint(item),
                "panel_base": reverse("indicators:system_detail", args=[item.system_id]),
                **balance_panel(
                    item.system, nested_tree(item.system)[1], selectors.star_levels(item.system)
                ),
            },
        ),
    )


@login_required
@require_GET
def indicator_preview(request, pk):
    """The panel as it would be with the points being typed (htmx, nothing is saved)."""
    item = access_indicator(request.user, pk, for_edit=True)
    system = item.system
    try:
        points = Decimal(str(request.GET.get("points", "")).strip() or "x")
    except InvalidOperation:
        points = item.points
    if not points.is_finite() or points < 0 or points >= 100000:
        points = item.points
    context = {
        "system": system,
        "preview": True,
        "panel_base": reverse("indicators:system_detail", args=[system.pk]),
        **balance_panel(
            system, nested_tree(system)[1], selectors.star_levels(system), {item.pk: points}
        ),
    }
    return render(request, "indicators/_balance.html", context)


@login_required
@require_POST
def indicator_delete(request, pk):
    item = access_indicator(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.indicator_delete(actor=request.user, indicator=item),
        success=f"已删除指标“{item.code} {item.name}”及其下级指标。",
        done=back_to_system(item.system, "tree"),
        failed="未删除：",
    )


@login_required
@require_POST
def indicator_move(request, pk):
    item = access_indicator(request.user, pk, for_edit=True)
    direction = request.POST.get("direction", "")
    return form_action(
        request,
        None,
        lambda _: services.indicator_move(actor=request.user, indicator=item, direction=direction),
        success=None,
        done=back_to_system(item.system, f"ind-{item.pk}"),
        failed="未移动：",
    )

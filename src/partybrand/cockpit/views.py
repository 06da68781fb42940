"""The cockpit pages: an organisation's cockpit (its subtree's coverage, funnel, tiers, health
distribution, lowest brands, trend, children and heat map), the 大屏, the export, the lists
behind the figures, the weights of the index and one brand's index explained."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partybrand.brands.access import access_brand
from partybrand.brands.choices import BrandTier
from partybrand.cockpit import access, selectors, services
from partybrand.cockpit.choices import BANDS, PART_HELP, ROUND_RESULT_LABELS, Part
from partybrand.cockpit.export import cockpit_workbook
from partybrand.cockpit.forms import WeightsForm
from partybrand.cockpit.models import BrandHealth
from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.orgs.roles import Cap, can
from partybrand.rounds.choices import RoundKind, RoundOutcome


def _crumbs(user, org):
    """The organisations above `org` whose cockpit the user may open, outermost first."""
    rows = []
    parent = org.parent
    while parent is not None and can(user, Cap.VIEW_COCKPIT, parent.path):
        rows.append(parent)
        parent = parent.parent
    return list(reversed(rows))


def _chart(org, data, kids, trend):
    return {
        "funnel": [{"name": f["label"], "value": f["count"]} for f in data["funnel"]],
        "tiers": [{"name": t["label"], "value": t["count"]} for t in data["tiers"]],
        "bands": [{"name": b["label"], "value": b["count"]} for b in data["health"]["bands"]],
        "trend": trend,
        "heat": {
            "parts": [p.label for p in Part],
            "orgs": [child.short_name or child.name for child, _r in kids],
            "cells": [
                [j, i, r.part_avgs.get(p.value)]
                for i, (_child, r) in enumerate(kids)
                if r and r.part_avgs
                for j, p in enumerate(Part)
            ],
            # A subsidiary without an index (no brands yet, or none scored) is a row of its
            # own, said in words rather than left blank.
            "empty": [
                [j, i, "暂无品牌" if not (r and r.brands) else "暂无健康度"]
                for i, (_child, r) in enumerate(kids)
                if not (r and r.part_avgs)
                for j, _p in enumerate(Part)
            ],
            "links": [reverse("cockpit:org", args=[child.pk]) for child, _r in kids],
        },
        "coverage": [
            {"name": f"{label}的支部", "value": data["coverage"][state]}
            for state, label in selectors.COVERAGE_STATES.items()
        ],
        "map": {
            "rows": [
                {
                    "name": p["province"],
                    "brands": p["brands"],
                    "named": p["named"],
                    "health": p["health"],
                }
                for p in data["provinces"]
            ],
            # The list behind a province: the subtree's brands there.
            "link": f"{reverse('brands:brand_list')}?org={org.pk}&province=",
        },
    }


def _kid_rows(kids):
    """Each child with its rollup and its part averages in the columns' order (blank where it
    has none): looked up here once, not by a template loop over every pair of parts."""
    rows = []
    for child, r in kids:
        averages = (r.part_avgs or {}) if r else {}
        rows.append((child, r, [averages.get(p.value, "") for p in Part]))
    return rows


def _context(request, org):
    data = selectors.summary(org)
    kids = selectors.children(org)
    trend = selectors.trend(org)
    kept = selectors.rollup(org)
    return {
        "org": org,
        "computed_at": kept.computed_at if kept else None,
        "data": data,
        "kids": kids,
        "kid_rows": _kid_rows(kids),
        "lowest": selectors.lowest(org),
        "trend": trend,
        "crumbs": _crumbs(request.user, org),
        "chart": _chart(org, data, kids, trend),
        "parts": list(Part),
        "may_set_weights": access.may_set_weights(request.user, org),
    }


@login_required
@require_GET
def home(request):
    org = access.access_cockpit_org(request.user)
    return render(request, "cockpit/cockpit.html", _context(request, org))


@login_required
@require_GET
def org_cockpit(request, pk):
    org = access.access_cockpit_org(request.user, pk)
    return render(request, "cockpit/cockpit.html", _context(request, org))


@login_required
@require_GET
def screen(request, pk):
    org = access.access_cockpit_org(request.user, pk)
    return render(request, "cockpit/screen.html", _context(request, org))


@login_required
@require_GET
def export_xlsx(request, pk):
    org = access.access_cockpit_org(request.user, pk)
    return xlsx_download(cockpit_workbook(org), f"{org.name}品牌驾驶舱.xlsx")


@login_required
@require_GET
def health_list(request, pk):
    org = access.access_cockpit_org(request.user, pk)
    band_text = request.GET.get("band", "")
    band = int(band_text) if band_text.isdigit() and int(band_text) < len(BANDS) else None
    return render(
        request,
        "cockpit/health_list.html",
        {
            "org": org,
            "page": paginate(request, selectors.health_rows(org, band=band)),
            "band": band,
            "band_label": BANDS[band][0] if band is not None else "",
            "parts": list(Part),
        },
    )


@login_required
@require_GET
def branch_list(request, pk):
    org = access.access_cockpit_org(request.user, pk)
    state = request.GET.get("state", "none")
    state = state if state in selectors.BRANCH_LISTS else "none"
    return render(
        request,
        "cockpit/branch_list.html",
        {
            "org": org,
            "state": state,
            "state_label": selectors.BRANCH_LISTS[state],
            "states": selectors.BRANCH_LISTS,
            "page": paginate(request, selectors.branches(org, state)),
        },
    )


def _entry_list_label(filters: dict[str, str], round_title: str | None) -> str:
    """What the list behind a 评选 figure holds, in the figure's words."""
    said = []
    if "year" in filters:
        said.append(f"{filters['year']}年度")
    if round_title:
        said.append(f"“{round_title}”")
    if "kind" in filters:
        said.append(RoundKind(filters["kind"]).label)
    if "tier" in filters:
        said.append(f"获命名{BrandTier(filters['tier']).label}")
    elif "outcome" in filters:
        said.append(f"复评结论为“{RoundOutcome(filters['outcome']).label}”")
    elif "result" in filters:
        said.append(ROUND_RESULT_LABELS.get(filters.get("kind", ""), "获命名"))
    return "".join(said) + ("的参评申报" if said else "全部参评申报")


@login_required
@require_GET
def entry_list(request, pk):
    """The list behind a figure of the 评选结果 panel."""
    org = access.access_cockpit_org(request.user, pk)
    filters = selectors.entry_filters(request.GET)
    rows = selectors.entry_rows(org, filters)
    page = paginate(request, rows)
    title = page[0].round.title if "round" in filters and len(page) else None
    return render(
        request,
        "cockpit/entry_list.html",
        {"org": org, "page": page, "label": _entry_list_label(filters, title)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def weights(request, pk):
    org = access.access_cockpit_org(request.user, pk, for_weights=True)
    current, row = selectors.weights_of(org)
    form = WeightsForm(request.POST or None, initial_weights=current)

    def page(bound):
        return render(
            request,
            "cockpit/weights.html",
            {
                "org": org,
                "form": bound,
                "current": current,
                "row": row,
                "history": selectors.weight_history(org),
                "help": [(p.label, PART_HELP[p]) for p in Part],
            },
        )

    return form_action(
        request,
        form,
        lambda data: services.weights_set(
            actor=request.user, org=org, weights=form.weights(), note=data["note"]
        ),
        success=lambda r: f"已保存第 {r.version} 版权重，品牌健康度正在重新计算。",
        done=redirect("cockpit:weights", pk=org.pk),
        page=page,
    )


@login_required
@require_GET
def brand_health(request, pk):
    brand = access_brand(request.user, pk)
    health = BrandHealth.objects.filter(brand=brand).first()
    return render(
        request,
        "cockpit/brand_health.html",
        {
            "brand": brand,
            "health": health,
            "rows": explained(health),
            "history": [
                {**h, "label": "{d.month}月{d.day}日".format(d=date.fromisoformat(h["day"]))}
                for h in selectors.brand_history(brand.pk)
            ],
        },
    )


def explained(health: BrandHealth | None) -> list[dict]:
    """Each part with its score, weight, explanation and what lowers it."""
    if health is None:
        return []
    lowers = health.lowers_shown()
    return [
        {
            "part": p,
            "score": health.parts.get(p.value, 0),
            "weight": health.weights.get(p.value, 0),
            "help": PART_HELP[p],
            "lowers": [x for x in lowers if x["part"] == p.value],
        }
        for p in Part
    ]

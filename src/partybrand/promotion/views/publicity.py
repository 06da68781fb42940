"""The publicity ledger (推介台账): the list with its filters and totals (per brand, per
committee: direction × level, by month, adoption), the .xlsx export, an entry and its proof,
entering one, and the receiving committee's adoption."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from partybrand.brands.access import visible_brands
from partybrand.core import clock
from partybrand.core.files import stored_download, stored_image, xlsx_download
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.core.quotes import quoted
from partybrand.orgs.models import Organization
from partybrand.promotion import selectors, services
from partybrand.promotion.access import access_publicity, can_adopt, seen_q
from partybrand.promotion.choices import Adoption, PublicityDirection, PublicityLevel
from partybrand.promotion.forms import AdoptionForm, PublicityForm
from partybrand.promotion.ledger import ledger_xlsx
from partybrand.promotion.models import Launch
from partybrand.promotion.views.launch import brand_to_promote


def _filters(request) -> dict:
    user, get = request.user, request.GET
    brand = org = None
    if is_id(get.get("brand")):
        brand = visible_brands(user).filter(pk=get["brand"]).first()
    if is_id(get.get("org")):
        org = Organization.objects.filter(seen_q(user, "path"), pk=get["org"]).first()
    direction = get.get("direction", "")
    level = get.get("level", "")
    year = get.get("year", "")
    return {
        "brand": brand,
        "org": org,
        "direction": direction if direction in PublicityDirection.values else "",
        "level": level if level in PublicityLevel.values else "",
        "year": int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
    }


@login_required
@require_GET
def publicity_list(request):
    filters = _filters(request)
    rows = selectors.publicity_list(request.user, **filters)
    today = clock.today()
    return render(
        request,
        "promotion/publicity_list.html",
        {
            **filters,
            "page": paginate(request, rows),
            "totals": selectors.publicity_totals(rows),
            "directions": PublicityDirection.choices,
            "levels": PublicityLevel.choices,
            "years": list(range(today.year, today.year - 6, -1)),
            "query": request.GET.urlencode(),
            "brands": visible_brands(request.user).filter(publicity__isnull=False).distinct(),
            "orgs": Organization.objects.filter(
                pk__in=selectors.publicity_list(request.user).values("org_id")
            ).order_by("path"),
            "brands_to_promote": selectors.brands_to_promote(request.user),
        },
    )


@login_required
@require_GET
def publicity_export(request):
    filters = _filters(request)
    rows = selectors.publicity_list(request.user, **filters)
    heading = str(filters["brand"] or filters["org"] or "")
    return xlsx_download(ledger_xlsx(rows, heading=heading), f"{heading or '品牌'}推介台账.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def publicity_create(request, brand_pk):
    brand = brand_to_promote(request.user, brand_pk)
    launches = Launch.objects.filter(brand=brand).order_by("-held_on", "-id")
    receivers = selectors.publicity_receivers(brand)
    initial = {"published_on": clock.today(), "level": PublicityLevel.TEAM}
    if is_id(request.GET.get("launch")):
        initial.update(launch=launches.filter(pk=request.GET["launch"]).first(), channel="media")
    form = PublicityForm(
        request.POST or None,
        request.FILES or None,
        receivers=Organization.objects.filter(pk__in=[o.pk for o in receivers]),
        launches=launches,
        initial=initial,
    )
    return form_action(
        request,
        form,
        lambda d: services.publicity_add(actor=request.user, brand=brand, **d),
        success=lambda e: f"已登记{quoted(e.title)}。",
        done=lambda e: redirect_to("promotion:publicity_detail", pk=e.pk),
        page=lambda form: render(
            request, "promotion/publicity_form.html", {"form": form, "brand": brand}
        ),
    )


@login_required
@require_GET
def publicity_detail(request, pk):
    entry = access_publicity(request.user, pk)
    return render(
        request,
        "promotion/publicity_detail.html",
        {"entry": entry, "can_adopt": can_adopt(request.user, entry)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publicity_adopt(request, pk):
    entry = access_publicity(request.user, pk, for_adoption=True)
    form = AdoptionForm(
        request.POST or None,
        initial={
            # a correction starts from what was recorded
            "adoption": (
                Adoption.DECLINED if entry.adoption == Adoption.DECLINED else Adoption.ADOPTED
            ),
            "level": entry.adopted_level or entry.level,
            "adopted_on": entry.adopted_on or clock.today(),
            "note": entry.adoption_note,
        },
    )
    return form_action(
        request,
        form,
        lambda d: services.publicity_adopt(actor=request.user, entry=entry, **d),
        success=lambda e: f"已记录：{e.get_adoption_display()}。",
        done=redirect_to("promotion:publicity_detail", pk=entry.pk),
        page=lambda form: render(
            request, "promotion/publicity_adopt.html", {"form": form, "entry": entry}
        ),
    )


@login_required
@require_GET
def publicity_proof(request, pk):
    entry = access_publicity(request.user, pk)
    if not entry.proof:
        raise Http404
    if entry.proof_content_type.startswith("image/"):
        return stored_image(entry.proof, entry.proof_content_type)
    return stored_download(entry.proof, title=entry.title, content_type=entry.proof_content_type)

"""The carrier pages: the list (per brand or organisation, by kind), a carrier with its
activities and recognition, the forms to set one up, record an activity, and judge it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from partybrand.brands.access import access_brand, visible_brands
from partybrand.core import clock
from partybrand.core.files import stored_image
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.core.quotes import quoted
from partybrand.orgs.roles import Cap, can
from partybrand.promotion import selectors, services
from partybrand.promotion.access import (
    NOT_RUNNER,
    access_carrier,
    access_photo,
    can_recognise,
    can_run,
)
from partybrand.promotion.choices import RECOGNITION_TITLES, BrandDisplay, CarrierKind
from partybrand.promotion.forms import ActivityForm, CarrierForm, RecognitionForm

CARRIER_FIELDS = ("kind", "name", "leader", "area", "commitment", "starts_on", "ends_on")


def _pk(value):
    return int(value) if is_id(value) else None


@login_required
@require_GET
def carrier_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in CarrierKind.values else ""
    brand_pk, org_pk = _pk(request.GET.get("brand")), _pk(request.GET.get("org"))
    brand = visible_brands(request.user).filter(pk=brand_pk).first() if brand_pk else None
    org = selectors.filter_orgs(request.user).filter(pk=org_pk).first() if org_pk else None
    due = request.GET.get("recheck") == "due"
    rows = selectors.carrier_list(
        request.user, kind=kind, brand=brand, org=org, due_on=clock.today() if due else None
    )
    return render(
        request,
        "promotion/carrier_list.html",
        {
            "page": paginate(request, rows),
            "kinds": CarrierKind.choices,
            "kind": kind,
            "brand": brand,
            "org": org,
            "due": due,
            "today": clock.today(),
            "brands": selectors.filter_brands(request.user),
            "orgs": selectors.filter_orgs(request.user),
            "brands_to_run": selectors.brands_to_run(request.user),
        },
    )


def _brand_to_run(user, pk):
    brand = access_brand(user, pk)
    if not can(user, Cap.RUN_CARRIERS, brand.org.path):
        raise PermissionDenied(NOT_RUNNER)
    return brand


@login_required
@require_http_methods(["GET", "POST"])
def carrier_create(request, brand_pk):
    brand = _brand_to_run(request.user, brand_pk)
    form = CarrierForm(
        request.POST or None,
        brands=selectors.brands_to_run(request.user).filter(org=brand.org),
        roll=selectors.roll_for(brand.org),
        initial={"brand": brand.pk, "starts_on": clock.today()},
    )

    def create(data):
        fields = {name: data[name] for name in CARRIER_FIELDS}
        return services.carrier_create(
            actor=request.user,
            brand=data["brand"],
            members=data["members"],
            display=data["display"],
            **fields,
        )

    return form_action(
        request,
        form,
        create,
        success=lambda c: f"已新建活动载体{quoted(c.name)}。",
        done=lambda c: redirect_to("promotion:carrier_detail", pk=c.pk),
        page=lambda form: render(
            request,
            "promotion/carrier_form.html",
            {"form": form, "brand": brand, "carrier": None},
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def carrier_edit(request, pk):
    carrier = access_carrier(request.user, pk, for_edit=True)
    initial = {name: getattr(carrier, name) for name in CARRIER_FIELDS}
    initial.update(
        display=carrier.display, state=carrier.state, members=list(carrier.members.all())
    )
    form = CarrierForm(
        request.POST or None,
        roll=selectors.roll_for(carrier.org),
        editing=True,
        initial=initial,
        version=carrier.version,
    )

    def save(data):
        fields = {name: data[name] for name in (*CARRIER_FIELDS, "display", "state")}
        return services.carrier_update(
            actor=request.user,
            carrier=carrier,
            members=data["members"],
            version=data.get("version"),
            **fields,
        )

    return form_action(
        request,
        form,
        save,
        success="已保存。",
        done=redirect_to("promotion:carrier_detail", pk=carrier.pk),
        page=lambda form: render(
            request,
            "promotion/carrier_form.html",
            {"form": form, "brand": carrier.brand, "carrier": carrier},
        ),
    )


def _display_labels(carrier) -> list[str]:
    labels = dict(BrandDisplay.choices)
    return [labels[v] for v in carrier.display if v in labels]


def _record(carrier) -> dict:
    """What the carrier did, as its page and the decision page show it."""
    activities = list(selectors.activities_of(carrier))
    return {
        "carrier": carrier,
        "members": carrier.members.order_by("name", "id"),
        "display_labels": _display_labels(carrier),
        "activities": activities,
        "totals": selectors.result_totals(activities),
        "recognitions": selectors.recognitions_of(carrier),
    }


@login_required
@require_GET
def carrier_detail(request, pk):
    carrier = access_carrier(request.user, pk)
    context = _record(carrier)
    context.update(
        can_run=can_run(request.user, carrier),
        can_recognise=can_recognise(request.user, carrier),
    )
    return render(request, "promotion/carrier_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    carrier = access_carrier(request.user, pk, for_edit=True)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        roll=selectors.roll_for(carrier.org),
        initial={"held_on": clock.today(), "participants": list(carrier.members.all())},
    )
    return form_action(
        request,
        form,
        lambda d: services.activity_add(actor=request.user, carrier=carrier, **form.service_data()),
        success="已记录活动。",
        done=redirect_to("promotion:carrier_detail", "activities", pk=carrier.pk),
        page=lambda form: render(
            request, "promotion/activity_form.html", {"form": form, "carrier": carrier}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recognition_create(request, pk):
    """The decision page: what the carrier did (activities, results, photos) beside the form."""
    carrier = access_carrier(request.user, pk, for_recognition=True)
    form = RecognitionForm(
        request.POST or None,
        initial={
            "title": RECOGNITION_TITLES.get(carrier.kind, ""),
            "decided_on": clock.today(),
        },
    )
    return form_action(
        request,
        form,
        lambda d: services.recognition_record(actor=request.user, carrier=carrier, **d),
        success=lambda r: f"已记录评定：{r.title}（{r.get_decision_display()}）。",
        done=redirect_to("promotion:carrier_detail", "recognition", pk=carrier.pk),
        page=lambda form: render(
            request, "promotion/recognition_form.html", {**_record(carrier), "form": form}
        ),
    )


@login_required
@require_GET
def photo_view(request, pk):
    photo = access_photo(request.user, pk)
    return stored_image(photo.file, photo.content_type)

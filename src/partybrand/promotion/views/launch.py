"""The launch pages: the list, planning a launch (drafts written from the brand record), its
page with the plan as a document, marking it held, and keeping its record."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import access_brand, visible_brands
from partybrand.core import clock
from partybrand.core.files import stored_image
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.core.quotes import quoted
from partybrand.promotion import selectors, services
from partybrand.promotion.access import (
    NOT_PROMOTER,
    access_launch,
    access_launch_photo,
    can_promote,
)
from partybrand.promotion.choices import LaunchState
from partybrand.promotion.forms import LaunchForm, LaunchRecordForm, checklist_lines

PLAN_FIELDS = ("title", "held_on", "start_time", "venue", "guests", "host_script", "speech")
PLAN_FIELDS += ("publicity_plan",)


def brand_to_promote(user, pk):
    brand = access_brand(user, pk)
    if not can_promote(user, brand.org):
        raise PermissionDenied(NOT_PROMOTER)
    return brand


@login_required
@require_GET
def launch_list(request):
    brand_pk = request.GET.get("brand")
    brand = visible_brands(request.user).filter(pk=brand_pk).first() if is_id(brand_pk) else None
    return render(
        request,
        "promotion/launch_list.html",
        {
            "page": paginate(request, selectors.launch_list(request.user, brand=brand)),
            "brand": brand,
            "brands_to_promote": selectors.brands_to_promote(request.user),
        },
    )


def _form_page(request, form, brand, launch):
    return render(
        request, "promotion/launch_form.html", {"form": form, "brand": brand, "launch": launch}
    )


@login_required
@require_http_methods(["GET", "POST"])
def launch_create(request, brand_pk):
    brand = brand_to_promote(request.user, brand_pk)
    form = LaunchForm(
        request.POST or None,
        roll=selectors.roll_for(brand.org),
        initial={"held_on": clock.today(), "title": f"{quoted(brand.name)}党建品牌发布会"},
    )
    return form_action(
        request,
        form,
        lambda d: services.launch_plan(actor=request.user, brand=brand, **form.service_data()),
        success=lambda launch: f"已筹划{quoted(launch.title)}，已通知参会党员。",
        done=lambda launch: redirect_to("promotion:launch_detail", pk=launch.pk),
        page=lambda form: _form_page(request, form, brand, None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def launch_edit(request, pk):
    launch = access_launch(request.user, pk, for_edit=True)
    initial = {name: getattr(launch, name) for name in PLAN_FIELDS}
    initial.update(
        participants=list(launch.participants.all()),
        checklist=checklist_lines(launch.checklist),
        **LaunchForm.agenda_initial(launch.agenda),
    )
    form = LaunchForm(
        request.POST or None,
        roll=selectors.roll_for(launch.org),
        initial=initial,
        version=launch.version,
    )

    def save(data):
        return services.launch_update(
            actor=request.user, launch=launch, version=data.get("version"), **form.service_data()
        )

    return form_action(
        request,
        form,
        save,
        success="已保存发布会方案。",
        done=redirect_to("promotion:launch_detail", pk=launch.pk),
        page=lambda form: _form_page(request, form, launch.brand, launch),
    )


@login_required
@require_GET
def launch_detail(request, pk):
    launch = access_launch(request.user, pk)
    return render(
        request,
        "promotion/launch_detail.html",
        {
            "launch": launch,
            "participants": launch.participants.order_by("name", "id"),
            "guests": [g for g in launch.guests.splitlines() if g.strip()],
            "photos": selectors.launch_photos(launch),
            "reports": selectors.publicity_list(request.user, launch=launch),
            "can_promote": can_promote(request.user, launch.org),
            "may_hold": launch.state == LaunchState.PLANNED and launch.held_on <= clock.today(),
        },
    )


@login_required
@require_POST
def launch_hold(request, pk):
    launch = access_launch(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda d: services.launch_hold(actor=request.user, launch=launch),
        success="已标记发布会已举行，请归档会议记录。",
        done=redirect_to("promotion:launch_record", pk=launch.pk),
        page=redirect_to("promotion:launch_detail", pk=launch.pk),
        failed="未标记：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def launch_record(request, pk):
    launch = access_launch(request.user, pk, for_edit=True)
    form = LaunchRecordForm(
        request.POST or None,
        request.FILES or None,
        initial={"attendance": launch.attendance, "summary": launch.summary},
    )
    return form_action(
        request,
        form,
        lambda d: services.launch_record(actor=request.user, launch=launch, **d),
        success="已归档发布会记录。",
        done=redirect_to("promotion:launch_detail", pk=launch.pk),
        page=lambda form: render(
            request, "promotion/launch_record.html", {"form": form, "launch": launch}
        ),
    )


@login_required
@require_GET
def launch_photo(request, pk):
    photo = access_launch_photo(request.user, pk)
    return stored_image(photo.file, photo.content_type)

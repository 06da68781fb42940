"""Pages that add to a brand's record: logo, KPIs and their values, honours, attachments."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from partybrand.brands import services
from partybrand.brands.access import access_brand
from partybrand.brands.forms import AttachmentForm, HonourForm, KpiForm, KpiValueForm, LogoForm
from partybrand.brands.views.brands import brand_page
from partybrand.core.files import stored_download, stored_image
from partybrand.core.forms import form_action, redirect_to


def _back(brand, anchor: str = ""):
    return redirect_to("brands:brand_detail", anchor, pk=brand.pk)


def _run(request, brand, form, anchor: str, success: str, call, *, slot: str):
    """A side form of the brand page: back to its part of the page on success, the page with
    the form (in `slot`) as typed if refused."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=_back(brand, anchor),
        page=lambda form: brand_page(request, brand, **{slot: form}),
    )


def _button(request, brand, anchor: str, success: str, call):
    return form_action(request, None, call, success=success, done=_back(brand, anchor))


@login_required
@require_POST
def logo_upload(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    form = LogoForm(request.POST, request.FILES)
    return _run(
        request,
        brand,
        form,
        "identity",
        "标识已更新。",
        lambda d: services.brand_set_logo(actor=request.user, brand=brand, upload=d["logo"]),
        slot="logo_form",
    )


@login_required
@require_GET
def logo_view(request, pk):
    brand = access_brand(request.user, pk)
    if not brand.logo:
        raise Http404("该品牌还没有上传标识。")
    return stored_image(brand.logo, brand.logo_content_type)


@login_required
@require_POST
def kpi_add(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return _run(
        request,
        brand,
        KpiForm(request.POST),
        "kpis",
        "已添加指标。",
        lambda d: services.kpi_create(actor=request.user, brand=brand, **d),
        slot="kpi_form",
    )


@login_required
@require_POST
def kpi_value_add(request, pk, kpi_pk):
    brand = access_brand(request.user, pk, for_edit=True)
    kpi = get_object_or_404(brand.kpis, pk=kpi_pk)
    form = KpiValueForm(request.POST)
    form.kpi = kpi.pk  # the brand page shows it again under this KPI
    return _run(
        request,
        brand,
        form,
        "kpis",
        f"已记录“{kpi.name}”的实际值。",
        lambda d: services.kpi_record_value(actor=request.user, kpi=kpi, **d),
        slot="value_form",
    )


@login_required
@require_POST
def kpi_delete(request, pk, kpi_pk):
    brand = access_brand(request.user, pk, for_edit=True)
    kpi = get_object_or_404(brand.kpis, pk=kpi_pk)
    return _button(
        request,
        brand,
        "kpis",
        f"已删除指标“{kpi.name}”。",
        lambda _: services.kpi_delete(actor=request.user, kpi=kpi),
    )


@login_required
@require_POST
def honour_add(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return _run(
        request,
        brand,
        HonourForm(request.POST),
        "honours",
        "已添加荣誉。",
        lambda d: services.honour_add(actor=request.user, brand=brand, **d),
        slot="honour_form",
    )


@login_required
@require_POST
def honour_delete(request, pk, honour_pk):
    brand = access_brand(request.user, pk, for_edit=True)
    honour = get_object_or_404(brand.honours, pk=honour_pk)
    return _button(
        request,
        brand,
        "honours",
        "已删除荣誉。",
        lambda _: services.honour_delete(actor=request.user, honour=honour),
    )


@login_required
@require_POST
def attachment_add(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return _run(
        request,
        brand,
        AttachmentForm(request.POST, request.FILES),
        "attachments",
        "已添加附件。",
        lambda d: services.attachment_add(
            actor=request.user,
            brand=brand,
            kind=d["kind"],
            title=d["title"],
            upload=d.get("upload"),
            url=d.get("url") or "",
        ),
        slot="attachment_form",
    )


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    brand = access_brand(request.user, pk)
    attachment = get_object_or_404(brand.attachments, pk=attachment_pk)
    if not attachment.file:
        raise Http404("该附件是链接，没有文件。")
    return stored_download(
        attachment.file, title=attachment.title, content_type=attachment.content_type
    )


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    brand = access_brand(request.user, pk, for_edit=True)
    attachment = get_object_or_404(brand.attachments, pk=attachment_pk)
    return _button(
        request,
        brand,
        "attachments",
        "已删除附件。",
        lambda _: services.attachment_delete(actor=request.user, attachment=attachment),
    )

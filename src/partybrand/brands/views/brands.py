"""Pages of the brand record: list, matrix, create, detail, edit and the lifecycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands import selectors
from partybrand.brands.access import access_brand, can_edit_brand, visible_brands
from partybrand.brands.choices import (
    AttachmentKind,
    BrandLevel,
    BrandStatus,
    BrandTier,
    ReReviewOutcome,
)
from partybrand.brands.forms import (
    AttachmentForm,
    BrandCreateForm,
    BrandForm,
    HonourForm,
    KpiForm,
    KpiValueForm,
    LogoForm,
    PhraseFormSet,
    TransitionForm,
)
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create, brand_set_phrases, brand_update
from partybrand.brands.transitions import available_transitions, brand_transition
from partybrand.core.forms import error_text, form_error_text
from partybrand.core.pagination import paginate
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap


@login_required
@require_GET
def brand_list(request):
    org = (
        access_org(request.user, request.GET["org"])
        if request.GET.get("org", "").isdigit()
        else None
    )
    found = selectors.brand_list(request.user, request.GET, request=request)
    found.is_valid()  # an unknown status or tier is ignored, the other filters still apply
    valid = found.form.cleaned_data
    return render(
        request,
        "brands/brand_list.html",
        {
            "page_obj": paginate(request, found.qs.order_by("-updated_at", "-id")),
            "org": org,
            "filters": {
                "status": valid.get("status") or "",
                "tier": valid.get("tier") or "",
                "level": valid.get("level") or "",
                "query": (valid.get("q") or "").strip(),
            },
            "counts": selectors.status_counts(request.user),
            "tiers": BrandTier.choices,
            "levels": BrandLevel.choices,
        },
    )


@login_required
@require_GET
def brand_matrix(request):
    visible = visible_brands(request.user)
    roots = visible.exclude(parent__in=visible).select_related("org").order_by("org__path", "name")
    page = paginate(request, roots, per_page=20)
    return render(
        request,
        "brands/brand_matrix.html",
        {"page_obj": page, "children": selectors.matrix_levels(request.user, list(page))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def brand_create_view(request):
    if request.GET.get("org", "").isdigit():
        org = access_org(request.user, request.GET["org"], cap=Cap.EDIT_BRAND)
        orgs = type(org).objects.filter(pk=org.pk)
    else:
        orgs = selectors.orgs_for_new_brand(request.user)
    org_count = orgs.count()
    if request.method == "POST" and not org_count:
        raise PermissionDenied("您的角色不能创建品牌。")
    if org_count > selectors.MAX_ORG_CHOICES:
        # Too many to pick from a list: large groups start from the organisation's own page.
        return render(request, "brands/brand_create.html", {"too_many": True, "has_orgs": True})
    form = BrandCreateForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            brand = brand_create(
                actor=request.user, org=data["org"], name=data["name"], slogan=data["slogan"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"品牌“{brand.name}”已创建，请继续完善理念与标识。")
            return redirect("brands:brand_edit", pk=brand.pk)
    return render(request, "brands/brand_create.html", {"form": form, "has_orgs": org_count > 0})


@login_required
@require_GET
def brand_detail(request, pk):
    brand = access_brand(request.user, pk)
    parts = selectors.brand_detail_parts(request.user, brand)
    can_edit = can_edit_brand(request.user, brand)
    context = {
        "brand": brand,
        **parts,
        "kpi_chart": selectors.kpi_chart_data(parts["kpis"]),
        "can_edit": can_edit and brand.status != BrandStatus.REVOKED,
        "transitions": available_transitions(request.user, brand),
        "tiers": BrandTier.choices,
        "outcomes": ReReviewOutcome.choices,
        "attachment_kinds": AttachmentKind.choices,
    }
    if context["can_edit"]:
        context.update(
            kpi_form=KpiForm(),
            value_form=KpiValueForm(),
            honour_form=HonourForm(),
            attachment_form=AttachmentForm(),
            logo_form=LogoForm(),
        )
    return render(request, "brands/brand_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def brand_edit(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    instance = Brand.objects.get(pk=brand.pk)
    parents = selectors.parent_brand_choices(request.user, brand)
    form = BrandForm(request.POST or None, instance=instance, parent_choices=parents)
    initial = [{"phrase": p.phrase, "explanation": p.explanation} for p in brand.phrases.all()]
    phrases = PhraseFormSet(request.POST or None, initial=initial, prefix="phrases")
    if request.method == "POST" and form.is_valid() and phrases.is_valid():
        try:
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            with transaction.atomic():  # the identity and its phrases are saved together or not
                brand_update(actor=request.user, brand=brand, **fields)
                brand_set_phrases(
                    actor=request.user,
                    brand=brand,
                    phrases=[
                        (row.get("phrase", ""), row.get("explanation", ""))
                        for row in phrases.cleaned_data
                    ],
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "品牌理念已保存。")
            return redirect("brands:brand_detail", pk=brand.pk)
    return render(
        request, "brands/brand_edit.html", {"brand": brand, "form": form, "phrases": phrases}
    )


@login_required
@require_POST
def brand_transition_view(request, pk):
    brand = access_brand(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "提交的内容有误：" + form_error_text(form))
        return redirect("brands:brand_detail", pk=brand.pk)
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    action = data.pop("action")
    try:
        brand = brand_transition(actor=request.user, brand=brand, action=action, **data)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"操作成功，品牌当前状态：{brand.get_status_display()}。")
    return redirect("brands:brand_detail", pk=brand.pk)

"""Pages of the brand record: list, matrix, create, detail, edit and the lifecycle."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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
    LogoForm,
    PhraseFormSet,
    TransitionForm,
)
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create, brand_set_phrases, brand_update
from partybrand.brands.transitions import (
    available_transitions,
    brand_transition,
    can_decide,
    round_notes,
)
from partybrand.core.forms import form_action
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.orgs.access import access_org
from partybrand.orgs.choices import Province
from partybrand.orgs.roles import Cap, can

PHRASES_REFUSED = "内涵释义有误，请按提示修改。"


@login_required
@require_GET
def brand_list(request):
    org = access_org(request.user, request.GET["org"]) if is_id(request.GET.get("org")) else None
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
                "province": valid.get("province") or "",
                "query": (valid.get("q") or "").strip(),
                "held": bool(valid.get("held")),
            },
            "counts": selectors.status_counts(request.user, request.GET, request=request),
            "tiers": BrandTier.choices,
            "levels": BrandLevel.choices,
            "provinces": Province.choices,
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
    if is_id(request.GET.get("org")):
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
    return form_action(
        request,
        form,
        lambda data: brand_create(
            actor=request.user, org=data["org"], name=data["name"], slogan=data["slogan"]
        ),
        success=lambda brand: f"品牌“{brand.name}”已创建，请继续完善理念与标识。",
        done=lambda brand: redirect("brands:brand_edit", pk=brand.pk),
        page=lambda form: render(
            request, "brands/brand_create.html", {"form": form, "has_orgs": org_count > 0}
        ),
    )


@login_required
@require_GET
def brand_detail(request, pk):
    return brand_page(request, access_brand(request.user, pk))


def brand_page(request, brand, *, value_form=None, transition_form=None, **forms):
    """The brand's page. A refused side form comes back with what was typed: in `forms`
    (kpi_form, honour_form, attachment_form, logo_form), `value_form` for a KPI's value (its
    `kpi` attribute names the KPI) and `transition_form` for a lifecycle step."""
    parts = selectors.brand_detail_parts(request.user, brand)
    for kpi in parts["kpis"]:
        kpi.value_form = value_form if value_form and value_form.kpi == kpi.pk else None
    can_edit = can_edit_brand(request.user, brand)
    context = {
        "brand": brand,
        **parts,
        "kpi_chart": selectors.kpi_chart_data(parts["kpis"]),
        "can_edit": can_edit and brand.status != BrandStatus.REVOKED,
        # A brand of an organisation above one's own is visible; its organisation's page is not.
        "org_visible": can(request.user, Cap.VIEW, brand.org.path) and brand.org.is_active,
        "transitions": available_transitions(request.user, brand),
        "round_notes": round_notes(brand) if can_edit or can_decide(request.user, brand) else [],
        "tiers": BrandTier.choices,
        "outcomes": ReReviewOutcome.choices,
        "attachment_kinds": AttachmentKind.choices,
        "transition_form": transition_form,
        "typed_action": transition_form.data.get("action") if transition_form else None,
    }
    if context["can_edit"]:
        context.update(
            kpi_form=KpiForm(),
            honour_form=HonourForm(),
            attachment_form=AttachmentForm(),
            logo_form=LogoForm(),
        )
    context.update(forms)
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

    def save(data):  # the identity and its phrases are saved together or not
        if not phrases.is_valid():
            raise ValidationError(PHRASES_REFUSED)
        fields = {n: data[n] for n in form.Meta.fields}
        updated = brand_update(actor=request.user, brand=brand, version=data["version"], **fields)
        brand_set_phrases(
            actor=request.user,
            brand=brand,
            version=updated.version if data["version"] else None,
            phrases=[
                (row.get("phrase", ""), row.get("explanation", "")) for row in phrases.cleaned_data
            ],
        )

    return form_action(
        request,
        form,
        save,
        success="品牌理念已保存。",
        done=redirect("brands:brand_detail", pk=brand.pk),
        page=lambda form: render(
            request, "brands/brand_edit.html", {"brand": brand, "form": form, "phrases": phrases}
        ),
    )


@login_required
@require_POST
def brand_transition_view(request, pk):
    brand = access_brand(request.user, pk)
    form = TransitionForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: brand_transition(
            actor=request.user,
            brand=brand,
            **{k: v for k, v in data.items() if v not in (None, "")},
        ),
        success=lambda brand: f"操作成功，品牌当前状态：{brand.get_status_display()}。",
        done=redirect("brands:brand_detail", pk=brand.pk),
        page=lambda form: brand_page(
            request, access_brand(request.user, brand.pk), transition_form=form
        ),
        failed="",
    )

"""Pages of a brand's comparisons (对标记录): list, add, edit and delete."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.benchmarks import selectors, services
from partybrand.benchmarks.access import access_comparison, visible_benchmarks
from partybrand.benchmarks.forms import ComparisonEditForm, ComparisonForm
from partybrand.benchmarks.models import Benchmark
from partybrand.brands.access import access_brand, can_edit_brand
from partybrand.brands.choices import BrandStatus
from partybrand.core.forms import form_action
from partybrand.core.ids import is_id


@login_required
@require_http_methods(["GET", "POST"])
def brand_comparisons(request, brand_pk):
    brand = access_brand(request.user, brand_pk, for_edit=request.method == "POST")
    may_edit = can_edit_brand(request.user, brand)
    can_edit = may_edit and brand.status != BrandStatus.REVOKED
    # A POST reaches the service even for a revoked brand, which refuses it with its reason.
    form = ComparisonForm(request.POST or None) if may_edit else None
    return form_action(
        request,
        form,
        lambda data: services.comparison_create(actor=request.user, brand=brand, **data),
        success=lambda comparison: f"已记录与“{comparison.benchmark.name}”的对标。",
        done=redirect("benchmarks:brand_comparisons", brand_pk=brand.pk),
        page=lambda form: render(
            request,
            "benchmarks/brand_comparisons.html",
            {
                "brand": brand,
                "comparisons": selectors.brand_comparisons(brand),
                "form": form if can_edit or request.method == "POST" else None,
                "chosen": _chosen(request, form),
                "can_edit": can_edit,
            },
        ),
    )


def _chosen(request, form) -> Benchmark | None:
    """The benchmark already picked: sent back with a refused form, or named in the link from a
    benchmark's page (?benchmark=)."""
    raw = (
        request.POST.get("benchmark") if request.method == "POST" else request.GET.get("benchmark")
    )
    if not is_id(raw) or form is None:
        return None
    return visible_benchmarks(request.user).filter(pk=raw).first()


@login_required
@require_http_methods(["GET", "POST"])
def comparison_edit(request, pk):
    comparison = access_comparison(request.user, pk, for_edit=True)
    form = ComparisonEditForm(
        request.POST or None,
        initial={"learn": comparison.learn, "differ": comparison.differ},
        version=comparison.version,
    )
    return form_action(
        request,
        form,
        lambda data: services.comparison_update(actor=request.user, comparison=comparison, **data),
        success="对标记录已保存。",
        done=redirect("benchmarks:brand_comparisons", brand_pk=comparison.brand_id),
        page=lambda form: render(
            request, "benchmarks/comparison_form.html", {"form": form, "comparison": comparison}
        ),
    )


@login_required
@require_POST
def comparison_delete(request, pk):
    comparison = access_comparison(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.comparison_delete(actor=request.user, comparison=comparison),
        success=f"已删除与“{comparison.benchmark.name}”的对标记录。",
        done=redirect("benchmarks:brand_comparisons", brand_pk=comparison.brand_id),
    )

"""Pages of the benchmark library: search, detail, import, and the managers' add/edit/delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.benchmarks import selectors, services
from partybrand.benchmarks.access import (
    access_benchmark,
    can_manage_library,
    require_library_manager,
)
from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.benchmarks.forms import BenchmarkForm, ImportForm, LogoForm
from partybrand.benchmarks.imports import COLUMNS, SHEET, import_benchmarks
from partybrand.core.files import stored_image, xlsx_download
from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.core.tabular import ImportRefused, write_workbook

PICK_LIMIT = 8


@login_required
@require_GET
def benchmark_list(request):
    filters = selectors.Filters.from_params(request.GET)
    rows = selectors.search_benchmarks(request.user, filters)
    return render(
        request,
        "benchmarks/benchmark_list.html",
        {
            "page_obj": paginate(request, rows, per_page=20),
            "filters": filters,
            "levels": BenchmarkLevel.choices,
            "facets": selectors.facet_values(request.user),
            "can_manage": can_manage_library(request.user),
        },
    )


@login_required
@require_GET
def benchmark_pick(request):
    """Search-as-you-type for the comparison form: a few ranked matches to choose from."""
    filters = selectors.Filters(q=(request.GET.get("q") or "").strip()[:100])
    rows = selectors.search_benchmarks(request.user, filters)[:PICK_LIMIT] if filters.q else []
    return render(request, "benchmarks/_pick_results.html", {"results": rows, "query": filters.q})


@login_required
@require_GET
def benchmark_detail(request, pk):
    benchmark = access_benchmark(request.user, pk)
    return render(
        request,
        "benchmarks/benchmark_detail.html",
        {
            "benchmark": benchmark,
            "comparisons": selectors.benchmark_comparisons(request.user, benchmark)[:20],
            "brands": selectors.editable_brands(request.user),
            "can_manage": can_manage_library(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_create(request):
    require_library_manager(request.user)
    form = BenchmarkForm(request.POST or None)
    return form_action(
        request,
        form,
        lambda data: services.benchmark_create(actor=request.user, **data),
        success=lambda benchmark: f"已将“{benchmark.name}”加入标杆品牌库。",
        done=lambda benchmark: redirect("benchmarks:benchmark_detail", pk=benchmark.pk),
        page=lambda form: render(request, "benchmarks/benchmark_form.html", {"form": form}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_edit(request, pk):
    benchmark = access_benchmark(request.user, pk, for_edit=True)
    form = BenchmarkForm(request.POST or None, instance=benchmark)
    return form_action(
        request,
        form,
        lambda data: services.benchmark_update(actor=request.user, benchmark=benchmark, **data),
        success="标杆品牌已保存。",
        done=redirect("benchmarks:benchmark_detail", pk=benchmark.pk),
        page=lambda form: _edit_page(request, benchmark, form=form),
    )


def _edit_page(request, benchmark, *, form=None, logo_form=None):
    """The benchmark's edit page; a refused form (either of its two) comes back as typed."""
    return render(
        request,
        "benchmarks/benchmark_form.html",
        {
            "form": form or BenchmarkForm(instance=benchmark),
            "benchmark": benchmark,
            "logo_form": logo_form or LogoForm(),
        },
    )


@login_required
@require_POST
def benchmark_delete(request, pk):
    benchmark = access_benchmark(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.benchmark_delete(actor=request.user, benchmark=benchmark),
        success=f"已从标杆品牌库删除“{benchmark.name}”。",
        done=redirect("benchmarks:benchmark_list"),
        page=redirect("benchmarks:benchmark_detail", pk=benchmark.pk),
        failed="未删除：",
    )


@login_required
@require_POST
def benchmark_logo_upload(request, pk):
    benchmark = access_benchmark(request.user, pk, for_edit=True)
    return form_action(
        request,
        LogoForm(request.POST, request.FILES),
        lambda data: services.benchmark_set_logo(
            actor=request.user, benchmark=benchmark, upload=data["logo"]
        ),
        success="标识已更新。",
        done=redirect("benchmarks:benchmark_detail", pk=benchmark.pk),
        page=lambda form: _edit_page(request, benchmark, logo_form=form),
    )


@login_required
@require_GET
def benchmark_logo(request, pk):
    benchmark = access_benchmark(request.user, pk)
    if not benchmark.logo:
        raise Http404("该标杆品牌没有标识。")
    return stored_image(benchmark.logo, benchmark.logo_content_type)


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_import(request):
    require_library_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = import_benchmarks(
                actor=request.user, upload=data["file"], dry_run=data["dry_run"]
            )
        except ImportRefused as refused:
            errors = refused.errors
            messages.error(request, str(refused))
        else:
            counts = (
                f"新增 {result.created} 个，更新 {result.updated} 个，未变 {result.unchanged} 个"
            )
            if result.dry_run:
                messages.info(request, f"检查通过（未导入）：导入后将{counts}。")
            else:
                messages.success(request, f"导入成功：{counts}。")
                return redirect("benchmarks:benchmark_list")
    return render(request, "benchmarks/import.html", {"form": form, "errors": errors})


@login_required
@require_GET
def benchmark_template(request):
    require_library_manager(request.user)
    example = [
        "示例：红色引擎",
        "党建引领、业务融合",
        "以党建为引擎，带动生产经营",
        "某省电力公司某供电所党支部",
        "电力",
        "党支部",
        "",
        "https://example.com/news/1",
        2024,
    ]
    notes = [
        ("列", "填写说明"),
        ("品牌名称", "必填。同一所属组织下的同名品牌只录入一次，再次导入时更新原记录。"),
        ("层级", "照来源填写，如 党支部、企业党委、集团。"),
        ("地区", "可留空：系统按所属组织名称识别省份。"),
        ("来源地址", "公开报道的网址，以 http:// 或 https:// 开头。"),
        ("年份", "四位数字，如 2024；“2024年度”也可识别。"),
        ("其他格式", "也可以上传 CSV（UTF-8 或 GBK 编码），表头可用英文列名，如 name、org。"),
    ]
    content = write_workbook(SHEET, COLUMNS, [], example=example, notes=notes)
    return xlsx_download(content, "标杆品牌导入模板.xlsx")

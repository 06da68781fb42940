"""Permission cases of the benchmark library and of a brand's comparisons (对标记录).

The library is shared by the whole group: every signed-in user reads it, the outsider included
(so reading cases have no outsider). Changing it needs MANAGE_LIBRARY (staff); anyone else gets
403, the outsider too. Comparisons follow their brand: the outsider of 支部B gets 404 for 支部A's.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.benchmarks import services
from partybrand.benchmarks.models import Benchmark, Comparison
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, png_upload

CSV_ROWS = "name,org,sector,year\n红色先锋,某供电公司党委,电力,2024\n"


def benchmark(w) -> Benchmark:
    found = Benchmark.objects.filter(name="蓝色先锋").first()
    return found or services.benchmark_create(
        actor=None, name="蓝色先锋", org="某港口集团党委", sector="交通", year=2023
    )


def benchmark_kw(w):
    return {"pk": benchmark(w).pk}


def with_logo(w):
    services.benchmark_set_logo(actor=None, benchmark=benchmark(w), upload=png_upload())
    return benchmark_kw(w)


def brand_kw(w):
    return {"brand_pk": w.brand.pk}


def comparison_kw(w):
    comparison = Comparison.objects.filter(brand=w.brand).first() or services.comparison_create(
        actor=w.secretary, brand=w.brand, benchmark=benchmark(w), learn="学服务", differ="重创新"
    )
    return {"pk": comparison.pk}


def csv_upload():
    return SimpleUploadedFile("标杆.csv", CSV_ROWS.encode("utf-8"), content_type="text/csv")


def comparison_body(w):
    return {"benchmark": benchmark(w).pk, "learn": "学习服务群众的做法", "differ": "突出电力特色"}


def _edited(w) -> bool:
    return Comparison.objects.filter(learn="改后的学习内容").exists()


MANAGE = {"allowed": "staff", "readonly": "secretary", "outsider_status": (403,)}
READ = {"allowed": "member", "readonly": None, "outsider": None}
EDIT_BENCHMARK = {"name": "蓝色先锋", "org": "某港口集团党委", "slogan": "改后的口号"}

PERMISSION_CASES = [
    # The shared library: everyone signed in reads it.
    Case("benchmarks:benchmark_list", **READ),
    Case("benchmarks:benchmark_pick", data=lambda w: {"q": "先锋"}, **READ),
    Case("benchmarks:benchmark_detail", benchmark_kw, **READ),
    Case("benchmarks:benchmark_logo", with_logo, **READ),
    # Changing it: staff only.
    Case("benchmarks:benchmark_create", **MANAGE),
    Case(
        "benchmarks:benchmark_create",
        method="post",
        data=lambda w: {"name": "绿色引擎", "org": "某电网公司", "year": "2024"},
        effect=exists("benchmarks.Benchmark", name="绿色引擎"),
        allowed_status=(302,),
        **MANAGE,
    ),
    Case("benchmarks:benchmark_edit", benchmark_kw, **MANAGE),
    Case(
        "benchmarks:benchmark_edit",
        benchmark_kw,
        method="post",
        data=lambda w: EDIT_BENCHMARK,
        effect=exists("benchmarks.Benchmark", slogan="改后的口号"),
        allowed_status=(302,),
        **MANAGE,
    ),
    Case(
        "benchmarks:benchmark_delete",
        benchmark_kw,
        method="post",
        effect=lambda w: not Benchmark.objects.filter(name="蓝色先锋").exists(),
        allowed_status=(302,),
        **MANAGE,
    ),
    Case(
        "benchmarks:benchmark_logo_upload",
        benchmark_kw,
        method="post",
        data=lambda w: {"logo": png_upload()},
        effect=lambda w: bool(Benchmark.objects.get(name="蓝色先锋").logo),
        allowed_status=(302,),
        **MANAGE,
    ),
    Case("benchmarks:benchmark_import", **MANAGE),
    Case(
        "benchmarks:benchmark_import",
        method="post",
        data=lambda w: {"file": csv_upload()},
        effect=exists("benchmarks.Benchmark", name="红色先锋"),
        allowed_status=(302,),
        **MANAGE,
    ),
    Case("benchmarks:benchmark_template", **MANAGE),
    # A brand's comparisons: read with the brand, written by those who may edit it.
    Case("benchmarks:brand_comparisons", brand_kw, allowed="member", readonly=None),
    Case(
        "benchmarks:brand_comparisons",
        brand_kw,
        method="post",
        data=comparison_body,
        effect=exists("benchmarks.Comparison", learn="学习服务群众的做法"),
        allowed_status=(302,),
    ),
    Case("benchmarks:comparison_edit", comparison_kw),
    Case(
        "benchmarks:comparison_edit",
        comparison_kw,
        method="post",
        data=lambda w: {"learn": "改后的学习内容", "differ": "突出电力特色"},
        effect=_edited,
        allowed_status=(302,),
    ),
    Case(
        "benchmarks:comparison_delete",
        comparison_kw,
        method="post",
        effect=lambda w: not Comparison.objects.exists(),
        allowed_status=(302,),
    ),
    # The API.
    Case("api:benchmark-list", api=True, **READ),
    Case("api:benchmark-detail", benchmark_kw, api=True, **READ),
    Case(
        "api:benchmark-import",
        method="post",
        data=lambda w: {"file": csv_upload()},
        effect=exists("benchmarks.Benchmark", name="红色先锋"),
        api=True,
        **MANAGE,
    ),
    Case("api:brand-comparison-list", brand_kw, api=True, allowed="member", readonly=None),
    Case(
        "api:brand-comparison-list",
        brand_kw,
        method="post",
        data=comparison_body,
        effect=exists("benchmarks.Comparison", learn="学习服务群众的做法"),
        allowed_status=(201,),
        api=True,
        content_type="json",
    ),
]

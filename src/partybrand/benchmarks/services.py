"""Every change to the benchmark library and to a brand's comparisons (对标记录).

The import of whole files lives in `imports.py` and saves its rows through `prepare` below, so a
row typed on the page and a row read from a file end up the same.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.benchmarks.access import library_path
from partybrand.benchmarks.indexing import SEARCHED, search_fields
from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.benchmarks.regions import derive_region, normalise_region
from partybrand.benchmarks.values import classify_level, clean_url, parse_year
from partybrand.brands.models import Brand
from partybrand.brands.services import ensure_editable
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.uploads import check_logo
from partybrand.core.versioning import check_version
from partybrand.textsim.normalize import clean_text

FIELDS = ("name", "slogan", "connotation", "org", "sector", "level", "region", "source_url", "year")
TEXT_FIELDS = ("name", "slogan", "org", "sector", "level", "region")
DUPLICATE = "标杆品牌库中已有“{name}”（{org}），同名同组织的品牌只能录入一次。"


def prepare(data: dict, current: Benchmark | None = None) -> dict:
    """Cleaned values plus what follows from them: the level's kind, the region when none is
    given (read from the organisation), and the search fields."""
    data = dict(data)
    for name in TEXT_FIELDS:
        if name in data:
            # Only white space is tidied: the text stays as the source reported it (full-width
            # punctuation included); the search fields hold the normalised forms.
            data[name] = re.sub(r"\s+", " ", clean_text(data[name])).strip()
    if "connotation" in data:
        data["connotation"] = clean_text(data["connotation"]).strip()
    if "source_url" in data:
        data["source_url"] = clean_url(data["source_url"])
    if data.get("year") is not None:
        data["year"] = parse_year(data["year"])
    if data.get("region"):
        data["region"] = normalise_region(data["region"])
    elif "region" in data or current is None or "org" in data:
        org = data.get("org", current.org if current else "")
        derived = derive_region(org)
        # An emptied or missing region is read again from the organisation's name; a region
        # set by hand stays when the name does not tell.
        data["region"] = derived or ("" if "region" in data else getattr(current, "region", ""))
    if "level" in data:
        data["level_class"] = classify_level(data["level"])
    texts = {name: data.get(name, getattr(current, name, "")) or "" for name in SEARCHED}
    if not texts["name"].strip():
        raise ValidationError({"name": "品牌名称不能为空。"})
    data.update(search_fields(**texts))
    return data


def _check_unique(benchmark: Benchmark) -> None:
    clash = Benchmark.objects.filter(name_norm=benchmark.name_norm, org_norm=benchmark.org_norm)
    if benchmark.pk:
        clash = clash.exclude(pk=benchmark.pk)
    if clash.exists():
        raise ValidationError(
            DUPLICATE.format(name=benchmark.name, org=benchmark.org or "未填组织")
        )


def _save_new(benchmark: Benchmark) -> None:
    try:
        with transaction.atomic():
            benchmark.save()
    except IntegrityError as exc:  # the same brand saved by someone else a moment ago
        raise ValidationError(
            DUPLICATE.format(name=benchmark.name, org=benchmark.org or "未填组织")
        ) from exc


@transaction.atomic
def benchmark_create(*, actor, **fields) -> Benchmark:
    data = prepare({k: v for k, v in fields.items() if k in FIELDS})
    benchmark = Benchmark(created_by=actor if getattr(actor, "pk", None) else None, **data)
    benchmark.full_clean(exclude=["logo", "created_by"], validate_constraints=False)
    _check_unique(benchmark)
    _save_new(benchmark)
    audit_record(
        actor=actor,
        action="benchmark_create",
        obj=benchmark,
        org_path=library_path(actor),
        changes={"name": benchmark.name, "org": benchmark.org},
    )
    return benchmark


@transaction.atomic
def benchmark_update(
    *, actor, benchmark: Benchmark, version: int | None = None, **fields
) -> Benchmark:
    benchmark = Benchmark.objects.select_for_update().get(pk=benchmark.pk)
    check_version(benchmark, version)
    given = {k: v for k, v in fields.items() if k in FIELDS}
    data = prepare(given, current=benchmark)
    derived = {k: v for k, v in data.items() if k not in FIELDS}
    changes = field_changes(benchmark, {k: v for k, v in data.items() if k in FIELDS})
    if not changes:
        return benchmark
    for name, value in derived.items():
        setattr(benchmark, name, value)
    benchmark.full_clean(exclude=["logo", "created_by"], validate_constraints=False)
    _check_unique(benchmark)
    benchmark.save(update_fields=[*changes, *derived, "updated_at"])
    audit_record(
        actor=actor,
        action="benchmark_update",
        obj=benchmark,
        org_path=library_path(actor),
        changes=changes,
    )
    return benchmark


@transaction.atomic
def benchmark_delete(*, actor, benchmark: Benchmark) -> None:
    benchmark = Benchmark.objects.select_for_update().get(pk=benchmark.pk)
    used = benchmark.comparisons.count()
    if used:
        raise ValidationError(
            f"已有 {used} 条对标记录引用“{benchmark.name}”，不能删除；可以修改其内容。"
        )
    logo = benchmark.logo.name if benchmark.logo else ""
    audit_record(
        actor=actor,
        action="benchmark_delete",
        obj=benchmark,
        org_path=library_path(actor),
        changes={"name": benchmark.name, "org": benchmark.org},
    )
    benchmark.delete()
    if logo:
        transaction.on_commit(lambda: Benchmark.logo.field.storage.delete(logo))


@transaction.atomic
def benchmark_set_logo(*, actor, benchmark: Benchmark, upload) -> Benchmark:
    checked = check_logo(upload, max_bytes=settings.LOGO_MAX_BYTES)
    benchmark = Benchmark.objects.select_for_update().get(pk=benchmark.pk)
    old = benchmark.logo.name if benchmark.logo else ""
    benchmark.logo.save(
        f"logo-{uuid.uuid4().hex[:12]}.{checked.extension}", checked.content, save=False
    )
    benchmark.logo_content_type = checked.content_type
    benchmark.save(update_fields=["logo", "logo_content_type", "updated_at"])
    if old:
        storage = benchmark.logo.storage
        transaction.on_commit(lambda: storage.delete(old))  # kept if the change rolls back
    audit_record(
        actor=actor,
        action="benchmark_set_logo",
        obj=benchmark,
        org_path=library_path(actor),
        changes={"logo": [old, benchmark.logo.name], "type": checked.content_type},
    )
    return benchmark


# ---------------------------------------------------------------- comparisons (对标)


def _comparison_text(learn: str, differ: str) -> tuple[str, str]:
    learn, differ = (learn or "").strip(), (differ or "").strip()
    errors = {}
    if not learn:
        errors["learn"] = "请填写要向该标杆学习的内容（学什么）。"
    if not differ:
        errors["differ"] = "请填写本品牌与该标杆的不同之处（差异化）。"
    if errors:
        raise ValidationError(errors)
    return learn, differ


@transaction.atomic
def comparison_create(
    *, actor, brand: Brand, benchmark: Benchmark, learn: str, differ: str
) -> Comparison:
    ensure_editable(brand)
    learn, differ = _comparison_text(learn, differ)
    if Comparison.objects.filter(brand=brand, benchmark=benchmark).exists():
        raise ValidationError(f"本品牌已有与“{benchmark.name}”的对标记录，请直接修改那一条。")
    comparison = Comparison(
        brand=brand, benchmark=benchmark, learn=learn, differ=differ, created_by=actor
    )
    comparison.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            comparison.save()
    except IntegrityError as exc:  # two people recorded the same benchmark at once
        raise ValidationError(
            f"本品牌已有与“{benchmark.name}”的对标记录，请直接修改那一条。"
        ) from exc
    audit_record(
        actor=actor,
        action="comparison_create",
        obj=comparison,
        org_path=brand.org.path,
        changes={"brand": brand.name, "benchmark": benchmark.name},
    )
    return comparison


@transaction.atomic
def comparison_update(
    *, actor, comparison: Comparison, learn: str, differ: str, version: int | None = None
) -> Comparison:
    comparison = (
        Comparison.objects.select_for_update()
        .select_related("brand__org", "benchmark")
        .get(pk=comparison.pk)
    )
    check_version(comparison, version)
    ensure_editable(comparison.brand)
    learn, differ = _comparison_text(learn, differ)
    changes = field_changes(comparison, {"learn": learn, "differ": differ})
    if changes:
        comparison.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor,
            action="comparison_update",
            obj=comparison,
            org_path=comparison.brand.org.path,
            changes=changes,
        )
    return comparison


@transaction.atomic
def comparison_delete(*, actor, comparison: Comparison) -> None:
    comparison = (
        Comparison.objects.select_for_update()
        .select_related("brand__org", "benchmark")
        .get(pk=comparison.pk)
    )
    ensure_editable(comparison.brand)
    audit_record(
        actor=actor,
        action="comparison_delete",
        obj=comparison,
        org_path=comparison.brand.org.path,
        changes={"brand": comparison.brand.name, "benchmark": comparison.benchmark.name},
    )
    comparison.delete()

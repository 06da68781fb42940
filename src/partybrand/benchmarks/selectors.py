"""Reads of the library and of a brand's comparisons."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from partybrand.benchmarks import search
from partybrand.benchmarks.access import visible_benchmarks
from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.benchmarks.models import Comparison
from partybrand.brands.access import visible_brands
from partybrand.orgs.roles import Cap, scope_q

MAX_BRAND_CHOICES = 50


@dataclass(frozen=True)
class Filters:
    """What a library search asks for; built from a query string by `from_params`."""

    q: str = ""
    sector: str = ""
    level: str = ""
    region: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        year = (params.get("year") or "").strip()
        level = (params.get("level") or "").strip()
        return cls(
            q=(params.get("q") or "").strip()[:100],
            sector=(params.get("sector") or "").strip()[:30],
            level=level if level in BenchmarkLevel.values else "",
            region=(params.get("region") or "").strip()[:20],
            year=int(year) if re.fullmatch(r"[0-9]{4}", year) else None,
        )

    @property
    def active(self) -> bool:
        return any((self.q, self.sector, self.level, self.region, self.year))


def search_benchmarks(user, filters: Filters) -> QuerySet:
    """The library entries the user may read that match `filters`, ranked when there is a
    query and newest first otherwise."""
    rows = visible_benchmarks(user)
    if filters.sector:
        rows = rows.filter(sector=filters.sector)
    if filters.level:
        rows = rows.filter(level_class=filters.level)
    if filters.region:
        rows = rows.filter(region=filters.region)
    if filters.year:
        rows = rows.filter(year=filters.year)
    return search.search(rows, filters.q) if filters.q else search.default_order(rows)


def facet_values(user) -> dict[str, list]:
    """The sectors, regions and years present in the library, for the filter menus."""
    rows = visible_benchmarks(user).order_by()
    return {
        "sectors": list(
            rows.exclude(sector="").values_list("sector", flat=True).distinct().order_by("sector")
        ),
        "regions": list(
            rows.exclude(region="").values_list("region", flat=True).distinct().order_by("region")
        ),
        "years": list(
            rows.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
        ),
    }


def brand_comparisons(brand) -> list[Comparison]:
    """The brand's comparisons (对标记录), oldest first, with their benchmarks loaded."""
    return list(Comparison.objects.filter(brand=brand).select_related("benchmark", "created_by"))


def benchmark_comparisons(user, benchmark) -> QuerySet:
    """Comparisons with this benchmark made by brands the user can see."""
    return (
        Comparison.objects.filter(benchmark=benchmark, brand__in=visible_brands(user))
        .select_related("brand", "brand__org")
        .order_by("-created_at", "-id")
    )


def editable_brands(user) -> QuerySet:
    """Brands the user may record comparisons for, for the benchmark page's picker."""
    return (
        visible_brands(user)
        .filter(scope_q(user, Cap.EDIT_BRAND, "org__path"))
        .select_related("org")
        .order_by("org__path", "name")[:MAX_BRAND_CHOICES]
    )

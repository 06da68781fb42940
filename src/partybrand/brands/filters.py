"""Query-string filters of the brand list, shared by the 品牌库 page and GET /api/v1/brands/.
`org` means that organisation's subtree."""

import django_filters
from django.db.models import Q

from partybrand.brands.choices import BrandLevel, BrandStatus, BrandTier
from partybrand.brands.models import Brand
from partybrand.orgs.choices import Province
from partybrand.orgs.filters import SubtreeFilter


class BrandFilter(django_filters.FilterSet):
    org = SubtreeFilter()
    status = django_filters.ChoiceFilter(choices=BrandStatus.choices, label="状态")
    tier = django_filters.ChoiceFilter(choices=BrandTier.choices, label="品牌等级")
    level = django_filters.ChoiceFilter(choices=BrandLevel.choices, label="品牌层级")
    province = django_filters.ChoiceFilter(
        field_name="org__province", choices=Province.choices, label="所在省份"
    )
    q = django_filters.CharFilter(method="search", label="名称或口号包含")
    # The cockpit's tier figures count brands still holding their tier (not 已摘牌).
    held = django_filters.BooleanFilter(method="held_only", label="不含已摘牌品牌")

    class Meta:
        model = Brand
        fields = ["org", "status", "tier", "level", "province", "q", "held"]

    def held_only(self, queryset, name, value):
        return queryset.exclude(status=BrandStatus.REVOKED) if value else queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(slogan__icontains=value))

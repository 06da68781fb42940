"""Query-string filters of the brand list. `org` means that organisation's subtree."""

import django_filters

from partybrand.brands.choices import BrandLevel, BrandStatus, BrandTier
from partybrand.brands.models import Brand
from partybrand.orgs.filters import SubtreeFilter


class BrandFilter(django_filters.FilterSet):
    org = SubtreeFilter()
    status = django_filters.ChoiceFilter(choices=BrandStatus.choices, label="状态")
    tier = django_filters.ChoiceFilter(choices=BrandTier.choices, label="品牌等级")
    level = django_filters.ChoiceFilter(choices=BrandLevel.choices, label="品牌层级")
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="名称包含")

    class Meta:
        model = Brand
        fields = ["org", "status", "tier", "level", "q"]

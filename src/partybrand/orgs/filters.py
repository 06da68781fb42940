"""Query-string filters of the organisation and member lists, shared by the pages and the API.
`org` always means that organisation's subtree."""

import django_filters

from partybrand.core.ids import ID_MAX
from partybrand.orgs.access import visible_orgs
from partybrand.orgs.choices import Gender, MemberStatus, OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.tree import subtree_q


class SubtreeFilter(django_filters.NumberFilter):
    """Rows of the given organisation and everything below it; an org out of reach gives none."""

    parent: django_filters.FilterSet  # the filter set this filter is bound to

    def __init__(self, *args, org_path_field: str = "org__path", **kwargs):
        kwargs.setdefault("label", "组织（含下级）")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)  # a larger number is refused, not a server error
        super().__init__(*args, **kwargs)
        self.org_path_field = org_path_field

    def filter(self, qs, value):
        if value is None:
            return qs
        request = self.parent.request
        if request is None:  # no user: no organisation is in reach
            return qs.none()
        path = visible_orgs(request.user).filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return qs.none()
        return qs.filter(subtree_q(path, self.org_path_field))


DEPTH_MAX = 64  # far deeper than any tree: a group, committees, branches and groups


class OrgFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label="组织类型")
    # Bounded: a number beyond what the database holds is refused (400), not a server error.
    parent = django_filters.NumberFilter(
        field_name="parent_id", label="上级组织", min_value=1, max_value=ID_MAX
    )
    depth = django_filters.NumberFilter(label="层级", min_value=0, max_value=DEPTH_MAX)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="名称包含")

    class Meta:
        model = Organization
        fields = ["kind", "parent", "depth", "q"]


class MemberFilter(django_filters.FilterSet):
    org = SubtreeFilter()
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label="党员状态")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label="性别")
    is_active = django_filters.BooleanFilter(label="在册")
    q = django_filters.CharFilter(method="search", label="姓名包含")

    class Meta:
        model = Member
        fields = ["org", "status", "gender", "is_active", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset

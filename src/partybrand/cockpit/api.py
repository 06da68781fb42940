"""The cockpit's figures in the API, read-only and scoped like the pages:

    /api/v1/cockpit/orgs/                 the cockpits the caller may open (outermost first)
    /api/v1/cockpit/orgs/<pk>/            one organisation's figures, its children and lowest brands
    /api/v1/cockpit/brands/<pk>/          one brand's health index, parts and what lowers it

An organisation out of reach is 404, seen but not one's cockpit 403 (Cap.VIEW_COCKPIT); a
brand's index is read by whoever sees the brand.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response

from partybrand.brands.access import access_brand, visible_brands
from partybrand.cockpit import access, selectors
from partybrand.cockpit.models import BrandHealth, OrgRollup
from partybrand.core.rest.base import ApiViewSet
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, paths_with

TAGS = ["驾驶舱"]


def _health(health: BrandHealth | None) -> dict | None:
    if health is None:
        return None
    return {
        "score": float(health.score),
        "parts": health.parts,
        "weights": health.weights,
        "weights_version": health.weights_version,
        "lowers": health.lowers_shown(),
        "computed_at": health.computed_at.isoformat(),
    }


@extend_schema_view(
    list=extend_schema(
        summary="可查看的驾驶舱",
        operation_id="cockpit_orgs_list",
        responses={
            200: inline_serializer(
                "CockpitOrgRef",
                {"id": drf_serializers.IntegerField(), "name": drf_serializers.CharField()},
                many=True,
            )
        },
    ),
    retrieve=extend_schema(
        summary="组织的驾驶舱数据",
        operation_id="cockpit_orgs_retrieve",
        responses={200: OpenApiTypes.OBJECT},
    ),
)
@extend_schema(tags=TAGS)
class CockpitViewSet(ApiViewSet):
    """覆盖情况（已命名/创建中/无品牌的支部）、创建阶段、品牌层级、评选结果（rounds：本年度与
    累计参评申报、验收评选获命名及等次、复评结论、最近的评选批次）、健康度分布与分项平均、
    月度趋势、下级组织及健康度最低的品牌；数据取自每日及事件后更新的汇总表。"""

    queryset = OrgRollup.objects.none()  # the figures come from the rollups, not the row
    filter_backends: list = []
    pagination_class = None
    http_method_names = ["get", "head", "options"]

    def list(self, request):
        if request.user.is_superuser:
            orgs = [access.home_org(request.user)]
        else:
            paths = paths_with(request.user, Cap.VIEW_COCKPIT)
            orgs = list(
                Organization.objects.filter(path__in=paths, is_active=True).order_by("path")
            )
        return Response([{"id": o.pk, "name": o.name} for o in orgs if o is not None])

    def retrieve(self, request, pk=None):
        org = access.access_cockpit_org(request.user, pk)
        data = selectors.summary(org)
        data["trend"] = selectors.trend(org)
        data["children"] = [
            {
                "id": child.pk,
                "name": child.name,
                "branches": r.branches if r else 0,
                "named": r.branches_named if r else 0,
                "creating": r.branches_creating if r else 0,
                "brands": r.brands if r else 0,
                "round_entries": r.round_entries if r else 0,
                "round_named": r.round_named if r else 0,
                "health_average": float(r.health_avg) if r and r.health_avg is not None else None,
                "parts": (r.part_avgs or {}) if r else {},
            }
            for child, r in selectors.children(org)
        ]
        data["lowest"] = [
            {
                "brand": h.brand_id,
                "name": h.brand.name,
                "org": h.brand.org.name,
                "score": float(h.score),
            }
            for h in selectors.lowest(org)
        ]
        return Response(data)


@extend_schema_view(
    list=extend_schema(
        summary="品牌健康度列表（由低到高）",
        operation_id="cockpit_brands_list",
        responses={200: OpenApiTypes.OBJECT},
    ),
    retrieve=extend_schema(
        summary="品牌健康度",
        operation_id="cockpit_brands_retrieve",
        responses={200: OpenApiTypes.OBJECT},
    ),
)
@extend_schema(tags=TAGS)
class BrandHealthViewSet(ApiViewSet):
    """品牌健康度（0–100）：基础、机制、成效、参与、影响、标识六个分项，所用权重，及拉低
    健康度的事项（每项附办理页面的地址）。尚未计算时 health 为 null。单个品牌另附 history：
    近 30 个计算日的健康度（每日最后一次计算，由早到晚）。"""

    queryset = BrandHealth.objects.none()
    filter_backends: list = []
    http_method_names = ["get", "head", "options"]

    def list(self, request):
        rows = (
            BrandHealth.objects.filter(brand__in=visible_brands(request.user))
            .select_related("brand")
            .order_by("score", "brand_id")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            [{"brand": h.brand_id, "name": h.brand.name, **_health(h)} for h in page]
        )

    def retrieve(self, request, pk=None):
        brand = access_brand(request.user, pk)
        health = BrandHealth.objects.filter(brand=brand).first()
        return Response(
            {
                "brand": brand.pk,
                "name": brand.name,
                "health": _health(health),
                # the index day by day (latest 30 days with a computation), oldest first
                "history": selectors.brand_history(brand.pk),
            }
        )


def register(router) -> None:
    router.register(r"cockpit/orgs", CockpitViewSet, basename="cockpit-org")
    router.register(r"cockpit/brands", BrandHealthViewSet, basename="cockpit-brand")


urlpatterns: list = []

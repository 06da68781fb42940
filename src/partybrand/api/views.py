"""The REST endpoints of organisations, members and brands.

Every queryset comes from an access helper, so an object out of the user's reach is a 404 for
every method; a visible object the user may not change is a 403. Writes call one service each.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partybrand.api.base import ChineseMessages
from partybrand.api.filters import BrandFilter, MemberFilter, OrgFilter
from partybrand.api.serializers import (
    BrandCreateSerializer,
    BrandDetailSerializer,
    BrandSerializer,
    BrandUpdateSerializer,
    MemberCreateSerializer,
    MemberSerializer,
    MemberUpdateSerializer,
    OrgCreateSerializer,
    OrgSerializer,
    OrgUpdateSerializer,
    TransitionSerializer,
)
from partybrand.brands.access import visible_brands
from partybrand.brands.models import BrandEvent, Kpi
from partybrand.brands.services import brand_create, brand_update
from partybrand.brands.transitions import brand_transition
from partybrand.orgs.access import require, visible_members, visible_orgs
from partybrand.orgs.roles import Cap
from partybrand.orgs.services import member_create, member_update, org_create, org_update


# List and detail come from `serializer_class` (and `detail_serializer_class`); create and PATCH
# parse with their own serializers and answer with the detail representation. Subclasses'
# docstrings are the operations' descriptions in the API docs. PUT and DELETE are not offered.
class ApiViewSet(
    ChineseMessages, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    create_serializer_class = None
    update_serializer_class = None
    detail_serializer_class = None

    def get_serializer_class(self):
        # The browsable API asks the list view for its POST form and the detail view for its
        # PATCH form, with the action still "list" or "retrieve".
        method = self.request.method if self.request is not None else None
        if self.action == "create" or (self.action == "list" and method == "POST"):
            return self.create_serializer_class
        if self.action == "partial_update" or (self.action == "retrieve" and method == "PATCH"):
            return self.update_serializer_class
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def respond(self, instance, code=status.HTTP_200_OK) -> Response:
        serializer_class = self.detail_serializer_class or self.serializer_class
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(serializer_class(fresh, context=self.get_serializer_context()).data, code)

    def parse(self, instance=None) -> dict:
        serializer = self.get_serializer(
            instance, data=self.request.data, partial=instance is not None
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="党组织列表"),
    retrieve=extend_schema(summary="党组织详情"),
    create=extend_schema(summary="新建下级组织", responses={201: OrgSerializer}),
    partial_update=extend_schema(summary="修改党组织", responses={200: OrgSerializer}),
)
@extend_schema(tags=["党组织"])
class OrgViewSet(ApiViewSet):
    """党组织：仅返回您权限范围内的组织；新建与修改需要组织管理权限。"""

    serializer_class = OrgSerializer
    create_serializer_class = OrgCreateSerializer
    update_serializer_class = OrgUpdateSerializer
    filterset_class = OrgFilter

    def get_queryset(self):
        return visible_orgs(self.request.user).select_related("parent")

    def create(self, request):
        data = self.parse()
        parent = data.pop("parent")
        require(request.user, Cap.MANAGE_ORGS, parent)
        org = org_create(actor=request.user, parent=parent, **data)
        return self.respond(org, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        org = self.get_object()
        require(request.user, Cap.MANAGE_ORGS, org)
        org = org_update(actor=request.user, org=org, **self.parse(org))
        return self.respond(org)

    @extend_schema(summary="直接下级组织", filters=False, responses=OrgSerializer(many=True))
    @action(detail=True, filterset_class=None)
    def children(self, request, pk=None):
        org = self.get_object()
        children = self.get_queryset().filter(parent=org)
        page = self.paginate_queryset(children)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="党员列表"),
    retrieve=extend_schema(summary="党员详情"),
    create=extend_schema(summary="新增党员", responses={201: MemberSerializer}),
    partial_update=extend_schema(summary="修改党员信息", responses={200: MemberSerializer}),
)
@extend_schema(tags=["党员"])
class MemberViewSet(ApiViewSet):
    """党员：手机号与身份证号仅对有权查看个人信息的角色及本人显示完整，其余一律脱敏。"""

    serializer_class = MemberSerializer
    create_serializer_class = MemberCreateSerializer
    update_serializer_class = MemberUpdateSerializer
    filterset_class = MemberFilter

    def get_queryset(self):
        return visible_members(self.request.user).select_related("org")

    def create(self, request):
        data = self.parse()
        org = data.pop("org")
        require(request.user, Cap.MANAGE_MEMBERS, org)
        member = member_create(actor=request.user, org=org, **data)
        return self.respond(member, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        member = self.get_object()
        require(request.user, Cap.MANAGE_MEMBERS, member.org)
        data = self.parse(member)
        target = data.pop("org", None)
        if target is not None:
            # Moving a member needs the right at both ends.
            require(request.user, Cap.MANAGE_MEMBERS, target)
        member = member_update(actor=request.user, member=member, org=target, **data)
        return self.respond(member)


@extend_schema_view(
    list=extend_schema(summary="品牌列表"),
    retrieve=extend_schema(summary="品牌详情"),
    create=extend_schema(summary="创建品牌", responses={201: BrandDetailSerializer}),
    partial_update=extend_schema(summary="修改品牌", responses={200: BrandDetailSerializer}),
)
@extend_schema(tags=["品牌"])
class BrandViewSet(ApiViewSet):
    """党建品牌：详情含释义、指标、荣誉、附件、生命周期记录及您当前可执行的操作。"""

    serializer_class = BrandSerializer
    detail_serializer_class = BrandDetailSerializer
    create_serializer_class = BrandCreateSerializer
    update_serializer_class = BrandUpdateSerializer
    filterset_class = BrandFilter

    def get_queryset(self):
        brands = visible_brands(self.request.user).select_related("org", "parent")
        if self.action == "list":
            return brands
        return brands.prefetch_related(
            "phrases",
            Prefetch("kpis", queryset=Kpi.objects.prefetch_related("values")),
            "honours",
            "attachments",
            Prefetch("events", queryset=BrandEvent.objects.select_related("actor")),
        )

    def create(self, request):
        data = self.parse()
        org = data.pop("org")
        require(request.user, Cap.EDIT_BRAND, org)
        brand = brand_create(actor=request.user, org=org, **data)
        return self.respond(brand, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        brand = self.get_object()
        require(request.user, Cap.EDIT_BRAND, brand.org)
        brand = brand_update(actor=request.user, brand=brand, **self.parse(brand))
        return self.respond(brand)

    @extend_schema(
        summary="生命周期操作",
        description=(
            "执行一步生命周期操作：action 为 available_actions 中的一项；"
            "命名需 doc_no、named_on（可选 tier），验收需 publicity_days，"
            "复评需 outcome（限期整改另需 deadline），退回与复评需填写 comment。"
        ),
        request=TransitionSerializer,
        responses={200: BrandDetailSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, pk=None):
        brand = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        brand = brand_transition(
            actor=request.user,
            brand=brand,
            action=serializer.validated_data["action"],
            comment=serializer.validated_data["comment"],
            **serializer.params(),
        )
        return self.respond(brand)

"""The REST endpoints of organisations and members.

Every queryset comes from an access helper, so an object out of the user's reach is a 404 for
every method; a visible object the user may not change is a 403. Writes call one service each.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from partybrand.core.rest.base import ApiViewSet
from partybrand.orgs import selectors
from partybrand.orgs.access import require, visible_orgs
from partybrand.orgs.filters import MemberFilter, OrgFilter
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap
from partybrand.orgs.serializers import (
    MemberCreateSerializer,
    MemberSerializer,
    MemberUpdateSerializer,
    OrgCreateSerializer,
    OrgSerializer,
    OrgUpdateSerializer,
)
from partybrand.orgs.services import member_create, member_update, org_create, org_update


@extend_schema_view(
    list=extend_schema(summary="党组织列表"),
    retrieve=extend_schema(summary="党组织详情"),
    create=extend_schema(summary="新建下级组织", responses={201: OrgSerializer}),
    partial_update=extend_schema(summary="修改党组织", responses={200: OrgSerializer}),
)
@extend_schema(tags=["党组织"])
class OrgViewSet(ApiViewSet):
    """党组织：仅返回您权限范围内的组织；新建与修改需要组织管理权限。"""

    queryset = Organization.objects.none()  # the model, for the schema and If-Match
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
        version = self.expected_version(org)
        org = org_update(actor=request.user, org=org, version=version, **self.parse(org))
        return self.respond(org)

    @extend_schema(summary="直接下级组织", filters=False, responses=OrgSerializer(many=True))
    @action(detail=True, filterset_class=None)
    def children(self, request, pk=None):
        org = self.get_object()
        children = selectors.org_children(request.user, org).select_related("parent")
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

    queryset = Member.objects.none()  # the model, for the schema and If-Match
    serializer_class = MemberSerializer
    create_serializer_class = MemberCreateSerializer
    update_serializer_class = MemberUpdateSerializer
    filterset_class = MemberFilter

    def get_queryset(self):
        return selectors.members(self.request.user)

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
        version = self.expected_version(member)
        member = member_update(
            actor=request.user, member=member, org=target, version=version, **data
        )
        return self.respond(member)


def register(router) -> None:
    router.register("orgs", OrgViewSet, basename="org")
    router.register("members", MemberViewSet, basename="member")


urlpatterns: list = []

"""The REST endpoints of organisations and members, and their imports and exports.

Every queryset comes from an access helper, so an object out of the user's reach is a 404 for
every method; a visible object the user may not change is a 403. Writes call one service each.

Imports run in the background as on the upload pages: the file checked as a whole at once, then
202 and the job (jobs/rest.py). Exports as the export links: a file of up to
settings.EXPORT_JOB_ROWS rows at once, a larger one 202 and the job that makes it.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser

from partybrand.core.files import XLSX, xlsx_download
from partybrand.core.rest.base import ApiViewSet
from partybrand.jobs.choices import JobKind
from partybrand.jobs.rest import JOB_ACCEPTED, JOB_LOCATION, accepted
from partybrand.orgs import export_jobs, exports, selectors
from partybrand.orgs.access import require, visible_orgs
from partybrand.orgs.background import import_start
from partybrand.orgs.filters import MemberFilter, OrgFilter
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, paths_with
from partybrand.orgs.serializers import (
    MemberCreateSerializer,
    MemberSerializer,
    MemberUpdateSerializer,
    OrgCreateSerializer,
    OrgSerializer,
    OrgUpdateSerializer,
    RollImportSerializer,
)
from partybrand.orgs.services import member_create, member_update, org_create, org_update

NO_IMPORT = "您没有导入权限。"
NO_ROLL = "您的角色不能查看党员名册。"
FILE_AT_ONCE = OpenApiResponse(OpenApiTypes.BINARY, description="不超过设定行数时当即答复文件")
IMPORT_DESCRIPTION = (
    "先当即检查文件的大小和结构（有误时答复 400），再与导入页面一样在后台逐行检查并写入："
    "答复 202 和该任务，`Location` 头为其地址。任一行有误则整个文件不导入，"
    "任务结束后在其 `errors` 中列出，错误清单可从 `result.url` 下载。"
)


def require_import_right(user, cap: Cap) -> None:
    if not (user.is_superuser or paths_with(user, cap)):
        raise PermissionDenied(NO_IMPORT)


def import_answer(request, cap: Cap, kind: str):
    require_import_right(request.user, cap)
    body = RollImportSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    return accepted(
        request, import_start(actor=request.user, kind=kind, upload=body.validated_data["file"])
    )


def import_action(summary: str, cap: Cap, kind: str):
    """POST …/import/: the roll's upload, checked at once and imported as a job (202)."""

    @extend_schema(
        summary=summary,
        description=IMPORT_DESCRIPTION,
        request={"multipart/form-data": RollImportSerializer},
        responses={202: JOB_ACCEPTED},
        parameters=[JOB_LOCATION],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=RollImportSerializer,
        filterset_class=None,
    )
    def import_file(self, request):
        return import_answer(request, cap, kind)

    return import_file


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

    import_file = import_action("导入组织（.xlsx）", Cap.MANAGE_ORGS, JobKind.ORG_IMPORT)

    @extend_schema(
        summary="导出组织及其下级（.xlsx）",
        description=(
            "该组织及其全部下级组织。不超过设定行数（默认 2000 行）时当即答复文件；"
            "更多时与页面一样在后台导出，答复 202 和该任务，"
            "文件在任务完成后从其 `result.url` 下载。"
        ),
        request=None,
        responses={(200, XLSX): FILE_AT_ONCE, 202: JOB_ACCEPTED},
        parameters=[JOB_LOCATION],
        filters=False,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def export(self, request, pk=None):
        org = self.get_object()
        rows = selectors.subtree_orgs(request.user, org)
        if export_jobs.in_background(rows.count()):
            job = export_jobs.export_start(
                actor=request.user, kind=JobKind.ORG_EXPORT, params={"org": org.pk}
            )
            return accepted(request, job)
        return xlsx_download(exports.export_orgs(rows), export_jobs.org_file_name(org))

    def perform_content_negotiation(self, request, force=False):
        # An export answers the file whatever the client accepts; its refusals stay JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "export")

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

    import_file = import_action("导入党员（.xlsx）", Cap.MANAGE_MEMBERS, JobKind.MEMBER_IMPORT)

    @extend_schema(
        summary="导出党员名册（.xlsx）",
        description=(
            "按与党员列表相同的查询参数筛选（默认只含在册党员），个人信息按您的权限脱敏。"
            "不超过设定行数（默认 2000 行）时当即答复文件；更多时与页面一样在后台导出，"
            "答复 202 和该任务，文件在任务完成后从其 `result.url` 下载。"
        ),
        request=None,
        responses={(200, XLSX): FILE_AT_ONCE, 202: JOB_ACCEPTED},
        parameters=[JOB_LOCATION],
        filters=True,
    )
    @action(detail=False, methods=["post"])
    def export(self, request):
        if not (request.user.is_superuser or paths_with(request.user, Cap.VIEW_MEMBERS)):
            raise PermissionDenied(NO_ROLL)
        self.filter_queryset(self.get_queryset())  # the list's filters: wrong ones are a 400
        query = request.query_params
        rows, org = export_jobs.member_roll(request.user, query)
        if export_jobs.in_background(rows.count()):
            job = export_jobs.export_start(
                actor=request.user, kind=JobKind.MEMBER_EXPORT, params={"query": query.urlencode()}
            )
            return accepted(request, job)
        content = exports.export_members(
            rows, unmasked_org_paths=export_jobs.unmasked_paths(request.user)
        )
        return xlsx_download(content, export_jobs.member_file_name(org))

    def perform_content_negotiation(self, request, force=False):
        # An export answers the file whatever the client accepts; its refusals stay JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "export")


def register(router) -> None:
    router.register("orgs", OrgViewSet, basename="org")
    router.register("members", MemberViewSet, basename="member")


urlpatterns: list = []

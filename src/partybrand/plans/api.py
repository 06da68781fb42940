"""The REST endpoints of plans, phases and 三定 tasks:

    /api/v1/plans/                         plans (create blank or from a template)
    /api/v1/plan-phases/                   phases; gate and close actions
    /api/v1/plan-tasks/                    tasks; progress, verify, return and close actions

Scoped by plans.access: out of reach is a 404, visible but not allowed a 403.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser

from partybrand.brands.access import visible_brands
from partybrand.core import clock
from partybrand.core.rest.base import ApiViewSet
from partybrand.core.rest.params import query_id
from partybrand.core.rest.parsers import JsonObjectParser
from partybrand.orgs.access import visible_orgs
from partybrand.plans import selectors, services
from partybrand.plans.access import access_plan, access_task, visible_plans
from partybrand.plans.colours import COLOURS
from partybrand.plans.models import Phase, Plan, Task
from partybrand.plans.serializers import (
    CommentSerializer,
    GateSerializer,
    PhaseCloseSerializer,
    PhaseSerializer,
    PhaseWriteSerializer,
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    PlanUpdateSerializer,
    ProgressSerializer,
    ReasonSerializer,
    TaskSerializer,
    TaskWriteSerializer,
)

TAGS = ["创建计划与任务"]


class PlansViewSet(ApiViewSet):
    def parse_with(self, serializer_class) -> dict:
        """The body of an action, validated by that action's own serializer."""
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="计划列表"),
    retrieve=extend_schema(summary="计划详情（含阶段与专班）"),
    create=extend_schema(summary="新建计划（可按模板生成）", responses={201: PlanDetailSerializer}),
    partial_update=extend_schema(summary="修改计划", responses={200: PlanDetailSerializer}),
)
@extend_schema(tags=TAGS)
class PlanViewSet(ApiViewSet):
    """品牌创建计划与党组织党建工作计划。仅返回您可查看的计划；新建与修改需要该党组织的编辑权限。"""

    queryset = Plan.objects.none()
    serializer_class = PlanSerializer
    detail_serializer_class = PlanDetailSerializer
    create_serializer_class = PlanCreateSerializer
    update_serializer_class = PlanUpdateSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        plans = visible_plans(self.request.user).select_related("org").order_by("-id")
        if self.action == "retrieve":
            plans = plans.prefetch_related("phases", "task_force")
        return plans

    def create(self, request):
        data = self.parse()
        org = get_object_or_404(visible_orgs(request.user), pk=data["org"].pk)
        brand = data.get("brand")
        if brand is not None and not visible_brands(request.user).filter(pk=brand.pk).exists():
            raise NotFound("品牌不存在或您无权访问。")
        if data.get("template"):
            plan = services.plan_from_template(
                actor=request.user,
                org=org,
                brand=brand,
                code=data["template"],
                start=data["start"],
                owner=data.get("owner"),
                checker=data.get("checker"),
                title=data.get("title", ""),
            )
        else:
            plan = services.plan_create(
                actor=request.user,
                org=org,
                brand=brand,
                title=data.get("title", ""),
                start=data["start"],
            )
        return self.respond(plan, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        plan = access_plan(request.user, pk, for_edit=True)
        version = self.expected_version(plan)
        plan = services.plan_update(
            actor=request.user, plan=plan, version=version, **self.parse(plan)
        )
        return self.respond(plan)

    @extend_schema(
        summary="启动计划",
        description="草拟状态且已分派任务的计划进入执行中。",
        request=None,
        responses={200: PlanDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        plan = access_plan(request.user, pk, for_edit=True)
        return self.respond(services.plan_start(actor=request.user, plan=plan))


@extend_schema_view(
    list=extend_schema(
        summary="阶段列表",
        parameters=[OpenApiParameter("plan", OpenApiTypes.INT, description="计划编号")],
    ),
    retrieve=extend_schema(summary="阶段详情"),
    create=extend_schema(summary="添加阶段", responses={201: PhaseSerializer}),
    partial_update=extend_schema(summary="修改阶段", responses={200: PhaseSerializer}),
)
@extend_schema(tags=TAGS)
class PhaseViewSet(PlansViewSet):
    """推进阶段（梯次推进）。关口达标（任务全部验收、关口标准全部确认）后由计划编辑人关闭；
    未达标时仅上级党委可说明理由越关。"""

    queryset = Phase.objects.none()
    serializer_class = PhaseSerializer
    create_serializer_class = update_serializer_class = PhaseWriteSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request):
        data = self.parse()
        if "plan" not in data:
            raise ValidationError({"plan": ["请指定计划。"]})
        plan = access_plan(request.user, data.pop("plan").pk, for_edit=True)
        phase = services.phase_create(actor=request.user, plan=plan, **data)
        return self.respond(phase, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        phase = self.get_object()
        access_plan(request.user, phase.plan_id, for_edit=True)
        data = self.parse(phase)
        data.pop("plan", None)
        version = self.expected_version(phase)
        phase = services.phase_update(actor=request.user, phase=phase, version=version, **data)
        return self.respond(phase)

    def get_queryset(self):
        phases = Phase.objects.filter(plan__in=visible_plans(self.request.user)).order_by(
            "plan_id", "position", "id"
        )
        plan = query_id(self.request.query_params, "plan")
        if plan is not None:
            phases = phases.filter(plan_id=plan)
        return phases

    @extend_schema(summary="确认关口标准", request=GateSerializer, responses={200: PhaseSerializer})
    @action(detail=True, methods=["post"])
    def gate(self, request, pk=None):
        phase = self.get_object()
        data = self.parse_with(GateSerializer)
        phase = services.phase_check_gate(actor=request.user, phase=phase, checked=data["checked"])
        return self.respond(phase)

    @extend_schema(
        summary="关闭阶段", request=PhaseCloseSerializer, responses={200: PhaseSerializer}
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        phase = self.get_object()
        data = self.parse_with(PhaseCloseSerializer)
        phase = services.phase_close(
            actor=request.user, phase=phase, override_reason=data.get("override_reason", "")
        )
        return self.respond(phase)


@extend_schema_view(
    list=extend_schema(
        summary="任务列表",
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.INT, description="计划编号"),
            OpenApiParameter("colour", OpenApiTypes.STR, enum=COLOURS, description="督办颜色"),
            OpenApiParameter(
                "mine", OpenApiTypes.STR, enum=["owner", "checker"], description="我负责/我验收"
            ),
        ],
    ),
    retrieve=extend_schema(summary="任务详情"),
    create=extend_schema(summary="分派任务（三定）", responses={201: TaskSerializer}),
    partial_update=extend_schema(summary="修改任务", responses={200: TaskSerializer}),
)
@extend_schema(tags=TAGS)
class TaskViewSet(PlansViewSet):
    """三定任务：定人（owner）、定责（duty、standard）、定时（start、deadline、节点）、定查（checker）。
    责任人填报进度；验收人验收或退回；已验收任务由验收人或计划编辑人销号。colour 为当日督办颜色。"""

    queryset = Task.objects.none()
    serializer_class = TaskSerializer
    create_serializer_class = update_serializer_class = TaskWriteSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        params = self.request.query_params
        tasks = selectors.task_list(
            self.request.user,
            today=clock.today(),
            plan=query_id(params, "plan"),
            colour=params.get("colour", ""),
            mine=params.get("mine", ""),
        )
        return tasks.prefetch_related("milestones")

    def create(self, request):
        data = self.parse()
        if "plan" not in data:
            raise ValidationError({"plan": ["请指定计划。"]})
        plan = access_plan(request.user, data.pop("plan").pk, for_edit=True)
        task = services.task_create(actor=request.user, plan=plan, **data)
        return self.respond(task, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        task = access_task(request.user, pk, for_edit=True)
        data = self.parse(task)
        data.pop("plan", None)
        task = services.task_update(
            actor=request.user,
            task=task,
            today=clock.today(),
            version=self.expected_version(task),
            **data,
        )
        return self.respond(task)

    @extend_schema(
        summary="填报进度",
        description="JSON；或 multipart/form-data，同时上传佐证材料（files，每次最多 5 个）。",
        request={"application/json": ProgressSerializer, "multipart/form-data": ProgressSerializer},
        responses={200: TaskSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[JsonObjectParser, MultiPartParser],
        idempotent=True,
    )
    def progress(self, request, pk=None):
        task = access_task(request.user, pk)
        data = self.parse_with(ProgressSerializer)
        services.task_report(actor=request.user, task=task, today=clock.today(), **data)
        return self.respond(task)

    @extend_schema(summary="验收通过", request=CommentSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        task = access_task(request.user, pk)
        data = self.parse_with(CommentSerializer)
        services.task_verify(actor=request.user, task=task, comment=data.get("comment", ""))
        return self.respond(task)

    @extend_schema(summary="退回", request=ReasonSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        task = access_task(request.user, pk)
        data = self.parse_with(ReasonSerializer)
        services.task_return(actor=request.user, task=task, reason=data["reason"])
        return self.respond(task)

    @extend_schema(summary="销号", request=None, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        task = access_task(request.user, pk)
        services.task_close(actor=request.user, task=task)
        return self.respond(task)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("plans", PlanViewSet, basename="plan")
    router.register("plan-phases", PhaseViewSet, basename="plan-phase")
    router.register("plan-tasks", TaskViewSet, basename="plan-task")


urlpatterns = []  # extra /api/v1/ paths that are not viewsets

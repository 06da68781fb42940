"""Background jobs through the API: one's own jobs, and for the roles that run the platform's
work (Cap.RUN_JOBS, as the 失败任务 page) every job started within their reach.

    GET  /api/v1/jobs/                 the jobs one may see, newest first (?state=, ?kind=)
    GET  /api/v1/jobs/<pk>/            one job: what its page shows (poll it until `final`)
    GET  /api/v1/jobs/<pk>/download/   its result file (the owner only, as the page)
    POST /api/v1/jobs/<pk>/rerun/      a job an error of the platform ended, run again (RUN_JOBS)

An endpoint whose work runs as a job answers 202 with the job and its address in `Location`
(jobs/rest.py). Jobs cannot be cancelled: the model has no such state."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action

from partybrand.core.files import stored_download
from partybrand.core.rest.base import ApiViewSet
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.jobs.rest import JOB_ACCEPTED, JOB_LOCATION, JobSerializer, accepted
from partybrand.jobs.services import job_rerun
from partybrand.jobs.views import TYPES
from partybrand.orgs.roles import Cap, holds_anywhere, scope_q

TAGS = ["后台任务"]
OWNER_ONLY = "只有发起人可以下载该任务的结果文件。"
NO_RESULT = "该任务没有结果文件。"
RERUN_REFUSED = "只有上级党委管理员和党建工作部可以重新执行后台任务。"


def visible_jobs(user):
    """One's own jobs, and those started within the reach of one's RUN_JOBS roles."""
    mine = Q(owner_id=user.pk)
    if holds_anywhere(user, Cap.RUN_JOBS):
        mine |= scope_q(user, Cap.RUN_JOBS, "org_path")
    return Job.objects.filter(mine).select_related("owner")


class JobFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=JobState.choices, label="状态")
    kind = filters.ChoiceFilter(choices=JobKind.choices, label="任务类型")

    class Meta:
        model = Job
        fields = ["state", "kind"]


@extend_schema_view(
    list=extend_schema(
        summary="后台任务列表",
        description=(
            "本人发起的后台任务；上级党委管理员和党建工作部另见其管辖范围内发起的任务。新的在前。"
        ),
    ),
    retrieve=extend_schema(
        summary="后台任务详情",
        description=(
            "状态、已处理/总数、预计剩余时间、结果说明与错误、结果文件。"
            "轮询本地址（建议间隔 2 秒以上）直至 `final` 为 true。"
        ),
    ),
)
@extend_schema(tags=TAGS)
class JobViewSet(ApiViewSet):
    """后台任务：导入、导出、计算评审结果等耗时工作的进度与结果。"""

    queryset = Job.objects.none()  # for the OpenAPI description; requests use their own
    serializer_class = JobSerializer
    filterset_class = JobFilter

    def get_queryset(self):
        return visible_jobs(self.request.user)

    def perform_content_negotiation(self, request, force=False):
        # A download answers the file whatever the client accepts; its refusals stay JSON.
        return super().perform_content_negotiation(
            request, force=force or self.action == "download"
        )

    @extend_schema(
        summary="下载结果文件",
        description="导出的文件或导入的错误清单。仅发起人可下载。",
        responses={
            (200, TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="结果文件"),
            (200, TYPES["pdf"]): OpenApiResponse(OpenApiTypes.BINARY, description="结果文件"),
            (200, TYPES["docx"]): OpenApiResponse(OpenApiTypes.BINARY, description="结果文件"),
        },
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if job.owner_id != request.user.pk:
            raise PermissionDenied(OWNER_ONLY)
        if not job.result_file:
            raise Http404(NO_RESULT)
        title = job.result_name.rsplit(".", 1)[0] or str(job)
        extension = job.result_file.name.rsplit(".", 1)[-1].lower()
        response = stored_download(
            job.result_file, title=title, content_type=TYPES.get(extension, TYPES["xlsx"])
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="重新执行后台任务",
        description=(
            "因平台错误而失败的任务再排队执行一次（上级党委管理员和党建工作部）；"
            "已在排队或执行中的任务原样答复。因数据有误而未完成的任务应由发起人修改后重新提交。"
        ),
        request=None,
        responses={202: JOB_ACCEPTED},
        parameters=[JOB_LOCATION],
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        job = self.get_object()
        if not holds_anywhere(request.user, Cap.RUN_JOBS) or not (
            Job.objects.filter(scope_q(request.user, Cap.RUN_JOBS, "org_path"), pk=job.pk).exists()
        ):
            raise PermissionDenied(RERUN_REFUSED)
        return accepted(request, job_rerun(actor=request.user, job=job))

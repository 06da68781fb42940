"""A background job as the REST API tells it: the same facts as the job's page (state, counts,
the time left, what went wrong, where the result is), and the `202 Accepted` answer of an
endpoint whose work became a job, with the job's address to poll in its `Location` header.

The jobs endpoints themselves are in api/jobs.py (who else may see a job is decided by roles,
above this app); the apps whose endpoints start work answer with `accepted()`."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.jobs import selectors
from partybrand.jobs.choices import JobState
from partybrand.jobs.models import Job

ERRORS_LISTED = 200  # as the page: the first 200 faults; the error workbook holds them all


class JobErrorSerializer(Serializer):
    row = serializers.IntegerField(label="行号", allow_null=True, help_text="为空表示整个文件")
    column = serializers.CharField(label="列", allow_blank=True)
    message = serializers.CharField(label="问题")


class JobResultSerializer(Serializer):
    name = serializers.CharField(label="文件名")
    url = serializers.CharField(label="下载地址", help_text="仅发起人可下载。")


class JobSerializer(ModelSerializer):
    kind_label = serializers.CharField(
        source="get_kind_display", label="任务类型名称", read_only=True
    )
    state_label = serializers.CharField(
        source="get_state_display", label="状态名称", read_only=True
    )
    final = serializers.BooleanField(source="is_final", label="已结束", read_only=True)
    owner_name = serializers.CharField(source="owner.__str__", label="发起人姓名", read_only=True)
    phase = serializers.SerializerMethodField(label="阶段")
    done = serializers.SerializerMethodField(label="已处理")
    total = serializers.SerializerMethodField(label="总数")
    percent = serializers.SerializerMethodField(label="完成百分比")
    rate = serializers.SerializerMethodField(label="每秒处理行数")
    seconds_left = serializers.SerializerMethodField(label="预计剩余秒数")
    message = serializers.SerializerMethodField(label="结果说明")
    error_count = serializers.SerializerMethodField(label="错误数")
    errors = serializers.SerializerMethodField(label="错误（前 200 处）")
    result = serializers.SerializerMethodField(label="结果文件")
    next = serializers.SerializerMethodField(label="查看结果的页面")
    page = serializers.SerializerMethodField(label="任务页面")

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "kind_label",
            "state",
            "state_label",
            "final",
            "owner",
            "owner_name",
            "phase",
            "done",
            "total",
            "percent",
            "rate",
            "seconds_left",
            "created_at",
            "started_at",
            "finished_at",
            "message",
            "error_count",
            "errors",
            "result",
            "next",
            "page",
        ]
        read_only_fields = fields

    def _status(self, job: Job) -> dict:
        # The live counts of a running job are read from the cache once per job and answer.
        cache = self.context.setdefault("job_status", {})
        if job.pk not in cache:
            cache[job.pk] = selectors.job_status(job)
        return cache[job.pk]

    def get_phase(self, job) -> str:
        return self._status(job)["phase"]

    def get_done(self, job) -> int:
        return self._status(job)["done"]

    def get_total(self, job) -> int:
        return self._status(job)["total"]

    def get_percent(self, job) -> float:
        return self._status(job)["percent"]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_rate(self, job):
        return self._status(job)["rate"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_seconds_left(self, job):
        return self._status(job)["left"]

    def get_message(self, job) -> str:
        # What the page says once the job has ended: the outcome, or why it failed.
        if not job.is_final:
            return ""
        message = (job.summary or {}).get("message", "")
        return message or (job.error if job.state == JobState.FAILED else "")

    def get_error_count(self, job) -> int:
        return len(job.failed_rows or [])

    @extend_schema_field(JobErrorSerializer(many=True))
    def get_errors(self, job):
        return [
            {
                "row": e.get("row"),
                "column": e.get("column") or "",
                "message": e.get("message", ""),
            }
            for e in (job.failed_rows or [])[:ERRORS_LISTED]
        ]

    @extend_schema_field(JobResultSerializer(allow_null=True))
    def get_result(self, job):
        # The result file (an export, an import's error list), for its owner only: the page
        # lets no one else download it either.
        request = self.context.get("request")
        if not job.result_file or request is None or request.user.pk != job.owner_id:
            return None
        url = request.build_absolute_uri(reverse("api:job-download", args=[job.pk]))
        return {"name": job.result_name, "url": url}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_next(self, job):
        return (job.summary or {}).get("next") if job.state == JobState.DONE else None

    def get_page(self, job) -> str:
        return job.get_absolute_url()


def job_location(request, job: Job) -> str:
    return request.build_absolute_uri(reverse("api:job-detail", args=[job.pk]))


def accepted(request, job: Job) -> Response:
    """The answer of an endpoint whose work runs as `job`: 202, the job, and where to poll it."""
    fresh = Job.objects.select_related("owner").get(pk=job.pk)
    data = JobSerializer(fresh, context={"request": request}).data
    return Response(
        data, status.HTTP_202_ACCEPTED, headers={"Location": job_location(request, job)}
    )


# For the schema of such an endpoint: responses={..., 202: JOB_ACCEPTED}, and the header in
# `parameters=[JOB_LOCATION]`.
JOB_ACCEPTED = OpenApiResponse(
    JobSerializer,
    description=(
        "工作量较大，已转为后台任务：答复该任务，`Location` 头为其地址；"
        "GET 该地址查看进度，直至 `final` 为 true（`state` 为 done 或 failed）。"
    ),
)
JOB_LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    description="后台任务的地址（/api/v1/jobs/{id}/）。",
    required=True,
    response=[202],
)

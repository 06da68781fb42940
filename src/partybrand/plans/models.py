"""Plans (创建计划), their task force, phases (梯次推进) and 三定 tasks with progress reports."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from partybrand.brands.models import Brand
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Organization
from partybrand.plans.choices import (
    ForceRole,
    PhaseStatus,
    PlanKind,
    PlanStatus,
    ProgressKind,
    TaskStatus,
)


def evidence_path(instance, filename: str) -> str:
    return f"plans/{instance.update.task.plan_id}/{instance.update.task_id}/{filename}"


class Plan(Versioned):
    """A brand's creation plan, or (brand empty) the organisation's general Party work plan."""

    org = models.ForeignKey(
        Organization, verbose_name="党组织", on_delete=models.CASCADE, related_name="plans"
    )
    brand = models.ForeignKey(
        Brand,
        verbose_name="品牌",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plans",
    )
    title = models.CharField("计划名称", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=PlanKind.choices, default=PlanKind.BRAND)
    status = models.CharField(
        "状态", max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    start = models.DateField("开始日期", null=True, blank=True)
    goal = models.TextField("总体目标", blank=True)
    near_days = models.PositiveSmallIntegerField(
        "临期提醒天数", default=7, help_text="距截止日期不超过该天数时显示蓝色"
    )
    behind_margin = models.PositiveSmallIntegerField(
        "滞后容差（%）",
        default=10,
        validators=[MaxValueValidator(100)],
        help_text="实际进度低于应完成进度超过该百分点时显示黄色",
    )
    template_code = models.CharField("模板", max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "创建计划"
        verbose_name_plural = "创建计划"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org", "status"])]

    def __str__(self) -> str:
        return self.title


class TaskForceMember(models.Model):
    """A member of the plan's task force (品牌专班)."""

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="task_force"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("姓名", max_length=40)
    role = models.CharField(
        "职务", max_length=10, choices=ForceRole.choices, default=ForceRole.MEMBER
    )
    duty = models.CharField("分工", max_length=200, blank=True)

    class Meta:
        verbose_name = "专班成员"
        verbose_name_plural = "专班成员"
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.name


class Phase(Versioned):
    """A stage of the plan (梯次推进) with its goal, dates and gate criteria."""

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveSmallIntegerField("序号", default=1)
    name = models.CharField("阶段名称", max_length=60)
    goal = models.TextField("阶段目标", blank=True)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    gate_criteria = models.TextField("关口标准", blank=True, help_text="每行一条")
    gate_checked = models.JSONField("已确认的关口标准", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=PhaseStatus.choices, default=PhaseStatus.OPEN
    )
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_reason = models.TextField("越关理由", blank=True)

    class Meta:
        verbose_name = "推进阶段"
        verbose_name_plural = "推进阶段"
        ordering = ["plan", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="plans_phase_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def criteria(self) -> list[str]:
        return [line.strip() for line in self.gate_criteria.splitlines() if line.strip()]


class Task(Versioned):
    """A 三定 task: owner (定人), duty and standard (定责), dates (定时), checker (定查)."""

    plan = models.ForeignKey(
        Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="tasks"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name="阶段",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级任务",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subtasks",
    )
    title = models.CharField("任务名称", max_length=100)
    duty = models.TextField("责任内容")
    standard = models.TextField("验收标准")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        on_delete=models.PROTECT,
        related_name="owned_tasks",
    )
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        on_delete=models.PROTECT,
        related_name="checked_tasks",
    )
    post = models.CharField("岗位", max_length=40, blank=True)
    start = models.DateField("开始日期")
    deadline = models.DateField("完成时限")
    progress = models.PositiveSmallIntegerField(
        "进度（%）", default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        "状态", max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    was_overdue = models.BooleanField("曾逾期", default=False)
    return_reason = models.TextField("退回理由", blank=True)
    verified_at = models.DateTimeField("验收时间", null=True, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["deadline", "status"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["checker", "status"]),
            # the overdue lists: open tasks in deadline order (a partial index stays small)
            models.Index(
                fields=["deadline", "id"],
                condition=~models.Q(status__in=["reported", "verified", "closed"]),
                name="plans_task_open_deadline",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("start")), name="plans_task_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plans_task_progress"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (TaskStatus.VERIFIED, TaskStatus.CLOSED)


class Milestone(models.Model):
    """A dated checkpoint of a task (节点), shown as a diamond on the board."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("节点", max_length=100)
    due = models.DateField("节点日期")
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "节点"
        verbose_name_plural = "节点"
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """One entry of a task's record: a progress report, a verification or a return."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    percent = models.PositiveSmallIntegerField("进度（%）", validators=[MaxValueValidator(100)])
    text = models.TextField("进展情况")
    kind = models.CharField(
        "类型", max_length=12, choices=ProgressKind.choices, default=ProgressKind.PROGRESS
    )
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "进度填报"
        verbose_name_plural = "进度填报"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.task} {self.percent}%"


class ProgressEvidence(models.Model):
    """A file the owner attached to a progress report (佐证材料)."""

    update = models.ForeignKey(
        ProgressUpdate, verbose_name="进度填报", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("文件", upload_to=evidence_path)
    name = models.CharField("文件名", max_length=120)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

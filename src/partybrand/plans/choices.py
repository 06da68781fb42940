"""Choices of plans and tasks, with the labels branches use on their boards."""

from django.db import models

from partybrand.core.audit_registry import Key, choice_labels
from partybrand.plans.templates_data import TEMPLATE_CHOICES


class PlanKind(models.TextChoices):
    BRAND = "brand", "品牌创建计划"
    GENERAL = "general", "党建工作计划"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草拟"
    ACTIVE = "active", "执行中"
    CLOSED = "closed", "已完成"


class ForceRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    LIAISON = "liaison", "联络员"


class PhaseStatus(models.TextChoices):
    OPEN = "open", "进行中"
    CLOSED = "closed", "已关闭"


class TaskStatus(models.TextChoices):
    TODO = "todo", "未开始"
    DOING = "doing", "进行中"
    REPORTED = "reported", "待验收"
    RETURNED = "returned", "已退回"
    VERIFIED = "verified", "已验收"
    CLOSED = "closed", "已销号"


FINISHED = (TaskStatus.VERIFIED, TaskStatus.CLOSED)


class Colour(models.TextChoices):
    GREEN = "green", "正常推进"
    BLUE = "blue", "临近期限"
    YELLOW = "yellow", "进度滞后"
    RED = "red", "逾期"
    DONE = "done", "已完成"


class ProgressKind(models.TextChoices):
    PROGRESS = "progress", "进度填报"
    VERIFY = "verify", "验收通过"
    RETURN = "return", "退回"


class PlanNotice(models.TextChoices):
    """The kinds of notice plans send (registered with the notification centre)."""

    ASSIGNED = "assigned", "任务分派"
    REPORTED = "reported", "任务上报"
    RETURNED = "returned", "任务退回"
    VERIFIED = "verified", "任务验收"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"


class PlanAudit(models.TextChoices):
    """What the audit log records of plans, phases and 三定 tasks."""

    CREATE = "plan_create", "新建计划"
    FROM_TEMPLATE = "plan_from_template", "按模板新建计划"
    UPDATE = "plan_update", "修改计划"
    START = "plan_start", "启动计划"
    FORCE_ADD = "plan_force_add", "增加工作专班成员"
    FORCE_REMOVE = "plan_force_remove", "移除工作专班成员"
    PHASE_CREATE = "phase_create", "新增阶段"
    PHASE_UPDATE = "phase_update", "修改阶段"
    PHASE_GATE_CHECK = "phase_gate_check", "核对关口标准"
    PHASE_CLOSE = "phase_close", "阶段过关"
    TASK_CREATE = "task_create", "新建任务"
    TASK_UPDATE = "task_update", "修改任务"
    TASK_MILESTONE_ADD = "task_milestone_add", "添加任务节点"
    TASK_MILESTONE_DONE = "task_milestone_done", "确认节点完成"
    TASK_REPORT = "task_report", "填报进度"
    TASK_VERIFY = "task_verify", "验收任务"
    TASK_RETURN = "task_return", "退回任务"
    TASK_CLOSE = "task_close", "任务销号"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "template": Key("计划模板", choices=tuple(TEMPLATE_CHOICES)),
    "tasks": "任务（项）",
    "name": "专班成员",
    "role": Key("专班职务", choices=choice_labels(ForceRole)),
    "override": "越关",
    "milestone": "节点",
    "due": "节点日期",
    "done_on": "完成日期",
    "evidence": "佐证材料",
}

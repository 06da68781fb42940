"""Permission cases of plans, phases and 三定 tasks: pages and API.

The world's plan is 支部A's brand plan from the template: every task owned by the member
(李党员) and checked by the branch committee member (赵支委); the secretary edits the plan.
"""

from partybrand.plans import services
from partybrand.plans.models import Phase, Plan, Task
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists
from tests.plans.helpers import START, template_plan

READ = {"allowed": "member", "readonly": None}
LIST = {"allowed": "member", "readonly": None, "outsider": None}


def plan_of(w) -> Plan:
    return Plan.objects.filter(brand=w.brand).first() or template_plan(w)


def task_of(w, status: str = "todo") -> Task:
    plan = plan_of(w)
    task = plan.tasks.order_by("start", "id").first()
    if status in ("reported", "verified") and task.status == "todo":
        services.task_report(actor=w.member, task=task, percent=100, text="已完成", today=START)
    if status == "verified" and task.status != "verified":
        services.task_verify(actor=w.branch_committee, task=task)
    return task


def plan_kw(w):
    return {"pk": plan_of(w).pk}


def task_kw(w):
    return {"pk": task_of(w).pk}


def reported_kw(w):
    return {"pk": task_of(w, "reported").pk}


def verified_kw(w):
    return {"pk": task_of(w, "verified").pk}


def phase_kw(w):
    return {"pk": plan_of(w).phases.order_by("position").first().pk}


def milestone_kw(w):
    return {"pk": task_of(w).milestones.first().pk}


def force_kw(w):
    member = services.force_member_add(
        actor=w.secretary, plan=plan_of(w), name="张联络", role="liaison", duty="资料收集"
    )
    return {"pk": member.pk}


def evidence_kw(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.plans.helpers import pdf_bytes

    task = task_of(w)
    upload = SimpleUploadedFile("问卷.pdf", pdf_bytes(), content_type="application/pdf")
    update = services.task_report(
        actor=w.member, task=task, percent=30, text="发放问卷", files=[upload], today=START
    )
    return {"pk": update.evidence.get().pk}


def task_state(status):
    def check(w):
        return Task.objects.filter(plan__brand=w.brand, status=status).exists()

    return check


def phase_closed(w):
    return Phase.objects.filter(plan__brand=w.brand, status="closed").exists()


def gate_ticked(w):
    return Phase.objects.filter(plan__brand=w.brand).exclude(gate_checked=[]).exists()


def milestone_done(w):
    return Task.objects.filter(plan__brand=w.brand, milestones__done_on__isnull=False).exists()


TASK_POST = lambda w: {  # noqa: E731
    "title": "建立党员责任区台账",
    "duty": "为每个责任区建立台账，按月更新。",
    "standard": "台账齐全，每月有记录。",
    "owner": w.member.pk,
    "checker": w.branch_committee.pk,
    "start": "2026-03-02",
    "deadline": "2026-04-30",
}


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("plans:plan_list", **LIST),
    Case("plans:my_tasks", **LIST),
    Case("plans:overdue", **LIST),
    Case("plans:board_home", **LIST),
    Case("plans:plan_detail", plan_kw, **READ),
    Case("plans:board", plan_kw, **READ),
    Case("plans:gantt", plan_kw, **READ),
    Case("plans:board_pdf", plan_kw, **READ),
    Case("plans:export_xlsx", plan_kw, **READ),
    Case("plans:export_docx", plan_kw, **READ),
    Case("plans:task", task_kw, **READ),
    Case("plans:evidence", evidence_kw, **READ),
    Case("plans:plan_create", outsider=None),
    Case(
        "plans:plan_create",
        method="post",
        data=lambda w: {
            "org": w.branch_a.pk,
            "title": "支部年度党建工作计划",
            "start": "2026-03-02",
        },
        allowed_status=(302,),
        readonly_status=(403,),
        outsider_status=(400,),  # 支部A is not among the outsider's organisations: form refused
        effect=exists("plans.Plan", title="支部年度党建工作计划"),
    ),
    Case(
        "plans:plan_edit",
        plan_kw,
        method="post",
        data=lambda w: {
            "title": "红色引擎创建计划（修订）",
            "status": "active",
            "start": "2026-03-02",
            "goal": "",
            "near_days": 5,
            "behind_margin": 15,
        },
        allowed_status=(302,),
        effect=exists("plans.Plan", title="红色引擎创建计划（修订）"),
    ),
    Case(
        "plans:plan_start",
        plan_kw,
        method="post",
        allowed_status=(302,),
        effect=exists("plans.Plan", title="红色引擎创建计划", status="active"),
    ),
    Case(
        "plans:force_add",
        plan_kw,
        method="post",
        data=lambda w: {"name": "刘组长", "role": "leader", "duty": "总牵头"},
        allowed_status=(302,),
        effect=exists("plans.TaskForceMember", name="刘组长"),
    ),
    Case(
        "plans:force_remove",
        force_kw,
        method="post",
        allowed_status=(302,),
        effect=lambda w: not exists("plans.TaskForceMember", name="张联络")(w),
    ),
    Case(
        "plans:phase_add",
        plan_kw,
        method="post",
        data=lambda w: {"name": "巩固提升", "start": "2027-03-03", "end": "2027-06-30"},
        allowed_status=(302,),
        effect=exists("plans.Phase", name="巩固提升"),
    ),
    Case(
        "plans:phase_edit",
        phase_kw,
        method="post",
        data=lambda w: {
            f"phase{plan_of(w).phases.order_by('position').first().pk}-{k}": v
            for k, v in {
                "name": "深入调研定位",
                "start": "2026-03-02",
                "end": "2026-04-20",
                "goal": "摸清底数",
                "gate_criteria": "完成问卷调查并形成调研报告",
            }.items()
        },
        allowed_status=(302,),
        effect=exists("plans.Phase", name="深入调研定位"),
    ),
    Case(
        "plans:phase_gate",
        phase_kw,
        method="post",
        data=lambda w: {"criteria": ["完成问卷调查并形成调研报告"]},
        allowed_status=(302,),
        effect=gate_ticked,
    ),
    Case(
        "plans:phase_close",
        phase_kw,
        method="post",
        data=lambda w: {"override_reason": "上级统筹，合并到下一阶段推进"},
        allowed="mid_admin",
        readonly="secretary",  # the gate is not met: the branch may not skip it
        readonly_status=(400,),  # refused: the plan page again, the reason kept
        allowed_status=(302,),
        effect=phase_closed,
    ),
    Case("plans:task_add", plan_kw),
    Case(
        "plans:task_add",
        plan_kw,
        method="post",
        data=TASK_POST,
        allowed_status=(302,),
        effect=exists("plans.Task", title="建立党员责任区台账"),
    ),
    Case("plans:task_edit", task_kw),
    Case(
        "plans:task_edit",
        task_kw,
        method="post",
        data=lambda w: {**TASK_POST(w), "title": "开展问卷调查（扩大范围）"},
        allowed_status=(302,),
        effect=exists("plans.Task", title="开展问卷调查（扩大范围）"),
    ),
    Case(
        "plans:task_report",
        task_kw,
        method="post",
        data=lambda w: {"percent": 100, "text": "问卷已全部回收"},
        allowed="member",
        readonly="secretary",  # only the owner reports
        allowed_status=(302,),
        effect=task_state("reported"),
    ),
    Case(
        "plans:task_verify",
        reported_kw,
        method="post",
        allowed="branch_committee",
        readonly="member",
        allowed_status=(302,),
        effect=task_state("verified"),
    ),
    Case(
        "plans:task_return",
        reported_kw,
        method="post",
        data=lambda w: {"reason": "回收率不足"},
        allowed="branch_committee",
        readonly="member",
        allowed_status=(302,),
        effect=task_state("returned"),
    ),
    Case(
        "plans:task_close",
        verified_kw,
        method="post",
        allowed="secretary",
        readonly="member",
        allowed_status=(302,),
        effect=task_state("closed"),
    ),
    Case(
        "plans:milestone_add",
        task_kw,
        method="post",
        data=lambda w: {"title": "中期检查", "due": "2026-03-15"},
        allowed_status=(302,),
        effect=exists("plans.Milestone", title="中期检查"),
    ),
    Case(
        "plans:milestone_done",
        milestone_kw,
        method="post",
        allowed="member",  # the owner (every other persona who sees it edits the plan)
        readonly=None,
        allowed_status=(302,),
        effect=milestone_done,
    ),
]


API_CASES = [
    _api(url_name="api:plan-list", **LIST),
    _api(url_name="api:plan-detail", kwargs=plan_kw, **READ),
    _api(
        url_name="api:plan-list",
        method="post",
        data=lambda w: {"org": w.branch_a.pk, "title": "接口建立的计划", "start": "2026-03-02"},
        allowed_status=(201,),
        outsider_status=(404,),
        effect=exists("plans.Plan", title="接口建立的计划"),
    ),
    _api(
        url_name="api:plan-detail",
        kwargs=plan_kw,
        method="patch",
        data=lambda w: {"near_days": 12},
        effect=exists("plans.Plan", near_days=12),
    ),
    _api(
        url_name="api:plan-start",
        kwargs=plan_kw,
        method="post",
        effect=exists("plans.Plan", title="红色引擎创建计划", status="active"),
    ),
    _api(url_name="api:plan-phase-list", **LIST),
    _api(url_name="api:plan-phase-detail", kwargs=phase_kw, **READ),
    _api(
        url_name="api:plan-phase-list",
        method="post",
        data=lambda w: {
            "plan": plan_of(w).pk,
            "name": "巩固提升",
            "start": "2027-03-03",
            "end": "2027-06-30",
            "gate_criteria": "形成长效机制",
        },
        allowed_status=(201,),
        effect=exists("plans.Phase", name="巩固提升"),
    ),
    _api(
        url_name="api:plan-phase-detail",
        kwargs=phase_kw,
        method="patch",
        data=lambda w: {"goal": "摸清底数、找准定位"},
        effect=exists("plans.Phase", goal="摸清底数、找准定位"),
    ),
    _api(
        url_name="api:plan-phase-gate",
        kwargs=phase_kw,
        method="post",
        data=lambda w: {"checked": ["完成问卷调查并形成调研报告"]},
        effect=gate_ticked,
    ),
    _api(
        url_name="api:plan-phase-close",
        kwargs=phase_kw,
        method="post",
        data=lambda w: {"override_reason": "上级统筹推进"},
        allowed="committee_admin",
        readonly="secretary",
        readonly_status=(400,),  # the gate is not met
        effect=phase_closed,
    ),
    _api(url_name="api:plan-task-list", **LIST),
    _api(url_name="api:plan-task-detail", kwargs=task_kw, **READ),
    _api(
        url_name="api:plan-task-list",
        method="post",
        data=lambda w: {**TASK_POST(w), "plan": plan_of(w).pk},
        allowed_status=(201,),
        effect=exists("plans.Task", title="建立党员责任区台账"),
    ),
    _api(
        url_name="api:plan-task-detail",
        kwargs=task_kw,
        method="patch",
        data=lambda w: {"deadline": "2026-04-10"},
        effect=exists("plans.Task", title="开展党员群众问卷调查", deadline="2026-04-10"),
    ),
    _api(
        url_name="api:plan-task-progress",
        kwargs=task_kw,
        method="post",
        data=lambda w: {"percent": 60, "text": "已回收大部分问卷"},
        allowed="member",
        readonly="secretary",
        effect=lambda w: Task.objects.filter(plan__brand=w.brand, progress=60).exists(),
    ),
    _api(
        url_name="api:plan-task-verify",
        kwargs=reported_kw,
        method="post",
        allowed="branch_committee",
        readonly="member",
        effect=task_state("verified"),
    ),
    _api(
        url_name="api:plan-task-return",
        kwargs=reported_kw,
        method="post",
        data=lambda w: {"reason": "缺少分析报告"},
        allowed="branch_committee",
        readonly="member",
        effect=task_state("returned"),
    ),
    _api(
        url_name="api:plan-task-close",
        kwargs=verified_kw,
        method="post",
        allowed="branch_committee",
        readonly="member",
        effect=task_state("closed"),
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

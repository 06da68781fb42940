"""Every change to plans, phases and tasks. Each checks who acts, writes one audit row and
notifies the people a change concerns (owner, checker) once per event."""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.uploads import check_evidence_files
from partybrand.core.versioning import check_version
from partybrand.notices.services import notify, withdraw
from partybrand.plans.access import can_edit_plan, can_override_gate, can_see_plan
from partybrand.plans.choices import (
    FINISHED,
    ForceRole,
    PhaseStatus,
    PlanKind,
    PlanNotice,
    PlanStatus,
    ProgressKind,
    TaskStatus,
)
from partybrand.plans.colours import _red_q, is_overdue
from partybrand.plans.models import (
    Milestone,
    Phase,
    Plan,
    ProgressEvidence,
    ProgressUpdate,
    Task,
    TaskForceMember,
)
from partybrand.plans.templates_data import TEMPLATES
from partybrand.textsim.normalize import clean_text

S = TaskStatus
PLAN_FIELDS = ("title", "status", "start", "goal", "near_days", "behind_margin")
PHASE_FIELDS = ("name", "goal", "start", "end", "gate_criteria")
TASK_FIELDS = (
    "title",
    "duty",
    "standard",
    "owner",
    "checker",
    "post",
    "start",
    "deadline",
    "phase",
    "parent",
)
MAX_EVIDENCE = 5


def _text(value, limit: int | None = None) -> str:
    text = clean_text(value or "").strip()
    return text[:limit] if limit else text


def _require_editor(actor, plan: Plan) -> None:
    if not can_edit_plan(actor, plan):
        raise PermissionDenied("您没有权限修改该计划。")


def _task_url(task: Task) -> str:
    return reverse("plans:task", args=[task.pk])


# ---------------------------------------------------------------- plans


def _clean_plan(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in PLAN_FIELDS}
    if "title" in data:
        data["title"] = _text(data["title"], 100)
        if not data["title"]:
            raise ValidationError({"title": "请填写计划名称。"})
    if "goal" in data:
        data["goal"] = _text(data["goal"])
    if "status" in data and data["status"] not in PlanStatus.values:
        raise ValidationError({"status": "请选择计划状态。"})
    if "near_days" in data and not 0 <= int(data["near_days"]) <= 90:
        raise ValidationError({"near_days": "临期提醒天数应在 0 到 90 之间。"})
    if "behind_margin" in data and not 0 <= int(data["behind_margin"]) <= 100:
        raise ValidationError({"behind_margin": "滞后容差应在 0 到 100 之间。"})
    return data


@transaction.atomic
def plan_create(*, actor, org, brand=None, template_code: str = "", **fields) -> Plan:
    if brand is not None and brand.org_id != org.pk:
        raise ValidationError({"brand": "品牌不属于该党组织。"})
    plan = Plan(org=org, brand=brand, created_by=actor, template_code=template_code)
    plan.kind = PlanKind.BRAND if brand is not None else PlanKind.GENERAL
    _require_editor(actor, plan)
    data = _clean_plan(fields)
    if not data.get("title"):
        raise ValidationError({"title": "请填写计划名称。"})
    for name, value in data.items():
        setattr(plan, name, value)
    plan.save()
    audit_record(
        actor=actor,
        action="plan_create",
        obj=plan,
        org_path=org.path,
        changes={"title": plan.title, "brand": brand.name if brand else None},
    )
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, version: int | None = None, **fields) -> Plan:
    _require_editor(actor, plan)
    check_version(plan, version)  # the save below is refused too if it changed since read
    changes = field_changes(plan, _clean_plan(fields))
    if changes:
        plan.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor, action="plan_update", obj=plan, org_path=plan.org.path, changes=changes
        )
    return plan


@transaction.atomic
def plan_start(*, actor, plan: Plan) -> Plan:
    """启动计划: a draft plan goes into execution (执行中) once it has at least one task."""
    plan = Plan.objects.select_for_update().select_related("org").get(pk=plan.pk)
    _require_editor(actor, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError("只有草拟状态的计划可以启动。")
    if not plan.tasks.exists():
        raise ValidationError("请先分派至少一项任务，再启动计划。")
    changes = {"status": [plan.status, PlanStatus.ACTIVE]}
    plan.status = PlanStatus.ACTIVE
    if plan.start is None:
        plan.start = clock.today()
        changes["start"] = [None, plan.start]
    plan.save(update_fields=["status", "start", "updated_at"])
    audit_record(
        actor=actor, action="plan_start", obj=plan, org_path=plan.org.path, changes=changes
    )
    return plan


def _offset(start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=days)


@transaction.atomic
def plan_from_template(
    *,
    actor,
    org,
    brand=None,
    code: str,
    start: datetime.date,
    owner,
    checker,
    title: str = "",
    activate: bool = False,
    assign=None,
) -> Plan:
    """A plan with the template's phases and tasks; every task goes to `owner`, checked by
    `checker`, for the editor to reassign afterwards. `assign(index, task_spec)` may return a
    dict overriding owner / checker / post of the index-th task before it is created, so that
    only the real owner and checker are notified. `activate` starts it at once (执行中)."""
    template = TEMPLATES.get(code)
    if template is None:
        raise ValidationError({"template": "请选择计划模板。"})
    if start is None:
        raise ValidationError({"start": "请填写计划开始日期。"})
    title = title or (f"{brand.name}创建计划" if brand else f"{org.name}党建工作计划")
    plan = plan_create(
        actor=actor,
        org=org,
        brand=brand,
        template_code=code,
        title=title,
        start=start,
        goal=template["description"],
    )
    index = 0
    for position, spec in enumerate(template["phases"], start=1):
        phase = Phase.objects.create(
            plan=plan,
            position=position,
            name=spec["name"],
            goal=spec["goal"],
            start=_offset(start, spec["start"]),
            end=_offset(start, spec["end"]),
            gate_criteria=spec["gate"],
        )
        for task_spec in spec["tasks"]:
            people = {"owner": owner, "checker": checker, "post": task_spec["post"]}
            if assign is not None:
                people.update(assign(index, task_spec) or {})
            index += 1
            task_create(
                actor=actor,
                plan=plan,
                phase=phase,
                **people,
                title=task_spec["title"],
                duty=task_spec["duty"],
                standard=task_spec["standard"],
                start=_offset(start, task_spec["start"]),
                deadline=_offset(start, task_spec["end"]),
                milestones=[(t, _offset(start, d)) for t, d in task_spec["milestones"]],
                audit=False,
            )
    audit_record(
        actor=actor,
        action="plan_from_template",
        obj=plan,
        org_path=org.path,
        changes={"template": code, "tasks": plan.tasks.count()},
    )
    if activate:
        plan = plan_start(actor=actor, plan=plan)
    return plan


# ---------------------------------------------------------------- task force


@transaction.atomic
def force_member_add(*, actor, plan: Plan, name: str = "", user=None, role: str, duty: str = ""):
    _require_editor(actor, plan)
    if role not in ForceRole.values:
        raise ValidationError({"role": "请选择专班职务。"})
    if user is not None and not can_see_plan(user, plan):
        raise ValidationError({"user": "该用户不在本计划的党组织范围内。"})
    name = _text(name, 40) or (user.display_name if user else "")
    if not name:
        raise ValidationError({"name": "请填写姓名。"})
    member = TaskForceMember.objects.create(
        plan=plan, user=user, name=name, role=role, duty=_text(duty, 200)
    )
    audit_record(
        actor=actor,
        action="plan_force_add",
        obj=plan,
        org_path=plan.org.path,
        changes={"name": name, "role": role},
    )
    return member


@transaction.atomic
def force_member_remove(*, actor, member: TaskForceMember) -> None:
    plan = member.plan
    _require_editor(actor, plan)
    audit_record(
        actor=actor,
        action="plan_force_remove",
        obj=plan,
        org_path=plan.org.path,
        changes={"name": member.name},
    )
    member.delete()


# ---------------------------------------------------------------- phases


def _clean_phase(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in PHASE_FIELDS}
    if "name" in data:
        data["name"] = _text(data["name"], 60)
        if not data["name"]:
            raise ValidationError({"name": "请填写阶段名称。"})
    for name in ("goal", "gate_criteria"):
        if name in data:
            data[name] = _text(data[name])
    return data


@transaction.atomic
def phase_create(*, actor, plan: Plan, **fields) -> Phase:
    _require_editor(actor, plan)
    data = _clean_phase(fields)
    if not data.get("name"):
        raise ValidationError({"name": "请填写阶段名称。"})
    if not data.get("start") or not data.get("end"):
        raise ValidationError({"start": "请填写阶段起止日期。"})
    if data["end"] < data["start"]:
        raise ValidationError({"end": "结束日期不能早于开始日期。"})
    last = plan.phases.aggregate(m=Max("position"))["m"] or 0
    phase = Phase.objects.create(plan=plan, position=last + 1, **data)
    audit_record(
        actor=actor,
        action="phase_create",
        obj=phase,
        org_path=plan.org.path,
        changes={"name": phase.name},
    )
    return phase


@transaction.atomic
def phase_update(*, actor, phase: Phase, version: int | None = None, **fields) -> Phase:
    _require_editor(actor, phase.plan)
    check_version(phase, version)  # the save below is refused too if it changed since read
    data = _clean_phase(fields)
    start, end = data.get("start", phase.start), data.get("end", phase.end)
    if end < start:
        raise ValidationError({"end": "结束日期不能早于开始日期。"})
    changes = field_changes(phase, data)
    if "gate_criteria" in changes:  # ticks refer to lines; keep those still present
        phase.gate_checked = [c for c in phase.gate_checked if c in phase.criteria]
        changes["gate_checked"] = phase.gate_checked
    if changes:
        phase.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="phase_update",
            obj=phase,
            org_path=phase.plan.org.path,
            changes=changes,
        )
    return phase


@transaction.atomic
def phase_check_gate(*, actor, phase: Phase, checked: list[str]) -> Phase:
    """The editor ticks off which gate criteria are met."""
    phase = Phase.objects.select_for_update().select_related("plan__org").get(pk=phase.pk)
    _require_editor(actor, phase.plan)
    if phase.status == PhaseStatus.CLOSED:
        raise ValidationError("该阶段已关闭。")
    kept = [c for c in phase.criteria if c in set(checked)]
    changes = field_changes(phase, {"gate_checked": kept})
    if changes:
        phase.save(update_fields=["gate_checked"])
        audit_record(
            actor=actor,
            action="phase_gate_check",
            obj=phase,
            org_path=phase.plan.org.path,
            changes=changes,
        )
    return phase


def gate_status(phase: Phase, tasks=None) -> dict:
    """Whether the phase's gate is met: all its tasks verified or closed, every criterion ticked."""
    tasks = list(phase.tasks.all()) if tasks is None else tasks
    open_tasks = [t for t in tasks if t.status not in FINISHED]
    unchecked = [c for c in phase.criteria if c not in phase.gate_checked]
    return {
        "met": not open_tasks and not unchecked,
        "open_tasks": open_tasks,
        "unchecked": unchecked,
        "total": len(tasks),
        "finished": len(tasks) - len(open_tasks),
    }


@transaction.atomic
def phase_close(*, actor, phase: Phase, override_reason: str = "", now=None) -> Phase:
    phase = Phase.objects.select_for_update().select_related("plan__org").get(pk=phase.pk)
    plan = phase.plan
    if phase.status == PhaseStatus.CLOSED:
        raise ValidationError("该阶段已关闭。")
    reason = _text(override_reason)
    gate = gate_status(phase)
    if gate["met"]:
        _require_editor(actor, plan)
        reason = ""
    else:
        if not can_override_gate(actor, plan):
            if not can_edit_plan(actor, plan):
                raise PermissionDenied("您没有权限关闭该阶段。")
            raise ValidationError(
                f"关口标准未达到：尚有 {len(gate['open_tasks'])} 项任务未验收，"
                f"{len(gate['unchecked'])} 条关口标准未确认。只有上级党委可以说明理由后越关。"
            )
        if not reason:
            raise ValidationError({"override_reason": "关口标准未达到，请填写越关理由。"})
    phase.status = PhaseStatus.CLOSED
    phase.closed_at = now or clock.now()
    phase.closed_by = actor
    phase.override_reason = reason
    phase.save(update_fields=["status", "closed_at", "closed_by", "override_reason"])
    audit_record(
        actor=actor,
        action="phase_close",
        obj=phase,
        org_path=plan.org.path,
        changes={"status": [PhaseStatus.OPEN, PhaseStatus.CLOSED], "override": bool(reason)},
        comment=reason,
    )
    return phase


# ---------------------------------------------------------------- tasks


def _check_people(plan: Plan, owner, checker) -> None:
    if owner is None:
        raise ValidationError({"owner": "请指定责任人（定人）。"})
    if checker is None:
        raise ValidationError({"checker": "请指定验收人（定查）。"})
    if owner.pk == checker.pk:
        raise ValidationError({"checker": "验收人不能是责任人本人。"})
    if not can_see_plan(owner, plan):
        raise ValidationError({"owner": "责任人须是能查看本计划的本组织人员。"})
    if not can_see_plan(checker, plan):
        raise ValidationError({"checker": "验收人须是能查看本计划的本组织人员。"})


def _clean_task(plan: Plan, data: dict, task: Task | None = None) -> dict:
    data = {k: v for k, v in data.items() if k in TASK_FIELDS}
    for name, label in (("title", "任务名称"), ("duty", "责任内容"), ("standard", "验收标准")):
        if name in data:
            data[name] = _text(data[name], 100 if name == "title" else None)
            if not data[name]:
                raise ValidationError({name: f"请填写{label}。"})
    if "post" in data:
        data["post"] = _text(data["post"], 40)
    start = data.get("start", task.start if task else None)
    deadline = data.get("deadline", task.deadline if task else None)
    if not start:
        raise ValidationError({"start": "请填写开始日期。"})
    if not deadline:
        raise ValidationError({"deadline": "请填写完成时限（定时）。"})
    if deadline < start:
        raise ValidationError({"deadline": "完成时限不能早于开始日期。"})
    phase = data.get("phase")
    if phase is not None and phase.plan_id != plan.pk:
        raise ValidationError({"phase": "阶段不属于该计划。"})
    parent = data.get("parent")
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise ValidationError({"parent": "上级任务不属于该计划。"})
        if task is not None and _descends_from(parent, task):
            raise ValidationError({"parent": "上级任务不能是任务本身或其子任务。"})
    return data


def _descends_from(candidate: Task, task: Task) -> bool:
    """Whether `candidate` is `task` itself or one of its subtasks at any depth."""
    seen, pk = set(), candidate.pk
    while pk is not None and pk not in seen:  # read from the database: objects may be stale
        if pk == task.pk:
            return True
        seen.add(pk)
        pk = Task.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
    return False


def _notify_assigned(task: Task, people) -> None:
    for user, as_what in people:
        notify(
            user=user,
            kind=PlanNotice.ASSIGNED,
            key=f"plans:assigned:{task.pk}:{as_what}:{user.pk}",
            title=f"您被指定为任务“{task.title}”的{'责任人' if as_what == 'owner' else '验收人'}",
            body=f"完成时限：{task.deadline:%Y-%m-%d}。{task.duty[:100]}",
            url=_task_url(task),
            org_path=task.plan.org.path,
        )


@transaction.atomic
def task_create(*, actor, plan: Plan, milestones=(), audit: bool = True, **fields) -> Task:
    _require_editor(actor, plan)
    data = _clean_task(plan, fields)
    _check_people(plan, data.get("owner"), data.get("checker"))
    task = Task(plan=plan, **data)
    task.save()
    Milestone.objects.bulk_create(
        [Milestone(task=task, title=_text(t, 100), due=d) for t, d in milestones if t and d]
    )
    if audit:
        audit_record(
            actor=actor,
            action="task_create",
            obj=task,
            org_path=plan.org.path,
            changes={
                "title": task.title,
                "owner": str(task.owner),  # names, as the audit page shows them
                "checker": str(task.checker),
                "deadline": task.deadline,
            },
        )
    _notify_assigned(task, [(task.owner, "owner"), (task.checker, "checker")])
    return task


@transaction.atomic
def task_update(*, actor, task: Task, today=None, version: int | None = None, **fields) -> Task:
    task = Task.objects.select_for_update().select_related("plan__org").get(pk=task.pk)
    check_version(task, version)
    plan = task.plan
    _require_editor(actor, plan)
    if task.status == S.CLOSED:
        raise ValidationError("已销号的任务不能再修改。")
    data = _clean_task(plan, fields, task)
    _check_people(plan, data.get("owner", task.owner), data.get("checker", task.checker))
    before = {"owner": task.owner_id, "checker": task.checker_id}
    latched = _latch_overdue(task, today or clock.today())  # before a deadline moves
    changes = field_changes(task, data)
    if latched:
        changes["was_overdue"] = [False, True]
    if changes:
        task.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor, action="task_update", obj=task, org_path=plan.org.path, changes=changes
        )
        people = []
        for as_what in ("owner", "checker"):
            old = before[as_what]
            if as_what in changes and getattr(task, f"{as_what}_id") != old:
                people.append((getattr(task, as_what), as_what))
                # the former owner / checker no longer is: withdraw the stale notice
                withdraw(user_id=old, key=f"plans:assigned:{task.pk}:{as_what}:{old}")
        _notify_assigned(task, people)
    return task


@transaction.atomic
def milestone_add(*, actor, task: Task, title: str, due: datetime.date) -> Milestone:
    _require_editor(actor, task.plan)
    title = _text(title, 100)
    if not title:
        raise ValidationError({"title": "请填写节点名称。"})
    if due is None:
        raise ValidationError({"due": "请填写节点日期。"})
    milestone = Milestone.objects.create(task=task, title=title, due=due)
    audit_record(
        actor=actor,
        action="task_milestone_add",
        obj=task,
        org_path=task.plan.org.path,
        changes={"milestone": title, "due": due},
    )
    return milestone


@transaction.atomic
def milestone_done(*, actor, milestone: Milestone, today=None) -> Milestone:
    # Read again under a lock: two requests that loaded the node before either confirmed it
    # (a double click) would otherwise both confirm it and write two audit rows.
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("task__plan__org")
        .get(pk=milestone.pk)
    )
    task = milestone.task
    if actor.pk != task.owner_id and not can_edit_plan(actor, task.plan):
        raise PermissionDenied("只有责任人或计划管理人可以确认节点完成。")
    if milestone.done_on is not None:
        raise ValidationError("该节点已确认完成。")
    milestone.done_on = today or clock.today()
    milestone.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        action="task_milestone_done",
        obj=task,
        org_path=task.plan.org.path,
        changes={"milestone": milestone.title, "done_on": milestone.done_on},
    )
    return milestone


def _locked(task: Task) -> Task:
    return (
        Task.objects.select_for_update()
        .select_related("plan__org", "owner", "checker")
        .get(pk=task.pk)
    )


def _latch_overdue(task: Task, today) -> list[str]:
    if not task.was_overdue and is_overdue(task, today):
        task.was_overdue = True
        return ["was_overdue"]
    return []


def _checked_evidence(files) -> list[tuple]:
    """(name, CheckedFile) per upload, through core.uploads; one bad file refuses them all."""
    files = list(files)
    if len(files) > MAX_EVIDENCE:
        raise ValidationError({"files": f"每次最多上传 {MAX_EVIDENCE} 个佐证材料。"})
    return check_evidence_files(files, max_bytes=settings.ATTACHMENT_MAX_BYTES, title=_file_name)


def _file_name(upload) -> str:
    return (PurePath(getattr(upload, "name", "") or "").name or "佐证材料")[:120]


@transaction.atomic
def task_report(*, actor, task: Task, percent: int, text: str, files=(), today=None):
    """The owner reports progress; 100 % sends the task to its checker (待验收)."""
    today = today or clock.today()
    task = _locked(task)
    if actor.pk != task.owner_id:
        raise PermissionDenied("只有责任人可以填报进度。")
    if task.status in (S.REPORTED, S.VERIFIED, S.CLOSED):
        raise ValidationError("任务已上报验收或已验收，不能再填报进度。")
    try:
        percent = int(percent)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"percent": "请填写 0 到 100 之间的进度。"}) from exc
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": "请填写 0 到 100 之间的进度。"})
    text = _text(text)
    if not text:
        raise ValidationError({"text": "请写明进展情况。"})
    checked = _checked_evidence(files)
    fields = _latch_overdue(task, today)
    old = [task.progress, task.status]
    task.progress = percent
    task.status = S.REPORTED if percent == 100 else S.DOING
    task.save(update_fields=["progress", "status", "updated_at", *fields])
    update = ProgressUpdate.objects.create(task=task, author=actor, percent=percent, text=text)
    for name, file in checked:
        evidence = ProgressEvidence(
            update=update, name=name, size=file.size, content_type=file.content_type
        )
        evidence.file.save(f"{uuid.uuid4().hex}.{file.extension}", file.content, save=False)
        evidence.save()
    audit_record(
        actor=actor,
        action="task_report",
        obj=task,
        org_path=task.plan.org.path,
        changes={
            "progress": [old[0], percent],
            "status": [old[1], task.status],
            "evidence": [n for n, _ in checked],
        },
        comment=text[:500],
    )
    if task.status == S.REPORTED:
        notify(
            user=task.checker,
            kind=PlanNotice.REPORTED,
            key=f"plans:reported:{task.pk}:{update.pk}",
            title=f"任务“{task.title}”待您验收",
            body=f"{task.owner.display_name}已上报完成：{text[:100]}",
            url=_task_url(task),
            org_path=task.plan.org.path,
        )
    return update


@transaction.atomic
def task_verify(*, actor, task: Task, comment: str = "", now=None) -> Task:
    task = _locked(task)
    if actor.pk != task.checker_id:
        raise PermissionDenied("只有验收人可以验收该任务。")
    if task.status != S.REPORTED:
        raise ValidationError("只有待验收的任务可以验收。")
    task.status = S.VERIFIED
    task.verified_at = now or clock.now()
    task.save(update_fields=["status", "verified_at", "updated_at"])
    comment = _text(comment)
    ProgressUpdate.objects.create(
        task=task,
        author=actor,
        percent=task.progress,
        text=comment or "验收通过。",
        kind=ProgressKind.VERIFY,
    )
    audit_record(
        actor=actor,
        action="task_verify",
        obj=task,
        org_path=task.plan.org.path,
        changes={"status": [S.REPORTED, S.VERIFIED]},
        comment=comment,
    )
    notify(
        user=task.owner,
        kind=PlanNotice.VERIFIED,
        key=f"plans:verified:{task.pk}",
        title=f"任务“{task.title}”已验收通过",
        body=comment[:200],
        url=_task_url(task),
        org_path=task.plan.org.path,
    )
    return task


@transaction.atomic
def task_return(*, actor, task: Task, reason: str) -> Task:
    task = _locked(task)
    if actor.pk != task.checker_id:
        raise PermissionDenied("只有验收人可以退回该任务。")
    if task.status != S.REPORTED:
        raise ValidationError("只有待验收的任务可以退回。")
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": "请写明退回理由。"})
    task.status = S.RETURNED
    task.return_reason = reason
    task.save(update_fields=["status", "return_reason", "updated_at"])
    update = ProgressUpdate.objects.create(
        task=task, author=actor, percent=task.progress, text=reason, kind=ProgressKind.RETURN
    )
    audit_record(
        actor=actor,
        action="task_return",
        obj=task,
        org_path=task.plan.org.path,
        changes={"status": [S.REPORTED, S.RETURNED]},
        comment=reason,
    )
    notify(
        user=task.owner,
        kind=PlanNotice.RETURNED,
        key=f"plans:returned:{task.pk}:{update.pk}",
        title=f"任务“{task.title}”被退回",
        body=f"退回理由：{reason[:200]}",
        url=_task_url(task),
        org_path=task.plan.org.path,
    )
    return task


@transaction.atomic
def task_close(*, actor, task: Task, now=None) -> Task:
    task = _locked(task)
    if actor.pk != task.checker_id and not can_edit_plan(actor, task.plan):
        raise PermissionDenied("只有验收人或计划管理人可以销号。")
    if task.status != S.VERIFIED:
        raise ValidationError("只有已验收的任务可以销号。")
    task.status = S.CLOSED
    task.closed_at = now or clock.now()
    task.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="task_close",
        obj=task,
        org_path=task.plan.org.path,
        changes={"status": [S.VERIFIED, S.CLOSED]},
    )
    return task


def mark_overdue(*, today: datetime.date) -> int:
    """The daily pass: latch was_overdue on every task overdue on `today`."""
    return Task.objects.filter(_red_q(today), was_overdue=False).update(was_overdue=True)

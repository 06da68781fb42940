"""Demo data of this app, loaded by `seed_demo` after the brands exist: brand plans from the
five-part template for up to six branch brands, with owners and checkers among the demo
accounts, progress reported, some tasks verified and closed, one sent back, and a spread of
colours relative to demo.today."""

import datetime

from partybrand.orgs.roles import role_paths
from partybrand.plans import services
from partybrand.plans.choices import ForceRole
from partybrand.plans.models import Task, TaskForceMember

D = datetime.timedelta
NOTES = [
    "已召开支委会专题研究，明确分工。",
    "完成阶段性工作，相关材料已整理归档。",
    "组织党员骨干集中攻坚，进展顺利。",
    "已形成初稿，正在征求党员意见。",
]


def _people(demo, brand):
    """(editor, owners, checker) for a brand: its secretary, branch accounts and a manager above."""
    path = brand.org.path
    at_branch, above = [], []
    for key, user in sorted(demo.users.items()):
        for _role, role_path in role_paths(user):
            if role_path == path:
                at_branch.append((key, user))
            elif path.startswith(role_path) and key.startswith(("company", "general", "office")):
                above.append((len(role_path), key, user))
    secretary = next((u for k, u in at_branch if k.startswith("secretary")), None)
    if secretary is None:
        return None
    above.sort(key=lambda t: (-t[0], t[1]))  # the nearest manager above checks
    owners = [u for k, u in at_branch if not k.startswith("secretary")] + [secretary]
    checker = next((u for k, u in at_branch if k.startswith("committee")), None)
    if checker is None and above:
        checker = above[0][2]
    return (secretary, owners, checker) if checker else None


def seed_demo_data(*, demo, brands) -> None:
    rng = demo.rng
    made = 0
    for brand in brands:
        if made >= 6 or brand.org.kind != "branch":
            continue
        people = _people(demo, brand)
        if people is None:
            continue
        secretary, owners, checker = people
        start = demo.today - D(days=rng.randint(70, 200))
        plan = services.plan_from_template(
            actor=secretary, org=brand.org, brand=brand, code="five_parts", start=start,
            owner=owners[0], checker=checker if checker != owners[0] else secretary,
            activate=True,
        )  # fmt: skip
        TaskForceMember.objects.bulk_create(
            [
                TaskForceMember(plan=plan, user=secretary, name=secretary.display_name,
                                role=ForceRole.LEADER, duty="全面负责品牌创建"),
                TaskForceMember(plan=plan, user=checker, name=checker.display_name,
                                role=ForceRole.DEPUTY, duty="督促检查、任务验收"),
                TaskForceMember(plan=plan, name="宣传委员", role=ForceRole.MEMBER,
                                duty="品牌宣传与推介"),
                TaskForceMember(plan=plan, name="党建联络员", role=ForceRole.LIAISON,
                                duty="资料收集与台账管理"),
            ]
        )  # fmt: skip
        _run(demo, plan, secretary, owners, checker, returned=made == 0)
        made += 1
    services.mark_overdue(today=demo.today)


def _run(demo, plan, secretary, owners, checker, *, returned: bool) -> None:
    rng, today = demo.rng, demo.today
    tasks = list(Task.objects.filter(plan=plan).select_related("plan").order_by("start", "id"))
    # spread the tasks over the branch's accounts (the checker never checks its own task)
    for i, task in enumerate(tasks):
        owner = owners[i % len(owners)]
        if owner.pk != task.owner_id:
            task_checker = checker if owner.pk != checker.pk else secretary
            Task.objects.filter(pk=task.pk).update(owner=owner, checker=task_checker)
    tasks = list(Task.objects.filter(plan=plan).select_related("plan", "owner", "checker"))
    tasks.sort(key=lambda t: (t.start, t.pk))
    returned_done = not returned
    for task in tasks:
        if task.start > today:
            continue
        span = max((task.deadline - task.start).days, 1)
        expected = min(100, 100 * (today - task.start).days // span)
        if task.deadline < today:
            fate = rng.random()
            if fate < 0.6:
                _report(task, 100, today)
                services.task_verify(actor=task.checker, task=task, comment="材料齐全，验收通过。")
                if fate < 0.4:
                    services.task_close(actor=task.checker, task=task)
            elif fate < 0.8:
                _report(task, rng.choice([40, 60, 80]), today)  # stays red: overdue
        elif not returned_done and expected >= 30:
            _report(task, 100, today)
            services.task_return(
                actor=task.checker, task=task,
                reason="佐证材料不全：缺少会议记录和现场照片，请补充后重新上报。",
            )  # fmt: skip
            returned_done = True
        elif expected > 0:
            percent = max(0, min(95, expected + rng.choice([-40, -20, 0, 10])))
            percent -= percent % 5
            if percent:
                _report(task, percent, today)


def _report(task, percent, today) -> None:
    services.task_report(
        actor=task.owner, task=task, percent=percent, text=NOTES[task.pk % len(NOTES)],
        today=min(today, task.deadline),
    )  # fmt: skip

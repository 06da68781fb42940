"""Demo data of this app, loaded by `seed_demo` after the brands exist: brand plans from the
five-part template for up to six branch brands, with owners and checkers among the demo
accounts, progress reported, some tasks verified and closed, one sent back, and a spread of
colours relative to demo.today."""

import datetime

from partybrand.core import clock
from partybrand.notices.models import Notification
from partybrand.orgs.models import Member
from partybrand.orgs.roles import role_paths
from partybrand.plans import services
from partybrand.plans.choices import ForceRole
from partybrand.plans.models import ProgressUpdate, Task, TaskForceMember

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


def _post(user, posts: dict) -> str:
    """The user's real post in the branch: 支部书记, 组织委员… from the member record, else 党员."""
    job = posts.get(user.pk, "")
    first = job.split("、")[0] if "、" in job else ""
    if first.startswith("党支部书记"):
        return "支部书记"
    return first if first.endswith("委员") else "党员"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return clock.at(day, hour, minute)


def _marks() -> tuple[int, int]:
    last_notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_update = ProgressUpdate.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last_notice or 0, last_update or 0


def _backdate(marks: tuple[int, int], when: datetime.datetime) -> None:
    """Date what the services just wrote (notices, progress reports) at `when` on the demo's
    clock instead of the moment the demo was loaded."""
    Notification.objects.filter(pk__gt=marks[0]).update(created_at=when)
    ProgressUpdate.objects.filter(pk__gt=marks[1]).update(created_at=when)


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
        posts = dict(Member.objects.filter(user__in=owners).values_list("user_id", "job_title"))

        def assign(i, _spec, owners=owners, checker=checker, secretary=secretary, posts=posts):
            # spread the tasks over the branch's accounts (no one checks their own task)
            owner = owners[i % len(owners)]
            task_checker = checker if owner.pk != checker.pk else secretary
            return {"owner": owner, "checker": task_checker, "post": _post(owner, posts)}

        start = demo.today - D(days=rng.randint(70, 200))
        marks = _marks()
        plan = services.plan_from_template(
            actor=secretary,
            org=brand.org,
            brand=brand,
            code="five_parts",
            start=start,
            owner=owners[0],
            checker=checker if checker != owners[0] else secretary,
            activate=True,
            assign=assign,
        )
        _backdate(marks, _at(start - D(days=3), 9, 30))
        helpers = [u for u in owners if u.pk not in (secretary.pk, checker.pk)]
        force = [
            TaskForceMember(
                plan=plan,
                user=secretary,
                name=secretary.display_name,
                role=ForceRole.LEADER,
                duty="全面负责品牌创建",
            ),
            TaskForceMember(
                plan=plan,
                user=checker,
                name=checker.display_name,
                role=ForceRole.DEPUTY,
                duty="督促检查、任务验收",
            ),
        ]
        for user, role, duty in zip(
            helpers,
            (ForceRole.MEMBER, ForceRole.LIAISON),
            ("品牌宣传与推介", "资料收集与台账管理"),
            strict=False,
        ):
            force.append(
                TaskForceMember(plan=plan, user=user, name=user.display_name, role=role, duty=duty)
            )
        TaskForceMember.objects.bulk_create(force)
        _run(demo, plan, returned=made == 0)
        made += 1
    marks = _marks()
    services.mark_overdue(today=demo.today)
    _backdate(marks, _at(demo.today, 7, 30))


def _run(demo, plan, *, returned: bool) -> None:
    rng, today = demo.rng, demo.today
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
            day = max(task.start, task.deadline - D(days=rng.randint(0, 5)))
            if fate < 0.6:
                _report(task, 100, day, rng)
                marks = _marks()
                checked = min(today, day + D(days=rng.randint(1, 3)))
                services.task_verify(
                    actor=task.checker,
                    task=task,
                    comment="材料齐全，验收通过。",
                    now=_at(checked, 15, rng.randint(0, 59)),
                )
                _backdate(marks, _at(checked, 15, 0))
                if fate < 0.4:
                    closed = min(today, checked + D(days=rng.randint(1, 5)))
                    marks = _marks()
                    services.task_close(
                        actor=task.checker, task=task, now=_at(closed, 10, rng.randint(0, 59))
                    )
                    _backdate(marks, _at(closed, 10, 0))
            elif fate < 0.8:
                _report(task, rng.choice([40, 60, 80]), day, rng)  # stays red: overdue
        elif not returned_done and expected >= 30:
            day = today - D(days=rng.randint(3, 6))
            _report(task, 100, day, rng)
            marks = _marks()
            services.task_return(
                actor=task.checker,
                task=task,
                reason="佐证材料不全：缺少会议记录和现场照片，请补充后重新上报。",
            )
            _backdate(marks, _at(day + D(days=1), 16, 20))
            returned_done = True
        elif expected > 0:
            percent = max(0, min(95, expected + rng.choice([-40, -20, 0, 10])))
            percent -= percent % 5
            if percent:
                _report(task, percent, today - D(days=rng.randint(0, 12)), rng)


def _report(task, percent, day, rng) -> None:
    day = max(task.start, min(day, task.deadline))
    marks = _marks()
    services.task_report(
        actor=task.owner,
        task=task,
        percent=percent,
        text=NOTES[task.pk % len(NOTES)],
        today=day,
    )
    _backdate(marks, _at(day, rng.randint(9, 17), rng.randint(0, 59)))

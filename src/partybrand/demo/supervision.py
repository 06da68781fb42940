"""Demo data of supervision: 督办单 in every state (one escalated), two 复盘 meetings of the first
branch's plan with findings turned into rectification items (some still open and carried to the
second meeting), and the notifications that make the bell show for secretary1 and committee."""

from datetime import datetime, timedelta

from partybrand.core import clock
from partybrand.notices.models import Notification
from partybrand.notices.services import notify
from partybrand.plans.models import Plan
from partybrand.supervision.choices import SupervisionNotice
from partybrand.supervision.models import RectificationItem, TicketEvent
from partybrand.supervision.services import reviews
from partybrand.supervision.services import tickets as services


def _at(day, hour: int, minute: int = 0) -> datetime:
    return clock.at(day, hour, minute)


class _Clock:
    """Back-dates what the services write (notices, ticket events and the matching ticket
    timestamps) to a moment on the demo's clock, so the history does not all read "now"."""

    def __init__(self):
        self.notice = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.event = TicketEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    def mark(self) -> "_Clock":
        self.__init__()
        return self

    def stamp(self, when: datetime, obj=None, *fields: str) -> None:
        Notification.objects.filter(pk__gt=self.notice or 0).update(created_at=when)
        TicketEvent.objects.filter(pk__gt=self.event or 0).update(created_at=when)
        if obj is not None and fields:
            type(obj).objects.filter(pk=obj.pk).update(**dict.fromkeys(fields, when))
        self.mark()


def _org_of(user):
    assignment = user.role_assignments.select_related("org").first()
    return assignment.org if assignment else None


def seed_demo_data(*, demo, brands) -> None:
    """demo: partybrand.demo.build.Demo; brands: the demo brands."""
    users = demo.users
    needed = ("committee", "office", "secretary1", "secretary2", "secretary3", "secretary4")
    if any(name not in users for name in needed):
        return
    today = demo.today
    committee, office = users["committee"], users["office"]
    sec = {i: users[f"secretary{i}"] for i in range(1, 5)}
    orgs = {i: _org_of(user) for i, user in sec.items()}
    committee1, member1 = users.get("committee1"), users.get("member1")

    plan = (
        Plan.objects.filter(org=orgs[1], tasks__isnull=False)
        .select_related("org")
        .order_by("id")
        .first()
    )
    task = (
        plan.tasks.exclude(status__in=("verified", "closed")).order_by("deadline").first()
        if plan
        else None
    )

    _seed_tickets(task, office=office, committee=committee, sec=sec, orgs=orgs, today=today)
    if plan is not None and committee1 is not None and member1 is not None:
        _seed_reviews(plan, sec[1], committee1, member1, today)
    clock = _Clock()
    notify(
        user=committee,
        kind=SupervisionNotice.TICKET,
        key="demo:weekly-supervision",
        title="本周督办情况：1 张督办单逾期升级",
        body="“品牌创建方案未按期报送”已逾期，已升级至上级党组织督办。",
        url="/supervision/?f=escalated",
    )
    clock.stamp(_at(today, 8, 0))


def _seed_tickets(task, *, office, committee, sec, orgs, today) -> None:
    """督办单 in every state: on a task, answered, archived, escalated, just raised."""
    clock = _Clock()
    # 1. On a task of secretary1's plan, handed to its owner, being worked on.
    if task is not None:
        ticket = services.ticket_raise(
            actor=office,
            task=task,
            title=f"关于“{task.title}”推进滞后的督办",
            matter=f"该任务进度滞后于计划，请按验收标准抓紧推进：{task.standard}",
            deadline=today + timedelta(days=7),
            assignee=task.owner,
            today=today - timedelta(days=3),
        )
        clock.stamp(_at(today - timedelta(days=3), 9, 40), ticket, "created_at")
        if task.owner_id:
            services.ticket_start(actor=task.owner, ticket=ticket)
            clock.stamp(_at(today - timedelta(days=2), 10, 15))
    # 2. A free matter answered by secretary1: waiting for committee (the raiser) to close it.
    ticket = services.ticket_raise(
        actor=committee,
        org=orgs[1],
        title="主题党日活动记录不规范",
        matter="近三个月主题党日记录缺少签到表和活动照片，请补齐并规范记录格式。",
        deadline=today + timedelta(days=5),
        assignee=sec[1],
        today=today - timedelta(days=9),
    )
    clock.stamp(_at(today - timedelta(days=9), 14, 30), ticket, "created_at")
    services.ticket_feedback(
        actor=sec[1],
        ticket=ticket,
        text="已补齐 9 月至 11 月主题党日签到表和照片，并按新模板统一记录格式。",
    )
    clock.stamp(_at(today - timedelta(days=1), 16, 45), ticket, "feedback_at")
    # 3. Closed and archived.
    ticket = services.ticket_raise(
        actor=office,
        org=orgs[2],
        title="党员责任区标识未上墙",
        matter="请于本月底前完成党员责任区、党员示范岗标识制作上墙。",
        deadline=today + timedelta(days=3),
        assignee=sec[2],
        today=today - timedelta(days=18),
    )
    clock.stamp(_at(today - timedelta(days=18), 9, 10), ticket, "created_at")
    services.ticket_feedback(actor=sec[2], ticket=ticket, text="12 个责任区标识已全部上墙。")
    clock.stamp(_at(today - timedelta(days=8), 17, 5), ticket, "feedback_at")
    services.ticket_close(actor=office, ticket=ticket, note="经现场核查，已落实到位。")
    clock.stamp(_at(today - timedelta(days=6), 11, 20), ticket, "closed_at")
    services.ticket_archive(actor=office, ticket=ticket)
    clock.stamp(_at(today - timedelta(days=5), 9, 0), ticket, "archived_at")
    # 4. Overdue and escalated to the level above.
    ticket = services.ticket_raise(
        actor=office,
        org=orgs[3],
        title="品牌创建方案未按期报送",
        matter="请报送品牌创建方案（含三定任务清单）至集团党建工作部。",
        deadline=today - timedelta(days=4),
        assignee=sec[3],
        today=today - timedelta(days=20),
    )
    clock.stamp(_at(today - timedelta(days=20), 10, 0), ticket, "created_at")
    services.escalate_overdue(today=today)
    clock.stamp(_at(today, 7, 30))
    # 5. Just raised, not yet handed to anyone.
    ticket = services.ticket_raise(
        actor=office,
        org=orgs[4],
        title="支部标准化规范化建设自查",
        matter="请对照标准化规范化建设指标开展自查，形成问题清单。",
        deadline=today + timedelta(days=14),
        today=today,
    )
    clock.stamp(_at(today, 9, 5), ticket, "created_at")


def _seed_reviews(plan, secretary, committee1, member1, today) -> None:
    clock = _Clock()
    first = reviews.meeting_create(
        actor=secretary,
        plan=plan,
        title=f"{plan.title}第一次复盘会",
        held_on=today - timedelta(days=30),
        attendees=[secretary, committee1, member1],
        guests="车间主任、班组长代表",
        agenda="一、通报任务推进情况\n二、查找短板弱项\n三、明确整改措施",
        minutes="会议逐项对照三定任务清单，查找出 3 个问题，明确整改责任人和时限。",
    )
    clock.stamp(_at(today - timedelta(days=33), 10, 0), first, "created_at")
    findings = (
        (
            "党员示范岗标识不统一，部分岗位未挂牌",
            "统一设计制作示范岗标识，本月底前全部挂牌",
            committee1,
            -10,
        ),
        (
            "“微课堂”活动记录不全，缺少成效数据",
            "建立活动台账，每次记录参加人数和问题解决数",
            committee1,
            -5,
        ),
        ("青年党员参与品牌活动积极性不高", "组建青年突击队，承担一项技术攻关任务", member1, 10),
    )
    items = [
        reviews.item_create(
            actor=secretary,
            meeting=first,
            finding=finding,
            measure=measure,
            owner=owner,
            deadline=today + timedelta(days=days),
        )
        for finding, measure, owner, days in findings
    ]
    after_first = _at(today - timedelta(days=30), 17, 0)
    RectificationItem.objects.filter(pk__in=[i.pk for i in items]).update(created_at=after_first)
    clock.stamp(after_first)
    reviews.item_done(actor=committee1, item=items[0], note="21 个示范岗已统一挂牌，照片已归档。")
    clock.stamp(_at(today - timedelta(days=14), 16, 30), items[0], "done_at")
    reviews.item_verify(actor=secretary, item=items[0])
    clock.stamp(_at(today - timedelta(days=12), 9, 30), items[0], "closed_at")
    reviews.item_done(actor=member1, item=items[2], note="青年突击队已组建，8 名青年党员参加。")
    clock.stamp(_at(today - timedelta(days=6), 15, 10), items[2], "done_at")
    second = reviews.meeting_create(
        actor=secretary,
        plan=plan,
        title=f"{plan.title}第二次复盘会",
        held_on=today - timedelta(days=2),
        attendees=[secretary, committee1],
        agenda="一、上次整改事项销号情况\n二、本阶段任务推进\n三、下步安排",
        minutes="上次会议 3 项整改事项已销号 1 项，其余 2 项继续跟踪。",
    )
    clock.stamp(_at(today - timedelta(days=4), 10, 0), second, "created_at")
    item = reviews.item_create(
        actor=secretary,
        meeting=second,
        finding="品牌成效缺少业务指标支撑",
        measure="选取设备完好率、客户满意度两项 KPI 按月跟踪",
        owner=committee1,
        deadline=today + timedelta(days=20),
    )
    clock.stamp(_at(today - timedelta(days=2), 17, 0), item, "created_at")
    reviews.remind_overdue_items(today=today)
    clock.stamp(_at(today, 7, 30))

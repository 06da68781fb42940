"""Permission cases of supervision tickets (督办单), 复盘 meetings, rectification items and
participation; plus the data helpers the supervision tests share (made through the services)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partybrand.plans import services as plan_services
from partybrand.supervision.models import RectificationItem, Ticket
from partybrand.supervision.services import reviews as review_services
from partybrand.supervision.services import tickets as services
from tests.helpers import pdf_bytes
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists


def pdf(name="整改台账.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def today():
    return timezone.localdate()


def make_plan(w, title="“红色引擎”品牌创建计划"):
    return plan_services.plan_create(
        actor=w.secretary, org=w.branch_a, brand=w.brand, title=title, start=today()
    )


def make_task(w, plan=None, *, deadline=None, owner=None, title="建立党员责任区台账"):
    plan = plan or make_plan(w)
    return plan_services.task_create(
        actor=w.secretary,
        plan=plan,
        title=title,
        duty="梳理党员责任区，建立台账并上墙公示。",
        standard="台账齐全、公示到位。",
        owner=owner or w.branch_committee,
        checker=w.secretary,
        start=today() - timedelta(days=10),
        deadline=deadline or today() + timedelta(days=20),
    )


def make_ticket(w, *, stage="assigned", assignee="secretary", deadline=None):
    """A ticket raised by the group's staff on 支部A, taken to `stage`."""
    ticket = services.ticket_raise(
        actor=w.staff,
        org=w.branch_a,
        title="党员责任区建设滞后",
        matter="请于期限内完成党员责任区划分并反馈。",
        deadline=deadline or today() + timedelta(days=10),
        assignee=getattr(w, assignee) if assignee else None,
    )
    if stage in ("feedback", "closed", "archived"):
        ticket = services.ticket_feedback(
            actor=ticket.assignee, ticket=ticket, text="已完成责任区划分。", uploads=[pdf()]
        )
    if stage in ("closed", "archived"):
        ticket = services.ticket_close(actor=w.staff, ticket=ticket)
    if stage == "archived":
        ticket = services.ticket_archive(actor=w.staff, ticket=ticket)
    return ticket


def make_meeting(w, plan=None, *, held_on=None, title="第一次复盘会"):
    return review_services.meeting_create(
        actor=w.secretary,
        plan=plan or make_plan(w),
        title=title,
        held_on=held_on or today(),
        attendees=[w.secretary, w.branch_committee, w.member],
        agenda="回顾任务推进情况",
    )


def make_item(w, meeting=None, *, done=False, deadline=None):
    meeting = meeting or make_meeting(w)
    item = review_services.item_create(
        actor=w.secretary,
        meeting=meeting,
        finding="党员示范岗标识不统一",
        measure="统一制作并上墙",
        owner=w.branch_committee,
        deadline=deadline or meeting.held_on + timedelta(days=14),
    )
    if done:
        item = review_services.item_done(actor=w.branch_committee, item=item, note="已统一制作标识")
    return item


def status_is(value):
    return lambda w: Ticket.objects.filter(status=value).exists()


def ticket_kw(stage="assigned", **kwargs):
    return lambda w: {"pk": make_ticket(w, stage=stage, **kwargs).pk}


def plan_kw(w):
    return {"plan_pk": make_plan(w).pk}


def meeting_kw(w):
    return {"pk": make_meeting(w).pk}


def item_kw(done=False):
    return lambda w: {"pk": make_item(w, done=done).pk}


def file_kw(w):
    return {"pk": make_ticket(w, stage="feedback").files.get().pk}


def ticket_post(w):
    return {
        "org": w.branch_a.pk,
        "title": "主题党日记录不全",
        "matter": "补齐近三个月主题党日记录。",
        "deadline": (today() + timedelta(days=7)).isoformat(),
    }


def meeting_post(w):
    return {
        "title": "季度复盘会",
        "held_on": today().isoformat(),
        "attendees": [w.branch_committee.pk],
        "agenda": "查摆问题",
    }


def item_post(w):
    return {
        "finding": "台账更新不及时",
        "measure": "每周五更新",
        "owner": w.branch_committee.pk,
        "deadline": (today() + timedelta(days=10)).isoformat(),
    }


def api_meeting_post(w):
    return {**meeting_post(w), "plan": make_plan(w).pk}


READ = {"allowed": "member", "readonly": None}
LIST = {"allowed": "member", "readonly": None, "outsider": None}
STAFF = {"allowed": "staff", "readonly": "secretary"}  # secretary: the assignee, not the raiser
ASSIGNEE = {"allowed": "secretary", "readonly": "mid_admin"}
CREATED_TICKET = exists("supervision.Ticket", title="主题党日记录不全")
ITEM_STATUS = lambda value: lambda w: RectificationItem.objects.filter(status=value).exists()  # noqa: E731


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("supervision:ticket_list", **LIST),
    Case(
        "supervision:ticket_create",
        allowed="staff",
        readonly="secretary",
        outsider_status=(403,),
    ),
    Case(
        "supervision:ticket_create",
        data=lambda w: {"task": make_task(w).pk},
        allowed="staff",
        readonly="secretary",  # sees the task, supervises nothing: 403
        note="from a task",  # the outsider does not see it: 404
    ),
    Case(
        "supervision:ticket_create",
        method="post",
        data=ticket_post,
        allowed="staff",
        allowed_status=(302,),
        readonly="secretary",  # raises nowhere: the page refuses (403)
        # a ticket on 支部A, out of the outsider's reach: 404 before asking whether they may raise
        outsider_status=(404,),
        effect=CREATED_TICKET,
    ),
    Case("supervision:ticket_detail", ticket_kw(), allowed="secretary", readonly=None),
    Case("supervision:ticket_print", ticket_kw(), allowed="staff", readonly=None),
    Case(
        "supervision:ticket_assign",
        ticket_kw(),
        method="post",
        data=lambda w: {"assignee": w.branch_committee.pk, "note": "请赵支委牵头"},
        allowed_status=(302,),
        effect=lambda w: Ticket.objects.filter(assignee=w.branch_committee).exists(),
        **STAFF,
    ),
    Case(
        "supervision:ticket_start",
        ticket_kw(),
        method="post",
        allowed_status=(302,),
        effect=status_is("in_progress"),
        **ASSIGNEE,
    ),
    Case(
        "supervision:ticket_feedback",
        ticket_kw(),
        method="post",
        data=lambda w: {"text": "已完成。", "files": pdf()},
        allowed_status=(302,),
        effect=status_is("feedback"),
        **ASSIGNEE,
    ),
    Case(
        "supervision:ticket_return",
        ticket_kw("feedback"),
        method="post",
        data=lambda w: {"note": "佐证不足"},
        allowed_status=(302,),
        effect=status_is("in_progress"),
        **STAFF,
    ),
    Case(
        "supervision:ticket_close",
        ticket_kw("feedback"),
        method="post",
        allowed_status=(302,),
        effect=status_is("closed"),
        **STAFF,
    ),
    Case(
        "supervision:ticket_archive",
        ticket_kw("closed"),
        method="post",
        allowed_status=(302,),
        effect=status_is("archived"),
        **STAFF,
    ),
    Case("supervision:file_download", file_kw, allowed="secretary", readonly=None),
    Case("supervision:meeting_list", **LIST),
    Case("supervision:meeting_create", plan_kw),
    Case(
        "supervision:meeting_create",
        plan_kw,
        method="post",
        data=meeting_post,
        allowed_status=(302,),
        effect=exists("supervision.ReviewMeeting", title="季度复盘会"),
    ),
    Case("supervision:meeting_detail", meeting_kw, **READ),
    Case(
        "supervision:meeting_edit",
        meeting_kw,
        method="post",
        data=lambda w: {
            "title": "第一次复盘会",
            "held_on": today().isoformat(),
            "minutes": "纪要定稿",
        },
        allowed_status=(302,),
        effect=exists("supervision.ReviewMeeting", minutes="纪要定稿"),
    ),
    Case(
        "supervision:item_add",
        meeting_kw,
        method="post",
        data=item_post,
        allowed_status=(302,),
        effect=exists("supervision.RectificationItem", finding="台账更新不及时"),
    ),
    Case(
        "supervision:item_done",
        item_kw(),
        method="post",
        data=lambda w: {"note": "已整改到位"},
        allowed="branch_committee",
        allowed_status=(302,),
        effect=ITEM_STATUS("done"),
    ),
    Case(
        "supervision:item_verify",
        item_kw(done=True),
        method="post",
        data=lambda w: {"accept": "1"},
        allowed_status=(302,),
        readonly="branch_committee",
        effect=ITEM_STATUS("closed"),
    ),
    Case("supervision:participation", **LIST),
    Case(
        "supervision:participation",
        data=lambda w: {"org": w.branch_a.pk},
        note="of 支部A",
        **READ,
    ),
]

API_CASES = [
    _api(url_name="api:supervision-ticket-list", **LIST),
    _api(
        url_name="api:supervision-ticket-list",
        method="post",
        data=ticket_post,
        allowed="staff",
        allowed_status=(201,),
        readonly="secretary",  # sees 支部A but supervises nothing: 403
        outsider_status=(404,),  # 支部A is out of reach
        effect=CREATED_TICKET,
    ),
    _api(
        url_name="api:supervision-ticket-detail",
        kwargs=ticket_kw(),
        allowed="secretary",
        readonly=None,
    ),
    _api(
        url_name="api:supervision-ticket-assign",
        kwargs=ticket_kw(),
        method="post",
        data=lambda w: {"assignee": w.branch_committee.pk},
        effect=lambda w: Ticket.objects.filter(assignee=w.branch_committee).exists(),
        **STAFF,
    ),
    _api(
        url_name="api:supervision-ticket-start",
        kwargs=ticket_kw(),
        method="post",
        effect=status_is("in_progress"),
        **ASSIGNEE,
    ),
    _api(
        url_name="api:supervision-ticket-feedback",
        kwargs=ticket_kw(),
        method="post",
        data=lambda w: {"text": "已完成责任区划分。"},
        effect=status_is("feedback"),
        **ASSIGNEE,
    ),
    _api(
        url_name="api:supervision-ticket-send-back",
        kwargs=ticket_kw("feedback"),
        method="post",
        data=lambda w: {"note": "佐证不足"},
        effect=status_is("in_progress"),
        **STAFF,
    ),
    _api(
        url_name="api:supervision-ticket-close",
        kwargs=ticket_kw("feedback"),
        method="post",
        effect=status_is("closed"),
        **STAFF,
    ),
    _api(
        url_name="api:supervision-ticket-archive",
        kwargs=ticket_kw("closed"),
        method="post",
        effect=status_is("archived"),
        **STAFF,
    ),
    _api(url_name="api:review-meeting-list", **LIST),
    _api(
        url_name="api:review-meeting-list",
        method="post",
        data=api_meeting_post,
        allowed_status=(201,),
        effect=exists("supervision.ReviewMeeting", title="季度复盘会"),
    ),
    _api(url_name="api:review-meeting-detail", kwargs=meeting_kw, **READ),
    _api(
        url_name="api:review-meeting-items",
        kwargs=meeting_kw,
        method="post",
        data=item_post,
        allowed_status=(201,),
        effect=exists("supervision.RectificationItem", finding="台账更新不及时"),
    ),
    _api(url_name="api:rectification-item-list", **LIST),
    _api(url_name="api:rectification-item-detail", kwargs=item_kw(), **READ),
    _api(
        url_name="api:rectification-item-done",
        kwargs=item_kw(),
        method="post",
        data=lambda w: {"note": "已整改到位"},
        allowed="branch_committee",
        effect=ITEM_STATUS("done"),
    ),
    _api(
        url_name="api:rectification-item-verify",
        kwargs=item_kw(done=True),
        method="post",
        data=lambda w: {"accept": True},
        readonly="branch_committee",
        effect=ITEM_STATUS("closed"),
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

"""Pages of 复盘 meetings, rectification items and participation."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.brands.access import access_brand
from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.orgs.access import access_org
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.roles import Cap, can
from partybrand.orgs.tree import STEP_LEN
from partybrand.plans.access import access_plan, can_edit_plan
from partybrand.supervision import access, participation, selectors
from partybrand.supervision.forms import ItemDoneForm, ItemForm, MeetingForm, NoteForm
from partybrand.supervision.services import reviews as review_services


@login_required
@require_GET
def meeting_list(request):
    """The meetings the user sees; with `plan` one plan's; with `brand` the brand's meetings and
    its rectification items not yet closed, which its health index counts (404 for a plan or a
    brand the user does not see)."""
    plan_pk = request.GET.get("plan", "")
    plan = access_plan(request.user, plan_pk) if is_id(plan_pk) else None
    brand_pk = request.GET.get("brand", "")
    brand = access_brand(request.user, brand_pk) if is_id(brand_pk) else None
    chooser = plan is None and brand is None
    return render(
        request,
        "supervision/meeting_list.html",
        {
            "editable_plans": selectors.plans_to_review(request.user) if chooser else [],
            "page": paginate(request, selectors.meeting_list(request.user, plan=plan, brand=brand)),
            "plan": plan,
            "brand": brand,
            "brand_items": selectors.brand_open_items(request.user, brand) if brand else [],
            "may_create": plan is not None and can_edit_plan(request.user, plan),
            "my_items": selectors.my_open_items(request.user),
            "today": clock.today(),
        },
    )


@login_required
def meeting_create(request, plan_pk):
    plan = access_plan(request.user, plan_pk, for_edit=True)
    users = access.people_over(plan.org.path, Cap.VIEW_BRANDS)
    last = selectors.last_meeting(plan)
    number = selectors.meeting_count(plan) + 1
    form = MeetingForm(
        request.POST or None,
        users=users,
        initial={"title": f"{plan.title}第{number}次复盘会", "held_on": clock.today()},
    )
    open_items = selectors.open_items(plan)
    return form_action(
        request,
        form,
        lambda data: review_services.meeting_create(actor=request.user, plan=plan, **data),
        success=lambda meeting: f"已创建复盘会议“{meeting.title}”。",
        done=lambda meeting: redirect("supervision:meeting_detail", pk=meeting.pk),
        page=lambda form: render(
            request,
            "supervision/meeting_form.html",
            {"plan": plan, "form": form, "open_items": open_items, "last": last},
        ),
    )


def _verifier_of(user):
    """may_verify for the carried-over items, asking once per earlier meeting."""
    known = {}

    def verifies(item) -> bool:
        if item.meeting_id not in known:
            known[item.meeting_id] = access.may_verify(user, item.meeting)
        return known[item.meeting_id]

    return verifies


def _meeting_page(request, meeting, *, item_forms=None, **forms):
    """The meeting page; `forms` are bound forms shown again as typed after an error, and
    `item_forms` an item's own (keyed by (item id, "done_form" or "verify_form"))."""
    user = request.user
    editor = meeting.convenor_id == user.pk or can_edit_plan(user, meeting.plan)
    users = access.people_over(meeting.plan.org.path, Cap.VIEW_BRANDS)
    items = selectors.meeting_items(meeting)
    carried = list(selectors.carried_over(meeting))
    today = clock.today()
    verifier = access.may_verify(user, meeting)
    item_verifier = _verifier_of(user)
    for item in items + carried:
        item.overdue = item.is_overdue(today)
        item.mine = item.owner_id == user.pk
        # Items carried over are verified by their own meeting's convenor, right here too.
        item.verifiable = verifier if item.meeting_id == meeting.pk else item_verifier(item)
        for slot in ("done_form", "verify_form"):
            setattr(item, slot, (item_forms or {}).get((item.pk, slot)))
    attendees = selectors.meeting_attendees(meeting)
    context = {
        "meeting": meeting,
        "attendees": attendees,
        "items": items,
        "carried": carried,
        "editor": editor,
        "item_form": ItemForm(users=users) if editor else None,
        "edit_form": MeetingForm(
            users=users,
            version=meeting.version,
            initial={
                "title": meeting.title,
                "held_on": meeting.held_on,
                "attendees": attendees,
                "guests": meeting.guests,
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
            },
        )
        if editor
        else None,
        "today": today,
    }
    context.update(forms)
    return render(request, "supervision/meeting_detail.html", context)


@login_required
@require_GET
def meeting_detail(request, pk):
    return _meeting_page(request, access.access_meeting(request.user, pk))


def _back(meeting, anchor=""):
    return redirect_to("supervision:meeting_detail", anchor, pk=meeting.pk)


@login_required
@require_POST
def meeting_edit(request, pk):
    meeting = access.access_meeting(request.user, pk, for_edit=True)
    form = MeetingForm(
        request.POST,
        users=access.people_over(meeting.plan.org.path, Cap.VIEW_BRANDS),
        version=meeting.version,
    )
    return form_action(
        request,
        form,
        lambda data: review_services.meeting_update(actor=request.user, meeting=meeting, **data),
        success="已保存会议记录。",
        done=_back(meeting),
        page=lambda form: _meeting_page(request, meeting, edit_form=form),
    )


@login_required
@require_POST
def item_add(request, pk):
    meeting = access.access_meeting(request.user, pk, for_edit=True)
    form = ItemForm(request.POST, users=access.people_over(meeting.plan.org.path, Cap.VIEW_BRANDS))
    return form_action(
        request,
        form,
        lambda data: review_services.item_create(actor=request.user, meeting=meeting, **data),
        success="已登记整改事项。",
        done=_back(meeting, "items"),
        page=lambda form: _meeting_page(request, meeting, item_form=form),
    )


def _form_meeting(request, item):
    """The meeting the form was on (an item may be shown carried over on a later one)."""
    return selectors.visible_meeting(request.user, request.POST.get("meeting", "")) or item.meeting


def _item_form(request, item, form, call, *, success, slot: str):
    """An item's form: back to the meeting it was posted from, with the form kept if refused."""
    meeting = _form_meeting(request, item)
    return form_action(
        request,
        form,
        call,
        success=success,
        done=_back(meeting, f"item-{item.pk}"),
        page=lambda form: _meeting_page(
            request,
            access.access_meeting(request.user, meeting.pk),
            item_forms={(item.pk, slot): form},
        ),
    )


@login_required
@require_POST
def item_done(request, pk):
    item = access.access_item(request.user, pk, owner=True)
    return _item_form(
        request,
        item,
        ItemDoneForm(request.POST),
        lambda data: review_services.item_done(actor=request.user, item=item, note=data["note"]),
        success="已填报整改情况，等待召集人核验销号。",
        slot="done_form",
    )


@login_required
@require_POST
def item_verify(request, pk):
    item = access.access_item(request.user, pk, verify=True)
    accept = request.POST.get("accept", "1") != "0"
    return _item_form(
        request,
        item,
        NoteForm(request.POST),
        lambda data: review_services.item_verify(
            actor=request.user, item=item, accept=accept, note=data["note"]
        ),
        success="已销号。" if accept else "已退回整改责任人。",
        slot="verify_form",
    )


# --- participation ----------------------------------------------------------------------------


@login_required
@require_GET
def participation_page(request):
    user = request.user
    org_pk = request.GET.get("org", "")
    if is_id(org_pk):
        org = access_org(user, org_pk)
    else:
        org = selectors.participation_org(user)
        if org is None:
            raise PermissionDenied("您没有查看参与度的权限。")
    if not can(user, Cap.VIEW_MEMBERS, org.path):
        raise PermissionDenied("您没有查看该组织参与度的权限。")
    context = {"org": org, "weights": participation.WEIGHTS}
    if org.kind == OrgKind.BRANCH:
        context["members"] = participation.member_rows(org)
    else:
        context["branches"] = participation.branch_rows(org)
    parent_path = org.path[:-STEP_LEN]
    context["up"] = org.parent if parent_path and can(user, Cap.VIEW_MEMBERS, parent_path) else None
    return render(request, "supervision/participation.html", context)

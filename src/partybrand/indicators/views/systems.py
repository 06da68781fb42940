"""Pages of the indicator systems: the list, a system's page (its tree, the "points add up"
panel, star levels and versions), the system form, and publish / new version / copy / retire /
delete. The items of the tree are edited in views_items.py; .xlsx import and export are in
views_xlsx.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.indicators import selectors, services
from partybrand.indicators.access import (
    access_system,
    can_create_systems,
    can_edit_system,
    owner_choices,
    require_creator,
)
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.forms import CopyForm, SystemCreateForm, SystemForm
from partybrand.indicators.models import FROZEN_MESSAGE
from partybrand.indicators.notation import stars_text
from partybrand.indicators.panel import balance_panel, nested_tree

SYSTEM_FORM_FIELDS = (
    "name",
    "kind",
    "total_points",
    "final_rule",
    "divergence_threshold",
    "description",
)


def back_to_system(system, anchor=""):
    return redirect_to("indicators:system_detail", anchor, pk=system.pk)


def refuse_frozen(request, system):
    """Back to a published or retired system's page: its forms are not offered at all."""
    messages.error(request, FROZEN_MESSAGE)
    return back_to_system(system)


@login_required
@require_GET
def system_list(request):
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    query = (request.GET.get("q") or "").strip()[:50]
    rows = selectors.system_list(request.user, kind=kind, status=status, q=query)
    return render(
        request,
        "indicators/system_list.html",
        {
            "page_obj": paginate(request, rows),
            "kinds": SystemKind.choices,
            "statuses": SystemStatus.choices,
            "kind": kind,
            "status": status,
            "q": query,
            "can_create": can_create_systems(request.user),
        },
    )


@login_required
@require_GET
def system_detail(request, pk):
    return render_system_detail(request, access_system(request.user, pk))


def render_system_detail(request, system, *, quick_add=None, copy_form=None):
    """The system's page; `quick_add` (what was typed in a refused quick-add form, with the
    reason) fills that form again and opens it, `copy_form` is a refused copy as typed."""
    roots, items = nested_tree(system)
    stars = selectors.star_levels(system)
    can_edit = can_edit_system(request.user, system)
    family = selectors.system_family(request.user, system)
    context = {
        "system": system,
        "roots": roots,
        "item_count": len(items),
        "leaf_count": sum(1 for i in items if not i.child_list),
        "stars": stars,
        **balance_panel(system, items, stars),
        "can_edit": can_edit and system.is_draft,
        "can_manage": can_edit,
        "family": family,
        "has_draft": any(s.status == SystemStatus.DRAFT for s in family),
        "can_copy": can_create_systems(request.user) and not system.is_draft,
        "quick_add": quick_add,
    }
    if context["can_copy"]:
        context["copy_form"] = copy_form or CopyForm(
            owners=owner_choices(request.user), auto_id="copy_%s"
        )
    return render(request, "indicators/system_detail.html", context)


def _system_data(cleaned):
    data = {name: cleaned[name] for name in SYSTEM_FORM_FIELDS}
    data["stars"] = cleaned["stars_text"]
    if "version" in cleaned:  # the edit form's; a new system has none
        data["version"] = cleaned["version"]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def system_create(request):
    require_creator(request.user)
    form = SystemCreateForm(
        request.POST or None,
        owners=owner_choices(request.user),
        allow_template=request.user.is_superuser,
        initial={"stars_text": "五星级≥95；四星级≥90；三星级≥80；二星级≥70；一星级≥60"},
    )
    return form_action(
        request,
        form,
        lambda data: services.system_create(
            actor=request.user, owner=data["owner"], **_system_data(data)
        ),
        success="指标体系已创建，请添加一级指标。",
        done=back_to_system,
        page=lambda form: render(
            request, "indicators/system_form.html", {"form": form, "system": None}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def system_edit(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    if not system.is_draft:
        return refuse_frozen(request, system)
    initial = {name: getattr(system, name) for name in SYSTEM_FORM_FIELDS}
    initial["stars_text"] = stars_text(system)
    form = SystemForm(request.POST or None, initial=initial, version=system.edit_version)
    return form_action(
        request,
        form,
        lambda data: services.system_update(
            actor=request.user, system=system, **_system_data(data)
        ),
        success="体系信息已保存。",
        done=back_to_system(system),
        page=lambda form: render(
            request, "indicators/system_form.html", {"form": form, "system": system}
        ),
    )


@login_required
@require_POST
def system_publish(request, pk):
    system = access_system(request.user, pk, for_edit=True)

    def publish(_):
        try:
            return services.system_publish(actor=request.user, system=system)
        except services.PublishRefused as refused:  # the panel lists them: here only the count
            count = len(refused.problems)
            raise ValidationError(f"还有 {count} 处问题，请按“分值核对”逐项修改。") from refused

    return form_action(
        request,
        None,
        publish,
        success="已发布。已发布的版本不能再修改，如需调整请新建版本。",
        done=back_to_system(system),
        failed="未发布：",
    )


@login_required
@require_POST
def system_new_version(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.system_new_version(actor=request.user, from_system=system),
        success=lambda new: f"已新建第 {new.version} 版（草稿），修改后发布即可启用。",
        done=back_to_system,
        page=back_to_system(system),
        failed="未新建：",
    )


@login_required
@require_POST
def system_copy(request, pk):
    system = access_system(request.user, pk)
    require_creator(request.user)
    return form_action(
        request,
        CopyForm(request.POST, owners=owner_choices(request.user), auto_id="copy_%s"),
        lambda data: services.system_copy(
            actor=request.user, from_system=system, owner=data["owner"], name=data["name"]
        ),
        success=lambda new: f"已复制为本单位的指标体系“{new.name}”（草稿）。",
        done=back_to_system,
        page=lambda form: render_system_detail(request, system, copy_form=form),
        failed="未复制：",
    )


@login_required
@require_POST
def system_retire(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.system_retire(actor=request.user, system=system),
        success="已停用：新的评价不能再选用该版本，已有评价不受影响。",
        done=back_to_system(system),
        failed="未停用：",
    )


@login_required
@require_POST
def system_delete(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.system_delete(actor=request.user, system=system),
        success=f"草稿“{system.name}”已删除。",
        done=redirect("indicators:system_list"),
        page=back_to_system(system),
        failed="未删除：",
    )

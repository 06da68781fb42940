"""Pages that change the stock-taking: practices, their evidence, strengths and weaknesses.

Each change is a form posted from the stock-taking page, which it redirects back to; editing an
existing item has its own small page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import access_brand
from partybrand.core.files import stored_download
from partybrand.core.forms import form_action, redirect_to
from partybrand.positioning import services
from partybrand.positioning.access import access_evidence, access_practice, access_swot_item
from partybrand.positioning.forms import EvidenceForm, PracticeCreateForm, PracticeForm, SwotForm
from partybrand.positioning.views.positioning import inventory_page


def _back(brand, anchor: str):
    return redirect_to("positioning:inventory", anchor, pk=brand.pk)


def _run(request, brand, form, anchor: str, success, call, *, slot: str):
    """A form of the stock-taking page: back to its part of the page on success, the page with
    the form (in `slot`) as typed if refused."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=_back(brand, anchor),
        page=lambda form: inventory_page(request, brand, **{slot: form}),
    )


def _button(request, brand, anchor: str, success: str, call):
    return form_action(request, None, call, success=success, done=_back(brand, anchor))


@login_required
@require_POST
def practice_add(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return _run(
        request,
        brand,
        PracticeCreateForm(request.POST, request.FILES),
        "practices",
        lambda p: f"已添加做法“{p.name}”。",
        lambda d: services.practice_create(actor=request.user, brand=brand, **d),
        slot="practice_form",
    )


def _edit_page(request, obj, brand, form, kind: str, save):
    return form_action(
        request,
        form,
        save,
        success="已保存。",
        done=_back(brand, "practices" if kind == "practice" else "swot"),
        page=lambda form: render(
            request,
            "positioning/item_edit.html",
            {"brand": brand, "form": form, "kind": kind, "obj": obj},
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = access_practice(request.user, pk, for_edit=True)
    form = PracticeForm(
        request.POST or None, instance=practice.__class__.objects.get(pk=practice.pk)
    )
    return _edit_page(
        request,
        practice,
        practice.brand,
        form,
        "practice",
        lambda d: services.practice_update(actor=request.user, practice=practice, **d),
    )


@login_required
@require_POST
def practice_delete(request, pk):
    practice = access_practice(request.user, pk, for_edit=True)
    return _button(
        request,
        practice.brand,
        "practices",
        f"已删除做法“{practice.name}”。",
        lambda _: services.practice_delete(actor=request.user, practice=practice),
    )


@login_required
@require_POST
def evidence_add(request, pk):
    practice = access_practice(request.user, pk, for_edit=True)
    form = EvidenceForm(request.POST, request.FILES)
    form.practice = practice.pk  # the page shows it again under this practice
    return _run(
        request,
        practice.brand,
        form,
        f"practice-{practice.pk}",
        lambda titles: f"已上传佐证材料：{'、'.join(titles)}。",
        lambda d: services.evidence_add(actor=request.user, practice=practice, uploads=d["files"]),
        slot="evidence_form",
    )


@login_required
@require_GET
def evidence_download(request, pk):
    evidence = access_evidence(request.user, pk)
    return stored_download(evidence.file, title=evidence.title, content_type=evidence.content_type)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = access_evidence(request.user, pk, for_edit=True)
    return _button(
        request,
        evidence.practice.brand,
        f"practice-{evidence.practice_id}",
        f"已删除佐证材料“{evidence.title}”。",
        lambda _: services.evidence_delete(actor=request.user, evidence=evidence),
    )


@login_required
@require_POST
def swot_add(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return _run(
        request,
        brand,
        SwotForm(request.POST),
        "swot",
        lambda item: f"已添加{item.get_side_display()}：{item.text}。",
        lambda d: services.swot_create(actor=request.user, brand=brand, **d),
        slot="swot_form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def swot_edit(request, pk):
    item = access_swot_item(request.user, pk, for_edit=True)
    form = SwotForm(request.POST or None, instance=item.__class__.objects.get(pk=item.pk))
    return _edit_page(
        request,
        item,
        item.brand,
        form,
        "swot",
        lambda d: services.swot_update(actor=request.user, item=item, **d),
    )


@login_required
@require_POST
def swot_delete(request, pk):
    item = access_swot_item(request.user, pk, for_edit=True)
    return _button(
        request,
        item.brand,
        "swot",
        f"已删除：{item.text}。",
        lambda _: services.swot_delete(actor=request.user, item=item),
    )

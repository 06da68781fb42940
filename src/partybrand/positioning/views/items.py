"""Pages that change the stock-taking: practices, their evidence, strengths and weaknesses.

Each change is a form posted from the stock-taking page, which it redirects back to; editing an
existing item has its own small page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import access_brand
from partybrand.core.files import stored_download
from partybrand.core.forms import form_action, redirect_to
from partybrand.positioning import services
from partybrand.positioning.access import access_evidence, access_practice, access_swot_item
from partybrand.positioning.forms import EvidenceForm, PracticeCreateForm, PracticeForm, SwotForm


def _back(brand, anchor: str):
    return redirect_to("positioning:inventory", anchor, pk=brand.pk)


def _run(request, brand, form, anchor: str, success, call):
    """Validate the form, run the service, and report the outcome on the stock-taking page."""
    return form_action(request, form, call, success=success, back=_back(brand, anchor))


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
    )


def _edit_page(request, obj, brand, form, kind: str, save):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存。")
            return _back(brand, "practices" if kind == "practice" else "swot")
    return render(
        request,
        "positioning/item_edit.html",
        {"brand": brand, "form": form, "kind": kind, "obj": obj},
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
    services.practice_delete(actor=request.user, practice=practice)
    messages.success(request, f"已删除做法“{practice.name}”。")
    return _back(practice.brand, "practices")


@login_required
@require_POST
def evidence_add(request, pk):
    practice = access_practice(request.user, pk, for_edit=True)
    return _run(
        request,
        practice.brand,
        EvidenceForm(request.POST, request.FILES),
        f"practice-{practice.pk}",
        lambda titles: f"已上传佐证材料：{'、'.join(titles)}。",
        lambda d: services.evidence_add(actor=request.user, practice=practice, uploads=d["files"]),
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
    services.evidence_delete(actor=request.user, evidence=evidence)
    messages.success(request, f"已删除佐证材料“{evidence.title}”。")
    return _back(evidence.practice.brand, f"practice-{evidence.practice_id}")


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
    services.swot_delete(actor=request.user, item=item)
    messages.success(request, f"已删除：{item.text}。")
    return _back(item.brand, "swot")

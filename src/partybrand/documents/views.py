"""Documents pages: a subject's documents (an organisation's, a brand's), and one document:
its sections edited as texts, the checker's findings, exports, its 发文字号."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from partybrand.core.files import DOCX, download
from partybrand.core.forms import form_action
from partybrand.documents import building, selectors, services
from partybrand.documents.checker import check_spec
from partybrand.documents.forms import IssuerCodeForm, SectionsForm
from partybrand.documents.numbering import issuer_code as current_issuer_code
from partybrand.documents.registry import kind_for, load_to_read, subject_for
from partybrand.jobs.choices import JobKind
from partybrand.jobs.services import job_start
from partybrand.orgs.access import access_org
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, can
from partybrand.orgs.selectors import user_org_path


def _subject(name: str):
    try:
        return subject_for(name)
    except ImproperlyConfigured as exc:
        raise Http404("没有这类文书对象。") from exc


def _kind(subject, code: str):
    try:
        kind = kind_for(code)
    except ImproperlyConfigured as exc:
        raise Http404("没有这类文书。") from exc
    if kind.subject != subject.name:
        raise Http404("没有这类文书。")
    return kind


def _load(request, subject_name: str, pk: int, code: str = "", *, for_edit: bool = False):
    subject = _subject(subject_name)
    kind = _kind(subject, code) if code else None
    if kind is not None and not for_edit:
        return subject, load_to_read(kind, request.user, pk), kind
    return subject, subject.load(request.user, pk, for_edit), kind


def _document_url(subject, obj, kind) -> str:
    return reverse("documents:document_detail", args=[subject.name, obj.pk, kind.code])


@login_required
@require_GET
def my_documents(request):
    """The menu's entry: the documents of one's own organisation."""
    path = user_org_path(request.user)
    org = get_object_or_404(Organization, path=path) if path else None
    if org is None:
        raise Http404("您没有所属组织。")
    return redirect("documents:subject_documents", "org", org.pk)


@login_required
@require_GET
def subject_documents(request, subject, pk):
    subject, obj, _ = _load(request, subject, pk)
    may_edit = _may_edit(request.user, subject, pk)
    context = {
        "subject": subject,
        "obj": obj,
        "title": subject.title_of(obj),
        "rows": selectors.subject_rows(subject.name, obj),
        "may_edit": may_edit,
    }
    if subject.name == "org" and can(request.user, Cap.MANAGE_ORGS, obj.path):
        context["issuer_code"] = current_issuer_code(obj)
    return render(request, "documents/subject_documents.html", context)


def _may_edit(user, subject, pk) -> bool:
    try:
        subject.load(user, pk, True)
    except (Http404, PermissionDenied):  # the page simply offers no editing
        return False
    return True


def _sections(spec):
    return [
        (section.key, label, building.section_text(section))
        for label, section in building.labelled_sections(spec)
    ]


def _detail_page(request, subject, obj, kind, form=None):
    spec = services.document_spec(actor=request.user, kind=kind, subject_obj=obj)
    document = services.document_for(kind, obj)
    context = {
        "subject": subject,
        "obj": obj,
        "kind": kind,
        "title": subject.title_of(obj),
        "doc_title": spec.title,
        "document": document,
        "form": form
        or SectionsForm(sections=_sections(spec), version=services.document_version(document)),
        "findings": check_spec(spec),
        "versions": selectors.versions(document),
        "history": selectors.history(document),
        "may_edit": _may_edit(request.user, subject, obj.pk),
        # drafting help (the assistant's page, linked by URL name) for kinds that state facts
        "drafting": kind.facts is not None,
    }
    return render(request, "documents/document_detail.html", context)


@login_required
@require_GET
def document_detail(request, subject, pk, kind):
    subject, obj, kind = _load(request, subject, pk, kind)
    return _detail_page(request, subject, obj, kind)


@login_required
@require_POST
def document_edit(request, subject, pk, kind):
    subject, obj, kind = _load(request, subject, pk, kind, for_edit=True)
    spec = services.document_spec(actor=request.user, kind=kind, subject_obj=obj)
    form = SectionsForm(
        request.POST,
        sections=_sections(spec),
        version=services.document_version(services.document_for(kind, obj)),
        current=lambda _document: _texts_now(request, obj, kind),
    )
    return form_action(
        request,
        form,
        lambda data: services.document_edit(
            actor=request.user,
            kind=kind,
            subject_obj=obj,
            texts=form.texts(),
            comment=data.get("comment", ""),
            version=data.get("version"),
        ),
        success=lambda version: f"已保存为第{version.number}版。",
        done=redirect(_document_url(subject, obj, kind)),
        # drawn again with what was typed: form_action answers 400, or 409 when stale
        page=lambda bound: _detail_page(request, subject, obj, kind, bound),
    )


def _texts_now(request, obj, kind) -> dict[str, str]:
    """Each editable section's text as the page shows it now (someone else's save included)."""
    spec = services.document_spec(actor=request.user, kind=kind, subject_obj=obj)
    return {key: text for key, _title, text in _sections(spec)}


@login_required
@require_POST
def document_number(request, subject, pk, kind):
    subject, obj, kind = _load(request, subject, pk, kind, for_edit=True)
    back = redirect(_document_url(subject, obj, kind))
    return form_action(
        request,
        None,
        lambda _: services.document_number_assign(actor=request.user, kind=kind, subject_obj=obj),
        success=lambda document: f"已取发文字号：{document.doc_number}",
        done=back,
        failed="未取号：",
    )


@login_required
@require_POST
def issuer_code(request, pk):
    """The organisation's 机关代字, set by whoever manages the organisation."""
    org = access_org(request.user, pk, cap=Cap.MANAGE_ORGS)
    back = redirect("documents:subject_documents", "org", org.pk)
    return form_action(
        request,
        IssuerCodeForm(request.POST),
        lambda data: services.document_issuer_set(actor=request.user, org=org, code=data["code"]),
        success=lambda issuer: f"机关代字已设为“{issuer.code}”。",
        done=back,
        page=lambda form: back,
    )


@login_required
@require_GET
def document_docx(request, subject, pk, kind):
    subject, obj, kind = _load(request, subject, pk, kind)
    content = services.document_export(actor=request.user, kind=kind, subject_obj=obj)
    return download(content, services.file_name(kind, subject.title_of(obj), "docx"), DOCX)


@login_required
@require_POST
def document_pdf(request, subject, pk, kind):
    subject, obj, kind = _load(request, subject, pk, kind)
    job = job_start(
        actor=request.user,
        kind=JobKind.DOCUMENT_RENDER,
        org_path=subject.org_of(obj).path,
        key=request.POST.get("submission_token", ""),
        params={"kind": kind.code, "pk": obj.pk},
    )
    messages.info(request, "正在后台生成 PDF，完成后可在本页下载，也会通知您。")
    return redirect(job.get_absolute_url())

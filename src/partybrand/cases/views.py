"""The case pages: the list (with what waits for the user), a case with its way up, the writing
page (parts with a live count, the platform's facts to insert, 从平台数据起草, the 公文 checker
by part, photos), the steps (submit, forward, return, publish, report, adoption), the body limit
of a committee; 案例汇编 (choose, order, render through the documents layer) and 新闻稿."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.brands.access import access_brand
from partybrand.cases import kinds, selectors, services
from partybrand.cases.access import (
    NOT_COMPILER,
    NOT_WRITER,
    access_case,
    access_case_photo,
    access_compilation,
    access_news,
    can_compile,
    can_edit,
    can_write_news,
    check_step,
    may_compile_somewhere,
    may_step,
    may_write_somewhere,
)
from partybrand.cases.choices import AdoptionLevel, CaseSection, CaseState
from partybrand.cases.forms import (
    AdoptForm,
    CaseCreateForm,
    CaseEditForm,
    CompilationForm,
    LimitForm,
    NewsEditForm,
    NewsForm,
    PhotoCaptionForm,
    PhotoForm,
    ReportForm,
    StepForm,
)
from partybrand.cases.models import CAPTION_MAX, CaseReport
from partybrand.core import clock
from partybrand.core.files import stored_image
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.core.quotes import quoted
from partybrand.documents import services as documents
from partybrand.documents.checker import check_spec
from partybrand.documents.registry import BuildContext
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap, can

STEPS = {
    "submit": (services.case_submit, "已提交上级审核。", False),
    "forward": (services.case_forward, "已审核通过，报送党委审定。", True),
    "return": (services.case_return, "已退回修改。", True),
    "publish": (services.case_publish, "已审定发布。", True),
}


def _pk(value):
    return int(value) if is_id(value) else None


@login_required
@require_GET
def case_list(request):
    state = request.GET.get("state", "")
    state = state if state in CaseState.values else ""
    todo = request.GET.get("todo", "")
    todo = todo if todo in ("review", "publish", "returned") else ""
    rows = selectors.case_list(request.user, state=state, todo=todo)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": paginate(request, rows),
            "states": CaseState.choices,
            "state": state,
            "todo": todo,
            "counts": selectors.state_counts(request.user),
            "may_write": may_write_somewhere(request.user),
            "may_compile": may_compile_somewhere(request.user),
            "limit_org": selectors.compiling_orgs(request.user).first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    brands = selectors.brands_to_write(request.user)
    if not brands.exists():
        raise PermissionDenied(NOT_WRITER)
    chosen = brands.filter(pk=_pk(request.GET.get("brand") or request.POST.get("brand"))).first()
    chosen = chosen or brands.first()
    form = CaseCreateForm(
        request.POST or None,
        brands=brands,
        roll=selectors.roll_for(chosen.org),
        initial={"brand": chosen.pk},
    )

    def create(data):
        return services.case_create(
            actor=request.user, brand=data["brand"], title=data["title"], authors=data["authors"]
        )

    return form_action(
        request,
        form,
        create,
        success=lambda c: f"已新建典型案例{quoted(c.title)}，请撰写各部分。",
        done=lambda c: redirect_to("cases:case_edit", pk=c.pk),
        page=lambda form: render(
            request, "cases/case_create.html", {"form": form, "brand": chosen}
        ),
    )


def _findings_by_section(spec) -> list[tuple[str, list]]:
    """The checker's findings grouped by the part they are in (标题 first)."""
    findings = check_spec(spec)
    titles = ["标题", "副标题", "正文"] + [s.title for s in spec.sections if s.title]
    groups: dict[str, list] = {}
    for finding in findings:
        where = next((t for t in titles if finding.place.startswith(t)), "其他")
        groups.setdefault(where, []).append(finding)
    return list(groups.items())


def _case_context(request, case) -> dict:
    user = request.user
    texts = services.case_texts(case)
    spec = documents.document_spec(actor=user, kind=kinds.CASE_KIND, subject_obj=case)
    limit = services.case_limit(case.org)
    steps = {action: may_step(user, case, action) for action in ("forward", "publish")}
    return {
        "case": case,
        "texts": [(key, label, texts.get(key, "")) for key, label in CaseSection.choices],
        "authors": case.authors.order_by("name", "id"),
        "photos": selectors.photos_of(case),
        "findings": _findings_by_section(spec),
        "body_length": services.body_length(texts),
        "limit": limit,
        "steps": selectors.steps_of(case),
        "reports": selectors.reports_of(case),
        "last_return": selectors.last_return(case),
        "can_edit": can_edit(user, case),
        "can_submit": case.state in ("draft", "returned") and may_step(user, case, "submit"),
        "can_forward": case.state == CaseState.SUBMITTED and steps["forward"],
        "can_return": case.state in (CaseState.SUBMITTED, CaseState.FORWARDED)
        and may_step(user, case, "return"),
        "can_publish": case.state == CaseState.FORWARDED and steps["publish"],
        "can_report": case.state in kinds_public() and may_step(user, case, "report"),
        "report_form": ReportForm(initial={"reported_on": clock.today()}),
        "levels": AdoptionLevel.choices,
        "today": clock.today(),
    }


def kinds_public():
    return (CaseState.PUBLISHED, CaseState.REPORTED, CaseState.ADOPTED)


@login_required
@require_GET
def case_detail(request, pk):
    case = access_case(request.user, pk)
    return render(request, "cases/case_detail.html", _case_context(request, case))


def _edit_page(request, case, form=None, photo_form=None):
    user = request.user
    document = documents.document_for(kinds.CASE_KIND, case)
    texts = services.case_texts(case)
    form = form or CaseEditForm(
        roll=selectors.roll_for(case.org),
        texts=texts,
        initial={"title": case.title, "authors": list(case.authors.all())},
        version=documents.document_version(document),
    )
    facts = kinds.case_facts(case, BuildContext(actor=user, today=clock.today()))
    spec = documents.document_spec(actor=user, kind=kinds.CASE_KIND, subject_obj=case)
    return render(
        request,
        "cases/case_edit.html",
        {
            "case": case,
            "form": form,
            "photo_form": photo_form or PhotoForm(),
            "photos": selectors.photos_of(case),
            "facts": [(key, label, facts.get(key, [])) for key, label in CaseSection.choices],
            "findings": _findings_by_section(spec),
            "limit": services.case_limit(case.org),
            "body_length": services.body_length(texts),
            "last_return": selectors.last_return(case),
            "min_photos": services.MIN_PHOTOS,
            "caption_max": CAPTION_MAX,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = access_case(request.user, pk, for_edit=True)
    document = documents.document_for(kinds.CASE_KIND, case)
    form = CaseEditForm(
        request.POST or None,
        roll=selectors.roll_for(case.org),
        texts=services.case_texts(case),
        version=documents.document_version(document),
        current=lambda _row: services.case_texts(case),
    )
    if request.method != "POST":
        return _edit_page(request, case)
    return form_action(
        request,
        form,
        lambda d: services.case_update(
            actor=request.user,
            case=case,
            title=d["title"],
            authors=d["authors"],
            texts=form.texts(),
            version=d.get("version"),
            comment=d.get("comment", ""),
        ),
        success="已保存。",
        done=redirect_to("cases:case_edit", pk=case.pk),
        page=lambda form: _edit_page(request, case, form),
    )


@login_required
@require_POST
def case_draft(request, pk):
    case = access_case(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.case_draft(actor=request.user, case=case),
        success=lambda keys: (
            "已从平台数据起草："
            + "、".join(str(dict(CaseSection.choices)[k]) for k in keys)
            + "。请核对修改。"
        ),
        done=redirect_to("cases:case_edit", pk=case.pk),
        failed="未起草：",
    )


@login_required
@require_POST
def case_photos(request, pk):
    case = access_case(request.user, pk, for_edit=True)
    form = PhotoForm(request.POST, request.FILES)
    return form_action(
        request,
        form,
        lambda d: services.case_photo_add(
            actor=request.user, case=case, photos=d["photos"], caption=d["caption"]
        ),
        success=lambda saved: f"已上传{len(saved)}张照片。",
        done=redirect_to("cases:case_edit", "photos", pk=case.pk),
        page=lambda form: _edit_page(request, case, photo_form=form),
        failed="未上传：",
    )


@login_required
@require_POST
def photo_caption(request, pk):
    photo = access_case_photo(request.user, pk)
    case = access_case(request.user, photo.case_id, for_edit=True)
    form = PhotoCaptionForm(request.POST)
    return form_action(
        request,
        form,
        lambda d: services.case_photo_caption(
            actor=request.user, photo=photo, caption=d["caption"]
        ),
        success="已保存图片说明。",
        done=redirect_to("cases:case_edit", "photos", pk=case.pk),
        page=lambda form: _edit_page(request, case),
        failed="未保存：",
    )


@login_required
@require_POST
def photo_delete(request, pk):
    photo = access_case_photo(request.user, pk)
    case = access_case(request.user, photo.case_id, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.case_photo_remove(actor=request.user, photo=photo),
        success="已删除照片。",
        done=redirect_to("cases:case_edit", "photos", pk=case.pk),
        failed="未删除：",
    )


@login_required
@require_GET
def photo_view(request, pk):
    photo = access_case_photo(request.user, pk)
    return stored_image(photo.file, photo.content_type)


@login_required
@require_POST
def case_step(request, pk, action):
    if action not in STEPS:
        raise Http404("没有这一步。")
    case = access_case(request.user, pk)
    check_step(request.user, case, action)
    call, message, takes_comment = STEPS[action]
    form = StepForm(request.POST)
    back = redirect_to("cases:case_detail", pk=case.pk)

    def run(data):
        if takes_comment:
            return call(actor=request.user, case=case, comment=data.get("comment", ""))
        return call(actor=request.user, case=case)

    return form_action(request, form, run, success=message, done=back, page=lambda f: back)


@login_required
@require_POST
def case_report(request, pk):
    case = access_case(request.user, pk)
    check_step(request.user, case, "report")
    back = redirect_to("cases:case_detail", "reports", pk=case.pk)
    return form_action(
        request,
        ReportForm(request.POST),
        lambda d: services.case_report(actor=request.user, case=case, **d),
        success=lambda r: f"已记录报送：{r.reported_to}。",
        done=back,
        page=lambda f: back,
        failed="未记录：",
    )


@login_required
@require_POST
def case_adopt(request, pk):
    case = access_case(request.user, pk)
    check_step(request.user, case, "adopt")
    back = redirect_to("cases:case_detail", "reports", pk=case.pk)
    form = AdoptForm(request.POST)

    def adopt(data):
        report = get_object_or_404(CaseReport, pk=data["report"], case=case)
        return services.case_adopt(
            actor=request.user,
            report=report,
            adopted=data["adopted"],
            level=data.get("level") or "",
            adopted_on=data.get("adopted_on"),
            note=data.get("note") or "",
        )

    return form_action(
        request,
        form,
        adopt,
        success="已记录采用情况。",
        done=back,
        page=lambda f: back,
        failed="未记录：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_limit(request, org_pk):
    org = access_org(request.user, org_pk)
    if not can(request.user, Cap.PUBLISH_CASES, org.path):
        raise PermissionDenied("字数上限由党委设置，您没有权限。")
    form = LimitForm(request.POST or None, initial={"max_chars": services.case_limit(org)})
    return form_action(
        request,
        form,
        lambda d: services.case_limit_set(actor=request.user, org=org, max_chars=d["max_chars"]),
        success=lambda row: f"已将正文字数上限设为{row.max_chars}字。",
        done=redirect_to("cases:case_limit", org_pk=org.pk),
        page=lambda form: render(request, "cases/case_limit.html", {"form": form, "org": org}),
    )


@login_required
@require_GET
def compilation_list(request):
    return render(
        request,
        "cases/compilation_list.html",
        {
            "page": paginate(request, selectors.compilation_list(request.user)),
            "may_compile": may_compile_somewhere(request.user),
        },
    )


def _compiling_org(request):
    orgs = selectors.compiling_orgs(request.user)
    org = orgs.filter(pk=_pk(request.GET.get("org"))).first() or orgs.first()
    if org is None:
        raise PermissionDenied(NOT_COMPILER)
    return org


@login_required
@require_http_methods(["GET", "POST"])
def compilation_create(request):
    org = _compiling_org(request)
    cases = selectors.publishable_for(org)
    form = CompilationForm(request.POST or None, cases=cases, initial={"title": "典型案例汇编"})
    return form_action(
        request,
        form,
        lambda d: services.compilation_create(
            actor=request.user, org=org, title=d["title"], cases=form.ordered_cases()
        ),
        success=lambda c: f"已新建案例汇编{quoted(c.title)}。",
        done=lambda c: redirect_to("cases:compilation_detail", pk=c.pk),
        page=lambda form: render(
            request,
            "cases/compilation_form.html",
            {"form": form, "org": org, "compilation": None, "rows": _book_rows(form, cases, [])},
        ),
    )


def _book_rows(form, cases, chosen: list) -> list:
    """The cases as the page lists them: the chosen ones first in their order, then the rest."""
    posted = (
        [int(v) for v in form.data.getlist("cases") if str(v).isdigit()] if form.is_bound else []
    )
    order = posted or [c.pk for c in chosen]
    by_pk = {c.pk: c for c in cases}
    first = [by_pk[pk] for pk in dict.fromkeys(order) if pk in by_pk]
    rest = [c for c in cases if c.pk not in set(order)]
    return [(c, True) for c in first] + [(c, False) for c in rest]


@login_required
@require_GET
def compilation_detail(request, pk):
    compilation = access_compilation(request.user, pk)
    return render(
        request,
        "cases/compilation_detail.html",
        {
            "compilation": compilation,
            "entries": selectors.entries_of(compilation),
            "can_compile": can_compile(request.user, compilation),
            "kind": kinds.COMPILATION_KIND,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def compilation_edit(request, pk):
    compilation = access_compilation(request.user, pk, for_edit=True)
    cases = selectors.publishable_for(compilation.org)
    chosen = [e.case for e in selectors.entries_of(compilation)]
    form = CompilationForm(
        request.POST or None,
        cases=cases,
        initial={"title": compilation.title, "cases": [c.pk for c in chosen]},
        version=compilation.version,
    )
    return form_action(
        request,
        form,
        lambda d: services.compilation_update(
            actor=request.user,
            compilation=compilation,
            title=d["title"],
            cases=form.ordered_cases(),
            version=d.get("version"),
        ),
        success="已保存。",
        done=redirect_to("cases:compilation_detail", pk=compilation.pk),
        page=lambda form: render(
            request,
            "cases/compilation_form.html",
            {
                "form": form,
                "org": compilation.org,
                "compilation": compilation,
                "rows": _book_rows(form, cases, chosen),
            },
        ),
    )


@login_required
@require_GET
def news_list(request):
    return render(
        request,
        "cases/news_list.html",
        {
            "page": paginate(request, selectors.news_list(request.user)),
            "brands": selectors.brands_to_write(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request, brand_pk):
    brand = access_brand(request.user, brand_pk)
    if not can(request.user, Cap.WRITE_CASES, brand.org.path):
        raise PermissionDenied("您没有权限为该品牌撰写新闻稿。")
    activities = selectors.activities_for_news(request.user, brand)
    activity_pk = _pk(request.GET.get("activity") or request.POST.get("activity"))
    activity = activities.filter(pk=activity_pk).first() if activity_pk else None
    initial = services.news_from_activity(activity) if activity else {"happened_on": clock.today()}
    form = NewsForm(request.POST or None, initial=initial)
    return form_action(
        request,
        form,
        lambda d: services.news_create(actor=request.user, brand=brand, activity=activity, **d),
        success=lambda n: f"已起草新闻稿{quoted(n.headline)}，请核对导语和正文。",
        done=lambda n: redirect_to("cases:news_detail", pk=n.pk),
        page=lambda form: render(
            request,
            "cases/news_create.html",
            {
                "form": form,
                "brand": brand,
                "activity": activity,
                "activities": activities[:30],
            },
        ),
    )


def _news_page(request, news, form=None):
    spec = documents.document_spec(actor=request.user, kind=kinds.NEWS_KIND, subject_obj=news)
    texts = {s.key: _section_text(s) for s in spec.sections if s.editable}
    document = documents.document_for(kinds.NEWS_KIND, news)
    may_edit = can_write_news(request.user, news)
    if form is None and may_edit:
        form = NewsEditForm(
            texts=texts,
            initial={name: getattr(news, name) for name in services.NEWS_FIELDS},
            version=documents.document_version(document),
        )
    photos = news.activity.photos.order_by("uploaded_at", "id") if news.activity else []
    return render(
        request,
        "cases/news_detail.html",
        {
            "news": news,
            "form": form,
            "may_edit": may_edit,
            "texts": texts,
            "photos": photos,
            "caption": kinds.activity_caption(news.activity) if news.activity else "",
            "findings": check_spec(spec),
            "kind": kinds.NEWS_KIND,
        },
    )


def _section_text(section) -> str:
    from_blocks = [getattr(b, "text", "") for b in section.blocks]
    return "\n".join(t for t in from_blocks if t)


@login_required
@require_http_methods(["GET", "POST"])
def news_detail(request, pk):
    news = access_news(request.user, pk)
    if request.method != "POST":
        return _news_page(request, news)
    news = access_news(request.user, pk, for_edit=True)
    spec = documents.document_spec(actor=request.user, kind=kinds.NEWS_KIND, subject_obj=news)
    form = NewsEditForm(
        request.POST,
        texts={s.key: _section_text(s) for s in spec.sections if s.editable},
        version=documents.document_version(documents.document_for(kinds.NEWS_KIND, news)),
        current=lambda _row: {},
    )
    return form_action(
        request,
        form,
        lambda d: services.news_update(
            actor=request.user,
            news=news,
            texts=form.texts(),
            version=d.get("version"),
            **form.fields_data(),
        ),
        success="已保存。",
        done=redirect_to("cases:news_detail", pk=news.pk),
        page=lambda form: _news_page(request, news, form),
    )

"""Pages of the survey builder: list, create, the survey's page, settings and its lifecycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.core.pagination import paginate
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap
from partybrand.surveys import selectors
from partybrand.surveys.access import access_survey, member_of
from partybrand.surveys.choices import QuestionKind, SurveyStatus
from partybrand.surveys.forms import QuestionForm, SurveyCreateForm, SurveyForm
from partybrand.surveys.models import Survey
from partybrand.surveys.services import surveys as services
from partybrand.surveys.services.codes import MOST_AT_ONCE

ACTIONS = {
    "publish": (services.survey_publish, "问卷已发布，可以把链接或二维码发给大家填写了。"),
    "close": (services.survey_close, "问卷已结束收集，结果与导出仍可查看。"),
}


def public_link(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("surveys:public_answer", args=[survey.token]))


@login_required
@require_GET
def survey_list(request):
    status = request.GET.get("status", "")
    status = status if status in dict(selectors.PHASES) else ""
    query = request.GET.get("q", "").strip()
    surveys = selectors.survey_list(request.user, status=status, query=query)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "page_obj": paginate(request, surveys),
            "mine": selectors.my_surveys(request.user),
            "is_member": member_of(request.user) is not None,
            "counts": selectors.status_counts(request.user),
            "filters": {"status": status, "q": query},
            "can_create": selectors.orgs_for_new_survey(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request):
    brand_id = request.GET.get("brand", "")
    if is_id(request.GET.get("org")):
        org = access_org(request.user, request.GET["org"], cap=Cap.EDIT_BRAND)
        orgs = type(org).objects.filter(pk=org.pk)
    else:
        orgs = selectors.orgs_for_new_survey(request.user)
    if not orgs.exists():
        raise PermissionDenied("您的角色不能发起问卷：问卷由支部书记、支委及上级党组织发起。")
    brands = selectors.brands_for_survey(request.user)
    initial = {}
    if is_id(brand_id):
        brand = brands.filter(pk=brand_id).first()
        if brand is not None:
            initial = {"brand": brand, "org": brand.org, "title": f"“{brand.name}”品牌创建意见征集"}
    form = SurveyCreateForm(request.POST or None, orgs=orgs, brands=brands, initial=initial)
    return form_action(
        request,
        form,
        lambda data: services.survey_create(actor=request.user, **data),
        success="问卷已创建，请添加题目。",
        done=lambda survey: redirect("surveys:survey_detail", pk=survey.pk),
        page=lambda form: render(
            request, "surveys/survey_form.html", {"form": form, "survey": None}
        ),
    )


@login_required
@require_GET
def survey_detail(request, pk):
    return survey_page(request, access_survey(request.user, pk, for_edit=True))


def survey_page(request, survey, *, question_form=None):
    """The survey's page; a refused new question comes back in `question_form` as typed."""
    questions = list(survey.questions.all())
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": questions,
            "counts": selectors.response_counts(survey),
            "is_draft": survey.status == SurveyStatus.DRAFT,
            "question_form": question_form or QuestionForm(),
            "kinds": QuestionKind.choices,
            "link": public_link(request, survey),
            "codes": selectors.code_counts(survey),
            "most_codes_at_once": MOST_AT_ONCE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    instance = Survey.objects.get(pk=survey.pk)
    form = SurveyForm(
        request.POST or None,
        instance=instance,
        brands=selectors.brands_for_survey(request.user).filter(org=survey.org),
        locked=survey.status != SurveyStatus.DRAFT,
    )
    return form_action(
        request,
        form,
        lambda data: services.survey_update(actor=request.user, survey=survey, **data),
        success="问卷设置已保存。",
        done=redirect("surveys:survey_detail", pk=survey.pk),
        page=lambda form: render(
            request, "surveys/survey_form.html", {"form": form, "survey": survey}
        ),
    )


@login_required
@require_POST
def survey_transition(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, "未知的操作。")
        return redirect("surveys:survey_detail", pk=survey.pk)
    service, done = action
    return form_action(
        request,
        None,
        lambda _: service(actor=request.user, survey=survey),
        success=done,
        done=redirect("surveys:survey_detail", pk=survey.pk),
        failed="",
    )


@login_required
@require_POST
def survey_delete(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.survey_delete(actor=request.user, survey=survey),
        success=f"草稿问卷“{survey.title}”已删除。",
        done=redirect("surveys:survey_list"),
        page=redirect("surveys:survey_detail", pk=survey.pk),
        failed="",
    )


@login_required
@require_POST
def survey_copy(request, pk):
    survey = access_survey(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.survey_copy(actor=request.user, survey=survey),
        success="已复制为新的草稿问卷，题目可以修改后再发布。",
        done=lambda copy: redirect("surveys:survey_detail", pk=copy.pk),
        page=redirect_to("surveys:survey_detail", pk=survey.pk),
    )

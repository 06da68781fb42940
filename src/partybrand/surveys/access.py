"""The one place that decides which surveys a user may see, manage or answer.

Managers (Cap.EDIT_BRAND over the survey's organisation: its secretary and branch committee, and
the committees above) see every survey of their subtree, drafts included, with its results. A
member sees the published surveys of its own organisation and the organisations above it, to
answer them. Anyone else gets a 404.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from partybrand.orgs.roles import Cap, can, scope_q
from partybrand.orgs.tree import ancestor_paths
from partybrand.surveys.choices import SurveyStatus
from partybrand.surveys.models import Question, Survey


def member_of(user):
    """The member record of the signed-in user, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except ObjectDoesNotExist:  # a staff account without a member record
        return None


def answerable_q(user) -> Q:
    member = member_of(user)
    if member is None or not member.is_active:
        return Q(pk__in=[])
    paths = [*ancestor_paths(member.org.path), member.org.path]
    return Q(org__path__in=paths) & ~Q(status=SurveyStatus.DRAFT)


def managed_surveys(user):
    return Survey.objects.filter(scope_q(user, Cap.EDIT_BRAND, "org__path"))


def visible_surveys(user):
    return Survey.objects.filter(scope_q(user, Cap.EDIT_BRAND, "org__path") | answerable_q(user))


def can_manage(user, survey: Survey) -> bool:
    return can(user, Cap.EDIT_BRAND, survey.org.path)


def access_survey(user, pk, *, for_edit: bool = False) -> Survey:
    """The survey if the user may see it (else 404); with `for_edit`, 403 unless a manager."""
    survey = get_object_or_404(visible_surveys(user).select_related("org", "brand"), pk=pk)
    if for_edit and not can_manage(user, survey):
        raise PermissionDenied(
            "您没有权限管理这份问卷：问卷与结果仅对发起组织的支委及上级党组织开放。"
        )
    return survey


def access_question(user, survey_pk, pk) -> Question:
    survey = access_survey(user, survey_pk, for_edit=True)
    question = get_object_or_404(Question.objects.filter(survey=survey), pk=pk)
    question.survey = survey
    return question


def public_survey(token: str, user=None) -> Survey:
    """The survey behind a public link; drafts are hidden except from their managers (preview)."""
    survey = get_object_or_404(Survey.objects.select_related("org"), token=token)
    if survey.status == SurveyStatus.DRAFT and not (user is not None and can_manage(user, survey)):
        raise Http404("问卷不存在或尚未发布。")
    return survey

"""Who may read, write, review and publish cases, 汇编 and 新闻稿. A case belongs to its
organisation: whoever sees that organisation's brands reads it (404 otherwise); its secretary and
branch committee (and the staff above) write it with Cap.WRITE_CASES while it is a draft or
returned; the committee above forwards or returns it with Cap.REVIEW_CASES; the group committee
publishes, reports and records adoption with Cap.PUBLISH_CASES (403 when visible but not
allowed). 汇编 are the committees' own (Cap.PUBLISH_CASES at their organisation); 新闻稿 are
written like cases."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.cases.choices import EDITABLE, PUBLIC
from partybrand.cases.models import CasePhoto, Compilation, NewsRelease, TypicalCase
from partybrand.orgs.roles import Cap, can, holds_anywhere, scope_q

NOT_WRITER = "您没有权限撰写或修改该典型案例。"
NOT_EDITABLE = "该案例已提交，退回后才能修改。"
NOT_REVIEWER = "审核须由上级党组织进行，您没有权限审核该典型案例。"
NOT_PUBLISHER = "发布、报送和记录采用须由集团党委进行，您没有权限。"
NOT_COMPILER = "您没有权限编辑该案例汇编。"
NOT_NEWS_WRITER = "您没有权限修改该新闻稿。"


def visible_cases(user):
    """The cases of the user's subtree in every state, and the cases published inside the group
    (published, reported, adopted) for everyone who follows brands."""
    query = scope_q(user, Cap.VIEW_BRANDS, "org__path")
    if holds_anywhere(user, Cap.VIEW_BRANDS):
        query |= Q(state__in=PUBLIC)
    return TypicalCase.objects.filter(query)


def can_write(user, case: TypicalCase) -> bool:
    return can(user, Cap.WRITE_CASES, case.org.path)


def can_edit(user, case: TypicalCase) -> bool:
    return case.state in EDITABLE and can_write(user, case)


def can_review(user, case: TypicalCase) -> bool:
    return can(user, Cap.REVIEW_CASES, case.org.path, strictly_above=True)


def can_publish(user, case: TypicalCase) -> bool:
    return can(user, Cap.PUBLISH_CASES, case.org.path, strictly_above=True)


def may_write_somewhere(user) -> bool:
    return holds_anywhere(user, Cap.WRITE_CASES)


def may_compile_somewhere(user) -> bool:
    return holds_anywhere(user, Cap.PUBLISH_CASES)


def access_case(
    user, pk, *, for_edit: bool = False, for_review: bool = False, for_publish: bool = False
) -> TypicalCase:
    """The case if the user may see it (else 404); with `for_edit` 403 unless the user writes
    it and it is a draft or returned; `for_review` / `for_publish` 403 unless the user reviews
    or publishes it from above."""
    rows = visible_cases(user).select_related("org", "brand", "created_by")
    case = get_object_or_404(rows, pk=pk)
    if for_edit:
        if not can_write(user, case):
            raise PermissionDenied(NOT_WRITER)
        if case.state not in EDITABLE:
            raise PermissionDenied(NOT_EDITABLE)
    if for_review and not can_review(user, case):
        raise PermissionDenied(NOT_REVIEWER)
    if for_publish and not can_publish(user, case):
        raise PermissionDenied(NOT_PUBLISHER)
    return case


def access_case_photo(user, pk) -> CasePhoto:
    rows = CasePhoto.objects.filter(case__in=visible_cases(user))
    return get_object_or_404(rows.select_related("case__org"), pk=pk)


def visible_compilations(user):
    """汇编 hold only published cases: everyone who follows brands reads them."""
    if not holds_anywhere(user, Cap.VIEW_BRANDS):
        return Compilation.objects.filter(scope_q(user, Cap.VIEW_BRANDS, "org__path"))
    return Compilation.objects.all()


def can_compile(user, compilation: Compilation) -> bool:
    return can(user, Cap.PUBLISH_CASES, compilation.org.path)


def access_compilation(user, pk, *, for_edit: bool = False) -> Compilation:
    rows = visible_compilations(user).select_related("org")
    compilation = get_object_or_404(rows, pk=pk)
    if for_edit and not can_compile(user, compilation):
        raise PermissionDenied(NOT_COMPILER)
    return compilation


def visible_news(user):
    return NewsRelease.objects.filter(scope_q(user, Cap.VIEW_BRANDS, "org__path"))


def can_write_news(user, news: NewsRelease) -> bool:
    return can(user, Cap.WRITE_CASES, news.org.path)


def access_news(user, pk, *, for_edit: bool = False) -> NewsRelease:
    rows = visible_news(user).select_related("org", "brand", "activity__carrier")
    news = get_object_or_404(rows, pk=pk)
    if for_edit and not can_write_news(user, news):
        raise PermissionDenied(NOT_NEWS_WRITER)
    return news


def may_step(user, case: TypicalCase, action: str) -> bool:
    """Whether the user may take this step of the case's way (whatever its state now): the
    writers submit, the committee above forwards or returns a submitted case, the group
    committee returns a forwarded one, publishes, reports and records adoption."""
    from_state = case.state
    if action == "submit":
        return can_write(user, case)
    if action == "forward":
        return can_review(user, case)
    if action == "return":
        return can_publish(user, case) if from_state == "forwarded" else can_review(user, case)
    if action in ("publish", "report", "adopt"):
        return can_publish(user, case)
    return False


def check_step(user, case: TypicalCase, action: str) -> None:
    if not may_step(user, case, action):
        message = NOT_WRITER if action == "submit" else NOT_REVIEWER
        if action in ("publish", "report", "adopt") or case.state == "forwarded":
            message = NOT_PUBLISHER
        raise PermissionDenied(message)

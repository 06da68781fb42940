"""The reads the case pages, the API, the to-do list, the showcase and the brand page share,
scoped through the access helpers."""

from django.db.models import Count, Prefetch, Q

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.cases.access import visible_cases, visible_compilations, visible_news
from partybrand.cases.choices import PUBLIC, CaseState
from partybrand.cases.models import CasePhoto, CaseReport, CaseStep, TypicalCase
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.roles import Cap, paths_with, scope_q
from partybrand.orgs.tree import subtree_q
from partybrand.promotion.access import visible_carriers
from partybrand.promotion.models import Activity


def case_list(user, *, state: str = "", brand=None, todo: str = ""):
    """The cases the user sees, newest first; `todo` narrows them to what waits for the user
    ("review", "publish", "returned")."""
    rows = visible_cases(user)
    if todo == "review":
        rows = cases_to_review(user)
    elif todo == "publish":
        rows = cases_to_publish(user)
    elif todo == "returned":
        rows = cases_returned(user)
    if state:
        rows = rows.filter(state=state)
    if brand is not None:
        rows = rows.filter(brand=brand)
    return (
        rows.select_related("org", "brand")
        .prefetch_related("authors")
        .annotate(photo_count=Count("photos", distinct=True))
        .order_by("-updated_at", "-id")
    )


def cases_to_review(user):
    """Submitted cases of organisations below the user's, where the user reviews."""
    return visible_cases(user).filter(
        scope_q(user, Cap.REVIEW_CASES, "org__path", strictly_above=True),
        state=CaseState.SUBMITTED,
    )


def cases_to_publish(user):
    return visible_cases(user).filter(
        scope_q(user, Cap.PUBLISH_CASES, "org__path", strictly_above=True),
        state=CaseState.FORWARDED,
    )


def cases_returned(user):
    """Returned cases the user writes: to revise and submit again."""
    return visible_cases(user).filter(
        scope_q(user, Cap.WRITE_CASES, "org__path"), state=CaseState.RETURNED
    )


def published_cases(brand: Brand):
    """A brand's cases published inside the group (reported and adopted ones too), newest
    first, with their first photo: what the showcase and the brand page show. Unscoped: only
    published content, no personal data beyond the case's own authors line."""
    photos = CasePhoto.objects.order_by("uploaded_at", "id")
    return (
        TypicalCase.objects.filter(brand=brand, state__in=PUBLIC)
        .select_related("org")
        .prefetch_related(Prefetch("photos", queryset=photos))
        .order_by("-published_on", "-id")
    )


def steps_of(case: TypicalCase):
    return CaseStep.objects.filter(case=case).select_related("actor").order_by("at", "id")


def reports_of(case: TypicalCase):
    return CaseReport.objects.filter(case=case).order_by("reported_on", "id")


def photos_of(case: TypicalCase):
    return case.photos.order_by("uploaded_at", "id")


def last_return(case: TypicalCase) -> CaseStep | None:
    if case.state != CaseState.RETURNED:
        return None
    return steps_of(case).filter(action="return").select_related("actor").last()


def roll_for(org: Organization):
    return (
        Member.objects.filter(subtree_q(org.path, "org__path"), is_active=True)
        .select_related("org")
        .order_by("org__path", "name", "id")
    )


def brands_to_write(user):
    """Brands whose cases and 新闻稿 the user may write."""
    return (
        Brand.objects.filter(scope_q(user, Cap.WRITE_CASES, "org__path"), org__is_active=True)
        .exclude(status=BrandStatus.REVOKED)
        .select_related("org")
        .order_by("org__path", "id")
    )


def compiling_orgs(user):
    """The organisations whose 汇编 the user makes: where the user publishes cases."""
    return Organization.objects.filter(path__in=paths_with(user, Cap.PUBLISH_CASES)).order_by(
        "path"
    )


def publishable_for(org: Organization):
    """Published cases of the organisation's subtree, offered to its 汇编."""
    return (
        TypicalCase.objects.filter(subtree_q(org.path, "org__path"), state__in=PUBLIC)
        .select_related("org", "brand")
        .order_by("-published_on", "-id")
    )


def compilation_list(user):
    return (
        visible_compilations(user)
        .select_related("org")
        .annotate(case_count=Count("entries"))
        .order_by("-created_at", "-id")
    )


def entries_of(compilation):
    return compilation.entries.select_related("case__org", "case__brand").order_by("position", "id")


def news_list(user, *, brand=None):
    rows = visible_news(user)
    if brand is not None:
        rows = rows.filter(brand=brand)
    return rows.select_related("org", "brand", "activity").order_by("-happened_on", "-id")


def activities_for_news(user, brand: Brand):
    """The brand's activities the user sees, newest first, to write a 新闻稿 from."""
    return (
        Activity.objects.filter(carrier__in=visible_carriers(user), carrier__brand=brand)
        .select_related("carrier")
        .order_by("-held_on", "-id")
    )


def state_counts(user) -> dict[str, int]:
    rows = visible_cases(user).values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


def public_q() -> Q:
    return Q(state__in=PUBLIC)

"""What the pages and the API of 党建AI问答 read."""

from partybrand.knowledge.access import reviewable_questions, visible_documents
from partybrand.knowledge.models import Question
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, scope_q


def my_questions(user):
    return Question.objects.filter(asker=user).select_related("asker").order_by("-asked_at", "-id")


def review_list(user, *, rating: str = "", state: str = ""):
    rows = reviewable_questions(user).select_related("asker", "reviewed_by")
    if rating == "none":
        rows = rows.filter(rating="")
    elif rating:
        rows = rows.filter(rating=rating)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-asked_at", "-id")


def document_list(user):
    return (
        visible_documents(user).select_related("org", "uploaded_by").order_by("-uploaded_at", "-id")
    )


def upload_orgs(user):
    """Organisations whose documents the user may publish."""
    return Organization.objects.filter(
        scope_q(user, Cap.MANAGE_KNOWLEDGE), is_active=True
    ).order_by("path")

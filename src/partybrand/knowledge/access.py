"""Who may read, upload and review in 党建AI问答. Everyone who sees brands asks (and reads
only passages they may see: index.visible_passages_q); a document is read by the subtree of its
organisation (404 elsewhere); the 党建工作部 (Cap.MANAGE_KNOWLEDGE) uploads and deletes documents
and reviews the questions asked in its subtree (403 when visible but not allowed). One's own
questions are one's own to read."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from partybrand.knowledge.models import KnowledgeDocument, Question
from partybrand.orgs.roles import Cap, can, holds_anywhere, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths

NOT_MANAGER = "只有党建工作部可以管理学习资料和问答记录。"
NOT_ASKER = "您所在的组织尚未开通党建AI问答。"


def may_ask(user) -> bool:
    return holds_anywhere(user, Cap.VIEW_BRANDS)


def may_manage_somewhere(user) -> bool:
    return holds_anywhere(user, Cap.MANAGE_KNOWLEDGE)


def visible_documents(user):
    """Documents of the user's subtree and those published above it (to its subtree)."""
    query = scope_q(user, Cap.VIEW_BRANDS, "org__path")
    above = {a for path in paths_with(user, Cap.VIEW_BRANDS) for a in ancestor_paths(path)}
    if above:
        query |= Q(org__path__in=sorted(above))
    return KnowledgeDocument.objects.filter(query)


def can_manage(user, org_path: str) -> bool:
    return can(user, Cap.MANAGE_KNOWLEDGE, org_path)


def access_document(user, pk, *, for_manage: bool = False) -> KnowledgeDocument:
    document = get_object_or_404(visible_documents(user).select_related("org"), pk=pk)
    if for_manage and not can_manage(user, document.org.path):
        raise PermissionDenied(NOT_MANAGER)
    return document


def reviewable_questions(user):
    """Questions asked in the subtrees the user reviews."""
    return Question.objects.filter(scope_q(user, Cap.MANAGE_KNOWLEDGE, "org_path"))


def visible_questions(user):
    """One's own questions and those one reviews."""
    return Question.objects.filter(Q(asker=user) | scope_q(user, Cap.MANAGE_KNOWLEDGE, "org_path"))


def access_question(user, pk, *, for_review: bool = False) -> Question:
    question = get_object_or_404(visible_questions(user).select_related("asker"), pk=pk)
    if for_review and not can_manage(user, question.org_path):
        raise PermissionDenied(NOT_MANAGER)
    return question

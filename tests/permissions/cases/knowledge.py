"""Permission cases of 党建AI问答: everyone who sees brands asks (the expert does not), one's
questions are one's own, the group's 党建工作部 publishes documents and reviews answers, and 支部B
sees neither 支部A's documents nor its members' questions."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.knowledge import services
from partybrand.knowledge.models import KnowledgeDocument
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, gone

RULES = "第一条 支部每月开展一次主题党日活动。\n第二条 党员按月交纳党费。".encode()


def txt(name="支部工作规则.txt"):
    return SimpleUploadedFile(name, RULES, content_type="text/plain")


def make_question(w):
    return services.question_ask(actor=w.member, text="主题党日多久开展一次？")


def make_document(w) -> KnowledgeDocument:
    document = services.document_upload(
        actor=w.staff, org=w.branch_a, title="支部工作规则", upload=txt()
    )
    return services.document_parse(document)


def question_kw(w):
    return {"pk": make_question(w).pk}


def document_kw(w):
    return {"pk": make_document(w).pk}


ASK = {"allowed": "member", "readonly": "expert", "outsider": None}
READ_OWN = {"allowed": "member", "readonly": None}
LIST = {"allowed": "member", "readonly": None, "outsider": None}
REVIEW_LIST = {"allowed": "staff", "readonly": "member", "outsider": None}
REVIEW = {"allowed": "staff", "readonly": "member"}
UPLOAD = {"allowed": "staff", "readonly": "member", "outsider_status": (403,)}
MANAGE = {"allowed": "staff", "readonly": "member"}
ASKED = exists("knowledge.Question", text="党费怎么交？")
RATED = exists("knowledge.Question", rating="useful")
UPLOADED = exists("knowledge.KnowledgeDocument", title="学习资料一")
DELETED = gone("knowledge.KnowledgeDocument", title="支部工作规则")


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") not in ("get",) and "content_type" not in kwargs:
        kwargs["content_type"] = "json"
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("knowledge:ask", **ASK),
    Case(
        "knowledge:ask",
        method="post",
        data=lambda w: {"text": "党费怎么交？"},
        allowed_status=(302,),
        effect=ASKED,
        **ASK,
    ),
    Case("knowledge:question_detail", question_kw, **READ_OWN),
    Case("knowledge:history", **LIST),
    Case("knowledge:review", **REVIEW_LIST),
    Case(
        "knowledge:review_answer",
        question_kw,
        method="post",
        data=lambda w: {"rating": "useful", "correction": ""},
        allowed_status=(302,),
        effect=RATED,
        **REVIEW,
    ),
    Case("knowledge:document_list", **LIST),
    Case(
        "knowledge:document_upload",
        method="post",
        data=lambda w: {"org": w.branch_a.pk, "title": "学习资料一", "file": txt()},
        allowed_status=(302,),
        effect=UPLOADED,
        **UPLOAD,
    ),
    Case("knowledge:document_detail", document_kw, **READ_OWN),
    Case(
        "knowledge:document_delete",
        document_kw,
        method="post",
        allowed_status=(302,),
        effect=DELETED,
        **MANAGE,
    ),
]

API_CASES = [
    _api(url_name="api:knowledge-question-list", **LIST),
    _api(
        url_name="api:knowledge-question-list",
        method="post",
        data=lambda w: {"text": "党费怎么交？"},
        allowed_status=(201,),
        effect=ASKED,
        **ASK,
    ),
    _api(url_name="api:knowledge-question-detail", kwargs=question_kw, **READ_OWN),
    _api(
        url_name="api:knowledge-question-review",
        kwargs=question_kw,
        method="post",
        data=lambda w: {"rating": "useful"},
        effect=RATED,
        **REVIEW,
    ),
    _api(url_name="api:knowledge-review-list", **REVIEW_LIST),
    _api(url_name="api:knowledge-review-detail", kwargs=question_kw, **REVIEW_LIST),
    _api(url_name="api:knowledge-document-list", **LIST),
    _api(
        url_name="api:knowledge-document-list",
        method="post",
        content_type=None,
        data=lambda w: {"org": w.branch_a.pk, "title": "学习资料一", "file": txt()},
        allowed_status=(201,),
        effect=UPLOADED,
        **UPLOAD,
    ),
    _api(url_name="api:knowledge-document-detail", kwargs=document_kw, **READ_OWN),
    _api(
        url_name="api:knowledge-document-detail",
        kwargs=document_kw,
        method="delete",
        allowed_status=(204,),
        effect=DELETED,
        **MANAGE,
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

"""Permission cases of surveys (pages and API), and the survey the tests share.

Drafts are seen only by their managers, so on a draft's pages a plain member gets 404, not 403.
The public answer page and the public API endpoint need no login (PUBLIC_URLS).
"""

from partybrand.jobs.choices import JobKind
from partybrand.jobs.models import Job
from partybrand.surveys.choices import AnswerMode, QuestionKind, RepeatPolicy
from partybrand.surveys.models import AnswerCode, Question, Response, Survey
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.services import surveys as services
from partybrand.surveys.services.codes import codes_create
from tests.permissions.cases import Case


def _codes_job(w) -> bool:
    return Job.objects.filter(kind=JobKind.SURVEY_CODES).exists()


QUESTIONS = [
    {
        "kind": QuestionKind.SINGLE,
        "title": "您认为支部品牌最应突出哪一方面？",
        "options": ["安全生产", "技术攻关", "服务群众", "人才培养"],
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "title": "支部现有哪些做法值得提炼？",
        "options": ["党员责任区", "师带徒", "攻关小组", "志愿服务", "班前讲安全"],
        "min_choices": 2,
        "max_choices": 3,
    },
    {
        "kind": QuestionKind.RATING,
        "title": "您对支部当前党建工作的满意度",
        "scale_max": 5,
        "low_label": "很不满意",
        "high_label": "非常满意",
    },
    {
        "kind": QuestionKind.RANKING,
        "title": "请按重要程度给品牌方向排序",
        "options": ["政治引领", "业务融合", "文化传承"],
    },
    {"kind": QuestionKind.TEXT_SHORT, "title": "用一个词概括支部的精神", "required": False},
    {"kind": QuestionKind.TEXT_LONG, "title": "您对支部品牌创建有什么意见建议？"},
    {"kind": QuestionKind.NAME_PROPOSAL, "title": "请为支部品牌起个名字", "required": False},
]


def make_survey(w, *, status="published", mode=AnswerMode.BOTH, **fields):
    """支部A's survey with one question of every kind, as its secretary builds it."""
    fields.setdefault("repeat_policy", RepeatPolicy.DEVICE)
    survey = services.survey_create(
        actor=w.secretary,
        org=w.branch_a,
        title=fields.pop("title", "支部品牌创建意见征集"),
        mode=mode,
        brand=w.brand,
        intro="为做好支部党建品牌创建，诚邀您提出意见建议。",
        closing="感谢您的参与！",
        **fields,
    )
    for spec in QUESTIONS:
        services_questions.question_add(actor=w.secretary, survey=survey, **spec)
    if status in ("published", "closed"):
        services.survey_publish(actor=w.secretary, survey=survey)
    if status == "closed":
        services.survey_close(actor=w.secretary, survey=survey)
    survey.refresh_from_db()
    return survey


def form_answers(survey, **overrides) -> dict:
    """A complete, valid answer as the answer page posts it."""
    q = list(survey.questions.all())
    data = {
        f"q{q[0].pk}": "1",
        f"q{q[1].pk}": ["0", "2"],
        f"q{q[2].pk}": "4",
        f"q{q[3].pk}_r0": "2",
        f"q{q[3].pk}_r1": "1",
        f"q{q[3].pk}_r2": "3",
        f"q{q[4].pk}": "攻坚克难",
        f"q{q[5].pk}": "建议把技术攻关和安全生产结合起来，发挥党员先锋作用。",
        f"q{q[6].pk}_name": "匠心先锋",
        f"q{q[6].pk}_slogan": "匠心筑梦 先锋领航",
        f"q{q[6].pk}_reason": "体现工匠精神和党员先锋作用。",
    }
    data.update(overrides)
    return data


def json_answers(survey) -> dict:
    q = list(survey.questions.all())
    return {
        "answers": {
            str(q[0].pk): 1,
            str(q[1].pk): [0, 2],
            str(q[2].pk): 4,
            str(q[3].pk): [1, 0, 2],
            str(q[5].pk): "建议把技术攻关和安全生产结合起来。",
            str(q[6].pk): {"name": "匠心先锋", "slogan": "", "reason": "体现工匠精神。"},
        }
    }


def _survey(status="published"):
    def kwargs(w):
        return {"pk": make_survey(w, status=status).pk}

    return kwargs


def _question(w):
    survey = make_survey(w, status="draft")
    return {"pk": survey.pk, "question_pk": survey.questions.first().pk}


def _api_question(w):
    survey = make_survey(w, status="draft")
    return {"survey_pk": survey.pk, "pk": survey.questions.first().pk}


def _answer_kwargs(w):
    survey = make_survey(w)
    w.answer_post = form_answers(survey)
    return {"pk": survey.pk}


def _api_response_kwargs(w):
    survey = make_survey(w)
    w.answer_json = json_answers(survey)
    return {"survey_pk": survey.pk}


def _code_survey(w):
    return {"pk": make_survey(w, repeat_policy=RepeatPolicy.CODE).pk}


def _code_survey_with_codes(w):
    survey = make_survey(w, repeat_policy=RepeatPolicy.CODE)
    codes_create(actor=w.secretary, survey=survey, count=2)
    return {"pk": survey.pk}


def _codes(count):
    return lambda w: AnswerCode.objects.count() == count


SURVEY_POST = {"title": "品牌名称征集", "mode": "both", "repeat_policy": "device", "staff_count": 0}
QUESTION_POST = {"kind": "single", "title": "新题目", "required": "on", "options_text": "甲\n乙"}
DRAFT = {"readonly_status": (404,)}  # drafts are hidden from members


def _survey_with(**filters):
    return lambda w: Survey.objects.filter(**filters).exists()


def _question_with(**filters):
    return lambda w: Question.objects.filter(**filters).exists()


def _questions_left(n):
    return lambda w: Question.objects.count() == n


def _moved(w):
    return Question.objects.get(title=QUESTIONS[0]["title"]).order == 2


def _answered(w):
    return Response.objects.exists()


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


PAGE_CASES = [
    Case("surveys:survey_list", allowed="member", readonly=None, outsider=None),
    Case("surveys:survey_create", data=lambda w: {"org": w.branch_a.pk}),
    Case(
        "surveys:survey_create",
        method="post",
        data=lambda w: {"org": w.branch_a.pk, **SURVEY_POST},
        allowed_status=(302,),
        outsider_status=(400,),  # an organisation out of reach is a form error
        note="create",
        effect=_survey_with(title="品牌名称征集"),
    ),
    Case("surveys:survey_detail", _survey()),
    Case("surveys:survey_edit", _survey()),
    Case(
        "surveys:survey_edit",
        _survey(),
        method="post",
        data=lambda w: SURVEY_POST,
        allowed_status=(302,),
        effect=_survey_with(title="品牌名称征集"),
    ),
    Case(
        "surveys:survey_transition",
        _survey(),
        method="post",
        data=lambda w: {"action": "close"},
        allowed_status=(302,),
        effect=_survey_with(status="closed"),
    ),
    Case(
        "surveys:survey_delete",
        _survey("draft"),
        method="post",
        allowed_status=(302,),
        effect=lambda w: not Survey.objects.exists(),
        **DRAFT,
    ),
    Case(
        "surveys:survey_copy",
        _survey(),
        method="post",
        allowed_status=(302,),
        effect=lambda w: Survey.objects.count() == 2,
    ),
    Case(
        "surveys:question_add",
        _survey("draft"),
        method="post",
        data=lambda w: QUESTION_POST,
        allowed_status=(302,),
        effect=_question_with(title="新题目"),
        **DRAFT,
    ),
    Case("surveys:question_edit", _question, **DRAFT),
    Case(
        "surveys:question_edit",
        _question,
        method="post",
        data=lambda w: QUESTION_POST,
        allowed_status=(302,),
        effect=_question_with(title="新题目"),
        **DRAFT,
    ),
    Case(
        "surveys:question_delete",
        _question,
        method="post",
        allowed_status=(302,),
        effect=_questions_left(len(QUESTIONS) - 1),
        **DRAFT,
    ),
    Case(
        "surveys:question_move",
        _question,
        method="post",
        data=lambda w: {"direction": "down"},
        allowed_status=(302,),
        effect=_moved,
        **DRAFT,
    ),
    # Answering is for members of the organisation; the secretary has no member record here.
    Case("surveys:answer", _survey(), allowed="member", readonly="secretary"),
    Case(
        "surveys:answer",
        _answer_kwargs,
        method="post",
        data=lambda w: w.answer_post,
        allowed="member",
        allowed_status=(302,),
        readonly="secretary",
        effect=_answered,
    ),
    Case("surveys:survey_results", _survey()),
    Case("surveys:survey_answers", _survey()),
    # A POST form (a click may start background work): a small survey's file comes at once.
    Case("surveys:survey_export", _survey(), method="post"),
    Case("surveys:survey_qr", _survey()),
    # One-time answer codes: the survey's managers make and print them.
    Case(
        "surveys:codes_create",
        _code_survey,
        method="post",
        data=lambda w: {"count": "3"},
        allowed_status=(302,),
        effect=_codes(3),
    ),
    Case(
        "surveys:codes_for_members",
        _code_survey,
        method="post",
        allowed_status=(302,),
        effect=_codes(1),  # 支部A's one member
    ),
    Case(
        "surveys:codes_sheet",
        _code_survey_with_codes,
        method="post",
        allowed_status=(302,),
        effect=_codes_job,
    ),
]

API_CASES = [
    _api(url_name="api:survey-list", allowed="member", readonly=None, outsider=None),
    _api(
        url_name="api:survey-list",
        method="post",
        data=lambda w: {"org": w.branch_a.pk, "title": "品牌名称征集", "mode": "anonymous"},
        allowed_status=(201,),
        outsider_status=(400,),
        effect=_survey_with(title="品牌名称征集"),
    ),
    _api(url_name="api:survey-detail", kwargs=_survey(), allowed="member", readonly=None),
    _api(
        url_name="api:survey-detail",
        kwargs=_survey(),
        method="patch",
        data=lambda w: {"title": "品牌创建意见征集（第二轮）"},
        effect=_survey_with(title="品牌创建意见征集（第二轮）"),
    ),
    _api(
        url_name="api:survey-publish",
        kwargs=_survey("draft"),
        method="post",
        effect=_survey_with(status="published"),
        **DRAFT,
    ),
    _api(
        url_name="api:survey-close",
        kwargs=_survey(),
        method="post",
        effect=_survey_with(status="closed"),
    ),
    _api(
        url_name="api:survey-question-list",
        kwargs=lambda w: {"survey_pk": make_survey(w, status="draft").pk},
        method="post",
        data=lambda w: {"kind": "text_short", "title": "还有什么补充？", "required": False},
        allowed_status=(201,),
        effect=_question_with(title="还有什么补充？"),
        **DRAFT,
    ),
    _api(
        url_name="api:survey-question-detail",
        kwargs=_api_question,
        method="put",
        data=lambda w: {"kind": "rating", "title": "满意度", "scale_max": 10},
        effect=_question_with(title="满意度", scale_max=10),
        **DRAFT,
    ),
    _api(
        url_name="api:survey-question-detail",
        kwargs=_api_question,
        method="delete",
        allowed_status=(204,),
        effect=_questions_left(len(QUESTIONS) - 1),
        **DRAFT,
    ),
    _api(
        url_name="api:survey-response-list",
        kwargs=lambda w: {"survey_pk": make_survey(w).pk},
    ),
    _api(
        url_name="api:survey-response-list",
        kwargs=_api_response_kwargs,
        method="post",
        data=lambda w: w.answer_json,
        allowed="member",
        allowed_status=(201,),
        readonly="secretary",
        effect=_answered,
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES

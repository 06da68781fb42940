"""Every state change of a survey's questions, allowed only while the survey is a draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version
from partybrand.surveys.choices import CHOICE_KINDS, QuestionKind, SurveyStatus
from partybrand.surveys.models import Question, Survey

QUESTION_FIELDS = (
    "kind",
    "title",
    "description",
    "required",
    "options",
    "min_choices",
    "max_choices",
    "scale_max",
    "low_label",
    "high_label",
)
MAX_QUESTIONS = 50
MAX_OPTIONS = 20
OPTION_MAX = 60
STRUCTURE_LOCKED = "问卷已发布，题目结构不能再修改{extra}。如需调整，请复制为新问卷后修改。"


def _locked(survey_pk) -> Survey:
    return Survey.objects.select_for_update().select_related("org").get(pk=survey_pk)


def _ensure_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        count = survey.responses.count()
        extra = f"（已收到 {count} 份答卷）" if count else ""
        raise ValidationError(STRUCTURE_LOCKED.format(extra=extra))


def clean_question(data: dict) -> dict:
    """The question's fields made consistent with its kind, or a ValidationError saying why."""
    kind = data.get("kind")
    if kind not in QuestionKind.values:
        raise ValidationError("请选择题型。")
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError("请填写题目。")
    if len(title) > 200:
        raise ValidationError("题目不超过 200 个字。")
    data = {**data, "title": title, "description": (data.get("description") or "").strip()}
    options = [str(o).strip() for o in data.get("options") or [] if str(o).strip()]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise ValidationError(f"{QuestionKind(kind).label}至少需要 2 个选项。")
        if len(options) > MAX_OPTIONS:
            raise ValidationError(f"选项不超过 {MAX_OPTIONS} 个。")
        if any(len(o) > OPTION_MAX for o in options):
            raise ValidationError(f"每个选项不超过 {OPTION_MAX} 个字。")
        if len(set(options)) < len(options):
            raise ValidationError("选项不能重复。")
    else:
        options = []
    data["options"] = options
    if kind == QuestionKind.MULTIPLE:
        low, high = data.get("min_choices"), data.get("max_choices")
        if low is not None and not 1 <= low <= len(options):
            raise ValidationError(f"最少选择项数应在 1 到 {len(options)} 之间。")
        if high is not None and not 1 <= high <= len(options):
            raise ValidationError(f"最多选择项数应在 1 到 {len(options)} 之间。")
        if low is not None and high is not None and low > high:
            raise ValidationError("最少选择项数不能大于最多选择项数。")
    else:
        data["min_choices"] = data["max_choices"] = None
    if kind == QuestionKind.RATING:
        if data.get("scale_max", 5) not in (5, 10):
            raise ValidationError("评分满分只能是 5 分或 10 分。")
        for key in ("low_label", "high_label"):
            data[key] = (data.get(key) or "").strip()
            if len(data[key]) > 20:
                raise ValidationError("评分两端的说明不超过 20 个字。")
    else:
        data.update(scale_max=5, low_label="", high_label="")
    return {k: v for k, v in data.items() if k in QUESTION_FIELDS}


@transaction.atomic
def question_add(*, actor, survey: Survey, **fields) -> Question:
    survey = _locked(survey.pk)
    _ensure_draft(survey)
    data = clean_question(fields)
    count = survey.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(f"一份问卷最多 {MAX_QUESTIONS} 道题。")
    last = survey.questions.aggregate(m=Max("order"))["m"]
    question = Question.objects.create(survey=survey, order=(last or 0) + 1, **data)
    audit_record(
        actor=actor,
        action="question_add",
        obj=survey,
        org_path=survey.org.path,
        changes={"question": question.title, "kind": question.get_kind_display()},
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, version: int | None = None, **fields) -> Question:
    survey = _locked(question.survey_id)
    question = Question.objects.select_for_update().get(pk=question.pk)
    check_version(question, version)
    _ensure_draft(survey)
    current = {name: getattr(question, name) for name in QUESTION_FIELDS}
    data = clean_question(current | {k: v for k, v in fields.items() if k in QUESTION_FIELDS})
    changes = field_changes(question, data)
    if changes:
        question.save(update_fields=list(changes))
        audit_record(  # on the question: a stale form of it names who changed it
            actor=actor,
            action="question_update",
            obj=question,
            org_path=survey.org.path,
            changes={"survey": survey.title, "question": question.title, **changes},
        )
    return question


@transaction.atomic
def question_delete(*, actor, question: Question, version: int | None = None) -> None:
    survey = _locked(question.survey_id)
    _ensure_draft(survey)
    question = survey.questions.get(pk=question.pk)  # its current place, not the caller's copy
    check_version(question, version)
    audit_record(
        actor=actor,
        action="question_delete",
        obj=survey,
        org_path=survey.org.path,
        changes={"question": question.title},
    )
    Question.objects.filter(pk=question.pk).delete()
    survey.questions.filter(order__gt=question.order).update(order=F("order") - 1)


@transaction.atomic
def question_move(*, actor, question: Question, direction: str) -> None:
    """Swap the question with its neighbour above ("up") or below ("down")."""
    survey = _locked(question.survey_id)
    _ensure_draft(survey)
    ordered = list(survey.questions.order_by("order", "id"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, q in enumerate(ordered, start=1):
        if q.order != position:
            q.order = position
            q.save(update_fields=["order"])
    audit_record(
        actor=actor,
        action="question_move",
        obj=survey,
        org_path=survey.org.path,
        changes={"question": question.title, "direction": "上移" if direction == "up" else "下移"},
    )

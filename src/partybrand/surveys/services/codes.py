"""One-time answer codes of a survey answered 凭一次性码: made in numbers (for staff without a
record) or one per member of the survey's organisations, printed as slips with QR codes
(surveys/code_sheet.py), each taking one anonymous answer (services/responses.py).

A code is 8 letters and digits that cannot be mistaken for each other (no 0/O, 1/I), shown as
`ABCD-EFGH`; what people type is read case-, space- and dash-insensitively. Which answer used a
code is never kept, so a slip with a name on it does not unmask its answer.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from partybrand.core.audit import audit_record
from partybrand.orgs.models import Member
from partybrand.orgs.tree import subtree_q
from partybrand.surveys.choices import RepeatPolicy, SurveyStatus
from partybrand.surveys.models import AnswerCode, Survey

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8
MOST_AT_ONCE = 500
MOST_PER_SURVEY = 5000


def normal_code(text: str) -> str:
    """What was typed or scanned, as stored: upper case, without spaces or dashes."""
    kept = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return kept if len(kept) == LENGTH and all(ch in ALPHABET for ch in kept) else ""


CODE_UNKNOWN = "作答码无效，请核对纸条上的 8 位作答码后重新输入。"
CODE_USED = "这个作答码已经使用过，每个码只能提交一次。感谢您的参与！"


def code_state(survey: Survey, text: str) -> str:
    """ "ok" for a code of this survey not used yet, "used", or "unknown"."""
    code = normal_code(text)
    if not code:
        return "unknown"
    used = survey.codes.filter(code=code).values_list("used", flat=True).first()
    if used is None:
        return "unknown"
    return "used" if used else "ok"


def code_use(survey: Survey, text: str) -> None:
    """Mark the code used, inside the transaction that stores its answer: of two answers racing
    with one code, the second finds it used (the row's update waits for the first)."""
    taken = survey.codes.filter(code=normal_code(text) or "-", used=False).update(used=True)
    if not taken:
        state = code_state(survey, text)
        raise ValidationError(CODE_USED if state == "used" else CODE_UNKNOWN)


def shown(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _check(survey: Survey, adding: int, *, at_once: int = MOST_AT_ONCE) -> None:
    if survey.repeat_policy != RepeatPolicy.CODE:
        raise ValidationError("只有“凭一次性码作答”的问卷才能生成作答码，请先在设置中选择。")
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError("问卷已结束收集，不能再生成作答码。")
    if adding < 1:
        raise ValidationError({"count": "请填写要生成的数量（至少 1 个）。"})
    if adding > at_once:
        raise ValidationError({"count": f"一次至多生成 {at_once} 个作答码。"})
    if survey.codes.count() + adding > MOST_PER_SURVEY:
        raise ValidationError(f"一份问卷至多 {MOST_PER_SURVEY} 个作答码。")


def _make(survey: Survey, rows: list[dict]) -> list[AnswerCode]:
    first = (survey.codes.aggregate(n=Max("number"))["n"] or 0) + 1
    codes = [
        AnswerCode(survey=survey, code=_new_code(), number=first + i, **row)
        for i, row in enumerate(rows)
    ]
    for attempt in (1, 2, 3):  # a code already taken by another survey: draw them again
        try:
            with transaction.atomic():
                return AnswerCode.objects.bulk_create(codes)
        except IntegrityError:
            if attempt == 3:
                raise
            for code in codes:
                code.code = _new_code()
    raise AssertionError("unreachable")


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("org").get(pk=survey.pk)


@transaction.atomic
def codes_create(*, actor, survey: Survey, count: int) -> list[AnswerCode]:
    """`count` numbered codes for people without a member record (staff, 群众)."""
    survey = _locked(survey)
    _check(survey, count)
    made = _make(survey, [{} for _ in range(count)])
    audit_record(
        actor=actor,
        action="survey_codes_create",
        obj=survey,
        org_path=survey.org.path,
        changes={"count": len(made), "kind": "按数量"},
    )
    return made


def members_without_code(survey: Survey):
    """The active members of the survey's organisation and those below who have no code yet."""
    return (
        Member.objects.filter(
            subtree_q(survey.org.path, "org__path"), is_active=True, org__is_active=True
        )
        .exclude(pk__in=survey.codes.filter(member__isnull=False).values("member_id"))
        .select_related("org")
        .order_by("org__path", "name", "pk")
    )


@transaction.atomic
def codes_for_members(*, actor, survey: Survey) -> list[AnswerCode]:
    """One code for each member of the survey's organisations who has none yet, with the name
    and unit printed on the slip."""
    survey = _locked(survey)
    members = list(members_without_code(survey))
    if not members:
        raise ValidationError("本组织及下级组织的党员都已有作答码。")
    _check(survey, len(members), at_once=MOST_PER_SURVEY)
    made = _make(
        survey,
        [{"member": m, "label": f"{m.name}（{m.org.name}）"[:100]} for m in members],
    )
    audit_record(
        actor=actor,
        action="survey_codes_create",
        obj=survey,
        org_path=survey.org.path,
        changes={"count": len(made), "kind": "按党员"},
    )
    return made

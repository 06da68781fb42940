"""Reading and checking answers, from the answer page's form or from the API's JSON.

Both are turned into one plain shape per question kind, then checked by one function whose
messages name the question ("第 3 题：请至少选择 2 项"), so nothing the person typed is lost.
"""

from dataclasses import dataclass, field

from partybrand.core.validators import hidden_character, hidden_character_message, is_multiline
from partybrand.surveys.choices import TEXT_KINDS, QuestionKind
from partybrand.textsim.normalize import clean_spaces, clean_text

TEXT_LIMITS = {QuestionKind.TEXT_SHORT: 100, QuestionKind.TEXT_LONG: 1000}
NAME_MAX = 12
SLOGAN_MAX = 30
REASON_MAX = 300
PROPOSAL_PARTS = ("name", "slogan", "reason")


@dataclass
class Checked:
    values: dict[int, object] = field(default_factory=dict)  # question id -> stored value
    raw: dict[int, object] = field(default_factory=dict)  # question id -> what was sent
    errors: dict[int, str] = field(default_factory=dict)  # question id -> message

    @property
    def ok(self) -> bool:
        return not self.errors


# A JSON value of the wrong type for a text question (a number, a list, an object).
NOT_TEXT = object()


def _int(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def raw_from_form(questions, data) -> dict[int, object]:
    """The answers of a submitted answer page, one plain value per question."""
    raw: dict[int, object] = {}
    for q in questions:
        key = f"q{q.pk}"
        if q.kind == QuestionKind.MULTIPLE:
            raw[q.pk] = [_int(v) for v in data.getlist(key)]
        elif q.kind == QuestionKind.RANKING:
            # One "第 N 位" select per option; the order is read from the ranks given.
            raw[q.pk] = {i: _int(data.get(f"{key}_r{i}", "")) for i in range(len(q.options))}
        elif q.kind == QuestionKind.NAME_PROPOSAL:
            raw[q.pk] = {part: data.get(f"{key}_{part}", "") for part in PROPOSAL_PARTS}
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.RATING):
            value = data.get(key, "")
            raw[q.pk] = _int(value) if value != "" else None
        else:
            raw[q.pk] = data.get(key, "")
    return raw


def raw_from_json(questions, answers: dict) -> dict[int, object]:
    """The API's `answers` object: {question id: value}; a ranking is the ordered option list."""
    raw: dict[int, object] = {}
    for q in questions:
        value = answers.get(str(q.pk), answers.get(q.pk))
        if q.kind == QuestionKind.MULTIPLE:
            raw[q.pk] = [_int(v) for v in value] if isinstance(value, list) else []
        elif q.kind == QuestionKind.RANKING:
            order = [_int(v) for v in value] if isinstance(value, list) else []
            ranks = dict.fromkeys(range(len(q.options)))
            for rank, index in enumerate(order, start=1):
                if index in ranks:
                    ranks[index] = rank
                else:
                    ranks[-1] = rank  # an unknown option: reported as an invalid ranking
            raw[q.pk] = ranks
        elif q.kind == QuestionKind.NAME_PROPOSAL:
            value = value if isinstance(value, dict) else {}
            raw[q.pk] = {part: str(value.get(part) or "") for part in PROPOSAL_PARTS}
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.RATING):
            raw[q.pk] = _int(value) if value not in (None, "") else None
        else:
            raw[q.pk] = "" if value is None else value if isinstance(value, str) else NOT_TEXT
    return raw


def check(questions, raw: dict[int, object]) -> Checked:
    result = Checked(raw=raw)
    for number, q in enumerate(questions, start=1):
        try:
            value = _check_one(q, raw.get(q.pk))
        except ValueError as exc:
            result.errors[q.pk] = f"第 {number} 题：{exc}"
            continue
        if value is not None:
            result.values[q.pk] = value
    return result


def _missing(q):
    if q.required:
        raise ValueError("此题为必答题，请作答")
    return None


def _check_one(q, value):
    kind = q.kind
    if kind == QuestionKind.SINGLE:
        if value is None:
            return _missing(q)
        if not 0 <= value < len(q.options):
            raise ValueError("所选选项无效，请重新选择")
        return value
    if kind == QuestionKind.MULTIPLE:
        return _check_multiple(q, value or [])
    if kind == QuestionKind.RATING:
        if value is None:
            return _missing(q)
        if not 1 <= value <= q.scale_max:
            raise ValueError(f"请在 1–{q.scale_max} 分之间打分")
        return value
    if kind == QuestionKind.RANKING:
        return _check_ranking(q, value or {})
    if kind in TEXT_KINDS:
        if value is NOT_TEXT:
            raise ValueError("回答应为文字")
        _refuse_hidden(value, "", multiline=kind == QuestionKind.TEXT_LONG)
        text = clean_text(value).strip()
        if not text:
            return _missing(q)
        limit = TEXT_LIMITS[kind]
        if len(text) > limit:
            raise ValueError(f"回答不超过 {limit} 个字（当前 {len(text)} 个字）")
        return text
    if kind == QuestionKind.NAME_PROPOSAL:
        return _check_proposal(q, value or {})
    raise ValueError("未知题型")


def _check_multiple(q, chosen: list):
    if any(i is None or not 0 <= i < len(q.options) for i in chosen):
        raise ValueError("所选选项无效，请重新选择")
    chosen = sorted(set(chosen))
    if not chosen:
        if q.required:
            least = q.min_choices or 1
            raise ValueError("此题为必答题，请作答" if least == 1 else f"请至少选择 {least} 项")
        return None
    if q.min_choices and len(chosen) < q.min_choices:
        raise ValueError(f"请至少选择 {q.min_choices} 项")
    if q.max_choices and len(chosen) > q.max_choices:
        raise ValueError(f"最多选择 {q.max_choices} 项（当前选了 {len(chosen)} 项）")
    return chosen


def _check_ranking(q, ranks: dict):
    given = {i: r for i, r in ranks.items() if r is not None}
    if not given:
        return _missing(q)
    n = len(q.options)
    if -1 in given or any(not 1 <= r <= n for r in given.values()):
        raise ValueError("排序无效，请重新排序")
    if len(given) < n:
        raise ValueError(f"请为全部 {n} 个选项排出名次")
    if len(set(given.values())) < n:
        raise ValueError("每个名次只能用一次，请调整重复的名次")
    return [i for i, _ in sorted(given.items(), key=lambda item: item[1])]


def _refuse_hidden(text, label: str, *, multiline: bool) -> None:
    """The platform's one rule on invisible characters (core/validators.py), as this module's
    ValueError so the message names the question."""
    if hidden_character(str(text or "").strip(), multiline=multiline) is not None:
        raise ValueError(hidden_character_message(label).rstrip("。"))


def _check_proposal(q, parts: dict):
    for part, label, limit in (
        ("name", "品牌名称", NAME_MAX),
        ("slogan", "口号", SLOGAN_MAX),
        ("reason", "理由", REASON_MAX),
    ):
        multiline = is_multiline(max_length=limit, text_area=part == "reason")
        _refuse_hidden(parts.get(part), label, multiline=multiline)
    name = clean_spaces(clean_text(parts.get("name", "")))
    slogan = clean_spaces(clean_text(parts.get("slogan", "")))
    reason = clean_text(parts.get("reason")).strip()
    if not (name or slogan or reason):
        return _missing(q)
    if not name:
        raise ValueError("请填写建议的品牌名称")
    if len(name) > NAME_MAX:
        raise ValueError(f"品牌名称不超过 {NAME_MAX} 个字（当前 {len(name)} 个字）")
    if len(slogan) > SLOGAN_MAX:
        raise ValueError(f"口号不超过 {SLOGAN_MAX} 个字（当前 {len(slogan)} 个字）")
    if len(reason) > REASON_MAX:
        raise ValueError(f"理由不超过 {REASON_MAX} 个字（当前 {len(reason)} 个字）")
    return {"name": name, "slogan": slogan, "reason": reason}


def searchable_text(q, value) -> str:
    """The words kept for keyword counts and search: free text, or a proposal's reason."""
    if q.kind in TEXT_KINDS:
        return value
    if q.kind == QuestionKind.NAME_PROPOSAL:
        return value["reason"]
    return ""


def raw_from_values(questions, values: dict[int, object]) -> dict[int, object]:
    """A stored response shown again in the form (a member editing a named answer)."""
    raw: dict[int, object] = {}
    for q in questions:
        value = values.get(q.pk)
        if value is None:
            continue
        if q.kind == QuestionKind.RANKING:
            raw[q.pk] = {index: rank for rank, index in enumerate(value, start=1)}
        else:
            raw[q.pk] = value
    return raw

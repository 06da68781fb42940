"""Reading a model's reply defensively: JSON may come wrapped in prose or code fences, fields
may be missing or of the wrong type."""

import json
import re

from partybrand.assistant.drafts import (
    DIMENSIONS,
    CandidateDraft,
    CritiqueComment,
    CritiqueDraft,
    MeaningDraft,
)
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.section_drafts import SectionDraft

UNREADABLE = "AI 服务返回的内容格式无法解析，请重试；多次失败可改用离线助手。"
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def parse_json(content: str | None):
    """The JSON object (or list) in the reply; ProviderError when there is none."""
    text = (content or "").strip()
    if fenced := _FENCE.search(text):
        text = fenced.group(1).strip()
    for opener, closer in (("{", "}"), ("[", "]")):
        start, end = text.find(opener), text.rfind(closer)
        if 0 <= start < end:
            try:
                return json.loads(text[start : end + 1])
            except ValueError:
                continue
    raise ProviderError(UNREADABLE, permanent=False)


def _text(item: dict, key: str, limit: int) -> str:
    value = item.get(key)
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _items(data, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else data
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def read_candidates(data, *, version: str) -> list[CandidateDraft]:
    drafts = []
    for item in _items(data, "candidates"):
        name = _text(item, "name", 30)
        if name:
            drafts.append(
                CandidateDraft(
                    name=name,
                    slogan=_text(item, "slogan", 60),
                    pattern=_text(item, "pattern", 20) or "AI 建议",
                    rationale=_text(item, "rationale", 200),
                    source="openai",
                    prompt_version=version,
                )
            )
    if not drafts:
        raise ProviderError(UNREADABLE, permanent=False)
    return drafts


def read_meaning(data, *, name: str, slogan: str, version: str) -> MeaningDraft:
    phrases = [
        (_text(i, "phrase", 30), _text(i, "explanation", 300))
        for i in _items(data, "phrases")
        if _text(i, "phrase", 30) and _text(i, "explanation", 300)
    ]
    summary = _text(data, "summary", 1000) if isinstance(data, dict) else ""
    if not phrases and not summary:
        raise ProviderError(UNREADABLE, permanent=False)
    return MeaningDraft(name, slogan, summary, phrases, source="openai", prompt_version=version)


def read_critique(data, *, name: str, slogan: str, version: str) -> CritiqueDraft:
    by_dimension = {}
    for item in _items(data, "comments"):
        dimension, comment = _text(item, "dimension", 10), _text(item, "comment", 300)
        if dimension in DIMENSIONS and comment and dimension not in by_dimension:
            by_dimension[dimension] = CritiqueComment(
                dimension, item.get("passed") is not False, comment
            )
    if not by_dimension:
        raise ProviderError(UNREADABLE, permanent=False)
    comments = [by_dimension[d] for d in DIMENSIONS if d in by_dimension]
    return CritiqueDraft(name, slogan, comments, source="openai", prompt_version=version)


SECTION_LIMIT = 6000


def read_section(data, *, facts: tuple[str, ...], version: str) -> SectionDraft:
    """The section's text (paragraphs kept, one a line) and the facts it says it used, by their
    numbers in the prompt; numbers outside the list are ignored."""
    raw = data.get("text") if isinstance(data, dict) else None
    if not isinstance(raw, str):
        raise ProviderError(UNREADABLE, permanent=False)
    lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").split("\n")]
    text = "\n".join(line for line in lines if line)[:SECTION_LIMIT]
    if not text:
        raise ProviderError(UNREADABLE, permanent=False)
    numbers = data.get("used") if isinstance(data.get("used"), list) else []
    used = [
        facts[n - 1]
        for n in dict.fromkeys(numbers)
        if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(facts)
    ]
    return SectionDraft(text, used, "openai", version)

"""Answers from retrieved passages: offline (the best passages quoted and summarised, each
cited), through the configured model (the passages in the prompt, personal data masked, the
citations kept, a refusal when they do not answer), and a plain "not found" when no passage
answers rather than an invented answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from partybrand.knowledge.index import Hit
from partybrand.knowledge.retrieval_core import MIN_COVERAGE, terms
from partybrand.orgs.models import Member
from partybrand.orgs.tree import subtree_q

# A passage answers when it holds MIN_COVERAGE of the question's weight (retrieval_core);
# others are cited beside the best one only when close to it.
CITE_RATIO = 0.6
MAX_CITED = 3
NOT_FOUND = (
    "平台中的资料没有找到能回答这个问题的内容。请换一种问法，或向所在党组织、"
    "党建工作部咨询；党建工作部看到此记录后可以补充资料或给出校正回答。"
)
MODEL_REFUSAL = "资料中没有找到答案"
SYSTEM_PROMPT = (
    "你是企业党建工作部的党建知识助手。只依据用户给出的编号资料回答问题，不得编造资料以外的内容；"
    "每句话后用[编号]标注所依据的资料；资料不能回答问题时，只回答“"
    + MODEL_REFUSAL
    + "”。回答使用简体中文，简明扼要，不超过300字。"
)
_SENTENCES = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
# The roll's phone and ID numbers (orgs/validators.py), also with separators people type inside
# them (138-1234-5678, 1101 0119 9003 071234): masked, so the privacy guard has nothing to refuse.
_PHONE = re.compile(r"(?<!\d)1[3-9]\d(?:[\s\-.·]?\d){8}(?!\d)")
_ID = re.compile(r"(?<!\d)\d(?:[\s\-.·]?\d){16}[\s\-.·]?[\dXx](?!\d)")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


@dataclass
class Answer:
    text: str
    cited: list[dict]
    answered: bool


def answering_hits(hits: list[Hit]) -> list[Hit]:
    """The hits worth citing: those that answer, close to the best one."""
    if not hits or hits[0].coverage < MIN_COVERAGE:
        return []
    best = hits[0].score
    kept = [h for h in hits if h.coverage >= MIN_COVERAGE and h.score >= CITE_RATIO * best]
    return kept[:MAX_CITED]


def citation(n: int, hit: Hit, quote: str = "") -> dict:
    p = hit.passage
    return {
        "n": n,
        "passage": p.pk,
        "source": p.source,
        "title": p.title,
        "anchor": p.anchor,
        # a document's page scrolls to the passage; a record's page is the record
        "url": f"{p.url}#passage-{p.pk}" if p.source == "document" else p.url,
        "quote": quote or p.text[:300],
        "score": round(hit.score, 3),
    }


def best_sentences(question: str, text: str, count: int = 2) -> str:
    """The sentences of a passage that share most words with the question, in their order."""
    wanted = set(terms(question, question=True))
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    if len(sentences) <= count:
        return "".join(sentences)
    scored = sorted(
        range(len(sentences)),
        key=lambda i: (-len(wanted & set(terms(sentences[i]))), i),
    )[:count]
    return "".join(sentences[i] for i in sorted(scored))


def offline_answer(question: str, hits: list[Hit]) -> Answer:
    kept = answering_hits(hits)
    if not kept:
        return Answer(NOT_FOUND, [], False)
    lines, cited = ["根据平台中的资料："], []
    for n, hit in enumerate(kept, start=1):
        quote = best_sentences(question, hit.passage.text)
        lines.append(f"{n}. {quote}[{n}]")
        cited.append(citation(n, hit, quote))
    titles = "、".join(dict.fromkeys(f"《{c['title']}》" for c in cited))
    lines.append(f"以上摘自{titles}，请以原文为准。")
    return Answer("\n".join(lines), cited, True)


def mask_personal(text: str, org_paths: list[str]) -> str:
    """Phone and ID numbers and the names of members of the organisations concerned, replaced
    before text leaves for a model."""
    text = _ID.sub("［身份证号已隐去］", _PHONE.sub("［手机号已隐去］", text))
    pieces = {
        run[i : i + size]
        for run in _HAN_RUN.findall(text)
        for size in (2, 3, 4)
        for i in range(len(run) - size + 1)
    }
    if not pieces or not org_paths:
        return text
    scope = subtree_q(org_paths[0], "org__path")
    for path in org_paths[1:]:
        scope |= subtree_q(path, "org__path")
    names = Member.objects.filter(scope, name__in=sorted(pieces)[:5000]).values_list(
        "name", flat=True
    )
    for name in sorted(set(names), key=len, reverse=True):
        text = text.replace(name, "某同志")
    return text


def model_messages(question: str, hits: list[Hit], org_paths: list[str]) -> list[dict]:
    kept = answering_hits(hits)
    blocks = [
        f"[{n}] {hit.passage.title} · {hit.passage.anchor}\n{hit.passage.text}"
        for n, hit in enumerate(kept, start=1)
    ]
    user = f"资料：\n{chr(10).join(blocks)}\n\n问题：{question}"
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": mask_personal(user, org_paths)},
    ]


def model_answer(question: str, hits: list[Hit], provider, org_paths: list[str]) -> Answer:
    """The model's answer over the passages; ProviderError when it cannot be asked."""
    kept = answering_hits(hits)
    if not kept:
        return Answer(NOT_FOUND, [], False)
    reply = (
        provider.complete(model_messages(question, hits, org_paths), temperature=0.2) or ""
    ).strip()
    cited = [citation(n, hit) for n, hit in enumerate(kept, start=1)]
    if not reply or MODEL_REFUSAL in reply:
        return Answer(NOT_FOUND, cited, False)
    used = {int(n) for n in re.findall(r"\[(\d+)\]", reply)}
    return Answer(reply, [c for c in cited if c["n"] in used] or cited, True)

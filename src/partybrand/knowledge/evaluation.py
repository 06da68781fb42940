"""The measure of retrieval (issue #16 part 6): the shipped sample corpus (data/sample/*.txt,
texts written for the platform) cut into passages exactly as uploads are, and a labelled set of
questions (data/sample/questions.json), each naming the passage that answers it by its document
and a phrase only that passage holds. Top-1 and top-3 hit rates of `partybrand knowledge-eval`;
the target is the answer-bearing passage in the top 3 for at least 90% of the questions."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from partybrand.knowledge.retrieval_core import MIN_COVERAGE, MemoryIndex, Piece, split_text

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"
TARGET_TOP3 = 0.9


@dataclass(frozen=True)
class SamplePassage:
    id: int
    document: str
    title: str
    piece: Piece


def sample_documents() -> dict[str, tuple[str, str]]:
    """name → (title, text) of every sample document; the title is the first line."""
    found = {}
    for path in sorted(SAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        found[path.stem] = (title.strip(), body)
    return found


def sample_passages() -> list[SamplePassage]:
    passages = []
    for name, (title, body) in sample_documents().items():
        for piece in split_text(body):
            passages.append(SamplePassage(len(passages) + 1, name, title, piece))
    return passages


def questions() -> list[dict]:
    return json.loads((SAMPLE / "questions.json").read_text(encoding="utf-8"))


def unanswerable() -> list[str]:
    """Questions the sample corpus does not answer: the assistant must say so."""
    return json.loads((SAMPLE / "unanswerable.json").read_text(encoding="utf-8"))


def answering_passage(passages: list[SamplePassage], item: dict) -> SamplePassage:
    """The one passage of the labelled document holding the labelled phrase."""
    found = [
        p for p in passages if p.document == item["document"] and item["answer"] in p.piece.text
    ]
    if len(found) != 1:
        raise ValueError(f"问题“{item['question']}”的标注对应 {len(found)} 个段落，应为 1 个")
    return found[0]


def evaluate(*, embedder=None) -> dict:
    passages = sample_passages()
    index = MemoryIndex({p.id: f"{p.title}\n{p.piece.text}" for p in passages})
    labelled = questions()
    top1 = top3 = answered = 0
    misses = []
    started = time.perf_counter()
    for item in labelled:
        wanted = answering_passage(passages, item).id
        found = index.search(item["question"], embedder=embedder)
        ranked = [pid for pid, _, _ in found]
        answered += bool(found) and found[0][2] >= MIN_COVERAGE
        if ranked[:1] == [wanted]:
            top1 += 1
        if wanted in ranked[:3]:
            top3 += 1
        else:
            misses.append({"question": item["question"], "wanted": wanted, "got": ranked[:3]})
    seconds = time.perf_counter() - started
    count = len(labelled)
    others = unanswerable()
    refused = []
    for question in others:
        found = index.search(question, embedder=embedder)
        if not found or found[0][2] < MIN_COVERAGE:
            refused.append(question)
    return {
        "documents": len(sample_documents()),
        "passages": len(passages),
        "questions": count,
        "embedder": getattr(embedder, "name", "none"),
        "top1": round(top1 / count, 4),
        "top3": round(top3 / count, 4),
        "target_top3": TARGET_TOP3,
        "passed": top3 / count >= TARGET_TOP3,
        "answered": round(answered / count, 4),  # labelled questions given an answer
        "unanswerable": len(others),
        "refused": round(len(refused) / len(others), 4),  # of those, told "not found"
        "ms_per_question": round(1000 * seconds / count, 2),
        "misses": misses,
        "answered_wrongly": sorted(set(others) - set(refused)),
    }

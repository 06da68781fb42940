"""The retrieval itself, in plain Python: the words of a text, passages cut from a document,
BM25 over an inverted index, and the re-ranking by sentence vectors. The database index
(index.py) and the measure over the shipped sample corpus (evaluation.py) use the same
functions, so what is measured is what users get."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from partybrand.textsim.normalize import to_halfwidth
from partybrand.textsim.segment import _tokenizer, stopwords

K1 = 1.5
B = 0.75
# How much the sentence vectors count against BM25 in the final order (both scaled to 0..1).
VECTOR_WEIGHT = 0.35
RERANK_DEPTH = 30  # BM25's best passages re-ranked by meaning
# A passage answers when it covers this share of the question's weight (see `coverage`).
MIN_COVERAGE = 0.3
MAX_TERM = 40  # longer tokens are no words (a pasted number, a URL)
# Words that ask rather than say: a question's 什么 or 如何 finds no answer.
QUESTION_WORDS = frozenset(
    {
        "什么",
        "怎么",
        "怎样",
        "如何",
        "哪些",
        "哪个",
        "多少",
        "几个",
        "为什么",
        "是否",
        "是不是",
        "可以",
        "能否",
        "需要",
        "应该",
        "应当",
        "要求",
        "规定",
        "有关",
        "关于",
        "请问",
        "一下",
        "介绍",
        "说说",
        "告诉",
        "我们",
        "你们",
        "主要",
        "内容",
        "包括",
        "哪里",
        "何时",
        "多久",
        "一次",
    }
)

# Characters that carry no meaning in a pair: 的了 and the question's 什么哪怎.
FUNCTION_CHARS = frozenset("的了是在和与及或等吗呢吧啊么什哪怎谁几")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节部分]|[一二三四五六七八九十]+、)"
)


def words(text: str, *, question: bool = False) -> list[str]:
    """The words of a text, repeated as often as they occur: jieba's search mode (so 先锋 finds
    红色先锋) without stop words, single characters or, for a question, the words that only
    ask."""
    found = []
    for token in _tokenizer().lcut_for_search(to_halfwidth(text or "").lower()):
        token = token.strip()
        if len(token) < 2 or len(token) > MAX_TERM or token in stopwords():
            continue
        if not any(c.isalnum() or "\u4e00" <= c <= "\u9fff" for c in token):
            continue
        if question and token in QUESTION_WORDS:
            continue
        found.append(token)
    return found


def bigrams(text: str) -> list[str]:
    """Every pair of adjacent Chinese characters without a function character: what the
    dictionary does not know (四心, 工作法 cut as 工作 + 法) is still found."""
    found = []
    for run in _HAN_RUN.findall(to_halfwidth(text or "")):
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if not (set(pair) & FUNCTION_CHARS) and pair not in QUESTION_WORDS:
                found.append(pair)
    return found


def terms(text: str, *, question: bool = False) -> list[str]:
    """The index terms of a text: its words and its character pairs."""
    return words(text, question=question) + bigrams(text)


@dataclass(frozen=True)
class Piece:
    """A passage cut from a longer text: where it is (位置) and what it says."""

    anchor: str
    text: str


def split_text(text: str, *, target: int = 180, limit: int = 320, page: int | None = None):
    """Passages of a text: paragraphs, short ones joined up to about `target` characters, long
    ones cut into windows of whole sentences (up to `limit`); each with its position (第3段, or
    the article it opens with: 第十二条)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]
    pieces: list[Piece] = []
    buffer: list[str] = []
    start = 0
    prefix = f"第{page}页 " if page else ""

    def anchor_for(index: int, first: str) -> str:
        heading = _HEADING.match(first)
        if heading and heading.group(1).startswith("第"):
            return f"{prefix}{heading.group(1)}"
        return f"{prefix}第{index + 1}段"

    def flush():
        if buffer:
            pieces.append(Piece(anchor_for(start, buffer[0]), "\n".join(buffer)))
            buffer.clear()

    for index, paragraph in enumerate(paragraphs):
        if len(paragraph) > limit:
            flush()
            for window in _windows(paragraph, target, limit):
                pieces.append(Piece(anchor_for(index, paragraph), window))
            continue
        is_heading = bool(_HEADING.match(paragraph))
        if buffer and (is_heading or sum(map(len, buffer)) + len(paragraph) > target):
            flush()
        if not buffer:
            start = index
        buffer.append(paragraph)
    flush()
    return pieces


def _windows(paragraph: str, target: int, limit: int) -> list[str]:
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
    windows, current = [], ""
    for sentence in sentences:
        while len(sentence) > limit:  # one endless sentence: cut it
            windows.append(sentence[:limit])
            sentence = sentence[limit:]
        if current and len(current) + len(sentence) > target:
            windows.append(current)
            current = ""
        current += sentence
    if current:
        windows.append(current)
    return windows


@dataclass
class Stats:
    """What BM25 needs of the whole index: how many passages, their mean length in terms, and
    in how many passages each query term occurs."""

    count: int
    mean_length: float
    frequency: dict[str, int]


def idf(stats: Stats, term: str) -> float:
    n = stats.frequency.get(term, 0)
    return math.log(1 + (stats.count - n + 0.5) / (n + 0.5))


def bm25(
    query: list[str], postings: Iterable[tuple[int, str, int, int]], stats: Stats
) -> dict[int, float]:
    """BM25 scores of passages from postings (passage id, term, count in it, passage length)."""
    weights = Counter(query)
    scores: dict[int, float] = {}
    mean = stats.mean_length or 1.0
    for passage, term, tf, length in postings:
        if term not in weights:
            continue
        norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / mean))
        scores[passage] = scores.get(passage, 0.0) + idf(stats, term) * norm * weights[term]
    return scores


def coverage(query: list[str], stats: Stats, matched: set[str], required: set[str]) -> float:
    """The share of the question's weight (by idf) that the passage covers, 0..1: over its
    words (`required`: a word no passage holds counts against every passage) and the character
    pairs some passage holds (a pair across two words, 指哪, counts for nothing)."""
    counted = {t for t in query if t in required or stats.frequency.get(t, 0)}
    total = sum(idf(stats, t) for t in counted)
    if not total:
        return 0.0
    return sum(idf(stats, t) for t in counted if t in matched) / total


def rerank(
    scores: dict[int, float], question_vector: np.ndarray | None, vectors: dict[int, np.ndarray]
) -> list[tuple[int, float]]:
    """Passages in their final order with a 0..1 score: BM25 scaled by the best one, mixed with
    the cosine of the passage's sentence vector to the question's."""
    if not scores:
        return []
    best = max(scores.values()) or 1.0
    ranked = []
    for pid, score in scores.items():
        lexical = score / best
        vector = vectors.get(pid)
        if question_vector is not None and vector is not None:
            meaning = max(0.0, float(np.dot(question_vector, vector)))
            final = (1 - VECTOR_WEIGHT) * lexical + VECTOR_WEIGHT * meaning
        else:
            final = lexical
        ranked.append((pid, final))
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked


class MemoryIndex:
    """The same BM25 over passages held in memory: for the measure and for tests."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts
        self.postings: dict[str, list[tuple[int, int, int]]] = {}
        lengths = {}
        for pid, text in texts.items():
            counts = Counter(terms(text))
            lengths[pid] = sum(counts.values())
            for term, tf in counts.items():
                self.postings.setdefault(term, []).append((pid, tf, lengths[pid]))
        self.lengths = lengths
        self._vectors: dict[int, np.ndarray] = {}

    def stats(self, query: list[str]) -> Stats:
        mean = sum(self.lengths.values()) / max(1, len(self.lengths))
        frequency = {t: len(self.postings.get(t, [])) for t in set(query)}
        return Stats(len(self.texts), mean, frequency)

    def search(self, question: str, *, embedder=None, depth: int = RERANK_DEPTH):
        """(passage id, score, coverage) best first."""
        query = terms(question, question=True)
        required = set(words(question, question=True))
        stats = self.stats(query)
        postings = [(p, t, tf, ln) for t in set(query) for p, tf, ln in self.postings.get(t, [])]
        matched: dict[int, set[str]] = {}
        for pid, term, _, _ in postings:
            matched.setdefault(pid, set()).add(term)
        scores = bm25(query, postings, stats)
        top = dict(sorted(scores.items(), key=lambda i: (-i[1], i[0]))[:depth])
        vectors, qvec = {}, None
        if embedder is not None and top:
            missing = [i for i in top if i not in self._vectors]
            if missing:
                encoded = embedder.encode([self.texts[i] for i in missing])
                self._vectors.update(zip(missing, encoded, strict=True))
            qvec = embedder.encode([question])[0]
            vectors = {i: self._vectors[i] for i in top}
        return [
            (pid, score, coverage(query, stats, matched[pid], required))
            for pid, score in rerank(top, qvec, vectors)
        ]

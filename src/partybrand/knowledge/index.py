"""The passage index in the database: passages and their terms (an inverted index), kept up to
date record by record, and searched within what the asking user may read. No web process
holds the corpus: a question reads the postings of its own terms, BM25 picks the best
passages, and only those are re-ranked by sentence vectors (computed once, then kept)."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Avg, Count, Q

from partybrand.knowledge.models import Passage, PassageTerm
from partybrand.knowledge.retrieval_core import (
    MAX_TERM,
    RERANK_DEPTH,
    Stats,
    bm25,
    coverage,
    rerank,
    terms,
    words,
)
from partybrand.knowledge.sources import Draft, sources
from partybrand.orgs.roles import Cap, paths_with, scope_q
from partybrand.orgs.tree import ancestor_paths
from partybrand.textsim.embedding import NgramEmbedder, default_embedder

log = logging.getLogger(__name__)
MAX_QUESTION_TERMS = 80


def visible_passages_q(user) -> Q:
    """Passages of the user's subtree, and those of the organisations above shared downwards
    (their brand records and the documents their 党建工作部 published)."""
    query = scope_q(user, Cap.VIEW_BRANDS, "org_path")
    above = {a for path in paths_with(user, Cap.VIEW_BRANDS) for a in ancestor_paths(path)}
    if above:
        query |= Q(org_path__in=sorted(above), shared_below=True)
    return query


def _store(drafts: list[Draft]) -> int:
    rows = [
        Passage(
            source=d.record.split(":", 1)[0],
            record=d.record,
            org_path=d.org_path,
            shared_below=d.shared_below,
            title=d.title[:200],
            anchor=d.anchor[:60],
            url=d.url[:200],
            text=d.text,
        )
        for d in drafts
    ]
    counted = []
    for row in rows:
        counts = Counter(terms(f"{row.title}\n{row.text}"))
        row.length = sum(counts.values())
        counted.append(counts)
    Passage.objects.bulk_create(rows, batch_size=500)
    PassageTerm.objects.bulk_create(
        [
            PassageTerm(passage=row, term=term[:MAX_TERM], count=min(count, 32767))
            for row, counts in zip(rows, counted, strict=True)
            for term, count in counts.items()
        ],
        batch_size=2000,
    )
    return len(rows)


def reindex(source: str, pks: list[int] | None = None) -> int:
    """Replace the passages of the source's records (every record when `pks` is None)."""
    spec = sources()[source]
    with transaction.atomic():
        old = Passage.objects.filter(source=source)
        if pks is not None:
            old = old.filter(record__in=[f"{source}:{pk}" for pk in pks])
        old.delete()
        return _store(list(spec.iter_passages(pks)))


_pending = threading.local()


def mark_changed(source: str, pk: int) -> None:
    """Re-read the record once the transaction commits; a record saved ten times in one
    transaction (a demo, an import) is read once."""
    changed = getattr(_pending, "changed", None)
    if changed is None:
        changed = _pending.changed = set()
    changed.add((source, pk))
    # Every change asks for a flush (the first flush reads them all, the rest find nothing):
    # a transaction rolled back drops its callbacks, and what it left is read at the next.
    transaction.on_commit(_flush, robust=True)  # a failed re-read is logged, never the change


def _flush() -> None:
    changed, _pending.changed = getattr(_pending, "changed", None) or set(), None
    by_source: dict[str, list[int]] = {}
    for source, pk in sorted(changed):
        by_source.setdefault(source, []).append(pk)
    for source, pks in by_source.items():
        reindex(source, pks)


def rebuild() -> dict[str, int]:
    """Every source read again: `partybrand knowledge-reindex`."""
    return {name: reindex(name) for name in sources()}


@dataclass
class Hit:
    passage: Passage
    score: float  # 0..1 after re-ranking
    coverage: float  # the share of the question's words the passage holds


def _embedder():
    try:
        return default_embedder()
    except Exception:  # noqa: BLE001 (the model cannot load: words alone still rank)
        log.warning("sentence encoder unavailable; knowledge answers rank by words only")
        return NgramEmbedder()


def _vectors(embedder, question: str, passages: list[Passage]):
    missing = [p for p in passages if p.vector is None or p.vector_model != embedder.name]
    if missing:
        encoded = embedder.encode([f"{p.title}\n{p.text}" for p in missing])
        for passage, vector in zip(missing, encoded, strict=True):
            passage.vector = vector.astype(np.float32).tobytes()
            passage.vector_model = embedder.name
        Passage.objects.bulk_update(missing, ["vector", "vector_model"])
    vectors = {p.pk: np.frombuffer(bytes(p.vector), dtype=np.float32) for p in passages}
    return embedder.encode([question])[0], vectors


def search(user, question: str, *, limit: int = 5, embedder=None) -> list[Hit]:
    """The passages the user may read that best answer the question, best first."""
    required = set(words(question, question=True)) or set(words(question))
    query = terms(question, question=True)[:MAX_QUESTION_TERMS] or terms(question)
    query = query[:MAX_QUESTION_TERMS]
    if not query:
        return []
    visible = Passage.objects.filter(visible_passages_q(user))
    totals = visible.aggregate(count=Count("id"), mean=Avg("length"))
    frequency = dict(
        PassageTerm.objects.filter(term__in=set(query), passage__in=visible)
        .values_list("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    stats = Stats(totals["count"] or 0, float(totals["mean"] or 0), frequency)
    postings = list(
        PassageTerm.objects.filter(term__in=set(query), passage__in=visible).values_list(
            "passage_id", "term", "count", "passage__length"
        )
    )
    scores = bm25(query, postings, stats)
    top = dict(sorted(scores.items(), key=lambda i: (-i[1], i[0]))[:RERANK_DEPTH])
    if not top:
        return []
    passages = {p.pk: p for p in Passage.objects.filter(pk__in=list(top))}
    question_vector, vectors = _vectors(embedder or _embedder(), question, list(passages.values()))
    matched: dict[int, set[str]] = {}
    for pid, term, _, _ in postings:
        matched.setdefault(pid, set()).add(term)
    return [
        Hit(passages[pid], score, coverage(query, stats, matched.get(pid, set()), required))
        for pid, score in rerank(top, question_vector, vectors)[:limit]
    ]

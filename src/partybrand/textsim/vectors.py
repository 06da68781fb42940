"""The sentence vectors of an index: exact cosines for candidates, a fast approximate search
over all entries for the nearest in meaning.

Memory and speed, measured on 100,000 names (512-dimensional USE vectors):
- the vectors are kept as float16 (98 MB instead of 195 MB); cosines computed from them differ
  from float32 ones by < 1e-4;
- the search over all entries runs on a float32 copy projected onto the 128 principal
  directions of the index's own vectors (51 MB; 93% of the variance): about 4x faster than a
  product with the full float32 matrix, and the exact top 10 lies within its top 50 for 99.9%
  of queries. The projection is fitted once the index holds PROJECT_FROM vectors and refitted
  when it has grown fourfold; smaller indexes search the full vectors.
"""

from __future__ import annotations

import numpy as np

from partybrand.textsim.blas import one_blas_thread
from partybrand.textsim.embedding import DIMENSIONS

PROJECTED = 128
PROJECT_FROM = 4096
FIT_SAMPLE = 20_000
_CHUNK = 8192


class VectorStore:
    """Row-aligned unit vectors with exact and approximate inner products."""

    def __init__(self) -> None:
        self.vectors = np.zeros((0, DIMENSIONS), dtype=np.float16)
        self.size = 0
        self.basis: np.ndarray | None = None  # (DIMENSIONS, PROJECTED) float32
        self._fitted_at = 0
        self._scan = np.zeros((0, DIMENSIONS), dtype=np.float32)  # projected (or full) float32

    def put(self, start: int, vectors: np.ndarray) -> None:
        end = start + vectors.shape[0]
        if end > self.vectors.shape[0]:
            capacity = max(end, int(self.vectors.shape[0] * 1.25) + 16)
            grown = np.zeros((capacity, DIMENSIONS), dtype=np.float16)
            grown[: self.size] = self.vectors[: self.size]
            self.vectors = grown
        self.vectors[start:end] = vectors
        self.size = max(self.size, end)
        if self.size >= PROJECT_FROM and (self.basis is None or self.size >= 4 * self._fitted_at):
            self._fit()
        else:
            self._scan_put(start, vectors.astype(np.float32))

    def clear(self, row: int) -> None:
        self.vectors[row] = 0
        if row < self._scan.shape[0]:
            self._scan[row] = 0

    def keep(self, rows: list[int]) -> None:
        self.vectors = self.vectors[rows].copy()
        self._scan = self._scan[rows].copy()
        self.size = len(rows)

    def cosines(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Exact inner products with the given rows (all rows when None)."""
        query = query.astype(np.float32)
        with one_blas_thread():
            if rows is not None:
                return self.vectors[rows].astype(np.float32) @ query
            out = np.empty(self.size, dtype=np.float32)
            for start in range(0, self.size, _CHUNK):
                block = self.vectors[start : min(start + _CHUNK, self.size)]
                out[start : start + block.shape[0]] = block.astype(np.float32) @ query
            return out

    def nearest(self, query: np.ndarray, count: int) -> np.ndarray:
        """Rows of (about) the `count` largest inner products, in no particular order."""
        count = min(count, self.size)
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        query = query.astype(np.float32)
        with one_blas_thread():
            if self.basis is not None:
                query = query @ self.basis
            scores = self._scan[: self.size] @ query
        return np.argpartition(-scores, count - 1)[:count].astype(np.int64)

    def _fit(self) -> None:
        rng = np.random.default_rng(0)
        sample = rng.choice(self.size, size=min(FIT_SAMPLE, self.size), replace=False)
        data = self.vectors[np.sort(sample)].astype(np.float32)
        with one_blas_thread():
            _, directions = np.linalg.eigh(data.T @ data)  # uncentred: inner products
        self.basis = np.ascontiguousarray(directions[:, ::-1][:, :PROJECTED], dtype=np.float32)
        self._fitted_at = self.size
        self._scan = np.zeros((self.vectors.shape[0], PROJECTED), dtype=np.float32)
        for start in range(0, self.size, _CHUNK):
            block = self.vectors[start : min(start + _CHUNK, self.size)].astype(np.float32)
            self._scan_put(start, block)

    def _scan_put(self, start: int, vectors: np.ndarray) -> None:
        width = DIMENSIONS if self.basis is None else PROJECTED
        end = start + vectors.shape[0]
        if end > self._scan.shape[0] or self._scan.shape[1] != width:
            capacity = max(end, self.vectors.shape[0])
            grown = np.zeros((capacity, width), dtype=np.float32)
            if self._scan.shape[1] == width:
                grown[: self._scan.shape[0]] = self._scan
            self._scan = grown
        with one_blas_thread():
            self._scan[start:end] = vectors if self.basis is None else vectors @ self.basis

    def state(self) -> dict:
        return {
            "vectors": self.vectors[: self.size],
            "basis": self.basis,
            "fitted_at": self._fitted_at,
        }

    @classmethod
    def from_state(cls, state: dict) -> VectorStore:
        store = cls()
        store.vectors = np.asarray(state["vectors"], dtype=np.float16)
        store.size = store.vectors.shape[0]
        store.basis, store._fitted_at = state["basis"], state["fitted_at"]
        store._scan = np.zeros((0, DIMENSIONS if store.basis is None else PROJECTED), np.float32)
        for start in range(0, store.size, _CHUNK):
            block = store.vectors[start : min(start + _CHUNK, store.size)].astype(np.float32)
            store._scan_put(start, block)
        return store

"""The numeric parts of a mapped index: sentence vectors and LSH tables, each a read-only base
(memory-mapped) plus the rows a process appended since. They answer exactly as the in-memory
VectorStore and BandTable do for the same rows (same products, same sorted arrays)."""

from __future__ import annotations

import numpy as np

from partybrand.textsim.blas import one_blas_thread
from partybrand.textsim.candidates import BANDS, HASH, BandTable, Candidates
from partybrand.textsim.embedding import DIMENSIONS

_CHUNK = 8192


class MappedVectors:
    """VectorStore's interface over mapped float16 vectors and their float32 search copy."""

    def __init__(self, vectors: np.ndarray, scan: np.ndarray, basis: np.ndarray | None) -> None:
        self.base = vectors.view(np.ndarray)
        self.base_scan = scan.view(np.ndarray)
        self.basis = None if basis is None else np.asarray(basis, dtype=np.float32)
        self.base_size = self.base.shape[0]
        width = scan.shape[1]
        self.extra = np.zeros((0, DIMENSIONS), dtype=np.float16)
        self.extra_scan = np.zeros((0, width), dtype=np.float32)
        self.dead: set[int] = set()  # removed base rows: they score 0, as cleared rows do

    @property
    def size(self) -> int:
        return self.base_size + self.extra.shape[0]

    def put(self, start: int, vectors: np.ndarray) -> None:
        if start != self.size:
            raise ValueError("a mapped index only appends rows")
        self.extra = np.concatenate([self.extra, vectors.astype(np.float16)])
        with one_blas_thread():
            scan = vectors.astype(np.float32)
            if self.basis is not None:
                scan = scan @ self.basis
        self.extra_scan = np.concatenate([self.extra_scan, scan])

    def clear(self, row: int) -> None:
        if row >= self.base_size:
            self.extra[row - self.base_size] = 0
            self.extra_scan[row - self.base_size] = 0
        else:
            self.dead.add(row)

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """The float16 vectors of these rows."""
        out = np.empty((rows.size, DIMENSIONS), dtype=np.float16)
        in_base = rows < self.base_size
        out[in_base] = self.base[rows[in_base]]
        out[~in_base] = self.extra[rows[~in_base] - self.base_size]
        return out

    def cosines(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        query = query.astype(np.float32)
        with one_blas_thread():
            if rows is not None:
                return self.rows(rows).astype(np.float32) @ query
            out = np.empty(self.size, dtype=np.float32)
            for start in range(0, self.size, _CHUNK):
                block = self.rows(np.arange(start, min(start + _CHUNK, self.size)))
                out[start : start + block.shape[0]] = block.astype(np.float32) @ query
            return out

    def nearest(self, query: np.ndarray, count: int) -> np.ndarray:
        count = min(count, self.size)
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        query = query.astype(np.float32)
        with one_blas_thread():
            if self.basis is not None:
                query = query @ self.basis
            scores = np.concatenate([self.base_scan @ query, self.extra_scan @ query])
        if self.dead:
            scores[np.fromiter(self.dead, np.int64, len(self.dead))] = 0
        return np.argpartition(-scores, count - 1)[:count].astype(np.int64)


class MappedBandTable(BandTable):
    """BandTable over mapped sorted arrays; appended rows wait in its dictionary."""

    def __init__(self, keys: np.ndarray, rows: np.ndarray, size: int) -> None:
        super().__init__()
        self._keys, self._rows = keys.view(np.ndarray), rows.view(np.ndarray)
        self._indexed = size
        self.extra: list[np.ndarray] = []  # band hashes of appended rows, for the next build

    def put(self, start: int, hashes: np.ndarray) -> None:
        self.extra.extend(hashes)
        for row, values in enumerate(hashes.tolist(), start=start):
            if values[0]:
                for value in values:
                    self._pending.setdefault(value, []).append(row)

    def clear(self, row: int) -> None:
        """Removed rows are skipped by the engine; the mapped arrays stay as they are."""

    def extra_bands(self, rows: list[int]) -> np.ndarray:
        return np.asarray([self.extra[i] for i in rows], dtype=HASH).reshape(-1, BANDS)


class MappedCandidates(Candidates):
    def __init__(self, chars: MappedBandTable, sounds: MappedBandTable) -> None:
        self.chars, self.sounds = chars, sounds


def sorted_bands(bands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted (hash, row) search arrays of a table, exactly as BandTable.rebuild makes them."""
    table = BandTable()
    table.bands = bands
    table.rebuild(bands.shape[0])
    return table._keys, table._rows

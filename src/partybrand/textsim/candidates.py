"""Fast candidate generation: MinHash LSH over character and pinyin shingles.

Two tables: one over the characters of the comparison form (1- and 2-grams), one over the
pinyin syllables without tones (1- and 2-grams), so homophones (红帆 / 宏帆: no character bigram
in common, the same syllables) are found as well as shared characters.

Signatures are datasketch MinHashes (64 permutations). The banding is datasketch's too (21 bands
of 3 rows, what its MinHashLSH picks for a threshold of 0.3: a pair with Jaccard similarity 0.3
shares a band with probability ~0.44, 0.5 with ~0.94), but stored compactly: datasketch's
MinHashLSH keeps a Python set per bucket, ~9 KB per entry for the two tables (measured: 189 MB
for 20,000 names), while here each entry costs 21 32-bit band hashes, kept once per row and once
in a sorted numpy array with the row numbers (~0.5 KB for both tables). Candidates are only
candidates: every one is scored in full afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

from partybrand.textsim.features import TextFeatures, shingles

NUM_PERM = 64
BANDS = 21
BAND_ROWS = 3
SEED = 7
HASH = np.uint32  # one band's hash; 0 marks a row with nothing to index
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_BAND_SALT = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0xD6E8FEB86659FD93)


class BandTable:
    """MinHash LSH keyed by row number; rows are the index's rows."""

    def __init__(self) -> None:
        self._proto = MinHash(num_perm=NUM_PERM, seed=SEED)
        self.bands = np.zeros((0, BANDS), dtype=HASH)  # 0 = nothing to index
        self._keys = np.zeros(0, dtype=HASH)  # sorted band hashes of rows < _indexed
        self._rows = np.zeros(0, dtype=np.int32)
        self._indexed = 0
        self._pending: dict[int, list[int]] = {}  # band hash → rows added since the last sort

    def hashes(self, grams: Iterable[str]) -> np.ndarray:
        """The band hashes of one shingle set (zeros for an empty set)."""
        data = [gram.encode("utf-8") for gram in grams]
        if not data:
            return np.zeros(BANDS, dtype=HASH)
        minhash = self._proto.copy()
        minhash.update_batch(data)
        values = np.asarray(minhash.hashvalues[: BANDS * BAND_ROWS], dtype=np.uint64)
        with np.errstate(over="ignore"):
            mixed = (values.reshape(BANDS, BAND_ROWS) * _MIX).sum(axis=1, dtype=np.uint64)
            mixed ^= _BAND_SALT
        folded = ((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32)  # 32 bits are plenty
        folded[folded == 0] = 1
        return folded

    def hashes_many(self, gram_sets: list[set[str]]) -> np.ndarray:
        """The band hashes of many shingle sets at once, row by row the same as `hashes`: a
        set's MinHash is the element-wise minimum of its grams' own MinHashes, so each distinct
        gram of the batch goes through datasketch once (names share most of their characters
        and syllables) instead of a MinHash being copied and filled for every set."""
        out = np.zeros((len(gram_sets), BANDS), dtype=HASH)
        ids: dict[str, int] = {}
        flat: list[int] = []
        starts: list[int] = []
        rows: list[int] = []
        for row, grams in enumerate(gram_sets):
            if not grams:
                continue  # zeros: nothing to index
            rows.append(row)
            starts.append(len(flat))
            flat += [ids.setdefault(gram, len(ids)) for gram in grams]
        if not rows:
            return out
        scratch = self._proto.copy()
        fresh = scratch.hashvalues.copy()
        per_gram = np.empty((len(ids), fresh.shape[0]), dtype=fresh.dtype)
        for gram, index in ids.items():
            scratch.hashvalues = fresh.copy()
            scratch.update_batch([gram.encode("utf-8")])
            per_gram[index] = scratch.hashvalues
        signatures = np.minimum.reduceat(per_gram[np.asarray(flat)], starts, axis=0)
        values = signatures[:, : BANDS * BAND_ROWS].astype(np.uint64)
        with np.errstate(over="ignore"):
            mixed = (values.reshape(-1, BANDS, BAND_ROWS) * _MIX).sum(axis=2, dtype=np.uint64)
            mixed ^= _BAND_SALT
        folded = ((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32)
        folded[folded == 0] = 1
        out[rows] = folded
        return out

    def put(self, start: int, hashes: np.ndarray) -> None:
        """Index rows start, start + 1, ... (new rows at the end) with their band hashes.
        A few rows wait in a dictionary; many are sorted in at once."""
        end = start + hashes.shape[0]
        if end > self.bands.shape[0]:
            grown = np.zeros((max(end, int(self.bands.shape[0] * 1.25) + 16), BANDS), HASH)
            grown[: self.bands.shape[0]] = self.bands
            self.bands = grown
        self.bands[start:end] = hashes
        if end - self._indexed > max(256, self._indexed // 8):
            self.rebuild(end)
            return
        for row, values in enumerate(hashes.tolist(), start=start):
            if values[0]:
                for value in values:
                    self._pending.setdefault(value, []).append(row)

    def query(self, hashes: np.ndarray) -> np.ndarray:
        if not hashes[0]:
            return np.zeros(0, dtype=np.int64)
        found = []
        if self._keys.size:
            left = np.searchsorted(self._keys, hashes, side="left")
            right = np.searchsorted(self._keys, hashes, side="right")
            found += [
                self._rows[a:b] for a, b in zip(left.tolist(), right.tolist(), strict=True) if b > a
            ]
        for value in hashes.tolist():
            rows = self._pending.get(value)
            if rows:
                found.append(np.asarray(rows, dtype=np.int32))
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found)).astype(np.int64)

    def keep(self, rows: list[int]) -> None:
        """Renumber after the index dropped rows: row rows[i] becomes row i."""
        self.bands = self.bands[rows].copy() if rows else np.zeros((0, BANDS), HASH)
        self.rebuild(len(rows))

    def rebuild(self, size: int) -> None:
        """Sort every row's band hashes into the search arrays; nothing stays pending."""
        bands = self.bands[:size]
        flat = bands.ravel()
        rows = np.repeat(np.arange(size, dtype=np.int32), BANDS)
        present = flat != 0
        flat, rows = flat[present], rows[present]
        order = np.argsort(flat, kind="stable")
        self._keys, self._rows = flat[order], rows[order]
        self._indexed, self._pending = size, {}

    def clear(self, row: int) -> None:
        """Forget a row (the engine also skips dropped rows, so stale pending hits are harmless)."""
        if row < self.bands.shape[0]:
            self.bands[row] = 0


class Candidates:
    """Both tables for the names of an index."""

    def __init__(self) -> None:
        self.chars = BandTable()
        self.sounds = BandTable()

    def put(self, start: int, features: list[TextFeatures]) -> None:
        """Index the names of rows start, start + 1, ..."""
        for table, shingled in ((self.chars, char_shingles), (self.sounds, sound_shingles)):
            table.put(start, table.hashes_many([shingled(item) for item in features]))

    def clear(self, row: int) -> None:
        self.chars.clear(row)
        self.sounds.clear(row)

    def keep(self, rows: list[int]) -> None:
        self.chars.keep(rows)
        self.sounds.keep(rows)

    def query(self, features: TextFeatures) -> np.ndarray:
        chars = self.chars.query(self.chars.hashes(char_shingles(features)))
        sounds = self.sounds.query(self.sounds.hashes(sound_shingles(features)))
        return np.union1d(chars, sounds)


def char_shingles(features: TextFeatures) -> set[str]:
    return shingles(features.form)


def sound_shingles(features: TextFeatures) -> set[str]:
    return shingles(features.syllables)

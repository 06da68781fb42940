"""Row-aligned columns of a mapped index: strings packed as UTF-8 bytes + offsets, and flags,
each a read-only base (memory-mapped numpy arrays) followed by a few rows appended in memory.

A string is decoded only when a row is read (the candidates of a query, the matches shown), so
a process holding an index of a million names keeps no Python string of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import numpy as np

from partybrand.textsim.entry import Entry
from partybrand.textsim.scoring import Encoded


def pack(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(bytes, offsets): string i is bytes[offsets[i]:offsets[i + 1]] in UTF-8."""
    encoded = [text.encode("utf-8") for text in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    if encoded:
        np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def take(data: np.ndarray, offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """The packed strings of the given rows, in that order (vectorised: no decoding)."""
    starts, ends = offsets[rows], offsets[rows + 1]
    lengths = ends - starts
    new_offsets = np.zeros(rows.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    index = np.repeat(starts - new_offsets[:-1], lengths) + np.arange(new_offsets[-1])
    return np.asarray(data)[index], new_offsets


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def content_hash(entry: Entry) -> int:
    return stable_hash("\x1f".join((entry.key, entry.name, entry.slogan, entry.owner)))


class PackedColumn:
    """Strings by row: base rows decoded from the packed bytes, then appended rows."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self._data = data.view(np.ndarray)  # a plain view of the mapping: cheaper slices
        self._offsets = offsets.view(np.ndarray)
        self.base_size = offsets.shape[0] - 1
        self.extra: list[str] = []

    def __len__(self) -> int:
        return self.base_size + len(self.extra)

    def __getitem__(self, row: int | np.integer) -> str:
        row = int(row)
        if row >= self.base_size:
            return self.extra[row - self.base_size]
        start, end = self._offsets[row : row + 2].tolist()
        return self._data[start:end].tobytes().decode("utf-8")

    def append(self, text: str) -> None:
        self.extra.append(text)

    def packed(self, rows: np.ndarray, more: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Base rows `rows` then the strings `more`, packed."""
        base_data, base_offsets = take(self._data, self._offsets, rows)
        more_data, more_offsets = pack(more)
        data = np.concatenate([base_data, more_data])
        offsets = np.concatenate([base_offsets, more_offsets[1:] + base_offsets[-1]])
        return data, offsets


class Flags:
    """Booleans by row: a base array, then appended rows."""

    def __init__(self, base: np.ndarray) -> None:
        self._base = base.view(np.ndarray)
        self.extra: list[bool] = []

    def __getitem__(self, row: int | np.integer) -> bool:
        row = int(row)
        size = self._base.shape[0]
        return bool(self._base[row]) if row < size else self.extra[row - size]

    def append(self, value: bool) -> None:
        self.extra.append(value)

    def rows(self, rows: np.ndarray, extra_rows: list[int]) -> np.ndarray:
        return np.concatenate([self._base[rows], np.asarray(self.extra, bool)[extra_rows]])


class MappedColumns:
    """The comparison strings of a mapped index (scoring.Columns' shape, packed)."""

    __slots__ = ("form", "ordered", "sound", "tones")

    def __init__(self, parts: dict[str, PackedColumn]) -> None:
        self.form, self.ordered = parts["form"], parts["ordered"]
        self.sound, self.tones = parts["sound"], parts["tones"]

    def append(self, encoded: Encoded) -> None:
        self.form.append(encoded.form)
        self.ordered.append(encoded.ordered)
        self.sound.append(encoded.sound)
        self.tones.append(encoded.tones)


class MappedEntries:
    """Entries by row; None for a removed row. Removed base rows are a small set per process."""

    def __init__(self, fields: dict[str, PackedColumn], dead: set[int]) -> None:
        self.fields = fields
        self._key, self._name = fields["key"], fields["name"]
        self._slogan, self._owner = fields["slogan"], fields["owner"]
        self.base_size = self._key.base_size
        self.dead = dead  # removed base rows
        self.extra: list[Entry | None] = []

    def __len__(self) -> int:
        return self.base_size + len(self.extra)

    def __getitem__(self, row: int | np.integer) -> Entry | None:
        row = int(row)
        if row >= self.base_size:
            return self.extra[row - self.base_size]
        if row in self.dead:
            return None
        return Entry(self._key[row], self._name[row], self._slogan[row], self._owner[row])

    def __setitem__(self, row: int | np.integer, value: None) -> None:
        if value is not None:
            raise ValueError("rows are only appended or removed")
        row = int(row)
        if row >= self.base_size:
            self.extra[row - self.base_size] = None
        else:
            self.dead.add(row)

    def __iter__(self) -> Iterator[Entry | None]:
        for row in range(len(self)):
            yield self[row]

    def append(self, entry: Entry) -> None:
        self.extra.append(entry)

    def key_at(self, row: int) -> str:
        """The key of a base row, removed or not."""
        return self._key[row]

    def live(self, rows: np.ndarray) -> np.ndarray:
        """Which of these rows still hold an entry."""
        keep = np.ones(rows.size, dtype=bool)
        for position, row in enumerate(rows.tolist()):
            if row >= self.base_size:
                keep[position] = self.extra[row - self.base_size] is not None
            elif row in self.dead:
                keep[position] = False
        return keep

    def extra_live(self) -> list[int]:
        return [i for i, entry in enumerate(self.extra) if entry is not None]


class MappedKeys:
    """key → row: base keys found by their hash in a sorted array, then appended rows."""

    def __init__(
        self, sorted_hashes: np.ndarray, hash_rows: np.ndarray, entries: MappedEntries
    ) -> None:
        self._hashes = sorted_hashes.view(np.ndarray)
        self._hash_rows = hash_rows.view(np.ndarray)
        self._entries = entries
        self._keys = entries._key
        self.extra: dict[str, int] = {}

    def base_rows(self, hashes: np.ndarray) -> np.ndarray:
        """The base row of each key hash, -1 where none (dead rows included)."""
        positions = np.searchsorted(self._hashes, hashes)
        positions = np.minimum(positions, max(self._hashes.size - 1, 0))
        found = self._hashes[positions] == hashes if self._hashes.size else positions < 0
        return np.where(found, self._hash_rows[positions] if self._hashes.size else -1, -1)

    def get(self, key: str, default: int | None = None) -> int | None:
        row = self.extra.get(key)
        if row is not None:
            return row
        rows = self.base_rows(np.asarray([stable_hash(key)], dtype=np.uint64))
        row = int(rows[0])
        if row < 0 or row in self._entries.dead or self._keys[row] != key:
            return default
        return row

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return self._entries.base_size - len(self._entries.dead) + len(self.extra)

    def __setitem__(self, key: str, row: int) -> None:
        self.extra[key] = row

    def pop(self, key: str, default: int | None = None) -> int | None:
        if key in self.extra:
            return self.extra.pop(key)
        return self.get(key, default)  # a base row: the caller marks it removed

    def values(self) -> list[int]:
        dead = self._entries.dead
        base = [row for row in range(self._entries.base_size) if row not in dead]
        return base + list(self.extra.values())

"""A similarity index shared by every process of a node: a generation folder of read-only numpy
arrays opened memory-mapped, plus the few rows each process added or removed since (its delta).

Layout of a generation (one folder, written whole under a temporary name, then renamed):
  meta.json            format, version, scoring weights, encoder, size, pinyin code book, projection
  vectors.npy          sentence vectors, float16 (rows × 512)
  scan.npy, basis.npy  the float32 search copy (projected onto `basis` from 4,096 rows)
  char_keys/rows.npy, sound_keys/rows.npy   LSH: band hashes sorted, with their rows
  char_bands.npy, sound_bands.npy           each row's band hashes (to write the next generation)
  <column>.bytes.npy + <column>.offsets.npy  strings as UTF-8 + offsets: key, name, slogan,
                       owner and the comparison strings of name and slogan
  has_slogan.npy, traditional.npy, content.npy (a hash of each entry), key_hashes/key_rows.npy
A pointer file (a line naming the current folder) is replaced atomically to switch generations;
the processes still mapping an older one keep it until they switch (Linux keeps unlinked files).

The OS page cache holds each file once per node, whatever the number of processes mapping it.
`MappedIndex` is a SimilarityIndex whose parts read the mapped arrays, so queries run the same
code and give the same matches, scores and reasons as the in-memory index of the same rows.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from partybrand.textsim.embedding import Embedder, NgramEmbedder, UseEmbedder
from partybrand.textsim.engine import SEMANTIC_CANDIDATES, SimilarityIndex
from partybrand.textsim.entry import Entry
from partybrand.textsim.features import Syllables, TextFeatures
from partybrand.textsim.mapped_parts import (
    MappedBandTable,
    MappedCandidates,
    MappedVectors,
    sorted_bands,
)
from partybrand.textsim.packed import (
    Flags,
    MappedColumns,
    MappedEntries,
    MappedKeys,
    PackedColumn,
    content_hash,
    pack,
    stable_hash,
)
from partybrand.textsim.store import IndexFormatError, scoring_signature
from partybrand.textsim.vectors import PROJECT_FROM, VectorStore

FORMAT = "partybrand.textsim.mapped"
VERSION = 2  # 2: names compared without affixes (党支部, 工作室 …)
ENTRY_FIELDS = ("key", "name", "slogan", "owner")
TEXT_PARTS = ("form", "ordered", "sound", "tones")
COLUMNS = ENTRY_FIELDS + tuple(
    f"{side}_{part}" for side in ("name", "slogan") for part in TEXT_PARTS
)
KEEP_GENERATIONS = 2
_SYNC_CHUNK = 50_000
BUILD_BATCH = 20_000


@dataclass
class Generation:
    """The opened folder: its arrays and the parts built over them (typed, for this module)."""

    folder: Path
    meta: dict
    arrays: dict[str, np.ndarray]
    entries: MappedEntries
    keys: MappedKeys
    names: MappedColumns
    slogans: MappedColumns
    has_slogan: Flags
    traditional: Flags
    vectors: MappedVectors
    chars: MappedBandTable
    sounds: MappedBandTable

    @classmethod
    def open(cls, folder: Path, meta: dict) -> Generation:
        arrays = {path.stem: np.load(path, mmap_mode="r") for path in folder.glob("*.npy")}
        columns = {
            name: PackedColumn(arrays[f"{name}.bytes"], arrays[f"{name}.offsets"])
            for name in COLUMNS
        }
        entries = MappedEntries({f: columns[f] for f in ENTRY_FIELDS}, set())
        vectors = MappedVectors(arrays["vectors"], arrays["scan"], arrays.get("basis"))
        vectors.dead = entries.dead
        size = entries.base_size
        name, slogan = (
            MappedColumns({part: columns[f"{side}_{part}"] for part in TEXT_PARTS})
            for side in ("name", "slogan")
        )
        return cls(
            folder=folder,
            meta=meta,
            arrays=arrays,
            entries=entries,
            keys=MappedKeys(arrays["key_hashes"], arrays["key_rows"], entries),
            names=name,
            slogans=slogan,
            has_slogan=Flags(arrays["has_slogan"]),
            traditional=Flags(arrays["traditional"]),
            vectors=vectors,
            chars=MappedBandTable(arrays["char_keys"], arrays["char_rows"], size),
            sounds=MappedBandTable(arrays["sound_keys"], arrays["sound_rows"], size),
        )


class MappedIndex(SimilarityIndex):
    """A generation's rows (read-only, shared) plus this process's added and removed rows."""

    generation: Generation

    @classmethod
    def open(
        cls, folder: str | os.PathLike[str], *, embedder: Embedder | None = None
    ) -> MappedIndex:
        folder = Path(folder)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexFormatError(f"{folder} is not a mapped similarity index: {exc}") from exc
        index = cls(embedder=_check(meta, folder, embedder))
        parts = index.generation = Generation.open(folder, meta)
        # the engine's parts, read from the mapped arrays (same interface, other types)
        index._entries = parts.entries  # type: ignore[assignment]
        index._rows = parts.keys  # type: ignore[assignment]
        index._names, index._slogans = parts.names, parts.slogans  # type: ignore[assignment]
        index._has_slogan = parts.has_slogan  # type: ignore[assignment]
        index._traditional = parts.traditional  # type: ignore[assignment]
        index._vectors = parts.vectors  # type: ignore[assignment]
        index._candidates = MappedCandidates(parts.chars, parts.sounds)
        index._book = Syllables(meta["book"])
        return index

    @property
    def folder(self) -> Path:
        return self.generation.folder

    @property
    def base_size(self) -> int:
        return self.generation.entries.base_size

    @property
    def held_changes(self) -> int:
        """Rows this process holds beside the generation: added ones and removed ones."""
        entries = self.generation.entries
        return len(entries.extra) + len(entries.dead)

    def sync(self, wanted: Iterable[Entry]) -> int:
        """Make the index hold exactly these entries (one pass, no string of an unchanged row
        decoded); returns how many were added, changed or removed. New and changed entries are
        encoded in one batch."""
        entries, keys = self.generation.entries, self.generation.keys
        dead, extra_rows = entries.dead, keys.extra
        seen = np.zeros(self.base_size, dtype=bool)
        changed: list[Entry] = []
        wanted_keys: set[str] = set()
        stored = self.generation.arrays["content"].view(np.ndarray)
        for chunk in _chunks(wanted, _SYNC_CHUNK):
            hashes = np.fromiter((stable_hash(e.key) for e in chunk), np.uint64, len(chunk))
            contents = np.fromiter((content_hash(e) for e in chunk), np.uint64, len(chunk))
            rows = keys.base_rows(hashes)
            same = rows >= 0
            same[same] = stored[rows[same]] == contents[same]
            for position in np.flatnonzero(same).tolist():
                if int(rows[position]) in dead or chunk[position].key in extra_rows:
                    same[position] = False
            seen[rows[same]] = True
            for position in np.flatnonzero(~same).tolist():
                entry = chunk[position]
                wanted_keys.add(entry.key)
                if self.get(entry.key) != entry:
                    changed.append(entry)
        gone = [
            key
            for row in np.flatnonzero(~seen).tolist()
            if row not in dead and (key := entries.key_at(row)) not in wanted_keys
        ]
        gone += [key for key in extra_rows if key not in wanted_keys]
        for key in gone:
            self.remove(key)
        self.add_many(changed)
        return len(gone) + len(changed)

    def _candidate_rows(self, query_name: TextFeatures, vector: np.ndarray) -> np.ndarray:
        rows = np.union1d(
            self._candidates.query(query_name), self._vectors.nearest(vector, SEMANTIC_CANDIDATES)
        )
        return rows[self.generation.entries.live(rows)] if rows.size else rows

    def _compact_if_sparse(self) -> None:
        """Removed rows stay masked until the next generation is written."""

    def save(self, path: str | os.PathLike[str]) -> None:
        raise TypeError("a mapped index is written as a new generation: use publish()")


def _check(meta: dict, folder: Path, embedder: Embedder | None) -> Embedder | None:
    if meta.get("format") != FORMAT:
        raise IndexFormatError(f"{folder} is not a mapped similarity index")
    if meta.get("version") != VERSION or tuple(meta.get("scoring", ())) != scoring_signature():
        raise IndexFormatError(f"{folder} was built by another version of the engine: rebuild it")
    if embedder is None:
        if meta["embedder"] == NgramEmbedder.name:
            return NgramEmbedder()
        if meta["embedder"] != UseEmbedder.name:
            raise IndexFormatError(f"{folder} was built with an unknown encoder {meta['embedder']}")
    elif embedder.name != meta["embedder"]:
        raise IndexFormatError(f"{folder} was built with {meta['embedder']}, not {embedder.name}")
    return embedder


def _chunks(items: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# ---------------------------------------------------------------- writing a generation


def build_in_memory(
    entries: Iterable[Entry], *, embedder: Embedder | None = None, batch: int = BUILD_BATCH
) -> SimilarityIndex:
    """An in-memory index of the entries, encoded in batches (a million texts at once would not
    fit the encoder's memory), its projection fitted on every row as one add_many would."""
    index = SimilarityIndex(embedder=embedder)
    for chunk in _chunks(entries, batch):
        index.add_many(chunk)
    store = index._vectors
    if store.size >= PROJECT_FROM and store._fitted_at != store.size:
        store._fit()
    return index


def generation_arrays(index: SimilarityIndex) -> tuple[dict[str, np.ndarray], dict]:
    """Everything a generation holds, from an in-memory index or from a mapped one with its
    delta (the generation then holds its live base rows followed by its live added rows)."""
    if isinstance(index, MappedIndex):
        return _merged_arrays(index)
    index._compact()
    size = len(index._entries)
    entries = [entry for entry in index._entries if entry is not None]  # all: compacted
    strings = {field: [getattr(e, field) for e in entries] for field in ENTRY_FIELDS}
    for side, columns in (("name", index._names), ("slogan", index._slogans)):
        for part in TEXT_PARTS:
            strings[f"{side}_{part}"] = getattr(columns, part)
    store = index._vectors
    arrays: dict[str, np.ndarray] = {
        "vectors": store.vectors[:size],
        "scan": store._scan[:size],
        "char_bands": index._candidates.chars.bands[:size],
        "sound_bands": index._candidates.sounds.bands[:size],
        "has_slogan": np.asarray(index._has_slogan, dtype=bool),
        "traditional": np.asarray(index._traditional, dtype=bool),
        "content": np.fromiter(map(content_hash, entries), np.uint64, size),
    }
    for name, values in strings.items():
        arrays[f"{name}.bytes"], arrays[f"{name}.offsets"] = pack(values)
    return arrays, {"basis": store.basis, "fitted_at": store._fitted_at}


def _merged_arrays(index: MappedIndex) -> tuple[dict[str, np.ndarray], dict]:
    parts = index.generation
    dead = parts.entries.dead
    alive = np.ones(index.base_size, dtype=bool)
    alive[np.fromiter(dead, np.int64, len(dead))] = False
    kept = np.flatnonzero(alive)
    extra = parts.entries.extra_live()
    base = parts.arrays
    arrays: dict[str, np.ndarray] = {}
    added = [entry for i in extra if (entry := parts.entries.extra[i]) is not None]
    for name in ENTRY_FIELDS:
        more = [getattr(entry, name) for entry in added]
        arrays[f"{name}.bytes"], arrays[f"{name}.offsets"] = parts.entries.fields[name].packed(
            kept, more
        )
    for side, columns in (("name", parts.names), ("slogan", parts.slogans)):
        for part in TEXT_PARTS:
            column: PackedColumn = getattr(columns, part)
            more = [column.extra[i] for i in extra]
            arrays[f"{side}_{part}.bytes"], arrays[f"{side}_{part}.offsets"] = column.packed(
                kept, more
            )
    vectors = parts.vectors
    arrays["vectors"] = np.concatenate([vectors.base[kept], vectors.extra[extra]])
    arrays["scan"] = np.concatenate([vectors.base_scan[kept], vectors.extra_scan[extra]])
    for table, name in ((parts.chars, "char"), (parts.sounds, "sound")):
        arrays[f"{name}_bands"] = np.concatenate(
            [base[f"{name}_bands"][kept], table.extra_bands(extra)]
        )
    arrays["has_slogan"] = parts.has_slogan.rows(kept, extra)
    arrays["traditional"] = parts.traditional.rows(kept, extra)
    arrays["content"] = np.concatenate(
        [base["content"][kept], np.fromiter(map(content_hash, added), np.uint64, len(added))]
    )
    # the search arrays of the kept rows stay sorted: renumber them and insert the added rows
    renumber = np.cumsum(alive) - 1
    for name in ("char", "sound"):
        keys, rows = base[f"{name}_keys"], base[f"{name}_rows"]
        keep = alive[rows]
        more_keys, more_rows = sorted_bands(arrays[f"{name}_bands"][kept.size :])
        at = np.searchsorted(keys[keep], more_keys, side="right")
        arrays[f"{name}_keys"] = np.insert(keys[keep], at, more_keys)
        arrays[f"{name}_rows"] = np.insert(
            renumber[rows[keep]].astype(np.int32), at, more_rows + kept.size
        )
    row_hashes = np.empty(index.base_size, dtype=np.uint64)
    row_hashes[base["key_rows"]] = base["key_hashes"]
    added_hashes = np.fromiter((stable_hash(e.key) for e in added), np.uint64, len(added))
    arrays["row_key_hashes"] = np.concatenate([row_hashes[kept], added_hashes])
    basis, fitted_at = vectors.basis, parts.meta["fitted_at"]
    size = arrays["vectors"].shape[0]
    if size >= PROJECT_FROM and (basis is None or size >= 4 * fitted_at):
        # grown fourfold: refit the projection, as the in-memory store does
        store = VectorStore()
        store.vectors, store.size = arrays["vectors"], size
        store._fit()
        arrays["scan"], basis, fitted_at = store._scan[:size], store.basis, store._fitted_at
    return arrays, {"basis": basis, "fitted_at": fitted_at}


def write_generation(index: SimilarityIndex, folder: Path) -> Path:
    """Write the index as a generation folder, atomically (a temporary folder renamed)."""
    arrays, projection = generation_arrays(index)
    size = arrays["vectors"].shape[0]
    for name in ("char", "sound"):
        if f"{name}_keys" not in arrays:
            arrays[f"{name}_keys"], arrays[f"{name}_rows"] = sorted_bands(arrays[f"{name}_bands"])
    hashes = arrays.pop("row_key_hashes", None)
    if hashes is None:
        keys = PackedColumn(arrays["key.bytes"], arrays["key.offsets"])
        hashes = np.fromiter((stable_hash(keys[row]) for row in range(size)), np.uint64, size)
    order = np.argsort(hashes, kind="stable")
    arrays["key_hashes"], arrays["key_rows"] = hashes[order], order.astype(np.int32)
    if projection["basis"] is not None:
        arrays["basis"] = projection["basis"]
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "scoring": list(scoring_signature()),
        "embedder": index.embedder.name,
        "size": size,
        "fitted_at": projection["fitted_at"],
        "book": index._book.table,
        "written": time.time(),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    try:
        for name, array in arrays.items():
            np.save(temporary / f"{name}.npy", np.ascontiguousarray(array))
        (temporary / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        os.rename(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return folder


# ---------------------------------------------------------------- generations behind a pointer


def current_generation(pointer: str | os.PathLike[str]) -> Path | None:
    """The folder the pointer names, or None when there is no pointer."""
    pointer = Path(pointer)
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name or "/" in name or name.startswith("."):
        return None
    return pointer.parent / name


def open_current(
    pointer: str | os.PathLike[str], *, embedder: Embedder | None = None
) -> MappedIndex:
    folder = current_generation(pointer)
    if folder is None:
        raise IndexFormatError(f"{pointer} names no index generation")
    return MappedIndex.open(folder, embedder=embedder)


def publish(index: SimilarityIndex, pointer: str | os.PathLike[str]) -> Path:
    """Write the index as a new generation beside the pointer and switch the pointer to it;
    generations older than the last KEEP_GENERATIONS are deleted."""
    pointer = Path(pointer)
    folder = pointer.parent / f"{pointer.name}.g{time.time_ns()}-{os.getpid()}"
    write_generation(index, folder)
    temporary = pointer.with_name(f".{pointer.name}.tmp-{os.getpid()}")
    temporary.write_text(folder.name + "\n", encoding="utf-8")
    os.replace(temporary, pointer)
    _forget_old(pointer)
    return folder


def _forget_old(pointer: Path) -> None:
    generations = sorted(
        pointer.parent.glob(f"{pointer.name}.g*"), key=lambda path: path.stat().st_mtime_ns
    )
    for old in generations[:-KEEP_GENERATIONS]:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def publishing(pointer: str | os.PathLike[str]) -> Iterator[bool]:
    """A node-wide lock for writing a generation: yields False if another process holds it."""
    pointer = Path(pointer)
    pointer.parent.mkdir(parents=True, exist_ok=True)
    with open(pointer.with_name(f".{pointer.name}.lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

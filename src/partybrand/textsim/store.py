"""Saving and loading a SimilarityIndex: one pickle file with a format version.

Everything computed at build time is stored (comparison strings, pinyin code book, sentence
vectors, the LSH tables), so loading costs no model call. The file is the platform's own
(written by `save`, e.g. under var/): never load one from elsewhere, pickle runs code.
A file of another format version, or built with other scoring weights, is refused with
`IndexFormatError`: rebuild the index.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from partybrand.textsim import scoring
from partybrand.textsim.embedding import NgramEmbedder, UseEmbedder
from partybrand.textsim.entry import Entry
from partybrand.textsim.features import Syllables
from partybrand.textsim.scoring import Columns
from partybrand.textsim.vectors import VectorStore

if TYPE_CHECKING:
    from partybrand.textsim.embedding import Embedder
    from partybrand.textsim.engine import SimilarityIndex

FORMAT = "partybrand.textsim.index"
VERSION = 2  # 2: names compared without affixes (党支部, 工作室 …)


class IndexFormatError(ValueError):
    """The file is not an index this code can use."""


def scoring_signature() -> tuple:
    return (
        scoring.W_SURFACE,
        scoring.W_MEANING,
        scoring.W_SOUND,
        scoring.W_ORDER,
        scoring.TONELESS_SHARE,
        scoring.MEANING_FLOOR,
        scoring.W_NAME,
        scoring.W_SLOGAN,
    )


def save_index(index: SimilarityIndex, path: str | os.PathLike[str]) -> None:
    # called on a compacted index (SimilarityIndex.save): no removed rows, entries() are the rows
    size = len(index._entries)
    state = {
        "format": FORMAT,
        "version": VERSION,
        "scoring": scoring_signature(),
        "embedder": index.embedder.name,
        "entries": [(e.key, e.name, e.slogan, e.owner) for e in index.entries()],
        "names": _columns_state(index._names),
        "slogans": _columns_state(index._slogans),
        "has_slogan": index._has_slogan,
        "traditional": index._traditional,
        "vectors": index._vectors.state(),
        "book": index._book.table,
        "char_bands": index._candidates.chars.bands[:size],
        "sound_bands": index._candidates.sounds.bands[:size],
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_index(
    cls: type[SimilarityIndex],
    path: str | os.PathLike[str],
    *,
    embedder: Embedder | None = None,
) -> SimilarityIndex:

    with open(path, "rb") as handle:
        state = pickle.load(handle)  # noqa: S301 - the platform's own file, see module doc
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise IndexFormatError(f"{path} is not a similarity index file")
    if state.get("version") != VERSION or tuple(state.get("scoring", ())) != scoring_signature():
        raise IndexFormatError(f"{path} was built by another version of the engine: rebuild it")
    if embedder is None:
        if state["embedder"] == NgramEmbedder.name:
            embedder = NgramEmbedder()
        elif state["embedder"] != UseEmbedder.name:
            raise IndexFormatError(f"{path} was built with an unknown encoder {state['embedder']}")
    elif embedder.name != state["embedder"]:
        raise IndexFormatError(f"{path} was built with {state['embedder']}, not {embedder.name}")
    index = cls(embedder=embedder)
    entries = [Entry(*fields) for fields in state["entries"]]
    index._entries = list(entries)
    index._rows = {entry.key: row for row, entry in enumerate(entries)}
    index._names = _columns_from(state["names"])
    index._slogans = _columns_from(state["slogans"])
    index._has_slogan = list(state["has_slogan"])
    index._traditional = list(state["traditional"])
    index._vectors = VectorStore.from_state(state["vectors"])
    index._book = Syllables(state["book"])
    size = len(index._entries)
    for table, bands in (
        (index._candidates.chars, state["char_bands"]),
        (index._candidates.sounds, state["sound_bands"]),
    ):
        table.bands = bands
        table.rebuild(size)
    return index


def _columns_state(columns: Columns) -> tuple[list[str], ...]:
    return (columns.form, columns.ordered, columns.sound, columns.tones)


def _columns_from(state: tuple[list[str], ...]) -> Columns:
    columns = Columns()
    columns.form, columns.ordered, columns.sound, columns.tones = (list(part) for part in state)
    return columns

"""How close two short texts are, as one score in 0..1 with the reasons behind it.

The same vectorised code scores one pair (`similarity`), an index's candidates, and the
exhaustive "brute force" comparison against every entry, so all three agree.

Components of a name (each 0..1):
- literal  Levenshtein similarity of the comparison forms (simplified, no punctuation):
           1 − edits / length of the longer. 红色引擎 / 红色动力 = 0.5.
- sound    the same over pinyin syllables: 2/3 without tones + 1/3 with tones.
           红帆 / 宏帆 = 1.0.
Sound and order are squared before use: only (nearly) complete agreement counts, so names
that share a syllable or a few characters by chance gain nothing over their literal score.
- order    the same over the characters sorted: 凤凰金秋 / 金秋凤凰 = 1.0.
- meaning  cosine of the sentence vectors, counted only above MEANING_FLOOR (0.6, which fewer
           than 1 in 100 pairs of unrelated real brand names reach) and rescaled to 0..1.

surface    = max(literal, 0.9 × sound², 0.9 × order²)
name score = max(0.6 × surface + 0.4 × meaning, surface^1.5).
Sound and order count a little less than the same characters in the same order. The second
term is a floor for names that differ in one character of four (红色引挚 / 红色引擎 = 0.65):
rare characters leave the sentence encoder guessing, and its vote must not sink them below a
name that only shares a theme word (红色动力).
The slogan is compared the same way without meaning (no sentence vector), and only when both
texts have one: score = 0.75 × name + 0.25 × slogan. Otherwise score = name score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from partybrand.textsim.features import Syllables, TextFeatures

W_SURFACE = 0.6
W_MEANING = 0.4
W_SOUND = 0.9
W_ORDER = 0.9
TONELESS_SHARE = 2 / 3
MEANING_FLOOR = 0.6
W_NAME = 0.75
W_SLOGAN = 0.25
SURFACE_ALONE = 1.5  # exponent of the surface-only floor: 0.75 → 0.65, 0.5 → 0.35
MEANING_REASON = 0.75  # cosine from which "语义相近" is given as a reason


@dataclass(frozen=True)
class Encoded:
    """A text's comparison strings: form, sorted words, and pinyin as code strings."""

    form: str
    ordered: str
    sound: str
    tones: str

    @classmethod
    def of(cls, features: TextFeatures, book: Syllables) -> Encoded:
        return cls(
            features.form,
            features.ordered,
            book.encode(features.syllables),
            book.encode(features.tones),
        )


class Columns:
    """The comparison strings of many texts, one list per kind, row-aligned."""

    __slots__ = ("form", "ordered", "sound", "tones")

    def __init__(self) -> None:
        self.form: list[str] = []
        self.ordered: list[str] = []
        self.sound: list[str] = []
        self.tones: list[str] = []

    def append(self, encoded: Encoded) -> None:
        self.form.append(encoded.form)
        self.ordered.append(encoded.ordered)
        self.sound.append(encoded.sound)
        self.tones.append(encoded.tones)

    def set(self, row: int, encoded: Encoded) -> None:
        self.form[row], self.ordered[row] = encoded.form, encoded.ordered
        self.sound[row], self.tones[row] = encoded.sound, encoded.tones


def _ratio(query: str, choices: list[str]) -> np.ndarray:
    if not choices:
        return np.zeros(0, dtype=np.float32)
    matrix = process.cdist(
        [query], choices, scorer=Levenshtein.normalized_similarity, dtype=np.float32, workers=1
    )
    return matrix[0]


def _pick(column: list[str], rows: np.ndarray | None) -> list[str]:
    return column if rows is None else [column[i] for i in rows]


def surface_components(
    query: Encoded, columns: Columns, rows: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """literal, sound (and its toneless and toned halves) and order of `query` against the
    given rows (all rows when None)."""
    toneless = _ratio(query.sound, _pick(columns.sound, rows))
    toned = _ratio(query.tones, _pick(columns.tones, rows))
    return {
        "literal": _ratio(query.form, _pick(columns.form, rows)),
        "toneless": toneless,
        "toned": toned,
        "sound": TONELESS_SHARE * toneless + (1 - TONELESS_SHARE) * toned,
        "order": _ratio(query.ordered, _pick(columns.ordered, rows)),
    }


def surface(parts: dict[str, np.ndarray]) -> np.ndarray:
    sound, order = parts["sound"], parts["order"]
    return np.maximum(
        parts["literal"], np.maximum(W_SOUND * sound * sound, W_ORDER * order * order)
    )


def meaning(cosine: np.ndarray) -> np.ndarray:
    return np.clip((cosine - MEANING_FLOOR) / (1 - MEANING_FLOOR), 0.0, 1.0)


def combine(
    name_parts: dict[str, np.ndarray],
    cosine: np.ndarray,
    slogan_parts: dict[str, np.ndarray] | None = None,
    has_slogan: np.ndarray | None = None,
) -> np.ndarray:
    """The final scores; `has_slogan` marks rows where both sides have a slogan."""
    shape = surface(name_parts)
    # A name that differs in one character of four is close whatever its sentence vector says
    # (rare characters leave the encoder guessing): surface alone, dampened, is a floor.
    name = np.maximum(W_SURFACE * shape + W_MEANING * meaning(cosine), shape**SURFACE_ALONE)
    if slogan_parts is None or has_slogan is None or not has_slogan.any():
        return np.clip(name, 0.0, 1.0)
    with_slogan = W_NAME * name + W_SLOGAN * surface(slogan_parts)
    return np.clip(np.where(has_slogan, with_slogan, name), 0.0, 1.0)

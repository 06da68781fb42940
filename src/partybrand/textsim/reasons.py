"""Why a match matched, in Chinese, from the component scores of `scoring`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partybrand.textsim.normalize import normalize
from partybrand.textsim.scoring import MEANING_REASON, W_ORDER, W_SOUND, surface


@dataclass(frozen=True)
class Side:
    """What the reasons quote of one side: the name and slogan as written."""

    name: str
    slogan: str
    traditional: bool  # the name is written (partly) in traditional characters


def explain(
    query: Side,
    entry: Side,
    name: dict[str, float],
    cosine: float,
    slogan: dict[str, float] | None = None,
) -> tuple[str, ...]:
    """Reasons in Chinese. `name` and `slogan` hold literal, toneless, toned, sound and order;
    `slogan` is None unless both sides have a slogan."""
    found: list[tuple[float, str]] = []
    pair = f"{query.name} / {entry.name}"
    literal = name["literal"]
    if literal >= 1.0:
        if query.traditional or entry.traditional:
            found.append((1.0, "繁简转换后相同"))
        elif normalize(query.name) != normalize(entry.name):
            found.append((1.0, "去掉“党支部”“工作室”等称谓后相同"))
        elif query.name != entry.name:
            found.append((1.0, "去掉标点和空格后相同"))
        else:
            found.append((1.0, "名称相同"))
    elif literal >= 0.5:
        found.append((literal, f"字面相近：{pair}"))
    if literal < 1.0:
        # as in the score: sound and order squared
        sound, order = W_SOUND * name["sound"] ** 2, W_ORDER * name["order"] ** 2
        if name["toneless"] >= 1.0:
            same_tones = "" if name["toned"] >= 1.0 else "（声调不同）"
            found.append((sound, f"读音相同{same_tones}：{pair}"))
        elif sound >= literal + 0.1:
            found.append((sound, f"读音相近：{pair}"))
        if name["order"] >= 1.0:
            found.append((order, "语序调换"))
        elif order >= max(literal, sound) + 0.1:
            found.append((order, "语序调换，用词相近"))
    # what the texts share in writing, sound or order comes first, strongest first; then
    # meaning and the slogan, which only support it
    found.sort(key=lambda item: -item[0])
    reasons = [text for _, text in found]
    if cosine >= MEANING_REASON and literal < 1.0:
        reasons.append(f"语义相近（{cosine:.2f}）")
    if slogan is not None:
        if slogan["literal"] >= 1.0:
            reasons.append("口号相同")
        elif surface({part: np.array(value, np.float32) for part, value in slogan.items()}) >= 0.5:
            reasons.append(f"口号相近：{query.slogan} / {entry.slogan}")
    if not reasons:
        reasons.append(
            f"综合相近（字面 {literal:.2f}、读音 {name['sound']:.2f}、语义 {cosine:.2f}）"
        )
    return tuple(reasons)

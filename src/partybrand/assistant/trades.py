"""The trade taxonomy (trades/*.json, one file a trade) and the trade of an organisation,
inferred from its own 主责主业 text (and, at half weight, its name).

Words are found longest first, so “综合医院” counts once, for 医疗, and its “综合” is not also
read as 机关's “综合”; “发电机” is not “发电” + “电机”. The trade with the highest score wins
when it reaches MIN_SCORE (one strong word or three weak ones); otherwise no trade is named and
the drafts use the organisation's own words only.
"""

import json
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

DIR = Path(__file__).resolve().parent / "trades"
STRONG, WEAK, NAME_FACTOR, NAME_LAST = 3.0, 1.0, 0.3, 1.0
MIN_SCORE = 3.0
OVERSEAS = "overseas"


@dataclass(frozen=True)
class Trade:
    code: str
    name: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    work: tuple[str, ...]
    hazards: tuple[str, ...]
    values: tuple[str, ...]
    serves: tuple[str, ...]
    images: tuple[str, ...]
    titles: tuple[str, ...]
    phrases: tuple[str, ...]
    distinctive: frozenset[str] = frozenset()  # its words no other trade lists
    # words for one part of the trade only (炼化 for a refinery, not for a pipeline station):
    # (word, words one of which the organisation's texts must hold)
    needs: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fits(self, word: str, text: str) -> bool:
        """Whether the word suits an organisation of this trade whose texts are `text`."""
        for needed_for, triggers in self.needs:
            if needed_for == word:
                return any(t in text for t in triggers)
        return True

    def vocabulary(self) -> set[str]:
        """Every word that says “this trade” in a draft (titles are shared by all trades)."""
        lists = ("strong", "work", "hazards", "values", "serves", "images", "phrases")
        return {w for name in lists for w in getattr(self, name)}


@dataclass(frozen=True)
class TradeGuess:
    """The trade read from the texts: `trade` is None when nothing matched clearly."""

    trade: Trade | None
    score: float
    decided_by: tuple[str, ...]  # the words of the winning trade found in the texts
    ranking: tuple[tuple[str, str, float], ...] = ()  # (code, name, score), best first
    corrected: bool = False  # chosen by a person rather than inferred
    runner_up: Trade | None = field(default=None, compare=False)

    def as_json(self) -> dict:
        trade = self.trade
        return {
            "code": trade.code if trade else "",
            "name": trade.name if trade else "",
            "score": round(self.score, 2),
            "decided_by": list(self.decided_by),
            "corrected": self.corrected,
            "ranking": [{"code": c, "name": n, "score": s} for c, n, s in self.ranking[:3]],
            "note": self.note(),
        }

    def note(self) -> str:
        if self.trade is None:
            return "未能从主责主业中认出所属行业，以下草稿只使用本单位自己的词语；可手动指定行业。"
        if self.corrected:
            return f"所属行业已由人工指定为“{self.trade.name}”。"
        words = "、".join(f"“{w}”" for w in self.decided_by[:5])
        text = f"根据主责主业中的{words}，判断所属行业为“{self.trade.name}”；如不准确，可手动指定。"
        if self.trade.code == OVERSEAS:
            text += "境外项目按内外有别的要求起草：名称和口号不使用党的标识和表述。"
        return text


def _trade(data: dict) -> Trade:
    return Trade(
        code=data["code"],
        name=data["name"],
        strong=tuple(data.get("strong", ())),
        weak=tuple(data.get("weak", ())),
        work=tuple(data.get("work", ())),
        hazards=tuple(data.get("hazards", ())),
        values=tuple(data.get("values", ())),
        serves=tuple(data.get("serves", ())),
        images=tuple(data.get("images", ())),
        titles=tuple(data.get("titles", ())),
        phrases=tuple(data.get("phrases", ())),
        needs=tuple((w, tuple(t)) for w, t in data.get("needs", {}).items()),
    )


@cache
def load_trades() -> tuple[Trade, ...]:
    trades = [
        _trade(json.loads(path.read_text(encoding="utf-8"))) for path in sorted(DIR.glob("*.json"))
    ]
    return tuple(replace(t, distinctive=_distinctive(t, trades)) for t in trades)


def _distinctive(trade: Trade, trades: list[Trade]) -> frozenset[str]:
    """Its words that no other trade's word contains or is part of (万家 is in 点亮万家 and
    服务万家: not distinctive; 乌金 is only the coal face's)."""
    others = [w for t in trades if t.code != trade.code for w in t.vocabulary()]
    return frozenset(
        w for w in trade.vocabulary() if not any(w in o or o in w for o in others if len(o) > 1)
    )


def trade_by_code(code: str) -> Trade | None:
    return next((t for t in load_trades() if t.code == code or t.name == code), None)


@cache
def _index() -> dict[str, list[tuple[str, float]]]:
    """word → [(trade code, weight)], for the longest-first scan."""
    found: dict[str, list[tuple[str, float]]] = {}
    for trade in load_trades():
        for words, weight in ((trade.strong, STRONG), (trade.weak, WEAK)):
            for word in words:
                found.setdefault(word, []).append((trade.code, weight))
    return found


def identifying_words(text: str) -> list[str]:
    """The identifying words of every trade in the text, longest first, without overlaps."""
    index = _index()
    sizes = sorted({len(w) for w in index}, reverse=True)
    found, i = [], 0
    text = text or ""
    while i < len(text):
        for size in sizes:
            if text[i : i + size] in index:
                found.append(text[i : i + size])
                i += size
                break
        else:
            i += 1
    return found


def infer_trade(business: str, name: str = "") -> TradeGuess:
    """The trade of an organisation from its 主责主业 (and name, at half weight)."""
    index = _index()
    scores: dict[str, float] = {}
    hits: dict[str, list[str]] = {}
    # In a name the last trade word is the unit itself (某煤矿集团总医院: a hospital); the
    # words before it name the group it belongs to.
    in_name = list(dict.fromkeys(identifying_words(name)))
    found = [(w, 1.0) for w in dict.fromkeys(identifying_words(business))]
    found += [
        (w, NAME_LAST if n == len(in_name) - 1 else NAME_FACTOR) for n, w in enumerate(in_name)
    ]
    for word, factor in found:
        for code, weight in index[word]:
            scores[code] = scores.get(code, 0.0) + weight * factor
            if word not in hits.setdefault(code, []):
                hits[code].append(word)
    by_code = {t.code: t for t in load_trades()}
    ranking = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranking or ranking[0][1] < MIN_SCORE:
        listed = tuple((c, by_code[c].name, round(s, 2)) for c, s in ranking)
        return TradeGuess(None, ranking[0][1] if ranking else 0.0, (), listed)
    best = ranking[0][0]
    overseas = scores.get(OVERSEAS, 0.0)
    if overseas >= MIN_SCORE and best != OVERSEAS:
        # Work abroad follows 内外有别 whatever the work is: 海外项目 leads, the work follows.
        ranking = [(OVERSEAS, overseas)] + [(c, s) for c, s in ranking if c != OVERSEAS]
        best = OVERSEAS
    listed = tuple((c, by_code[c].name, round(s, 2)) for c, s in ranking)
    runner = by_code[ranking[1][0]] if len(ranking) > 1 and ranking[1][1] >= MIN_SCORE else None
    return TradeGuess(by_code[best], scores[best], tuple(hits[best]), listed, runner_up=runner)


def chosen_trade(code: str) -> TradeGuess:
    """A trade a person chose: it overrides the inference."""
    trade = trade_by_code(code)
    if trade is None:
        raise ValueError(f"未知的行业：{code}")
    return TradeGuess(trade, 0.0, (), (), corrected=True)

"""Drafts built from the organisation's own material and the words of its trade.

Every word of a draft is a `Part` that knows where it came from (主责主业, 企业文化, 调研关键词,
the trade lexicon, the Party lexicon), so the draft can say so (`sources`) and its meaning can
explain each word truthfully. A seeded random choice among the fitting candidates makes every
request give new drafts; the same seed gives the same drafts. With no trade recognised, only the
organisation's own words and general Party titles are used. Overseas work (海外项目) follows
内外有别: no Party flag wording in names and slogans that local people will read.
"""

import random
from collections import Counter
from dataclasses import dataclass

from partybrand.assistant.drafts import OrgContext
from partybrand.assistant.lexicons import Lexicons, forbidden_hits
from partybrand.assistant.offline.material import (
    BUSINESS,
    CULTURE,
    HONOURS,
    KEYWORDS,
    KPIS,
    REGION,
    Material,
    own_phrases,
    own_words,
)
from partybrand.assistant.offline.profile import build_profile
from partybrand.assistant.offline.trade_meaning import explain
from partybrand.assistant.offline.trade_parts import PARTY, Part, TradeDraft
from partybrand.assistant.trades import Trade, TradeGuess, chosen_trade, infer_trade

OVERSEAS = "overseas"
# Set phrases so many brands use that they make a draft 千篇一律.
CLICHES = frozenset({"党建引领", "党建领航", "党旗飘扬", "先锋领航"})
# Not in local-facing text abroad (内外有别).
PARTY_MARKS = ("党", "旗", "红色", "红心", "共产", "支部", "初心", "堡垒", "铸魂")
GENERAL_TITLES = ("先锋", "尖兵", "标兵")
# The organisation's own word in a four-character slogan half: 深耕综采, 综采有我.
TEMPLATES = ("深耕{}", "精于{}", "{}争先", "{}有我", "守好{}")
NAME, QUALITY = "组织名称", "通用品质"
RECORDS = (BUSINESS, HONOURS, KPIS)  # texts of record: only their trade words open a name
# Slogan halves any unit may use; only when no trade is recognised.
GENERAL_HALVES = (
    "爱岗敬业",
    "奋勇争先",
    "争创一流",
    "勇毅前行",
    "岗位建功",
    "比学赶超",
    "务实创新",
)
SERVING = ("心系{}", "服务{}", "温暖{}", "守护{}")  # the people the trade serves: 心系旅客
HALF_LIMIT = 2  # how often one slogan half may appear in one answer
SHARED = 0.3  # weight of a trade word other trades use too
TURNS = ("四字短语", "四字熟语", "并列对仗", "四字短语", "“1+N”工作法", "四字短语", "四字熟语")


@dataclass
class DraftSet:
    guess: TradeGuess
    seed: int
    drafts: list[TradeDraft]

    @property
    def overseas(self) -> bool:
        return self.guess.trade is not None and self.guess.trade.code == OVERSEAS


def new_seed() -> int:
    """A fresh seed for a request that gave none: asking again gives new drafts."""
    return random.SystemRandom().randrange(1, 2**31)


def trade_source(trade: Trade) -> str:
    return f"行业词库（{trade.name}）"


def guess_for(material: Material, trade: str = "") -> TradeGuess:
    return chosen_trade(trade) if trade else infer_trade(material.business, material.name)


def draft_set(
    material: Material,
    lex: Lexicons,
    *,
    count: int = 10,
    seed: int | None = None,
    trade: str = "",
) -> DraftSet:
    """`count` drafts for the organisation; `trade` (a code or name) overrides the inference."""
    guess = guess_for(material, trade)
    if seed is None:
        seed = new_seed()
    rng = random.Random(seed)
    builder = _Builder(guess, material, lex, rng)
    found = DraftSet(guess, seed, builder.drafts(count))
    for draft in found.drafts:
        draft.meaning = explain(draft, guess.trade, lex, overseas=found.overseas)
    return found


class _Builder:
    def __init__(self, guess: TradeGuess, material: Material, lex: Lexicons, rng) -> None:
        self.trade, self.rng = guess.trade, rng
        self.text = " ".join([material.name, *(t for t, _ in material.texts())])
        self.overseas = self.trade is not None and self.trade.code == OVERSEAS
        # Abroad, the work itself (a power station, a road) still speaks through its trade.
        self.trades = [t for t in (self.trade, self.overseas and guess.runner_up) if t]
        self.qualities = [t.text for g in lex.culture if g.name == "品质" for t in g.sized(2)]
        self.culture = self._culture(material, lex)
        # the trade's own words (for work abroad, those of 海外项目 itself)
        self.distinctive = self.trades[0].distinctive if self.trades else frozenset()
        self.fronts = self._fronts(material)
        self.titles = self._titles()
        self.phrases = self._phrases(material)
        self.openers = self._openers(lex)

    # ------------------------------------------------------------ the word pools

    def _culture(self, material: Material, lex: Lexicons) -> list[Part]:
        """Regional and enterprise-culture words of the culture lexicon that fit the
        organisation's region, culture notes and keywords (草原, 北疆, 敢为人先 …)."""
        ctx = OrgContext(
            org_name=material.name,
            region=material.region,
            culture=material.culture,
            keywords=material.keywords,
        )
        found = []
        for group, _ in build_profile(ctx, lex).culture:
            if group.name == "品质":
                continue
            source = REGION if group.name.startswith("地域") else CULTURE
            found += [
                Part(t.text, source, "文化", 1.8) for t in group.terms if len(t.text) in (2, 4)
            ]
        return found

    def _fronts(self, material: Material) -> list[Part]:
        """Two-character words that open a name: own words, then the trade's images and work."""
        trade = self.trade
        vocabulary = set().union(*(t.vocabulary() | set(t.strong + t.weak) for t in self.trades))
        found: dict[str, Part] = {}
        for word in own_words(material):
            if word.source in RECORDS and self.trades and word.text not in vocabulary:
                continue  # a trade is known: only its words of the 主责主业 open a name
            weight = {KEYWORDS: 3.0, CULTURE: 2.0}.get(word.source, 1.0)
            if word.text in vocabulary:
                weight += 1.5
                if word.source == BUSINESS and word.text not in self.distinctive:
                    weight *= SHARED
            found[word.text] = Part(word.text, word.source, "本单位用语", weight)
        distinctive = self.distinctive
        for trade in self.trades:
            for kind, words, weight in (("意象", trade.images, 2.0), ("工作", trade.work, 1.2)):
                for text in words:
                    if len(text) == 2 and text not in found and trade.fits(text, self.text):
                        # 检修, 服务 name many trades' teams: such names would be shared
                        weight_ = weight if text in distinctive else weight * SHARED
                        found[text] = Part(text, trade_source(trade), kind, weight_)
        for part in self.culture:
            if len(part.text) == 2 and part.text not in found:
                found[part.text] = part
        if not self.trades:  # nothing says which trade: the unit's name, then general qualities
            for word in own_words(Material(business=material.name)):
                found.setdefault(word.text, Part(word.text, NAME, "本单位用语", 1.0))
            for term in self.qualities:
                found.setdefault(term, Part(term, QUALITY, "文化", 0.5))
        titles = set(self._titles_text())
        return [p for p in found.values() if p.text not in titles and self._allowed(p.text)]

    def _titles_text(self) -> tuple[str, ...]:
        return (self.trade.titles if self.trade else ()) or GENERAL_TITLES

    def _titles(self) -> list[Part]:
        return [Part(t, PARTY, "称号") for t in self._titles_text() if len(t) == 2]

    def _phrases(self, material: Material) -> list[Part]:
        """Four-character phrases: the organisation's own, its trade's, and its words in a
        template (深耕综采)."""
        found = [Part(w.text, w.source, "本单位用语", 3.0) for w in own_phrases(material)]
        found += [p for p in self.culture if len(p.text) == 4]
        for trade in self.trades:
            source = trade_source(trade)
            fits = [
                w
                for w in (*trade.phrases, *trade.values)
                if len(w) == 4 and trade.fits(w, self.text)
            ]
            found += [Part(p, source, "短语", 2.0) for p in trade.phrases if p in fits]
            found += [Part(v, source, "价值", 1.5) for v in trade.values if v in fits]
            serves = [s for s in trade.serves if len(s) == 2 and trade.fits(s, self.text)]
            for served in serves:
                text = self.rng.choice(SERVING).format(served)
                found.append(Part(text, source, "服务对象", 1.2, served))
        work = {w for t in self.trades for w in (*t.work, *t.images)}
        for front in self.fronts:
            if front.kind == "本单位用语" and (
                not self.trades or front.source == KEYWORDS or front.text in work
            ):
                for template in self.rng.sample(TEMPLATES, 2):
                    text = template.format(front.text)
                    found.append(
                        Part(text, front.source, "本单位用语", front.weight / 2, front.text)
                    )
        if not self.trades:
            found += [Part(h, QUALITY, "文化", 0.5) for h in GENERAL_HALVES]
        unique = {p.text: p for p in reversed(found)}
        return [p for p in unique.values() if self._allowed(p.text)]

    def _openers(self, lex: Lexicons) -> list[Part]:
        """First halves of slogans with Party character; abroad, the trade's own phrases."""
        if self.overseas:
            return [p for p in self.phrases if p.source != PARTY]
        terms = lex.political["四字"].terms
        return [Part(t.text, PARTY, "政治", 1.5) for t in terms if t.text not in CLICHES]

    def _allowed(self, text: str) -> bool:
        if forbidden_hits(text):
            return False
        return not (self.overseas and any(mark in text for mark in PARTY_MARKS))

    # ------------------------------------------------------------ names

    def _ranked(self, items: list, weight) -> list:
        """Weighted random order (Efraimidis–Spirakis): heavier items tend to come first."""
        keyed = [(self.rng.random() ** (1.0 / max(weight(i), 0.1)), n) for n, i in enumerate(items)]
        return [items[n] for _, n in sorted(keyed, reverse=True)]

    def _names(self) -> dict[str, list[list[Part]]]:
        fours = [[f, t] for f in self.fronts for t in self.titles if not set(f.text) & set(t.text)]
        fours = self._ranked(fours, lambda parts: parts[0].weight)
        phrases = self._ranked(
            # general qualities (务实创新) suit a slogan, not a name
            [[p] for p in self.phrases if p.kind != "价值" and not p.base and p.source != QUALITY],
            lambda parts: parts[0].weight * (1 if parts[0].text in self.distinctive else SHARED),
        )
        pairs = [
            a + b
            for a, b in zip(fours[::2], phrases, strict=False)
            if not set(a[0].text) & set(b[0].text)
        ]
        formulas = [four + [Part("工作法", PARTY, "形式")] for four in fours[1::2]]
        return {
            "四字短语": fours,
            "四字熟语": phrases,
            "并列对仗": pairs,
            "“1+N”工作法": formulas,
        }

    def drafts(self, count: int) -> list[TradeDraft]:
        """Up to `count` drafts; when the words run short, slogan halves may repeat a little
        more often and an opening word may take a second title, rather than leave the list
        short."""
        self.used: set[str] = set()
        self.halves: Counter[str] = Counter()
        chosen: list[TradeDraft] = []
        for relaxed in (False, True):
            self.half_limit = HALF_LIMIT + 2 if relaxed else HALF_LIMIT
            self._fill(chosen, count, relaxed)
            if len(chosen) >= count:
                break
        return chosen

    def _fill(self, chosen: list[TradeDraft], count: int, relaxed: bool) -> None:
        pools = {k: iter(v) for k, v in self._names().items()}
        used = self.used
        turn, exhausted = 0, set[str]()
        while len(chosen) < count and len(exhausted) < len(pools):
            pattern = TURNS[turn % len(TURNS)]
            turn += 1
            if pattern in exhausted:
                continue
            taken = set(self.halves) if relaxed else used | set(self.halves)
            parts = next((p for p in pools[pattern] if not self._claims(p) & taken), None)
            if parts is None:
                exhausted.add(pattern)
                continue
            draft = self._draft(pattern, parts, used)
            if draft is not None and draft.name not in {d.name for d in chosen}:
                used |= self._claims(parts)
                chosen.append(draft)

    @staticmethod
    def _claims(parts: list[Part]) -> set[str]:
        """A name's opening word and phrases are used once an answer; titles may repeat."""
        return {p.text for p in parts if p.kind not in ("称号", "形式")}

    def _draft(self, pattern: str, parts: list[Part], used: set[str]) -> TradeDraft | None:
        if pattern == "“1+N”工作法":
            measures = self._measures(parts, used)
            if len(measures) < 3:
                return None
            core = "".join(p.text for p in parts[:2])
            name = f"“1+{len(measures)}”{core}工作法"
            self.halves.update(m.text for m in measures)
            slogan = " ".join(m.text for m in measures)
            return TradeDraft(name, slogan, pattern, parts + measures)
        name = "".join(p.text for p in parts[:2]) if pattern != "并列对仗" else ""
        if pattern == "并列对仗":
            # a second half repeating the first's words (检修先锋·动车先锋) reads as padding
            if set(parts[2].text) & set(parts[0].text + parts[1].text):
                return None
            name = f"{parts[0].text}{parts[1].text}·{parts[2].text}"
        elif pattern == "四字熟语":
            name = parts[0].text
        halves = self._slogan(parts, used)
        if not halves:
            return None
        self.halves.update(h.text for h in halves)
        slogan = " ".join(h.text for h in halves)
        return TradeDraft(name, slogan, pattern, parts + halves)

    def _measures(self, parts: list[Part], used: set[str]) -> list[Part]:
        name_chars = {c for p in parts for c in p.text}
        pool = [
            p
            for p in self.phrases
            if p.text not in used and not self.halves[p.text] and not set(p.text) & name_chars
        ]
        chosen: list[Part] = []
        for part in self._ranked(pool, lambda p: p.weight):
            if all(not set(part.text) & set(c.text) for c in chosen):
                chosen.append(part)
            if len(chosen) == 3:
                break
        return chosen

    def _slogan(self, parts: list[Part], used: set[str]) -> list[Part]:
        """Two four-character halves: a Party (or, abroad, trade) opener, then a phrase of the
        trade or the organisation; neither repeats the name."""
        in_name = {p.text for p in parts}
        name_chars = {c for p in parts if p.kind != "称号" for c in p.text}

        def fits(part: Part) -> bool:
            return (
                part.text not in used
                and part.text not in in_name
                and self.halves[part.text] < self.half_limit
            )

        seconds = [p for p in self.phrases if fits(p) and not set(p.text) & name_chars]
        seconds = self._ranked(seconds, lambda p: p.weight)
        openers = self._ranked([p for p in self.openers if fits(p)], lambda p: p.weight)
        if self.rng.random() < 0.3:
            openers = seconds[1:] + openers
        for second in seconds:
            for first in openers:
                if first.text != second.text and not set(first.text) & set(second.text):
                    return [first, second]
        return []

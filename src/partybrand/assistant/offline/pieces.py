"""The building blocks of candidates: two-word names, set phrases and slogan halves, scored
for how well they fit the organisation's profile."""

from dataclasses import dataclass

from partybrand.assistant.lexicons import Group, Lexicons, Term
from partybrand.assistant.offline.profile import Profile
from partybrand.assistant.offline.tones import alternates, tone_marks
from partybrand.textsim.normalize import normalize

POLITICAL, CULTURAL, INTEGRATED = "政治味", "文化味", "融合味"


@dataclass(frozen=True)
class Piece:
    """A name, phrase or slogan half with the words it is made of and why it scored."""

    text: str
    words: tuple[str, ...]
    score: float
    flavours: tuple[str, ...]
    note: str
    core: str = ""  # the name a “1+N” formula is built on


@dataclass
class Pools:
    combos: list[Piece]  # 红心护网, 银线先锋: a lexicon word with a listed partner
    phrases: list[Piece]  # 守护光明, 追风逐日: set phrases of the business and culture
    quoted: list[Piece]  # 一值一家: the enterprise's own words, for slogans and pairs
    measures: list[Piece]  # business phrases that name an action, for “1+N” formulas
    slogan_only: set[str]  # phrases fit for slogans and pairs but too general for a name
    political4: list[Piece]
    political5: list[Piece]
    business5: list[Piece]


class Flavours:
    """Which of 政治味 / 文化味 / 融合味 a word brings, from the lexicon it belongs to."""

    def __init__(self, lex: Lexicons, profile: Profile) -> None:
        self.political = set(lex.political_terms())
        self.cultural = {t.text for g in lex.culture for t in g.terms}
        self.cultural |= {t.text for t in profile.quoted}
        self.business = {t.text: g.name for g in lex.business for t in g.terms}

    def of(self, word: str) -> str:
        if word in self.political:
            return POLITICAL
        if word in self.cultural:
            return CULTURAL
        return INTEGRATED if word in self.business else ""

    def describe(self, word: str) -> str:
        flavour = self.of(word)
        if flavour == INTEGRATED:
            return f"融合味“{word}”（{self.business[word]}）"
        return f"{flavour}“{word}”" if flavour else f"“{word}”"


def _scaled(groups: list[tuple[Group, float]], factor: float) -> list[tuple[Group, float]]:
    top = max((w for _, w in groups), default=1.0) or 1.0
    return [(g, factor * w / top) for g, w in groups]


def _avoid_penalty(text: str, words: tuple[str, ...], profile: Profile) -> float | None:
    """None when the text is an existing brand; a penalty when it shares a word with one."""
    folded = normalize(text)
    if any(normalize(name) == folded for name in profile.avoid):
        return None
    shared = {w for w in words for name in profile.avoid if w in name}
    return 0.5 * len(shared)


def build_pools(profile: Profile, lex: Lexicons) -> Pools:
    flavours = Flavours(lex, profile)
    glossary = lex.glossary
    business, culture = _scaled(profile.business, 1.0), _scaled(profile.culture, 0.8)
    groups = business + culture
    found: dict[str, Piece] = {}

    def add(target: dict, text: str, words, base: float, note: str, kind: str = "") -> None:
        penalty = _avoid_penalty(text, words, profile)
        if penalty is None:
            return
        kinds = tuple(dict.fromkeys(f for f in (kind, *map(flavours.of, words)) if f))
        score = base + 0.4 * len(kinds) - penalty
        score += sum(profile.weight_of(w) for w in words) * 0.6
        if len(text) == 4:
            score += 0.4 if alternates(text) else -0.3 if len(set(tone_marks(text))) == 1 else 0
        if text not in target or target[text].score < score:
            target[text] = Piece(text, words, round(score, 3), kinds, note)

    for group, weight in groups:
        for term in group.sized(2):
            for word, before in [(w, True) for w in term.before] + [(w, False) for w in term.after]:
                pair = (word, term.text) if before else (term.text, word)
                text = "".join(pair)
                if word not in glossary or len(set(text)) < 4:
                    continue
                note = "＋".join(flavours.describe(w) for w in pair)
                add(found, text, pair, weight, note)

    phrases: dict[str, Piece] = {}
    fives: dict[str, Piece] = {}
    quoted: dict[str, Piece] = {}
    actions: set[str] = set()
    slogan_only: set[str] = set()
    for kind, group, weight in [(INTEGRATED, *g) for g in business] + [
        (CULTURAL, *g) for g in culture
    ]:
        label = group.name.replace(":", "·")
        for term in group.sized(4):
            if kind == INTEGRATED and "意象" not in term.tags:
                actions.add(term.text)
            if "口号" in term.tags:
                slogan_only.add(term.text)
            bonus = 0.2 if kind == INTEGRATED else -0.3  # culture phrases suit slogans more
            add(phrases, term.text, _halves(term), weight + bonus, f"{label}常用语", kind)
        for term in group.sized(5):
            add(fives, term.text, _halves(term), weight, f"{label}口号", kind)
    for term in profile.quoted:
        add(quoted, term.text, _halves(term), 1.0, "本单位企业文化用语", CULTURAL)

    def political(size: int) -> list[Piece]:
        return [
            Piece(t.text, _halves(t), 2.0 - i * 0.05, (POLITICAL,), "党建常用语")
            for i, t in enumerate(lex.political["四字" if size == 4 else "五字"].terms)
        ]

    return Pools(
        combos=_ranked(found),
        phrases=_ranked(phrases),
        quoted=_ranked(quoted),
        measures=[p for p in _ranked(phrases) if p.text in actions],
        slogan_only=slogan_only,
        political4=political(4),
        political5=political(5),
        business5=_ranked(fives),
    )


def _halves(term: Term) -> tuple[str, ...]:
    text = term.text
    return (text[:2], text[-2:])


def _ranked(pieces: dict[str, Piece]) -> list[Piece]:
    return sorted(pieces.values(), key=lambda p: (-p.score, p.text))

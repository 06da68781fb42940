"""Candidates from the pools, in the forms users know: 四字短语, 并列对仗 (X·Y), “1+N”工作法,
each with a slogan of 8–16 characters in parallel halves. Same input, same output."""

from collections import Counter
from dataclasses import replace
from itertools import product

from partybrand.assistant.drafts import CandidateDraft, OrgContext
from partybrand.assistant.lexicons import Lexicons
from partybrand.assistant.offline.pieces import CULTURAL, POLITICAL, Piece, Pools, build_pools
from partybrand.assistant.offline.profile import build_profile
from partybrand.assistant.offline.tones import alternates, halves_close_well, tone_marks

SOURCE = "offline"
VERSION = "offline.v1"
# How often one word may appear across the names of one answer; a whole phrase only once.
WORD_LIMIT = {2: 2, 4: 1}
CULTURE_TURN = "四字短语·文化"
# The order patterns take turns in, so that a short list already shows every form.
TURNS = [
    "四字短语",
    "并列对仗",
    CULTURE_TURN,
    "四字熟语",
    "“1+N”工作法",
    "四字短语",
    "并列对仗",
    "四字短语",
    "四字熟语",
    CULTURE_TURN,
]


def generate(ctx: OrgContext, count: int, lex: Lexicons) -> list[CandidateDraft]:
    profile = build_profile(ctx, lex)
    pools = build_pools(profile, lex)
    usage: Counter[str] = Counter()
    sources = {
        "四字短语": iter(pools.combos),
        CULTURE_TURN: iter([p for p in pools.combos if CULTURAL in p.flavours]),
        "四字熟语": iter([p for p in pools.phrases if p.text not in pools.slogan_only]),
        "并列对仗": iter(_pairs(pools)),
        "“1+N”工作法": iter(_formulas(pools)),
    }
    names: list[tuple[str, Piece]] = []
    exhausted: set[str] = set()
    taken: set[str] = set()  # names, halves of pairs and cores of formulas already proposed
    turn = 0
    while len(names) < count and len(exhausted) < len(sources):
        pattern = TURNS[turn % len(TURNS)]
        turn += 1
        if pattern in exhausted:
            continue
        piece = _next_fitting(sources[pattern], usage, taken)
        if piece is None:
            exhausted.add(pattern)
            continue
        usage.update({*piece.words, *piece.text.split("·")})
        taken |= _claims(piece)
        names.append((pattern.removesuffix("·文化"), piece))
    slogans = _slogans(pools)
    used_slogans: set[str] = set()
    drafts = []
    for pattern, piece in names:
        slogan = (
            piece.note if pattern == "“1+N”工作法" else _slogan_for(piece, slogans, used_slogans)
        )
        drafts.append(
            CandidateDraft(
                name=piece.text,
                slogan=slogan,
                pattern=pattern,
                rationale=_rationale(pattern, piece),
                source=SOURCE,
                prompt_version=VERSION,
            )
        )
    return drafts


def _next_fitting(pieces, usage: Counter, taken: set[str]) -> Piece | None:
    for piece in pieces:
        if _claims(piece) & taken:
            continue
        words = {*piece.words, *piece.text.split("·")}
        if piece.core or all(usage[w] < WORD_LIMIT.get(len(w), 1) for w in words):
            return piece
    return None


def _claims(piece: Piece) -> set[str]:
    """The texts a name takes for itself: the name, each half of a pair, a formula's core."""
    return {piece.text, *piece.text.split("·"), piece.core} - {""}


def _pairs(pools: Pools) -> list[Piece]:
    """红色引擎·绿色发展: a name with Party character, then a business or culture phrase."""
    # Set political phrases (党建引领) are generic: they open a pair only when little else fits.
    generic = [replace(p, score=p.score - 1.0) for p in pools.political4[:4]]
    firsts = [p for p in pools.combos if POLITICAL in p.flavours][:8] + generic
    seconds = _non_political(pools.phrases)[:6] + pools.quoted[:2]
    pairs = []
    for first, second in product(firsts, seconds):
        if set(first.text) & set(second.text):
            continue  # 红心护网·护网保电 repeats itself
        flavours = tuple(dict.fromkeys(first.flavours + second.flavours))
        score = (
            first.score + second.score + (0.3 if halves_close_well(first.text, second.text) else 0)
        )
        text = f"{first.text}·{second.text}"
        pairs.append(Piece(text, first.words + second.words, score, flavours, "前半政治味，后半"))
    return sorted(pairs, key=lambda p: (-p.score, p.text))


def _formulas(pools: Pools) -> list[Piece]:
    """“1+3”红心护网工作法: one core (Party leadership) and N measures from the business."""
    measures = pools.measures
    cores = [p for p in pools.combos if POLITICAL in p.flavours][:8]
    found = []
    for start, core in enumerate(cores):
        chosen = _distinct(measures[start : start + 6] + measures, 3)
        if len(chosen) < 3:
            break
        text = f"“1+{len(chosen)}”{core.text}工作法"
        slogan = " ".join(p.text for p in chosen)
        found.append(Piece(text, (), core.score, core.flavours, slogan, core=core.text))
    return found


def _non_political(pieces: list[Piece]) -> list[Piece]:
    return [p for p in pieces if POLITICAL not in p.flavours]


def _distinct(pieces: list[Piece], n: int) -> list[Piece]:
    chosen: list[Piece] = []
    for piece in pieces:
        if all(not set(piece.text) & set(c.text) for c in chosen):
            chosen.append(piece)
        if len(chosen) == n:
            break
    return chosen


def _slogans(pools: Pools) -> list[Piece]:
    """Parallel halves: 4+4 (党建引领 守护光明), 5+5 (党建聚合力 检修保安全) and 4+4+4."""
    found = []
    seconds4 = _non_political(pools.phrases)[:8] + pools.quoted[:3]
    for first, second in product(pools.political4, seconds4):
        found.append(_slogan(first, second))
    for first, second in product(pools.political5, pools.business5[:6]):
        found.append(_slogan(first, second))
    for first, second in product(seconds4[:6], seconds4[:6]):
        if first.text < second.text and not set(first.text) & set(second.text):
            found.append(_slogan(first, second, bonus=-1.0))
    return sorted(found, key=lambda p: (-p.score, p.text))


def _slogan(first: Piece, second: Piece, bonus: float = 0.0) -> Piece:
    score = first.score + second.score + bonus
    if halves_close_well(first.text, second.text):
        score += 0.5
    return Piece(f"{first.text} {second.text}", first.words + second.words, score, (), "")


def _slogan_for(name: Piece, slogans: list[Piece], used: set[str]) -> str:
    """The best unused slogan that echoes a word of the name without repeating the name."""
    halves_used = Counter(h for s in used for h in s.split())
    best, best_score = None, float("-inf")
    for slogan in slogans:
        if slogan.text in used or any(halves_used[h] >= 2 for h in slogan.text.split()):
            continue
        if any(part in slogan.text.replace(" ", "") for part in _claims(name)):
            continue
        echo = len(set(name.words) & set(slogan.words))
        score = slogan.score + (1.2 if echo else 0)
        if score > best_score:
            best, best_score = slogan, score
    if best is None:
        return ""
    used.add(best.text)
    return best.text


def _rationale(pattern: str, piece: Piece) -> str:
    flavours = "、".join(piece.flavours) or "—"
    if pattern == "“1+N”工作法":
        n = len(piece.note.split())
        return f"“1”即坚持党建引领这一核心，“{n}”即{'、'.join(piece.note.split())}{n}项举措"
    if pattern == "并列对仗":
        return f"前后两个四字短语并列对仗，兼顾{flavours}"
    marks = tone_marks(piece.text)
    rhythm = "节奏抑扬" if alternates(piece.text) else "二、四字同调"
    if pattern == "四字短语":
        return f"{piece.note}；平仄“{marks}”，{rhythm}"
    return f"{piece.note}，体现{flavours}；平仄“{marks}”，{rhythm}"

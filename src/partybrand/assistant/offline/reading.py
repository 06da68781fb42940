"""Reading a name or slogan against the lexicons: which known words it is made of and which
of 政治味 / 文化味 / 融合味 they bring."""

import re

from partybrand.assistant.drafts import OrgContext
from partybrand.assistant.lexicons import Lexicons
from partybrand.assistant.offline.profile import build_profile
from partybrand.assistant.trades import Trade, infer_trade, trade_by_code
from partybrand.textsim.segment import words

FORMULA = re.compile(r"^[“\"「]?1\s*[+＋]\s*(?P<n>\d+)[”\"」]?(?P<core>.*?)(?:工作法)?$")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def han_count(text: str) -> int:
    return len(_HAN.findall(text or ""))


def glossary_for(ctx: OrgContext, lex: Lexicons) -> dict[str, str]:
    """The words the meaning draft may explain. The organisation's own trades explain their
    words first; once its business text names a trade, another trade's explanation (守护 as
    “守护电网安全” for a power plant) is left out rather than put in its mouth."""
    profile = build_profile(ctx, lex)
    own = [g for g, _ in profile.business]
    own_terms = {t.text: t.gloss for g in reversed(own) for t in g.terms}
    trade = trade_of_context(ctx)
    if trade is not None:  # the trade's own words, explained as its words
        for kind, words in (("意象", trade.images), ("工作", trade.work), ("短语", trade.phrases)):
            for word in words:
                own_terms.setdefault(word, TRADE_GLOSS[kind].format(trade=trade.name))
    specific = trade is not None or any(g.name != "通用" for g in own)
    other = {t.text: t.gloss for g in lex.business if g not in own for t in g.terms}
    found: dict[str, str] = {}
    for word, gloss in lex.glossary.items():
        if specific and other.get(word) == gloss:
            if word in own_terms:
                found[word] = own_terms[word]
            continue
        found[word] = gloss
    for word, gloss in own_terms.items():
        found.setdefault(word, gloss)
    for term in profile.quoted:
        found.setdefault(term.text, term.gloss)
    return found


TRADE_GLOSS = {
    "意象": "以{trade}工作的形象，写出本单位的岗位特色",
    "工作": "立足{trade}的本职工作，在岗位上创先争优",
    "短语": "体现{trade}行业的价值追求",
}


def trade_of_context(ctx: OrgContext) -> Trade | None:
    """The trade a person chose for the organisation, else the one its 主责主业 names."""
    if ctx.trade and (chosen := trade_by_code(ctx.trade)) is not None:
        return chosen
    return infer_trade(ctx.business, ctx.org_name).trade


def known_words(text: str, glossary: dict[str, str]) -> list[str]:
    """The glossary's words in the text, longest first at each position (守护光明 before 守护)."""
    found, i = [], 0
    while i < len(text):
        for size in (5, 4, 2):
            if text[i : i + size] in glossary:
                found.append(text[i : i + size])
                i += size
                break
        else:
            i += 1
    return found


def flavour_terms(text: str, ctx: OrgContext, lex: Lexicons) -> dict[str, list[str]]:
    """For each of 政治味, 文化味, 融合味: the words of the text that bring it."""
    profile = build_profile(ctx, lex)
    political = lex.political_terms()
    cultural = [t.text for g, _ in profile.culture for t in g.terms]
    cultural += [t.text for t in profile.quoted] + _quoted_words(ctx) + _region_words(ctx)
    business = [t.text for g, _ in profile.business for t in g.terms]
    business += [w for w in words(ctx.business) if len(w) >= 2]
    if (trade := trade_of_context(ctx)) is not None:  # its trade's words and values
        business += [w for w in trade.vocabulary() if w not in trade.values]
        cultural += list(trade.values)
    return {
        "政治味": _present(text, political),
        "文化味": _present(text, cultural),
        "融合味": _present(text, business),
    }


def _present(text: str, terms: list[str]) -> list[str]:
    found = [t for t in dict.fromkeys(terms) if t and t in text]
    # 守护光明 already says 守护: keep the longest of overlapping words.
    return [t for t in found if not any(t != o and t in o for o in found)]


def _quoted_words(ctx: OrgContext) -> list[str]:
    quotes = re.findall(r"[“「\"]([^”」\"]+)[”」\"]", ctx.culture)
    return [p for q in quotes for p in re.split(r"[、，,\s]+", q) if len(p) >= 2]


def _region_words(ctx: OrgContext) -> list[str]:
    return [p for p in re.split(r"[\s,，、/]+", ctx.region) if len(p) >= 2]

"""Which lexicon groups fit an organisation: its business, region and culture, and the
phrases its own culture profile puts in quotation marks."""

import re
from dataclasses import dataclass

from partybrand.assistant.drafts import OrgContext
from partybrand.assistant.lexicons import Group, Lexicons, Term

_QUOTED = re.compile(r"[“「\"『]([^”」\"』]{2,24})[”」\"』]")
_PARTS = re.compile(r"[、，,；;\s/]+")
_HAN4 = re.compile(r"^[\u4e00-\u9fff]{4}$")
FALLBACK = "通用"


@dataclass(frozen=True)
class Profile:
    business: list[tuple[Group, float]]  # groups that fit the business, best first
    culture: list[tuple[Group, float]]  # region and enterprise-culture groups, plus 品质
    quoted: list[Term]  # four-character phrases quoted in the culture profile
    keywords: tuple[str, ...]
    avoid: tuple[str, ...]

    def weight_of(self, text: str) -> float:
        """Extra weight for a word the members asked for in the survey."""
        return 1.0 if any(k in text or text in k for k in self.keywords if len(k) >= 2) else 0.0


def _hits(group: Group, *texts_and_weights: tuple[str, float]) -> float:
    return sum(w for text, w in texts_and_weights for t in group.triggers if t in text)


def build_profile(ctx: OrgContext, lex: Lexicons) -> Profile:
    keywords = " ".join(ctx.keywords)
    business = []
    for group in lex.business:
        if group.name == FALLBACK:
            continue
        # Only the business text (never the organisation's name: 检修一班 of a power plant is
        # not grid maintenance) and the members' keywords choose the trade's words.
        score = _hits(group, (ctx.business, 1.0), (keywords, 0.5))
        if score:  # the culture text only ranks trades the business already named
            score += _hits(group, (ctx.culture, 0.3))
        if score:
            business.append((group, score))
    business = _leading(business)
    # General words come last, so that a small trade vocabulary still fills the list; with
    # nothing specific they are all there is (rather than another trade's words).
    general = next(g for g in lex.business if g.name == FALLBACK)
    business.append((general, -business[0][1] if business else 1.0))

    culture = []
    for group in lex.culture:
        if group.name == "品质":
            culture.append((group, 0.5))
            continue
        where = f"{ctx.region} {ctx.org_name}" if group.name.startswith("地域") else ""
        score = _hits(group, (where, 1.0), (ctx.culture, 1.0), (keywords, 0.5))
        if score:
            culture.append((group, score))
    culture = _leading(culture)
    return Profile(business, culture, quoted_phrases(ctx.culture), ctx.keywords, ctx.avoid_names)


def _leading(groups: list[tuple[Group, float]]) -> list[tuple[Group, float]]:
    """The groups that fit clearly, best first: a word shared by chance (运维 in a wind farm's
    business) does not bring in another trade's vocabulary."""
    top = max((w for _, w in groups), default=0.0)
    kept = [(g, w) for g, w in groups if w >= top / 2 or g.name == "品质"]
    return sorted(kept, key=lambda item: (-item[1], item[0].name))


def quoted_phrases(culture: str) -> list[Term]:
    """“一值一家”, “敢为人先、争创一流” → four-character phrases that carry the enterprise's
    own words into candidates, each explained by the quotation it came from."""
    found: list[Term] = []
    for quote in _QUOTED.findall(culture or ""):
        for part in _PARTS.split(quote):
            if _HAN4.match(part) and all(t.text != part for t in found):
                found.append(Term(part, f"传承“{quote}”的文化"))
    return found

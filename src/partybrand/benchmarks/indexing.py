"""The search fields of a benchmark, computed from its texts whenever a service saves it."""

from partybrand.textsim.normalize import normalize
from partybrand.textsim.pinyin import initials
from partybrand.textsim.segment import search_terms

SEARCHED = ("name", "slogan", "connotation", "org")


def search_fields(*, name: str, slogan: str, connotation: str, org: str) -> dict[str, str]:
    """Normalised texts for substring search, jieba terms (padded with spaces so a whole term is
    found as " 先锋 ") and pinyin initials of the name and the slogan."""
    name_norm, org_norm = normalize(name), normalize(org)
    text_norm = " ".join(part for part in (normalize(slogan), normalize(connotation)) if part)
    terms = search_terms(" ".join((name, slogan, connotation)))
    return {
        "name_norm": name_norm[:60],
        "org_norm": org_norm[:120],
        "text_norm": text_norm,
        # Spaces never occur inside a normalised text, so a query token cannot match across
        # two fields.
        "search_text": " ".join(part for part in (name_norm, text_norm, org_norm) if part),
        "search_terms": f" {' '.join(terms)} " if terms else "",
        "name_initials": initials(name)[:60],
        "slogan_initials": initials(slogan)[:200],
    }


def key(name: str, org: str) -> tuple[str, str]:
    """What makes two entries the same brand: the normalised name and organisation."""
    return normalize(name)[:60], normalize(org)[:120]

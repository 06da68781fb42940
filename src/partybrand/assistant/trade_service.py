"""Trade drafts as the command and the pages show them: the trade read from the 主责主业,
then each draft with its meaning, the sources of its words and the theme checks."""

from partybrand.assistant.draft_checks import draft_checks
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.material import Material
from partybrand.assistant.offline.trade_drafts import DraftSet, draft_set


def trade_drafts(
    material: Material,
    *,
    count: int = 10,
    seed: int | None = None,
    trade: str = "",
) -> DraftSet:
    """New drafts on every call; pass the returned `seed` back to get the same ones again."""
    if not 1 <= count <= 50:
        raise ValueError("草稿数量应在 1 到 50 之间。")
    return draft_set(material, load(), count=count, seed=seed, trade=trade)


def drafts_json(found: DraftSet, *, checks: bool = True, business: str = "") -> dict:
    """The drafts as JSON; `business` (the 主责主业 they were drafted for) lets the checks judge
    融合味 by the organisation's own trade."""
    trade = found.guess.trade
    business = " ".join(p for p in (business, trade.name if trade else "") if p)
    drafts = []
    for draft in found.drafts:
        drafts.append(
            {
                "name": draft.name,
                "slogan": draft.slogan,
                "pattern": draft.pattern,
                "meaning": draft.meaning,
                "sources": draft.sources(),
                "flavours": draft.flavours,
                "checks": (
                    draft_checks(draft.name, draft.slogan, draft.meaning, business)
                    if checks
                    else None
                ),
            }
        )
    return {"trade": found.guess.as_json(), "seed": found.seed, "drafts": drafts}

"""The brand lifecycle's moves that a round owns: a committee approves (立项), passes a 中期检查,
accepts and names a brand, and re-reviews it only through a round of that kind, scored by its
experts. brands asks through `lifecycle.round_note` (registered in rounds' ready()); the brand
page shows the note instead of the button."""

from partybrand.rounds.choices import RoundKind

ROUND_OWNED = {
    "approve": RoundKind.APPROVAL,
    "pass_midterm": RoundKind.MIDTERM,
    "accept": RoundKind.ACCEPTANCE,
    "name": RoundKind.ACCEPTANCE,
    "rereview": RoundKind.REREVIEW,
}


def round_owned(brand, action: str) -> str:
    kind = ROUND_OWNED.get(action)
    if kind is None:
        return ""
    return (
        f"{kind.label}的结论由评选批次作出：请在“评选”中申报{kind.label}，"
        "经专家评审后随评选结果办理。"
    )

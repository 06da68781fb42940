"""What must hold before the brand lifecycle's moves that lie outside rounds (初审通过, 启动培育,
开始中期检查, 申请验收; 申报 waits only on its theme's objections, themes' check), checked with
the rounds' own requirement checks and registered with brands (lifecycle.register_move_check):
a move with anything missing is refused with a message naming each gap and how to fill it.
Moves a round owns are checked by the round."""

from partybrand.rounds.choices import RequirementKey as K
from partybrand.rounds.requirements import check_keys

# The move → what it needs, in the order the message lists them.
NEEDS = {
    # The 初审 passes an application only with its name, slogan and 内涵释义 complete (the
    # screener returns it with this message otherwise).
    "start_review": [K.NAME, K.MEANING],
    # Cultivation is measured against KPIs set with their baselines.
    "start_cultivation": [K.KPIS],
    # A 中期检查 looks at a plan being carried out.
    "start_midterm": [K.PLAN],
    # 验收 judges the whole brand: its meaning and logo, KPIs and the plan carried out. (The
    # standardisation score is the acceptance round's own entry requirement.)
    "apply_acceptance": [K.MEANING, K.LOGO, K.KPIS, K.PLAN],
}
LABELS = {
    "start_review": "初审通过",
    "start_cultivation": "启动培育",
    "start_midterm": "开始中期检查",
    "apply_acceptance": "申请验收",
}


def move_gaps(brand, action: str) -> list[str]:
    """Why the move may not be made yet, one line per unmet precondition (empty when it may)."""
    keys = NEEDS.get(action)
    if not keys:
        return []
    missing = [row for row in check_keys(brand, keys) if not row.ok]
    if not missing:
        return []
    head = f"“{LABELS[action]}”尚缺{len(missing)}项条件："
    lines = [f"{row.label}（{row.found}）——{row.fix}" for row in missing]
    return [head + "；".join(lines)]

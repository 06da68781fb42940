"""What the brand lifecycle must wait for in themes: a brand is not sent up or passed at 初审
while objections to its theme's publicised decision are unanswered (brands asks through
`lifecycle.move_blockers`, registered in themes' ready())."""

from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Workshop
from partybrand.themes.services.decision import current_objections

WAITS_FOR_OBJECTIONS = {"submit", "start_review"}


def open_objections(brand, action: str) -> list[str]:
    if action not in WAITS_FOR_OBJECTIONS:
        return []
    workshop = Workshop.objects.filter(brand=brand, stage=WorkshopStage.PUBLICIZING).first()
    if workshop is None:
        return []
    count = current_objections(workshop).filter(resolved=False).count()
    if not count:
        return []
    return [f"品牌主题公示中还有 {count} 条异议未答复办结，请先在主题征集中逐条答复。"]

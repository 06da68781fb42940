"""评选 before the platform: the group's earlier 验收评选 (rounds A and B of campaign.py, each
ending in a 命名决定 at 七一) recorded as closed rounds with the brands they named, at the tier
each was named, so the cockpit's 评选结果 shows what the group's rounds have produced. The
brands' own lifecycles already carry these decisions (brandbuild.py, `by_round="history"`);
the rounds hold no sheets or documents, only their results."""

from datetime import date, timedelta

from partybrand.brands.choices import TIER_ORDER, BrandTier
from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.demo.build import Demo
from partybrand.rounds.choices import EntryStatus, RoundKind, RoundStatus
from partybrand.rounds.models import Entry, Round, RoundTier

NOTE = "平台启用前开展的验收评选，按命名决定补录评选结果。"


def seed_round_history(*, demo: Demo) -> None:
    office = demo.users.get("office")
    if office is None:
        return
    named = (
        Brand.objects.filter(org__path__startswith=demo.root.path, named_on__isnull=False)
        .exclude(tier="")
        .select_related("org")
        .order_by("named_on", "pk")
    )
    by_day: dict[date, list[Brand]] = {}
    for brand in named:
        by_day.setdefault(brand.named_on, []).append(brand)
    for day, brands in sorted(by_day.items()):
        round_ = Round.objects.create(
            committee=demo.root,
            kind=RoundKind.ACCEPTANCE,
            title=f"{day.year}年“七一”党建品牌验收评选"
            if (day.month, day.day) == (7, 1)
            else f"{day.year}年{day.month}月党建品牌验收评选",
            year=day.year,
            status=RoundStatus.CLOSED,
            description=NOTE,
            notice_number=brands[0].doc_no,
            created_by=office,
        )
        # set up in the spring before the naming, as the group's rounds are
        opened = clock.at(day - timedelta(days=120), 9)
        Round.objects.filter(pk=round_.pk).update(created_at=opened, updated_at=opened)
        tiers = {
            tier: RoundTier.objects.create(
                round=round_,
                name=BrandTier(tier).label,
                brand_tier=tier,
                rank=rank,
                quota=max(1, sum(b.tier == tier for b in brands)),
            )
            for rank, tier in enumerate(reversed(TIER_ORDER), start=1)
        }
        Entry.objects.bulk_create(
            Entry(
                round=round_,
                brand=brand,
                org=brand.org,
                status=EntryStatus.NAMED,
                tier=tiers[brand.tier],
                awarded_tier=tiers[brand.tier],
                submitted_by=office,
                created_by=office,
            )
            for brand in brands
        )

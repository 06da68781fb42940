"""How the demo's rounds are opened: the committee's staff create a round on the published
brand indicator system, give it tiers and a timetable, generate its 通知 and open it, as the
round pages do step by step."""

from partybrand.demo.build import Demo
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.models import IndicatorSystem
from partybrand.rounds.services import rounds as round_services


def brand_system():
    """The published brand indicator system the demo's rounds score with."""
    return (
        IndicatorSystem.objects.filter(kind=SystemKind.BRAND, status=SystemStatus.PUBLISHED)
        .order_by("owner_id", "-version")
        .first()
    )


def open_round(demo: Demo, system, *, tiers: list[dict], stages: dict, **fields):
    """A round of the group's committee, opened for entries; `fields` are round_create's."""
    office = demo.users["office"]
    round_ = round_services.round_create(
        actor=office, committee=demo.root, indicator_system=system, **fields
    )
    round_services.round_set_tiers(actor=office, round=round_, tiers=tiers)
    round_services.round_set_stages(actor=office, round=round_, stages=stages)
    round_services.round_notice_generate(actor=office, round=round_)
    return round_services.round_advance(actor=office, round=round_)

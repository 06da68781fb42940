"""A round of the test world's group committee, set up and opened through the services."""

from datetime import timedelta

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.indicators.choices import SystemKind
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem
from partybrand.rounds.choices import RequirementKey
from partybrand.rounds.requirements import ENTRY_STAGES
from partybrand.rounds.services import rounds as round_services

# Only what the test world's brand has: a name and slogan (红色引擎 · 党建引领).
LIGHT = {key.value: key == RequirementKey.NAME for key in RequirementKey}


def brand_system():
    load_templates()
    return IndicatorSystem.objects.filter(kind=SystemKind.BRAND).first()


def make_round(w, *, actor=None, requirements=None, **fields):
    actor = actor or w.staff
    return round_services.round_create(
        actor=actor,
        committee=w.group,
        kind=fields.pop("kind", "acceptance"),
        title=fields.pop("title", "2026年度党建品牌验收评选"),
        year=2026,
        indicator_system=brand_system(),
        requirements=LIGHT if requirements is None else requirements,
        **fields,
    )


def open_round(w, **kwargs):
    """A round open for entry today (申报 and 推荐 run now, 预审 after them), with its tiers,
    timetable and numbered 通知."""
    today = clock.today()
    round_ = make_round(w, **kwargs)
    round_services.round_set_tiers(
        actor=w.staff,
        round=round_,
        tiers=[
            {"name": "示范品牌", "brand_tier": "demonstration", "quota": 2, "min_score": 85},
            {"name": "培育品牌", "brand_tier": "cultivated", "quota": 5, "min_score": 70},
        ],
    )
    round_services.round_set_stages(
        actor=w.staff,
        round=round_,
        stages={
            "entry": (today - timedelta(days=10), today + timedelta(days=20)),
            "recommend": (today - timedelta(days=10), today + timedelta(days=30)),
            "prescreen": (today + timedelta(days=31), today + timedelta(days=40)),
        },
    )
    round_services.round_notice_generate(actor=w.staff, round=round_)
    at_stage(w.brand, round_)
    return round_services.round_advance(actor=w.staff, round=round_)


def at_stage(brand, round_) -> None:
    """The brand brought to the lifecycle stage the round's kind judges (its entry requirement)."""
    stages, _fix = ENTRY_STAGES[round_.kind]
    if brand.status not in stages:
        brand.status = sorted(stages)[0]
        Brand.objects.filter(pk=brand.pk).update(status=brand.status)

"""The demo brand matrix: 1 group brand, 1 per subsidiary and N branch brands, each with its
identity, KPIs and values, honours, logo and links, moved through the lifecycle services."""

import math
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.brands.choices import HonourLevel
from partybrand.brands.models import Attachment, Brand, BrandEvent
from partybrand.brands.services import (
    attachment_add,
    brand_create,
    brand_set_logo,
    brand_set_phrases,
    honour_add,
    kpi_create,
    kpi_record_value,
)
from partybrand.brands.transitions import brand_transition
from partybrand.core import clock
from partybrand.demo.branch_content import BRANCH_BRANDS, LINKS, TOP_PLANS
from partybrand.demo.build import Demo
from partybrand.demo.campaign import plan_steps
from partybrand.demo.content import (
    HONOURS,
    KPI_TEMPLATES,
    STANDARD_COLORS,
    STANDARD_FONTS,
    TOP_BRANDS,
    USAGE_RULES,
    logo_svg,
    notes,
)

NAMED_PLANS = {"named_a", "named_b", "upgrade_a"}
WEAK_PLANS = {"rectify_a", "revoke_a"}
COUNT_UNITS = {"次/年", "件/月", "个", "项/年", "天", "亩"}
PROVINCE_NAMES = {"江苏": "江苏省", "广东": "广东省", "内蒙古": "内蒙古自治区", "北京": "北京市"}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return clock.at(day, hour, minute)


def build_brands(demo: Demo) -> list[Brand]:
    brands: dict[str, Brand] = {}
    for spec in TOP_BRANDS:
        unit = spec["unit"]
        plan, tier = TOP_PLANS[unit]
        parent = brands.get("group") if unit != "group" else None
        actors = _top_actors(demo, unit)
        brands[unit] = _build_one(demo, spec, demo.units[unit], parent, plan, tier, actors, unit)
    for i, spec in enumerate(BRANCH_BRANDS, start=1):
        branch = demo.branches[spec["org"]]
        actors = {
            "owner": demo.users[f"secretary{i}"],
            "first": demo.users["general1"]
            if branch.general == "设备检修党总支"
            else demo.unit_user(branch.unit) or demo.users["office"],
            "office": demo.users["office"],
            "committee": demo.users["committee"],
        }
        parent = brands[branch.unit]
        brands[spec["name"]] = _build_one(
            demo, spec, branch.org, parent, spec["plan"], spec["tier"], actors, branch.unit
        )
    return list(brands.values())


def _top_actors(demo: Demo, unit: str) -> dict:
    if unit == "group":  # nobody holds a role above the group committee but the superuser
        return {
            "owner": demo.users["committee"],
            "first": demo.admin,
            "office": demo.admin,
            "committee": demo.admin,
        }
    return {
        "owner": demo.unit_user(unit),
        "first": demo.users["office"],
        "office": demo.users["office"],
        "committee": demo.users["committee"],
    }


def _build_one(demo, spec, org, parent, plan, tier, actors, unit) -> Brand:
    rng, today, owner = demo.rng, demo.today, actors["owner"]
    templates = KPI_TEMPLATES[spec["kpis"]]
    chosen = sorted(rng.sample(range(len(templates)), rng.choice((2, 3, 3))))
    kpi_rows = [templates[i] for i in chosen]
    brand = brand_create(
        actor=owner,
        org=org,
        name=spec["name"],
        parent=parent,
        slogan=spec["slogan"],
        meaning=spec["meaning"],
        standard_colors=STANDARD_COLORS,
        standard_fonts=STANDARD_FONTS,
        usage_rules=USAGE_RULES,
        **notes(spec, [row[0] for row in kpi_rows]),
    )
    brand_set_phrases(actor=owner, brand=brand, phrases=spec["phrases"])
    svg = logo_svg(spec["char"], rng.randrange(3))
    upload = SimpleUploadedFile("logo.svg", svg, "image/svg+xml")
    brand = brand_set_logo(actor=owner, brand=brand, upload=upload)
    steps = plan_steps(plan, tier, today, rng, group=org.parent_id is None)
    created = steps[0].day - timedelta(days=rng.randint(12, 30)) if steps else today - timedelta(20)
    _kpis(demo, brand, owner, kpi_rows, plan, tier, created)
    _honours(demo, brand, owner, plan, tier, unit, org)
    for kind, title, url in LINKS.get(spec["name"], []):
        attachment_add(actor=owner, brand=brand, kind=kind, title=title, url=url)
    for step in steps:
        brand = brand_transition(
            actor=actors[step.who],
            brand=brand,
            action=step.action,
            comment=step.comment,
            today=step.day,
            # the matrix's history: decisions the group took in its rounds before the platform
            by_round="history",
            recorded=True,
            **step.params,
        )
    _backdate(demo, brand, [created, *(s.day for s in steps)])
    return brand


def _backdate(demo: Demo, brand: Brand, days: list[date]) -> None:
    """Give the timeline the campaign's dates instead of the moment of loading."""
    events = list(BrandEvent.objects.filter(brand=brand).order_by("id"))
    if len(events) != len(days):
        raise RuntimeError(f"{brand}: {len(events)} events for {len(days)} dated steps")
    previous = None
    for event, day in zip(events, days, strict=True):
        moment = _at(day, demo.rng.randint(9, 11), demo.rng.choice((0, 15, 30, 45)))
        if previous is not None and moment <= previous:
            moment = previous + timedelta(hours=1)
        event.created_at = previous = moment
    BrandEvent.objects.bulk_update(events, ["created_at"])
    Brand.objects.filter(pk=brand.pk).update(created_at=events[0].created_at, updated_at=previous)
    Attachment.objects.filter(brand=brand).update(uploaded_at=previous)


def _month_ends(start: date, end: date) -> list[date]:
    days, year, month = [], start.year, start.month
    while True:
        month += 1
        if month == 13:
            year, month = year + 1, 1
        last = date(year, month, 1) - timedelta(days=1)
        if last > end:
            return days
        if last > start:
            days.append(last)


def _progress(plan: str, tier: str, share: float) -> float:
    if plan in WEAK_PLANS:  # rises a little, then slips back: why the review was unhappy
        return 0.35 * math.sin(math.pi * share)
    if plan in NAMED_PLANS:
        reach = 1.06 if tier == "flagship" else 0.98
    elif plan in ("draft_new", "draft_returned", "submitted", "reviewing", "approved"):
        reach = 0.45
    else:
        reach = 0.8
    return reach * share**0.85


def _kpis(demo, brand, owner, rows, plan, tier, created) -> None:
    rng, today = demo.rng, demo.today
    start = min(created - timedelta(days=30), today - timedelta(days=330)).replace(day=1)
    ends = _month_ends(start, today - timedelta(days=5))
    quarterly = len(ends) > 15
    if quarterly:
        ends = [day for day in ends if day.month % 3 == 0]
    for name, unit, direction, baseline, target, description in rows:
        if name == "安全生产天数":
            baseline = rng.randint(600, 2400)
            target = baseline + 730
        kpi = kpi_create(
            actor=owner,
            brand=brand,
            name=name,
            unit=unit,
            direction=direction,
            baseline=Decimal(str(baseline)),
            baseline_on=start,
            target=Decimal(str(target)),
            description=description,
        )
        count = rng.randint(4, 8)
        picks = sorted({round(i * (len(ends) - 1) / (count - 1)) for i in range(count)})
        for index in picks:
            day = ends[index]
            share = (day - start).days / max((today - start).days, 1)
            if name == "安全生产天数":
                value = baseline + (day - start).days
            else:
                value = baseline + (target - baseline) * _progress(plan, tier, share)
                value += abs(target - baseline) * 0.04 * rng.gauss(0, 1)
                if unit == "%":
                    value = min(value, 100)
            value = max(round(value) if unit in COUNT_UNITS else round(value, 2), 0)
            note = (
                f"{day.year}年第{day.month // 3}季度统计"
                if quarterly
                else f"{day.year}年{day.month}月统计"
            )
            kpi_record_value(
                actor=owner, kpi=kpi, measured_on=day, value=Decimal(str(value)), note=note
            )


def _honour_levels(plan: str, tier: str, org, unit: str) -> list[str]:
    n, p, g, c = (
        HonourLevel.NATIONAL,
        HonourLevel.PROVINCIAL,
        HonourLevel.GROUP,
        HonourLevel.COMPANY,
    )
    if org.parent_id is None:
        return [n, p, g]
    if org.kind == "committee":
        return [n, p] if tier == "flagship" else [p, g]
    if plan in NAMED_PLANS:
        levels = {"flagship": [n, g, c], "demonstration": [p, g]}.get(tier, [g, c])
    elif plan in WEAK_PLANS or plan.startswith("draft"):
        levels = [c]
    else:
        levels = [g, c]
    if unit == "group":
        levels = list(dict.fromkeys(g if level == c else level for level in levels))
    return levels


def _honours(demo, brand, owner, plan, tier, unit, org) -> None:
    rng, spec = demo.rng, demo.unit_specs[unit]
    province = PROVINCE_NAMES.get(spec["provinces"][0], f"{spec['provinces'][0]}省")
    for level in _honour_levels(plan, tier, org, unit):
        title, issuer = rng.choice(HONOURS[level])
        title = title.replace("省级", province).format(unit=spec["short_name"])
        issuer = issuer.replace("省总工会", f"{province}总工会").format(unit=spec["short_name"])
        honour_add(
            actor=owner,
            brand=brand,
            title=title,
            level=level,
            year=rng.randint(2021, demo.today.year - 1),
            issuer=issuer,
        )

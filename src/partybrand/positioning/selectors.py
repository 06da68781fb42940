"""Reads for the stock-taking page and the positioning summary. The brand has already passed
`access_brand`; every read here is a fixed number of queries, however many rows there are."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q

from partybrand.assessments.selectors import latest_standardisation as latest
from partybrand.benchmarks.selectors import brand_comparisons
from partybrand.brands.models import Brand
from partybrand.positioning.choices import SwotSide
from partybrand.positioning.models import PositioningNote, PracticeEvidence
from partybrand.surveys.choices import WORD_KINDS, SurveyStatus
from partybrand.surveys.models import Answer, Survey
from partybrand.surveys.selectors import name_proposals, response_counts, text_keywords
from partybrand.textsim.normalize import normalize

MAX_SURVEYS = 5  # the most recent ones; the summary is a digest, not the results pages
TOP_KEYWORDS = 12
TOP_PROPOSALS = 5
MAIN_SIDES = (SwotSide.STRENGTH, SwotSide.WEAKNESS)  # always shown; the others when present


@dataclass(frozen=True)
class StandardisationScore:
    """A 党支部标准化规范化建设 assessment, as the stock-taking shows it."""

    total: Decimal
    stars: int | None
    assessed_on: date
    system: str  # the indicator system and its version


def latest_standardisation(org) -> StandardisationScore | None:
    """The organisation's latest finalised 党支部标准化规范化建设 assessment, if any."""

    assessment = latest(org)
    if assessment is None:
        return None
    system = assessment.system
    return StandardisationScore(
        total=assessment.total,
        stars=assessment.stars,
        assessed_on=assessment.assessed_on,
        system=f"{system.name}（第{system.version}版）",
    )


@dataclass
class SurveyHighlight:
    survey: Survey
    responses: int
    target: int
    rate: float | None
    keywords: list[tuple[str, int]]
    proposals: list[dict]  # {name, count, slogans}


def brand_surveys(brand: Brand):
    """Published or closed surveys linked to the brand, or run by its organisation without a
    link to another brand, newest first."""
    return (
        Survey.objects.filter(Q(brand=brand) | Q(org_id=brand.org_id, brand__isnull=True))
        .exclude(status=SurveyStatus.DRAFT)
        .select_related("org")
        .order_by("-created_at", "-id")
    )


def top_proposals(proposals: list[dict], limit: int = TOP_PROPOSALS) -> list[dict]:
    """Proposed names counted together when equal after normalisation, most proposed first."""
    groups: dict[str, dict] = {}
    for row in proposals:
        key = normalize(row.get("name", ""))
        if not key:
            continue
        group = groups.setdefault(key, {"spellings": Counter(), "slogans": [], "count": 0})
        group["spellings"][row["name"]] += 1
        group["count"] += 1
        slogan = row.get("slogan", "")
        if slogan and slogan not in group["slogans"]:
            group["slogans"].append(slogan)
    ranked = sorted(
        groups.values(), key=lambda g: (-g["count"], g["spellings"].most_common(1)[0][0])
    )
    return [
        {
            "name": g["spellings"].most_common(1)[0][0],
            "count": g["count"],
            "slogans": g["slogans"][:2],
        }
        for g in ranked[:limit]
    ]


def survey_highlights(brand: Brand) -> tuple[list[SurveyHighlight], int]:
    """The highlights of the brand's most recent surveys, and how many surveys there are."""
    rows = list(brand_surveys(brand)[: MAX_SURVEYS + 1])
    total = len(rows) if len(rows) <= MAX_SURVEYS else brand_surveys(brand).count()
    surveys = rows[:MAX_SURVEYS]
    texts: dict[int, list[str]] = {s.pk: [] for s in surveys}
    if surveys:
        answers = (
            Answer.objects.filter(response__survey__in=surveys, question__kind__in=WORD_KINDS)
            .exclude(text="")
            .values_list("response__survey_id", "text")
        )
        for survey_id, text in answers:
            texts[survey_id].append(text)
    highlights = []
    for survey in surveys:
        counts = response_counts(survey)
        highlights.append(
            SurveyHighlight(
                survey=survey,
                responses=counts["total"],
                target=counts["target"]["total"],
                rate=counts["rate"],
                keywords=text_keywords(f"s{survey.pk}", texts[survey.pk], TOP_KEYWORDS),
                proposals=top_proposals(name_proposals(survey)),
            )
        )
    return highlights, total


def swot_groups(items) -> list[dict]:
    """Items by side, in SwotSide order; strengths and weaknesses always, the others if any."""
    groups = []
    for side in SwotSide:
        rows = [item for item in items if item.side == side]
        if rows or side in MAIN_SIDES:
            groups.append({"side": side.value, "label": side.label, "items": rows})
    return groups


def inventory(brand: Brand) -> dict:
    """Everything the stock-taking page shows."""
    practices = list(
        brand.practices.prefetch_related(
            Prefetch("evidence", queryset=PracticeEvidence.objects.order_by("uploaded_at", "id"))
        )
    )
    items = list(brand.swot_items.all())
    return {
        "practices": practices,
        "candidates": sum(p.is_method_candidate for p in practices),
        "honours": list(brand.honours.all()),
        "swot": swot_groups(items),
        "swot_count": len(items),
        "standardisation": latest_standardisation(brand.org),
    }


def positioning_note(brand: Brand) -> PositioningNote | None:
    return PositioningNote.objects.filter(brand=brand).select_related("updated_by").first()


def summary(brand: Brand) -> dict:
    """The positioning summary: survey highlights, stock-taking, benchmarks and the conclusion."""
    highlights, survey_total = survey_highlights(brand)
    parts = inventory(brand)
    comparisons = brand_comparisons(brand)
    note = positioning_note(brand)
    return {
        "brand": brand,
        "surveys": highlights,
        "survey_total": survey_total,
        **parts,
        "comparisons": comparisons,
        "note": note,
        "checklist": [
            ("调研情况", bool(highlights)),
            ("内部梳理", bool(parts["practices"] or parts["swot_count"])),
            ("标杆对比", bool(comparisons)),
            ("定位结论", bool(note and note.conclusion)),
        ],
    }

"""The platform's own facts about a brand, offered to a case's author section by section: the
KPIs' changes, the creation tasks verified, what the carriers did and the recognition they won.
Plain sentences without personal data; the same sentences feed drafting help (the documents
registry's `facts`) and the offline “从平台数据起草”."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from partybrand.brands.choices import KpiDirection
from partybrand.brands.kpi_text import kpi_change, number
from partybrand.brands.models import Brand, KpiValue
from partybrand.cases.choices import CaseSection
from partybrand.core import clock
from partybrand.core.quotes import quoted
from partybrand.plans.choices import FINISHED
from partybrand.plans.models import Task
from partybrand.promotion.choices import RecognitionDecision
from partybrand.promotion.models import Activity, Carrier, Recognition
from partybrand.promotion.selectors import result_totals

MAX_CARRIERS = 5
MAX_TASKS = 5


def _kpi_sentences(brand: Brand) -> list[str]:
    values = KpiValue.objects.order_by("measured_on", "id")
    sentences = []
    for kpi in brand.kpis.prefetch_related(Prefetch("values", queryset=values)):
        rows = list(kpi.values.all())
        if not rows:
            continue
        last = rows[-1]
        change = last.value - kpi.baseline
        moved = kpi_change(kpi.baseline, last.value, kpi.unit)
        if change and (change > 0) != (kpi.direction == KpiDirection.UP):
            moved += "，仍需改进"
        sentences.append(
            f"{quoted(kpi.name)}由{clock.chinese_date(kpi.baseline_on)}的{number(kpi.baseline)}{kpi.unit}"
            f"变为{clock.chinese_date(last.measured_on)}的{number(last.value)}{kpi.unit}，{moved}。"
        )
    return sentences


def _task_sentences(brand: Brand) -> list[str]:
    tasks = list(
        Task.objects.filter(plan__brand=brand, status__in=FINISHED)
        .order_by("deadline", "id")
        .values_list("title", flat=True)
    )
    if not tasks:
        return []
    names = "、".join(f"{quoted(t)}" for t in tasks[:MAX_TASKS])
    more = "等" if len(tasks) > MAX_TASKS else ""
    return [f"品牌创建计划中已完成并通过验收的任务{len(tasks)}项，包括{names}{more}。"]


def _carriers(brand: Brand) -> list[Carrier]:
    activities = Activity.objects.order_by("-held_on", "-id")
    granted = Recognition.objects.filter(decision=RecognitionDecision.GRANTED).order_by(
        "-decided_on", "-id"
    )
    return list(
        brand.carriers.annotate(activity_count=Count("activities"))
        .prefetch_related(
            Prefetch("activities", queryset=activities),
            Prefetch("recognitions", queryset=granted, to_attr="granted"),
        )
        .order_by("kind", "id")[:MAX_CARRIERS]
    )


def _practice_sentences(carriers) -> list[str]:
    sentences = []
    for carrier in carriers:
        where = f"，围绕{carrier.area}" if carrier.area else ""
        promise = f"，承诺{quoted(carrier.commitment.rstrip('。'))}" if carrier.commitment else ""
        sentences.append(
            f"组建{carrier.get_kind_display()}{quoted(carrier.name)}{where}{promise}，"
            f"开展活动{carrier.activity_count}次。"
        )
        latest = carrier.activities.all()[:1]
        for activity in latest:
            where = f"在{activity.place}" if activity.place else ""
            sentences.append(
                f"{clock.chinese_date(activity.held_on)}，{quoted(carrier.name)}{where}"
                f"{activity.content.rstrip('。')}。"
            )
    return sentences


def _result_sentences(carriers) -> list[str]:
    sentences = []
    for carrier in carriers:
        totals = result_totals(carrier.activities.all())
        if totals:
            said = "，".join(f"{t['label']}{t['number']}{t['unit']}" for t in totals)
            sentences.append(f"{quoted(carrier.name)}累计{said}。")
        for recognition in carrier.granted[:1]:
            sentences.append(
                f"{quoted(carrier.name)}于{clock.chinese_date(recognition.decided_on)}被评定为"
                f"{quoted(recognition.title)}。"
            )
    return sentences


def brand_facts(brand: Brand) -> dict[str, list[str]]:
    """{section key: sentences} for a case of the brand."""
    background = [f"{brand.org.name}创建{quoted(brand.name)}党建品牌。"]
    if brand.slogan:
        background.append(f"品牌口号为{quoted(brand.slogan)}。")
    if brand.meaning:
        first = brand.meaning.strip().split("。")[0]
        if first:
            background.append(f"{first}。")
    carriers = _carriers(brand)
    practice = _practice_sentences(carriers) + _task_sentences(brand)
    results = _kpi_sentences(brand) + _result_sentences(carriers)
    summary = [background[0]]
    if practice:
        summary.append(practice[0])
    if results:
        summary.append(results[0])
    return {
        CaseSection.SUMMARY: summary,
        CaseSection.BACKGROUND: background,
        CaseSection.PRACTICE: practice,
        CaseSection.RESULTS: results,
    }


def draft_texts(facts: dict[str, list[str]], texts: dict[str, str]) -> dict[str, str]:
    """The offline draft: each section still empty written from its facts, one paragraph for
    the 摘要 and a paragraph a fact elsewhere; sections already written are left alone."""
    drafted = {}
    for key, sentences in facts.items():
        if not sentences or (texts.get(key) or "").strip():
            continue
        if key == CaseSection.SUMMARY:
            drafted[key] = "".join(sentences)
        else:
            drafted[key] = "\n".join(sentences)
    return drafted

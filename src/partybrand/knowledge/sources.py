"""What the knowledge assistant reads: a registry of sources, each a function yielding the
passages of some records, and the models whose changes make those records be read again.

    register_source("case", case_passages, watch={TypicalCase: lambda case: case.pk})

`iter_passages(pks)` yields `Draft`s for the records with those primary keys (every record
when `pks` is None); each draft names its record as "<source>:<pk>", so a changed record's
passages are replaced and no others. Built-in sources (registered in apps.py): the brand
record (name, slogan, 内涵释义, its phrases and notes), stock-taking practices (工作法), plans
and their tasks, carriers and their activities, and the uploaded documents. Sources never
carry members' names, phone or ID numbers from structured fields (leaders, owners,
participants are left out)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.urls import reverse

from partybrand.brands.models import Brand, BrandPhrase, Honour
from partybrand.knowledge.choices import DocumentState, SourceKind
from partybrand.knowledge.models import KnowledgeDocument
from partybrand.knowledge.retrieval_core import split_text
from partybrand.plans.models import Phase, Plan, Task
from partybrand.positioning.models import Practice
from partybrand.promotion.models import Activity, Carrier


@dataclass(frozen=True)
class Draft:
    record: str  # "<source>:<pk>"
    org_path: str
    title: str
    text: str
    anchor: str = ""
    url: str = ""
    shared_below: bool = False


@dataclass(frozen=True)
class Source:
    name: str
    iter_passages: Callable[[list[int] | None], Iterable[Draft]]
    watch: dict = field(default_factory=dict)  # model → instance → the source record's pk


_sources: dict[str, Source] = {}


def register_source(name: str, iter_passages, *, watch: dict | None = None) -> None:
    """Add a source of passages (an app's ready() calls this); `watch` maps models to the pk of
    the source record an instance belongs to, so its change re-reads that record."""
    _sources[name] = Source(name, iter_passages, dict(watch or {}))


def sources() -> dict[str, Source]:
    return dict(_sources)


def _of(rows, pks):
    return rows if pks is None else rows.filter(pk__in=pks)


def _pieces(record, org_path, title, text, url, *, shared=False, limit=320) -> Iterator[Draft]:
    for piece in split_text(text, limit=limit):
        yield Draft(record, org_path, title, piece.text, piece.anchor, url, shared)


def brand_passages(pks=None) -> Iterator[Draft]:
    rows = _of(Brand.objects.select_related("org"), pks).prefetch_related("phrases", "honours")
    for brand in rows.iterator(chunk_size=200):
        record, path = f"{SourceKind.BRAND}:{brand.pk}", brand.org.path
        url = reverse("brands:brand_detail", args=[brand.pk])
        title = f"{brand.org.name}“{brand.name}”品牌档案"

        def one(anchor, text, *, record=record, path=path, url=url, title=title):
            return Draft(record, path, title, text, anchor, url, True)

        head = f"品牌名称：{brand.name}。创建单位：{brand.org.name}。"
        if brand.slogan:
            head += f"品牌口号：{brand.slogan}。"
        yield one("品牌概况", head)
        if brand.meaning:
            for piece in split_text(brand.meaning):
                yield one(f"内涵释义 {piece.anchor}", f"“{brand.name}”内涵释义：{piece.text}")
        for label, note in (
            ("政治味", brand.political_note),
            ("文化味", brand.cultural_note),
            ("融合味", brand.integration_note),
        ):
            if note:
                yield one(label, f"“{brand.name}”的{label}：{note}")
        for phrase in brand.phrases.all():
            yield one(f"词句“{phrase.phrase}”", f"“{phrase.phrase}”释义：{phrase.explanation}")
        honours = [h.title for h in brand.honours.all()]
        if honours:
            yield one("所获荣誉", f"“{brand.name}”获得的荣誉：{'、'.join(honours)}。")


def practice_passages(pks=None) -> Iterator[Draft]:
    rows = _of(Practice.objects.select_related("brand__org"), pks)
    for practice in rows.iterator(chunk_size=200):
        brand = practice.brand
        kind = "工作法" if practice.is_method_candidate else "已有做法"
        text = f"{practice.name}（{kind}）：{practice.description}"
        if practice.effect:
            text += f"\n取得成效：{practice.effect}"
        yield from _pieces(
            f"{SourceKind.PRACTICE}:{practice.pk}",
            brand.org.path,
            f"“{brand.name}”{kind}·{practice.name}",
            text,
            reverse("positioning:inventory", args=[brand.pk]),
        )


def plan_passages(pks=None) -> Iterator[Draft]:
    rows = _of(Plan.objects.select_related("org"), pks).prefetch_related("phases")
    for plan in rows.iterator(chunk_size=100):
        record, url = f"{SourceKind.PLAN}:{plan.pk}", reverse("plans:plan_detail", args=[plan.pk])
        text = f"{plan.title}。总体目标：{plan.goal or '（未填）'}"
        yield Draft(record, plan.org.path, plan.title, text, "总体目标", url)
        for phase in plan.phases.all():
            text = f"{phase.name}（{phase.start:%Y年%m月%d日}至{phase.end:%Y年%m月%d日}）"
            if phase.goal:
                text += f"：{phase.goal}"
            if phase.gate_criteria:
                text += f"\n关口标准：{'；'.join(phase.gate_criteria.splitlines())}"
            yield Draft(record, plan.org.path, plan.title, text, f"阶段“{phase.name}”", url)


def task_passages(pks=None) -> Iterator[Draft]:
    rows = _of(Task.objects.select_related("plan__org"), pks)
    for task in rows.iterator(chunk_size=200):
        text = (
            f"任务“{task.title}”，完成时限{task.deadline:%Y年%m月%d日}，进度{task.progress}%。"
            f"责任内容：{task.duty}\n验收标准：{task.standard}"
        )
        yield from _pieces(
            f"{SourceKind.TASK}:{task.pk}",
            task.plan.org.path,
            f"{task.plan.title}·{task.title}",
            text,
            reverse("plans:task", args=[task.pk]),
        )


def carrier_passages(pks=None) -> Iterator[Draft]:
    rows = _of(Carrier.objects.select_related("org", "brand"), pks).prefetch_related("activities")
    for carrier in rows.iterator(chunk_size=100):
        record = f"{SourceKind.CARRIER}:{carrier.pk}"
        url = reverse("promotion:carrier_detail", args=[carrier.pk])
        title = f"{carrier.get_kind_display()}“{carrier.name}”"
        text = f"{carrier.name}是“{carrier.brand.name}”的{carrier.get_kind_display()}。"
        if carrier.area:
            text += f"责任区域或岗位：{carrier.area}。"
        if carrier.commitment:
            text += f"承诺：{carrier.commitment}"
        yield Draft(record, carrier.org.path, title, text, "载体概况", url)
        for activity in carrier.activities.all():
            results = "，".join(
                f"{r.get('label', '')}{r.get('number', '')}{r.get('unit', '')}"
                for r in activity.results or []
            )
            text = f"{activity.held_on:%Y年%m月%d日}活动：{activity.content}"
            if results:
                text += f"\n成效：{results}。"
            anchor = f"{activity.held_on:%Y-%m-%d}活动"
            yield Draft(record, carrier.org.path, title, text, anchor, url)


def document_passages(pks=None) -> Iterator[Draft]:
    rows = _of(KnowledgeDocument.objects.select_related("org"), pks)
    for document in rows.filter(state=DocumentState.READY).iterator(chunk_size=20):
        record = f"{SourceKind.DOCUMENT}:{document.pk}"
        url = reverse("knowledge:document_detail", args=[document.pk])
        for page_no, page in enumerate(document.text.split("\f"), start=1):
            page_arg = page_no if document.pages > 1 else None
            for piece in split_text(page, page=page_arg):
                yield Draft(
                    record, document.org.path, document.title, piece.text, piece.anchor, url, True
                )


def register_builtin() -> None:
    register_source(
        SourceKind.BRAND,
        brand_passages,
        watch={
            Brand: lambda b: b.pk,
            BrandPhrase: lambda p: p.brand_id,
            Honour: lambda h: h.brand_id,
        },
    )
    register_source(SourceKind.PRACTICE, practice_passages, watch={Practice: lambda p: p.pk})
    register_source(
        SourceKind.PLAN, plan_passages, watch={Plan: lambda p: p.pk, Phase: lambda p: p.plan_id}
    )
    register_source(SourceKind.TASK, task_passages, watch={Task: lambda t: t.pk})
    register_source(
        SourceKind.CARRIER,
        carrier_passages,
        watch={Carrier: lambda c: c.pk, Activity: lambda a: a.carrier_id},
    )
    register_source(SourceKind.DOCUMENT, document_passages)

"""The facts drafting help writes a brand document's sections from (DocumentKind.facts): plain
sentences of the platform's own data, by section key. No person is named here: no secretary, no
task owner, no member of the task force; counts of members are facts, their names are not."""

from __future__ import annotations

from partybrand.brands.models import Brand
from partybrand.documents.registry import BuildContext
from partybrand.plans.choices import FINISHED, PhaseStatus
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.common import (
    honour_lines,
    kpi_count,
    kpi_goal,
    kpi_progress,
    lost_points,
    score_text,
)
from partybrand.workbench.documents.text import listing, quoted, rate, sentence, span


def _org(brand: Brand) -> list[str]:
    org = brand.org
    kind = org.get_kind_display()
    lines = [] if org.name.endswith(kind) else [f"{org.name}是{kind}。"]
    if org.business:
        lines.append(f"所在单位及主责主业为{sentence(org.business)}")
    members, _ = facts.member_count(org)
    if members:
        lines.append(f"{org.name}现有党员{members}名。")
    lines.append(
        f"{org.name}创建{quoted(brand.name)}党建品牌，品牌层级为{brand.get_level_display()}，"
        f"目前处于“{brand.get_status_display()}”阶段。"
    )
    return lines


def _theme(brand: Brand) -> list[str]:
    lines = [f"品牌名称为{quoted(brand.name)}。"]
    if brand.slogan:
        lines.append(f"品牌口号为{quoted(brand.slogan)}。")
    if brand.meaning:
        lines.append(f"品牌释义：{sentence(brand.meaning)}")
    for phrase in brand.phrases.all():
        lines.append(f"{_named(phrase.phrase)}的含义：{sentence(phrase.explanation)}")
    if note := facts.positioning_conclusion(brand):
        lines.append(f"品牌定位结论：{sentence(note)}")
    return lines


def _notes(brand: Brand) -> list[str]:
    notes = [
        ("融入中心工作", brand.integration_note),
        ("彰显文化特色", brand.cultural_note),
        ("突出政治引领", brand.political_note),
    ]
    return [f"在{label}方面，{sentence(text)}" for label, text in notes if text]


def _named(name: str) -> str:
    """A name in quotation marks unless it carries its own (“三个一”安全工作法)."""
    return name if "“" in name or "”" in name else quoted(name)


def _clause(text: str) -> str:
    """User text as a clause inside a sentence: its own sentences joined by “，”."""
    return sentence(text).rstrip("。").replace("。", "，")


def _methods(brand: Brand) -> list[str]:
    lines = []
    for practice in facts.methods(brand):
        since = f"自{practice.since}年起" if practice.since else ""
        name = _named(practice.name)
        line = f"{since}推行{name}，{_clause(practice.description)}"
        if practice.effect:
            line += f"，{_clause(practice.effect)}"
        lines.append(line + "。")
    return lines


def _results(brand: Brand, plan, ctx: BuildContext) -> list[str]:
    lines = []
    if plan is not None and plan.tasks:
        counts = facts.task_counts(plan.tasks, ctx.today)
        lines.append(
            f"创建计划共分解三定任务{counts.total}项，已验收销号{counts.finished}项，"
            f"完成率{rate(counts.finished, counts.total)}。"
        )
    kpis = facts.kpi_lines(brand)
    if kpis:
        lines.append(f"品牌{kpi_count(kpis)}。")
        lines += [kpi_progress(line) + "。" for line in kpis]
    taking = facts.participation(brand)
    if taking.surveys:
        line = f"开展问卷调查{taking.surveys}次，收到答卷{taking.responses}份"
        if taking.target:
            line += f"，参与率{rate(taking.responses, taking.target)}"
        lines.append(line + "。")
    lines += [score_text(a) + "。" for a in facts.assessments(brand.org)]
    return lines


def _honours(brand: Brand) -> list[str]:
    return [line + "。" for line in honour_lines(brand)]


def _phases(plan, ctx: BuildContext, *, begun: bool) -> list[str]:
    if plan is None:
        return []
    lines = []
    for phase in plan.phases:
        if begun and phase.start > ctx.today:
            continue
        tasks = plan.tasks_of(phase)
        done = [t.title for t in tasks if t.status in FINISHED]
        line = f"{phase.name}（{span(phase.start, phase.end)}）"
        if phase.goal:
            line += f"的目标是{phase.goal.strip().rstrip('。；;.')}"
        line += f"，安排任务{len(tasks)}项"
        if begun and done:
            line += f"，已验收{listing(done)}"
        lines.append(line + "。")
    return lines


def _tasks(plan) -> list[str]:
    tops = [t for t in plan.tasks if t.parent_id is None] if plan else []
    return [f"重点任务{_named(t.title)}：{sentence(t.duty)}" for t in tops if t.duty]


def _goals(brand: Brand, plan) -> list[str]:
    lines = []
    if plan and plan.plan.goal:
        lines.append(f"创建计划的总体目标：{sentence(plan.plan.goal)}")
    lines += [kpi_goal(line) + "。" for line in facts.kpi_lines(brand)]
    return lines


def _problems(brand: Brand, plan, ctx: BuildContext) -> list[str]:
    lines = []
    for item in plan.items if plan is not None else []:
        late = "，已超过整改时限" if item.is_overdue(ctx.today) else ""
        lines.append(f"{_clause(item.finding)}，目前{item.get_status_display()}{late}。")
    for assessment in facts.assessments(brand.org):
        if losses := lost_points(assessment):
            lines.append(f"对照《{assessment.system.name}》，{'；'.join(losses)}。")
    return lines


def _next(plan, ctx: BuildContext) -> list[str]:
    lines = []
    if plan is None:
        return lines
    for phase in plan.phases:
        if phase.status == PhaseStatus.CLOSED or phase.end < ctx.today:
            continue
        open_tasks = [t.title for t in plan.tasks_of(phase) if t.status not in FINISHED]
        line = f"{phase.name}（{span(phase.start, phase.end)}）尚在推进"
        if open_tasks:
            line += f"，未完成任务有{listing(open_tasks)}"
        lines.append(line + "。")
    if plan.items:
        lines.append(f"尚有{len(plan.items)}项整改事项未销号。")
    return lines


def _clean(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: list(dict.fromkeys(s for s in lines if s)) for key, lines in found.items()}


def application_facts(brand: Brand, ctx: BuildContext) -> dict[str, list[str]]:
    plan = facts.brand_plan(brand)
    return _clean(
        {
            "theme": _theme(brand) + _notes(brand),
            "method": _methods(brand),
            "carriers": _methods(brand) + _tasks(plan),
            "results": _results(brand, plan, ctx),
            "honours": _honours(brand),
            "innovation": _notes(brand) + _methods(brand),
        }
    )


def work_summary_facts(brand: Brand, ctx: BuildContext) -> dict[str, list[str]]:
    plan = facts.brand_plan(brand)
    org = _org(brand)
    return _clean(
        {
            "overview": org + _theme(brand)[:2],
            "practice": _phases(plan, ctx, begun=True) + _methods(brand),
            "results": _results(brand, plan, ctx) + _honours(brand),
            "problems": _problems(brand, plan, ctx),
            "next": _next(plan, ctx),
        }
    )


def brand_plan_facts(brand: Brand, ctx: BuildContext) -> dict[str, list[str]]:
    plan = facts.brand_plan(brand)
    return _clean(
        {
            "goals": _goals(brand, plan),
            "theme": _theme(brand) + _notes(brand),
            "tasks": _methods(brand) + _tasks(plan),
            "schedule": _phases(plan, ctx, begun=False),
        }
    )

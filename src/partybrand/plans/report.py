"""The plan's part of the brand's creation 方案 as a document spec: 目标与阶段 and the 三定
task list. The sections are offered one by one so the whole 实施方案 can take them as they are.

The task table fits the 156 mm 版心: 序号 10 mm (one line), 完成时限 34 mm so that
"2026年12月31日" stays on one line at 小四 (7 em, 29.6 mm, with narrow cell margins); a closing
paragraph follows the table so the 落款 is kept with text, never left alone on the last page.
"""

from partybrand.core import clock
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Heading, Para, Section, Table
from partybrand.plans.documents import phase_span, task_rows
from partybrand.plans.models import Plan

TASK_COLUMNS = [
    Column("序号", 10, "center"),
    Column("任务", 28),
    Column("责任内容与验收标准", 48),
    Column("责任人", 18, "center"),
    Column("完成时限", 34, "center"),
    Column("验收人", 18, "center"),
]
VERSION_WIDTH_MM = 156


def phases_section(plan) -> Section:
    blocks: list = []
    if plan.goal:
        blocks.append(Para(plan.goal.strip()))
    for phase in plan.phases.all():
        blocks.append(Heading(f"{phase.name}（{phase_span(phase)}）"))
        if phase.goal:
            blocks.append(Para(phase.goal.strip(), bold_lead="阶段目标："))
        if phase.criteria:
            blocks.append(Para("；".join(phase.criteria) + "。", bold_lead="关口标准："))
    if not blocks:
        blocks.append(Para("目标与阶段尚未制定。"))
    return Section("phases", "目标与阶段", blocks, editable=False)


def tasks_table(plan, *, today) -> Table:
    rows = [
        [
            str(r[0]),
            r[2],
            f"{r[3]}\n验收标准：{r[4]}" if r[4] else r[3],
            r[5],
            clock.chinese_date(r[8]),
            r[10],
        ]
        for r in task_rows(plan, today=today)
    ]
    return Table(TASK_COLUMNS, rows)


def tasks_section(plan, *, today) -> Section:
    table = tasks_table(plan, today=today)
    count = len(table.rows)
    return Section(
        "tasks",
        "三定任务清单",
        [
            Para(
                f"共{count}项任务，每项任务明确责任人（定人）、责任内容和验收标准（定责）、"
                "完成时限（定时）和验收人（定查）。"
            ),
            table,
            Para("各责任人按完成时限推进任务，验收人对照验收标准逐项验收，结果纳入年度考核。"),
        ],
        editable=False,
    )


def tasks_spec(plan, *, today) -> DocumentSpec:
    """目标与阶段 and 三定任务清单 of the brand's creation 方案."""
    return DocumentSpec(
        layout="paper",
        title=plan.title,
        subtitle="（目标与阶段、三定任务清单）",
        sections=[phases_section(plan), tasks_section(plan, today=today)],
        signature=plan.org.name,
        signed_on=today,
    )


def build_for_brand(brand, context: BuildContext) -> DocumentSpec:
    plan = Plan.objects.filter(brand=brand).select_related("org").first()
    if plan is None:
        return DocumentSpec(
            layout="paper",
            title=f"“{brand.name}”创建计划",
            sections=[Section("phases", "目标与阶段", [Para("尚未制定创建计划。")])],
            signature=brand.org.name,
            signed_on=context.today,
        )
    return tasks_spec(plan, today=context.today)

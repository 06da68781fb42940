"""年度工作总结: what the brand did this year, in the platform's own numbers, and what is left."""

from __future__ import annotations

from partybrand.brands.models import Brand
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import DocumentSpec, Heading, Para, Section
from partybrand.documents.tidy import tidy_spec
from partybrand.orgs.selectors import secretary_name
from partybrand.plans.choices import FINISHED, PhaseStatus
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.common import (
    honour_lines,
    kpi_count,
    kpi_progress,
    lost_points,
    score_text,
)
from partybrand.workbench.documents.text import (
    day,
    listing,
    quoted,
    rate,
    sentence,
    span,
    todo,
)


def build_work_summary(brand: Brand, ctx: BuildContext) -> DocumentSpec:
    plan = facts.brand_plan(brand)
    found = facts.assessments(brand.org)
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=f"{quoted(brand.name)}党建品牌创建{ctx.today.year}年度工作总结",
            preamble=[
                Para(
                    f"{ctx.today.year}年，{brand.org.name}坚持以习近平新时代中国特色社会主义思想为指导，"
                    f"围绕{quoted(brand.name)}党建品牌创建目标，统筹推进各项工作。现将有关情况总结如下。"
                )
            ],
            sections=[
                Section("overview", "基本情况", _overview(brand)),
                Section("practice", "主要做法", _practice(brand, plan, ctx)),
                Section("results", "取得成效", _results(brand, plan, found, ctx)),
                Section("problems", "存在问题", _problems(plan, found, ctx)),
                Section("next", "下一步打算", _next(plan, ctx)),
            ],
            signature=brand.org.name,
            signed_on=ctx.today,
        )
    )


def _overview(brand: Brand) -> list:
    org = brand.org
    members, _ = facts.member_count(org)
    secretary = secretary_name(org)
    text = f"{org.name}现有党员{members}名" if members else f"{org.name}现有党员" + todo("人数")
    if secretary:
        text += f"，党组织书记{secretary}"
    text += f"。{day(brand.created_at)}启动{quoted(brand.name)}党建品牌创建"
    text += f"，品牌层级为{brand.get_level_display()}，目前处于“{brand.get_status_display()}”阶段。"
    blocks = [Para(text)]
    if brand.slogan:
        blocks.append(Para(f"品牌口号为{quoted(brand.slogan)}。"))
    return blocks


def _practice(brand: Brand, plan, ctx: BuildContext) -> list:
    """What was done, phase by phase, for the phases begun by the day of the summary."""
    blocks: list = []
    if plan is not None:
        for phase in [p for p in plan.phases if p.start <= ctx.today]:
            tasks = plan.tasks_of(phase)
            done = [t for t in tasks if t.status in FINISHED]
            blocks.append(Heading(phase.name))
            goal = phase.goal.strip().rstrip("。；;.") if phase.goal else ""
            text = f"{span(phase.start, phase.end)}，"
            text += f"围绕{goal}，" if goal else ""
            text += f"安排任务{len(tasks)}项，"
            if done:
                text += f"已验收{len(done)}项：{listing([t.title for t in done])}"
            else:
                text += "尚无任务通过验收"
            blocks.append(Para(text + "。"))
    methods = facts.methods(brand)
    if methods:
        blocks.append(Heading("提炼品牌工作法"))
        for practice in methods:
            blocks.append(Para(sentence(practice.description), bold_lead=f"{practice.name}。"))
    if not blocks:
        return [Para(todo("请概述本年度品牌创建的主要做法，创建计划录入阶段和任务后将自动列出"))]
    return blocks


def _results(brand: Brand, plan, found, ctx: BuildContext) -> list:
    blocks: list = []
    if plan is not None and plan.tasks:
        counts = facts.task_counts(plan.tasks, ctx.today)
        text = (
            f"创建计划共分解三定任务{counts.total}项，已验收销号{counts.finished}项，"
            f"完成率{rate(counts.finished, counts.total)}；其中按期完成{counts.on_time}项"
        )
        if counts.overdue:
            text += f"，逾期未完成{counts.overdue}项"
        blocks.append(Para(text + "。", bold_lead="任务推进。"))
    lines = facts.kpi_lines(brand)
    if lines:
        text = "；".join(kpi_progress(line) for line in lines)
        blocks.append(
            Para(
                f"{kpi_count(lines)}。{text}。",
                bold_lead="业务成效。",
            )
        )
    taking = facts.participation(brand)
    if taking.surveys:
        text = f"开展问卷调查{taking.surveys}次，共收到答卷{taking.responses}份"
        if taking.target:
            text += f"，参与率{rate(taking.responses, taking.target)}"
        blocks.append(Para(text + "。", bold_lead="群众参与。"))
    for assessment in found:
        blocks.append(Para(score_text(assessment) + "。", bold_lead="考评情况。"))
    honours = honour_lines(brand)
    if honours:
        blocks.append(Para("；".join(honours) + "。", bold_lead="荣誉表彰。"))
    if not blocks:
        return [Para(todo("平台尚无任务、指标、问卷和考评数据，请补充本年度取得的成效"))]
    return blocks


def _problems(plan, found, ctx: BuildContext) -> list:
    blocks: list = []
    items = plan.items if plan is not None else []
    for item in items:
        late = "，已超过整改时限" if item.is_overdue(ctx.today) else ""
        blocks.append(
            Para(
                f"{sentence(item.finding)}整改时限为{day(item.deadline)}，"
                f"目前{item.get_status_display()}{late}。"
            )
        )
    for assessment in found:
        losses = lost_points(assessment)
        if losses:
            blocks.append(
                Para(
                    f"对照《{assessment.system.name}》，{'；'.join(losses)}。",
                    bold_lead="考评失分。",
                )
            )
    if not blocks:
        return [Para(todo("平台暂无未销号的整改事项和考评失分，请对照创建目标查找存在的不足"))]
    return blocks


def _next(plan, ctx: BuildContext) -> list:
    blocks: list = []
    if plan is not None:
        for phase in plan.phases:
            if phase.status == PhaseStatus.CLOSED or phase.end < ctx.today:
                continue
            open_tasks = [t for t in plan.tasks_of(phase) if t.status not in FINISHED]
            text = f"{span(phase.start, phase.end)}，{sentence(phase.goal) or '按计划推进。'}"
            if open_tasks:
                text += (
                    f"重点完成{listing([t.title for t in open_tasks])}等{len(open_tasks)}项任务。"
                )
            blocks.append(Para(text, bold_lead=f"推进{phase.name}。"))
        if plan.items:
            blocks.append(
                Para(
                    f"对照{len(plan.items)}项整改事项逐项落实整改措施，按期照单销号。",
                    bold_lead="抓好问题整改。",
                )
            )
    blocks.append(
        Para(
            "及时总结提炼品牌创建的经验做法，形成典型案例，持续扩大品牌影响力。",
            bold_lead="加强宣传推介。",
        )
    )
    return blocks

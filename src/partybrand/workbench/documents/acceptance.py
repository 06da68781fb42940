"""验收报告: the brand's acceptance: scores, the experts' opinions, the conclusion from the score
against the pass line, and what must still be put right."""

from __future__ import annotations

from decimal import Decimal

from partybrand.brands.models import Brand
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Para, Section, Table
from partybrand.documents.tidy import tidy_spec
from partybrand.indicators.choices import SystemKind
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.common import (
    DATE_MM,
    SERIAL_MM,
    SHORT_MM,
    lost_points,
    score_text,
)
from partybrand.workbench.documents.text import day, num, quoted, sentence, todo

SCORE_COLUMNS = [
    Column("序号", SERIAL_MM, "center"),
    Column("一级指标", 59),
    Column("满分", 20, "center"),
    Column("得分", 20, "center"),
    Column("失分", 20, "center"),
    Column("得分率", 24, "center"),
]
ITEM_COLUMNS = [
    Column("序号", SERIAL_MM, "center"),
    Column("问题", 47),
    Column("整改措施", 40),
    Column("整改时限", DATE_MM, "center"),
    Column("状态", SHORT_MM, "center"),
]


def build_acceptance_report(brand: Brand, ctx: BuildContext) -> DocumentSpec:
    found = facts.assessments(brand.org)
    plan = facts.brand_plan(brand)
    items = plan.items if plan is not None else []
    # the committee above accepts; the group committee accepts its own brand
    upper = facts.upper_committee(brand.org, facts.PARTY_COMMITTEES)
    if upper is None and brand.org.kind in facts.PARTY_COMMITTEES:
        upper = brand.org
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=f"{quoted(brand.name)}党建品牌创建验收报告",
            preamble=[
                Para(
                    f"根据党建品牌创建工作安排，对{brand.org.name}{quoted(brand.name)}党建品牌"
                    "创建情况进行了验收。现将验收情况报告如下。"
                )
            ],
            sections=[
                Section("scores", "验收得分", _scores(found)),
                Section("opinions", "专家组意见", _opinions(found)),
                Section("conclusion", "验收结论", _conclusion(brand, found, items)),
                Section("rectification", "整改事项", _items(plan, items, ctx)),
            ],
            signature=f"{upper.name}党建品牌验收组" if upper else "党建品牌验收组",
            signed_on=ctx.today,
        )
    )


def _scores(found) -> list:
    if not found:
        return [Para(todo("平台尚无已评定的测评结果，请完成品牌评价测评后重新导出"))]
    blocks: list = []
    if found[0].system.kind != SystemKind.BRAND:
        blocks.append(
            Para(
                "平台尚无已评定的党建品牌评价测评，暂以党支部标准化规范化建设测评结果作为验收依据。"
                + todo("请组织党建品牌评价测评后重新导出")
            )
        )
    for assessment in found:
        blocks.append(Para(score_text(assessment) + "。"))
        rows = []
        for n, d in enumerate(facts.dimensions(assessment), start=1):
            rows.append(
                [
                    str(n),
                    d.name,
                    num(d.max_score),
                    num(d.score),
                    num(d.max_score - d.score),
                    f"{num(d.percent.quantize(Decimal('0.1')))}%",
                ]
            )
        if rows:
            blocks.append(
                Table(columns=SCORE_COLUMNS, rows=rows, caption=f"{assessment.system.name}得分")
            )
    return blocks


def _opinions(found) -> list:
    blocks: list = []
    for assessment in found:
        for indicator, comment in facts.review_comments(assessment):
            blocks.append(Para(sentence(comment), bold_lead=f"{indicator}："))
    if not blocks:
        return [Para(todo("评审专家尚未在平台填写评审意见，请录入专家组的综合意见"))]
    return blocks


def _conclusion(brand: Brand, found, items) -> list:
    if not found:
        return [Para(todo("验收结论待测评评定后形成"))]
    main = found[0]
    line = facts.pass_line(main)
    score = f"{num(main.final_score)}分"
    passed = not main.veto_triggered and main.final_score >= line.score
    basis = (
        f"《{main.system.name}》评定得分{score}，验收分数线为{num(line.score)}分（{line.source}）"
    )
    if main.veto_triggered:
        reason = "因触发一票否决，未达到验收要求"
    elif main.final_score < line.score:
        reason = f"低于验收分数线{num(line.score - main.final_score)}分"
    else:
        reason = "达到验收分数线"
    blocks = [Para(f"{basis}，{reason}。")]
    if passed:
        text = f"验收组同意{quoted(brand.name)}党建品牌通过验收。"
        if items:
            text += f"尚未销号的{len(items)}项整改事项须按期整改到位。"
        blocks.append(Para(text, bold_lead="结论：通过。"))
    else:
        deadline = (
            f"于{day(brand.rectify_deadline)}前" if brand.rectify_deadline else "在规定期限内"
        )
        blocks.append(
            Para(
                f"请{brand.org.name}{deadline}完成整改，整改完成后申请复验。",
                bold_lead="结论：限期整改。",
            )
        )
    if not main.veto_triggered:
        losses = lost_points(main)
        if losses:
            blocks.append(Para("；".join(losses) + "。", bold_lead="主要失分："))
    return blocks


def _items(plan, items, ctx: BuildContext) -> list:
    if plan is None:
        return [Para("品牌尚未建立创建计划，平台未登记复盘整改事项。")]
    if not items:
        return [Para("截至验收时，品牌创建中发现的问题均已整改销号。")]
    rows = [
        [
            str(n),
            item.finding,
            item.measure or "待制定",
            day(item.deadline),
            "已逾期" if item.is_overdue(ctx.today) else item.get_status_display(),
        ]
        for n, item in enumerate(items, start=1)
    ]
    return [
        Para(f"尚有{len(items)}项整改事项未销号，须按期整改到位。"),
        Table(columns=ITEM_COLUMNS, rows=rows),
    ]

"""Sections and sentences more than one of the brand's documents share."""

from __future__ import annotations

from partybrand.brands.kpi_text import kpi_change
from partybrand.brands.models import Brand
from partybrand.documents.spec import Block, Column, Para, Table
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.text import cn, day, num, qty, quoted, sentence, todo

# Table widths (mm) at which, in 小四 with Word's default cell margins, a column's text stays on
# one line: "序号"; "2026年12月31日"; three characters such as a name or "未达到".
SERIAL_MM = 13
DATE_MM = 38
SHORT_MM = 18

GUIDING_THOUGHT = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届历次全会精神，"
    "全面贯彻新时代党的建设总要求和新时代党的组织路线，深刻领悟“两个确立”的决定性意义，"
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
    "坚持党建工作与生产经营深度融合，以党建品牌创建为抓手，推动基层党组织全面进步、全面过硬。"
)


def theme_blocks(brand: Brand, phrases, *, notes: bool = True) -> list[Block]:
    """The theme as a reader meets it: name, slogan, then the 释义 phrase by phrase, and (with
    `notes`) what the branch wrote of its 政治味, 文化味 and 融合味."""
    blocks: list[Block] = [Para(f"品牌名称：{quoted(brand.name)}。", indent=True)]
    if brand.slogan:
        blocks.append(Para(f"品牌口号：{quoted(brand.slogan)}。"))
    else:
        blocks.append(Para("品牌口号：" + todo("品牌口号尚未确定")))
    if brand.meaning:
        blocks.append(Para(sentence(brand.meaning), bold_lead="品牌释义。"))
    for phrase in phrases:
        blocks.append(
            Para(
                sentence(phrase.explanation),
                bold_lead=f"{quoted(phrase.phrase)}：",
            )
        )
    if not brand.meaning and not phrases:
        blocks.append(Para(todo("品牌释义尚未填写，请逐句说明品牌名称和口号的内涵")))
    flavours = [
        ("政治味", brand.political_note),
        ("文化味", brand.cultural_note),
        ("融合味", brand.integration_note),
    ]
    for label, note in flavours if notes else []:
        if note:
            blocks.append(Para(sentence(note), bold_lead=f"{label}。"))
    return blocks


def kpi_goal(line: facts.KpiLine) -> str:
    kpi = line.kpi
    verb = "降低到" if kpi.direction == "down" else "提升到"
    return (
        f"{kpi.name}由{day(kpi.baseline_on)}的{qty(kpi.baseline, kpi.unit)}"
        f"{verb}{qty(kpi.target, kpi.unit)}"
    )


# The unit is written once, after the KPI's name, so values stay on one line.
KPI_COLUMNS = [
    Column("序号", SERIAL_MM, "center"),
    Column("指标名称（单位）", 53),
    Column("基线值", 24, "center"),
    Column("目标值", 24, "center"),
    Column("实际值", 24, "center"),
    Column("达标", SHORT_MM, "center"),
]


def kpi_table(lines: list[facts.KpiLine], *, caption: str = "") -> Table:
    rows = []
    for n, line in enumerate(lines, start=1):
        kpi = line.kpi
        actual = line.actual
        reached = {True: "达到", False: "未达到", None: "—"}[line.reached]
        rows.append(
            [
                str(n),
                f"{kpi.name}（{kpi.unit}）" if kpi.unit else kpi.name,
                num(kpi.baseline),
                num(kpi.target),
                num(actual.value) if actual else "无记录",
                reached,
            ]
        )
    dates = {line.actual.measured_on for line in lines if line.actual}
    note = "注：基线值为创建前的数据，实际值为平台最近一次记录的数据"
    if len(dates) == 1:
        note += f"（{day(dates.pop())}）"
    return Table(columns=KPI_COLUMNS, rows=rows, caption=caption, note=note + "。")


def kpi_count(lines: list[facts.KpiLine]) -> str:
    """设置成效指标3项，已达到目标值1项 (or 尚无指标达到目标值)."""
    reached = sum(1 for line in lines if line.reached)
    done = f"已达到目标值{reached}项" if reached else "尚无指标达到目标值"
    return f"设置成效指标{len(lines)}项，{done}"


def kpi_progress(line: facts.KpiLine) -> str:
    """One KPI's way from its baseline: 由85%提升到92%，提高7个百分点，已达到目标值95%."""
    kpi = line.kpi
    target = qty(kpi.target, kpi.unit)
    if line.actual is None:
        return f"{kpi.name}基线值{qty(kpi.baseline, kpi.unit)}，目标值{target}，尚无实际值记录"
    verb = "降低到" if line.actual.value < kpi.baseline else "提升到"
    if line.actual.value == kpi.baseline:
        moved = f"保持在{qty(kpi.baseline, kpi.unit)}"
    else:
        moved = f"由{qty(kpi.baseline, kpi.unit)}{verb}{qty(line.actual.value, kpi.unit)}"
        moved += f"，{kpi_change(kpi.baseline, line.actual.value, kpi.unit)}"
    state = "已达到" if line.reached else "尚未达到"
    return f"{kpi.name}{moved}，{state}目标值{target}"


def honour_lines(brand: Brand) -> list[str]:
    lines = []
    for h in brand.honours.all():
        by = f"获{h.issuer}授予" if h.issuer else "获评"
        lines.append(f"{h.year}年{by}“{h.title}”（{h.get_level_display()}）")
    return lines


def score_text(assessment) -> str:
    total = num(assessment.system.total_points)
    text = (
        f"在{assessment.period}《{assessment.system.name}》测评中，"
        f"评定得分{num(assessment.final_score)}分（满分{total}分）"
    )
    if assessment.veto_triggered:
        return text + "，因触发一票否决，评定结果为不达标"
    if assessment.stars:
        return text + f"，评定为{cn(assessment.stars)}星级"
    return text


def lost_points(assessment) -> list[str]:
    """Where the assessment lost points, by 一级 indicator, largest loss first."""
    rows = [d for d in facts.dimensions(assessment) if d.score < d.max_score]
    rows.sort(key=lambda d: d.score - d.max_score)
    return [
        f"“{d.name}”得{num(d.score)}分（满分{num(d.max_score)}分），"
        f"失{num(d.max_score - d.score)}分"
        for d in rows
    ]

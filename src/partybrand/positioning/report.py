"""The brand positioning report (品牌定位报告) as a document spec: numbered sections from 一、,
written from the surveys, the stock-taking, the benchmarks and the conclusion the brand holds."""

from partybrand.assessments.scoring import fmt
from partybrand.core import clock
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Heading, Para, Section, Table
from partybrand.positioning import selectors

NO_SCORE = "尚无已评定的测评。"


def _percent(rate) -> str:
    return "—" if rate is None else f"{rate:g}%"


def _basic(brand) -> Section:
    return Section(
        "basic",
        "基本情况",
        [
            Para(brand.org.name, bold_lead="党组织："),
            Para(brand.name, bold_lead="品牌名称："),
            Para(brand.slogan or "尚未确定。", bold_lead="品牌口号："),
            Para(
                f"{brand.get_level_display()}，{brand.get_tier_display()}，"
                f"当前状态为{brand.get_status_display()}。",
                bold_lead="品牌层级：",
            ),
        ],
        editable=False,
    )


def _surveys(data: dict) -> Section:
    section = Section("surveys", "调研情况", editable=False)
    if not data["surveys"]:
        section.blocks.append(
            Para("尚未开展问卷调研。建议先面向党员和职工征求意见，再确定品牌定位。")
        )
        return section
    if data["survey_total"] > len(data["surveys"]):
        section.blocks.append(
            Para(
                f"共开展问卷调研{data['survey_total']}次，"
                f"以下为最近{len(data['surveys'])}次的情况。"
            )
        )
    for item in data["surveys"]:
        survey = item.survey
        section.blocks.append(Heading(survey.title))
        rate = f"，参与率{_percent(item.rate)}" if item.target else ""
        section.blocks.append(
            Para(
                f"问卷{survey.phase_label}，共收到答卷{item.responses}份，"
                f"目标人群{item.target}人{rate}。"
            )
        )
        if item.keywords:
            words = "、".join(f"{word}（{count}）" for word, count in item.keywords)
            section.blocks.append(Para(f"{words}。", bold_lead="意见高频词："))
        if item.proposals:
            names = "；".join(
                f"“{p['name']}”{p['count']}人"
                + (f"（口号：{'／'.join(p['slogans'])}）" if p["slogans"] else "")
                for p in item.proposals
            )
            section.blocks.append(Para(f"{names}。", bold_lead="名称建议："))
    return section


def _practice_rows(practices) -> list[list[str]]:
    rows = []
    for n, p in enumerate(practices, start=1):
        name = p.name + (f"\n（{p.since}年起）" if p.since else "")
        name += "\n★工作法候选" if p.is_method_candidate else ""
        evidence = len(p.evidence.all())
        effect = (p.effect or "—") + (f"\n佐证材料{evidence}份" if evidence else "")
        rows.append([str(n), name, p.description, effect])
    return rows


def _inventory(data: dict) -> Section:
    blocks: list = [Heading("已有做法与工作法")]
    if data["practices"]:
        blocks.append(
            Table(
                [
                    Column("序号", 12, "center"),
                    Column("做法名称", 36),
                    Column("主要做法", 60),
                    Column("取得成效", 48),
                ],
                _practice_rows(data["practices"]),
            )
        )
    else:
        blocks.append(Para("尚未梳理已有做法。"))
    blocks.append(Heading("荣誉"))
    if data["honours"]:
        rows = [
            [str(h.year), h.title, h.get_level_display(), h.issuer or "—"] for h in data["honours"]
        ]
        blocks.append(
            Table(
                [
                    Column("年份", 18, "center"),
                    Column("荣誉名称", 70),
                    Column("级别", 24, "center"),
                    Column("授予单位", 44),
                ],
                rows,
            )
        )
    else:
        blocks.append(Para("暂无荣誉记录。"))
    blocks.append(Heading("优势与不足"))
    rows = [
        [group["label"], item.get_category_display(), item.text, item.note or "—"]
        for group in data["swot"]
        for item in group["items"]
    ]
    if rows:
        blocks.append(
            Table(
                [
                    Column("类型", 18, "center"),
                    Column("方面", 24),
                    Column("要点", 50),
                    Column("说明", 64),
                ],
                rows,
            )
        )
    else:
        blocks.append(Para("尚未梳理优势与不足。"))
    blocks.append(Heading("标准化建设评分"))
    score = data["standardisation"]
    if score is None:
        blocks.append(Para(NO_SCORE))
    else:
        stars = f"，{score.stars}星" if score.stars else ""
        day = clock.chinese_date(score.assessed_on)
        blocks.append(Para(f"{score.system}：{fmt(score.total)}分{stars}（{day}评定）。"))
    return Section("inventory", "内部梳理", blocks, editable=False)


def _benchmarks(data: dict) -> Section:
    section = Section("benchmarks", "标杆对比", editable=False)
    if not data["comparisons"]:
        section.blocks.append(Para("尚未选取标杆品牌进行对比。"))
        return section
    rows = []
    for c in data["comparisons"]:
        owner = f"\n（{c.benchmark.org}）" if c.benchmark.org else ""
        rows.append([c.benchmark.name + owner, c.learn, c.differ])
    section.blocks.append(
        Table([Column("标杆品牌", 44), Column("学什么", 56), Column("我们的差异", 56)], rows)
    )
    return section


def _conclusion(data: dict) -> Section:
    note = data["note"]
    text = note.conclusion if note else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Section(
        "conclusion", "定位结论", [Para(line) for line in lines or ["定位结论尚未填写。"]]
    )


def positioning_spec(data: dict, *, today) -> DocumentSpec:
    brand = data["brand"]
    return DocumentSpec(
        layout="paper",
        title=f"“{brand.name}”党建品牌定位报告",
        sections=[
            _basic(brand),
            _surveys(data),
            _inventory(data),
            _benchmarks(data),
            _conclusion(data),
        ],
        signature=brand.org.name,
        signed_on=today,
    )


def build_for_brand(brand, context: BuildContext) -> DocumentSpec:
    return positioning_spec(selectors.summary(brand), today=context.today)

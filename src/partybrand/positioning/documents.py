"""The positioning summary as a Word document (品牌定位报告), in official layout."""

from partybrand.core import clock
from partybrand.core.docx_helpers import OfficialDocument

NO_SCORE = "尚无已评定的测评。"
# Column widths add up to 156 mm: A4 minus the 28 mm and 26 mm side margins.


def _percent(rate) -> str:
    return "—" if rate is None else f"{rate:g}%"


def _surveys(doc: OfficialDocument, data: dict) -> None:
    doc.heading("调研情况")
    if not data["surveys"]:
        doc.paragraph("尚未开展问卷调研。建议先面向党员和职工征求意见，再确定品牌定位。")
        return
    if data["survey_total"] > len(data["surveys"]):
        shown = len(data["surveys"])
        doc.paragraph(f"共开展问卷调研{data['survey_total']}次，以下为最近{shown}次的情况。")
    for item in data["surveys"]:
        survey = item.survey
        doc.subheading(survey.title)
        rate = f"，参与率{_percent(item.rate)}" if item.target else ""
        doc.paragraph(
            f"问卷{survey.phase_label}，共收到答卷{item.responses}份，"
            f"目标人群{item.target}人{rate}。"
        )
        if item.keywords:
            words = "、".join(f"{word}（{count}）" for word, count in item.keywords)
            doc.paragraph(words, lead="意见高频词：")
        if item.proposals:
            names = "；".join(
                f"“{p['name']}”{p['count']}人"
                + (f"（口号：{'／'.join(p['slogans'])}）" if p["slogans"] else "")
                for p in item.proposals
            )
            doc.paragraph(names, lead="名称建议：")


def _inventory(doc: OfficialDocument, data: dict) -> None:
    doc.heading("内部梳理")
    doc.subheading("已有做法与工作法")
    practices = data["practices"]
    if practices:
        rows = []
        for n, p in enumerate(practices, start=1):
            name = p.name + (f"\n（{p.since}年起）" if p.since else "")
            name += "\n★工作法候选" if p.is_method_candidate else ""
            evidence = len(p.evidence.all())
            effect = p.effect or "—"
            effect += f"\n佐证材料{evidence}份" if evidence else ""
            rows.append([str(n), name, p.description, effect])
        doc.table(["序号", "做法名称", "主要做法", "取得成效"], rows, [14, 36, 58, 48])
    else:
        doc.paragraph("尚未梳理已有做法。")
    doc.subheading("荣誉")
    if data["honours"]:
        rows = [
            [str(h.year), h.title, h.get_level_display(), h.issuer or "—"] for h in data["honours"]
        ]
        doc.table(["年份", "荣誉名称", "级别", "授予单位"], rows, [18, 70, 24, 44])
    else:
        doc.paragraph("暂无荣誉记录。")
    doc.subheading("优势与不足")
    rows = [
        [group["label"], item.get_category_display(), item.text, item.note or "—"]
        for group in data["swot"]
        for item in group["items"]
    ]
    if rows:
        doc.table(["类型", "方面", "要点", "说明"], rows, [18, 24, 50, 64])
    else:
        doc.paragraph("尚未梳理优势与不足。")
    doc.subheading("标准化建设评分")
    score = data["standardisation"]
    if score is None:
        doc.paragraph(NO_SCORE)
    else:
        stars = f"，{score.stars}星" if score.stars else ""
        day = clock.day_text(score.assessed_on)
        doc.paragraph(f"{score.system}：{score.total}分{stars}（{day}评定）。")


def _benchmarks(doc: OfficialDocument, data: dict) -> None:
    doc.heading("标杆对比")
    if not data["comparisons"]:
        doc.paragraph("尚未选取标杆品牌进行对比。")
        return
    rows = []
    for c in data["comparisons"]:
        owner = f"\n（{c.benchmark.org}）" if c.benchmark.org else ""
        rows.append([c.benchmark.name + owner, c.learn, c.differ])
    doc.table(["标杆品牌", "学什么", "我们的差异"], rows, [44, 56, 56])


def _conclusion(doc: OfficialDocument, data: dict) -> None:
    doc.heading("定位结论")
    note = data["note"]
    text = note.conclusion if note else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines or ["（定位结论尚未填写。）"]:
        doc.paragraph(line)


def summary_docx(data: dict) -> bytes:
    brand = data["brand"]
    doc = OfficialDocument(title=f"{brand.name}品牌定位报告", author=brand.org.name)
    doc.title(f"“{brand.name}”党建品牌定位报告")
    doc.heading("基本情况")
    doc.paragraph(brand.org.name, lead="党组织：")
    doc.paragraph(brand.name, lead="品牌名称：")
    doc.paragraph(brand.slogan or "（尚未确定）", lead="品牌口号：")
    doc.paragraph(
        f"{brand.get_level_display()}，{brand.get_tier_display()}，当前状态：{brand.get_status_display()}。",
        lead="品牌层级：",
    )
    _surveys(doc, data)
    _inventory(doc, data)
    _benchmarks(doc, data)
    _conclusion(doc, data)
    doc.signature(brand.org.name, clock.day_text(clock.today()))
    return doc.to_bytes()


def summary_filename(brand) -> str:
    return f"{brand.name}-品牌定位报告.docx"

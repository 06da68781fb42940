"""The brand launch plan (品牌发布会方案) as a document spec (kind "brand-launch-plan", subject
brand): the brand's latest launch — time and venue, agenda, who attends, the 主持词 and
讲话稿, the venue checklist, the publicity plan and, once held, its record. `launch_facts`
gives drafting help the platform's facts per section, without naming any member."""

from partybrand.core import clock
from partybrand.core.quotes import quoted
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Para, Section, Table
from partybrand.promotion.choices import LaunchState
from partybrand.promotion.models import Launch

NONE_YET = "尚未筹划品牌发布会。"


def latest_launch(brand) -> Launch | None:
    return (
        Launch.objects.filter(brand=brand)
        .select_related("org", "brand")
        .order_by("-held_on", "-id")
        .first()
    )


def _when(launch: Launch) -> str:
    when = clock.chinese_date(launch.held_on)
    return f"{when}{launch.start_time:%H:%M}" if launch.start_time else when


def _paras(text: str) -> list:
    return [Para(line.strip()) for line in (text or "").splitlines() if line.strip()]


def _basic(brand, launch: Launch) -> Section:
    guests = [g.strip() for g in launch.guests.splitlines() if g.strip()]
    count = launch.participants.count()
    blocks = [
        Para(launch.title, bold_lead="会议名称："),
        Para(_when(launch), bold_lead="时间："),
        Para(launch.venue, bold_lead="地点："),
        Para(brand.org.name, bold_lead="主办："),
        Para(
            f"{brand.org.name}党员代表{count}人" + (f"，特邀嘉宾{len(guests)}位" if guests else ""),
            bold_lead="参会人员：",
        ),
    ]
    if guests:
        blocks.append(Para("；".join(guests) + "。", bold_lead="特邀嘉宾："))
    return Section("basic", "基本情况", blocks, editable=False)


def _agenda(launch: Launch) -> Section:
    if not launch.agenda:
        return Section("agenda", "会议议程", [Para("议程待定。")], editable=False)
    rows = [
        [str(i), row.get("time", ""), row["item"], row.get("speaker", "")]
        for i, row in enumerate(launch.agenda, start=1)
    ]
    columns = [Column("序号", 12, "center"), Column("时间", 24, "center"), Column("议程", 84)]
    columns.append(Column("主持或发言", 36, "center"))
    return Section("agenda", "会议议程", [Table(columns, rows)], editable=False)


def _checklist(launch: Launch) -> Section:
    rows = [
        [str(i), row["item"], "已落实" if row.get("done") else "待落实"]
        for i, row in enumerate(launch.checklist, start=1)
    ]
    columns = [Column("序号", 12, "center"), Column("事项", 120), Column("情况", 24, "center")]
    blocks: list = [Table(columns, rows)] if rows else [Para("会场清单待定。")]
    return Section("checklist", "会场准备清单", blocks, editable=False)


def _record(launch: Launch) -> Section | None:
    if launch.state != LaunchState.RECORDED:
        return None
    blocks = [Para(f"发布会于{_when(launch)}在{launch.venue}举行，实到{launch.attendance}人。")]
    blocks += _paras(launch.summary)
    reports = list(launch.reports.order_by("published_on", "id"))
    if reports:
        blocks.append(
            Para(
                "；".join(f"{r.outlet or r.get_channel_display()}《{r.title}》" for r in reports)
                + "。",
                bold_lead="媒体报道：",
            )
        )
    return Section("record", "会议情况", blocks, editable=False)


def launch_spec(brand, launch: Launch | None, *, today) -> DocumentSpec:
    if launch is None:
        sections = [Section("basic", "基本情况", [Para(NONE_YET)], editable=False)]
        title = f"{quoted(brand.name)}党建品牌发布会方案"
    else:
        title = f"{launch.title}方案"
        sections = [
            _basic(brand, launch),
            _agenda(launch),
            Section("host", "主持词", _paras(launch.host_script) or [Para("（待撰写）")]),
            Section("speech", "讲话稿", _paras(launch.speech) or [Para("（待撰写）")]),
            _checklist(launch),
            Section("publicity", "宣传方案", _paras(launch.publicity_plan) or [Para("（待定）")]),
        ]
        record = _record(launch)
        if record is not None:
            sections.append(record)
    return DocumentSpec(
        layout="paper", title=title, sections=sections, signature=brand.org.name, signed_on=today
    )


def build_for_brand(brand, context: BuildContext) -> DocumentSpec:
    return launch_spec(brand, latest_launch(brand), today=context.today)


def launch_facts(brand, context: BuildContext) -> dict[str, list[str]]:
    """Plain sentences of the brand record and the launch per editable section, naming no one."""
    brand_lines = [f"品牌名称：{brand.name}。", f"所属党组织：{brand.org.name}。"]
    if brand.slogan:
        brand_lines.append(f"品牌口号：{brand.slogan}。")
    if brand.meaning:
        brand_lines.append(f"内涵释义：{brand.meaning.strip()}")
    brand_lines += [f"{quoted(p.phrase)}：{p.explanation.strip()}" for p in brand.phrases.all()]
    if brand.logo_meaning:
        brand_lines.append(f"标识释义：{brand.logo_meaning.strip()}")
    kinds = [c.get_kind_display() for c in brand.carriers.all()]
    if kinds:
        brand_lines.append(f"活动载体{len(kinds)}个：{'、'.join(dict.fromkeys(kinds))}。")
    brand_lines += [f"荣誉：{h.title}（{h.year}年）。" for h in brand.honours.all()[:5]]
    launch = latest_launch(brand)
    meeting = []
    if launch is not None:
        meeting = [f"发布会：{launch.title}，{_when(launch)}，{launch.venue}。"]
        meeting += [f"议程：{row['item']}。" for row in launch.agenda]
    return {
        "host": meeting + brand_lines[:3],
        "speech": brand_lines,
        "publicity": meeting
        + ["推介渠道：门户网站、微信公众号、宣传栏、内部刊物、上级报送、新闻媒体。"],
    }

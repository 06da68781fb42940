"""The cockpit's 分析报告 ("cockpit-report"): an analysis of brand creation in an organisation's
subtree, laid out as the platform's working papers are (GB/T 9704 page and faces): coverage, the
lifecycle funnel, tiers, the round results, the health distribution with the lowest brands and
what lowers them, the monthly trend and the organisations right below. Every figure is read from
the cockpit's aggregate tables through `selectors` (the same the page, 大屏, .xlsx and API show);
the paragraphs are written from them and may be rewritten by the staff (each section is
editable), the tables are rebuilt on every export. Its subject is "cockpit": an organisation
opened through the cockpit's own access helper, so only those who may open its cockpit may read
the report."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from partybrand.cockpit import access, selectors
from partybrand.core import clock
from partybrand.documents.registry import BuildContext, DocumentKind, Subject
from partybrand.documents.spec import Column, DocumentSpec, Para, Section, Table
from partybrand.documents.tidy import tidy, tidy_spec
from partybrand.orgs.models import Organization

KIND_CODE = "cockpit-report"
LOWEST_SHOWN = 10
LOWERS_PER_BRAND = 2
# Table widths (mm) that keep a figure on one line in 小四.
SERIAL_MM = 13
COUNT_MM = 20


def _num(value) -> str:
    """72.5 → "72.5", 70.0 → "70"."""
    return format(Decimal(str(value)).quantize(Decimal("0.1")).normalize(), "f")


def _share(part: int, whole: int) -> str:
    return f"{_num(Decimal(100 * part) / Decimal(whole))}%" if whole else "0%"


def _score(value) -> str:
    return "—" if value is None else _num(value)


def _month(text: str) -> str:
    year, month = text.split("-")
    return f"{year}年{int(month)}月"


def figures(org: Organization) -> dict:
    """What the report says, read once: the cockpit's summary, the organisations below, the
    lowest brands and the trend."""
    return {
        "summary": selectors.summary(org),
        "children": selectors.children(org),
        "lowest": list(selectors.lowest(org, LOWEST_SHOWN)),
        "trend": selectors.trend(org),
    }


def _coverage_sentences(org, data) -> list[str]:
    cov = data["coverage"]
    avg = data["health"]["average"]
    said = (
        f"{org.name}及所属党组织共有党支部{cov['branches']}个，其中有已命名党建品牌的"
        f"{cov['named']}个，占{_share(cov['named'], cov['branches'])}；品牌创建中的"
        f"{cov['creating']}个；尚无品牌的{cov['none']}个，"
        f"占{_share(cov['none'], cov['branches'])}。"
    )
    brands = f"共有党建品牌{data['brands']}个"
    brands += f"，平均健康度{_num(avg)}分。" if avg is not None else "，尚未计算健康度。"
    return [said, brands]


def _funnel_sentences(data) -> list[str]:
    moving = [f for f in data["funnel"] if f["count"]]
    if not moving:
        return ["尚无品牌进入创建流程。"]
    parts = "，".join(f"{f['label']}{f['count']}个" for f in moving)
    return [f"按创建阶段分：{parts}。"]


def _tier_sentences(data) -> list[str]:
    held = [t for t in data["tiers"] if t["count"]]
    if not held:
        return ["尚无品牌评定层级。"]
    return ["按品牌层级分：" + "，".join(f"{t['label']}{t['count']}个" for t in held) + "。"]


def _round_sentences(org, data) -> list[str]:
    rr = data["rounds"]
    if not rr["entries"]:
        return ["尚无品牌参加评选。"]
    year = f"{rr['year']}年度" if rr["year"] else "本年度"
    sentences = [
        f"{org.name}及所属党组织的品牌累计参加评选{rr['entries']}项，其中{year}"
        f"{rr['entries_year']}项。"
    ]
    if rr["named"]:
        tiers = "、".join(f"{t['label']}{t['count']}个" for t in rr["tiers"][::-1] if t["count"])
        sentences.append(
            f"验收评选累计获命名{rr['named']}个（{year}{rr['named_year']}个）"
            + (f"，其中{tiers}。" if tiers else "。")
        )
    else:
        sentences.append("尚无品牌经验收评选获命名。")
    decided = [o for o in rr["outcomes"] if o["count"]]
    if decided:
        sentences.append(
            "复评结论：" + "，".join(f"{o['label']}{o['count']}个" for o in decided) + "。"
        )
    latest = rr["latest"]
    if latest:
        sentences.append(
            f"最近一次评选为“{latest['title']}”（{latest['kind_label']}），参评{latest['entries']}项，"
            f"{latest['result_label']}{latest['named']}项。"
        )
    return sentences


def _health_sentences(data, lowest) -> list[str]:
    health = data["health"]
    if health["average"] is None:
        return ["尚未计算品牌健康度。"]
    bands = "，".join(
        f"{b['label']}{'' if '分' in b['label'] else '分'}的{b['count']}个"
        for b in health["bands"]
        if b["count"]
    )
    sentences = [f"品牌健康度平均{_num(health['average'])}分，其中{bands}。"]
    parts = [p for p in health["parts"] if p["average"] is not None]
    if parts:
        weakest = min(parts, key=lambda p: p["average"])
        strongest = max(parts, key=lambda p: p["average"])
        sentences.append(
            f"分项中“{strongest['label']}”平均{_num(strongest['average'])}分为最高，"
            f"“{weakest['label']}”平均{_num(weakest['average'])}分为最低。"
        )
    if lowest:
        names = "、".join(f"“{h.brand.name}”（{_num(h.score)}分）" for h in lowest[:3])
        sentences.append(f"健康度最低的品牌为{names}，主要扣分事项见下表。")
    return sentences


def _trend_sentences(trend) -> list[str]:
    if not trend:
        return ["尚无按月记录的健康度。"]
    first, last = trend[0], trend[-1]
    if len(trend) == 1:
        return [f"{_month(last['month'])}平均健康度{_num(last['avg'])}分，尚无往月数据可比。"]
    change = Decimal(str(last["avg"])) - Decimal(str(first["avg"]))
    moved = "持平" if change == 0 else f"{'提高' if change > 0 else '降低'}{_num(abs(change))}分"
    return [
        f"{_month(first['month'])}至{_month(last['month'])}，平均健康度由{_num(first['avg'])}分"
        f"变为{_num(last['avg'])}分，{moved}。"
    ]


def _children_sentences(children) -> list[str]:
    rated = [(c, r) for c, r in children if r is not None and r.health_avg is not None]
    if not children:
        return ["本组织没有下级党组织。"]
    if not rated:
        return [f"所属党组织{len(children)}个，尚未计算健康度。"]
    best = max(rated, key=lambda cr: cr[1].health_avg)
    worst = min(rated, key=lambda cr: cr[1].health_avg)
    return [
        f"所属党组织{len(children)}个，平均健康度最高的是{best[0].name}（{_num(best[1].health_avg)}分），"
        f"最低的是{worst[0].name}（{_num(worst[1].health_avg)}分）。"
    ]


def _advice_sentences(data, lowest) -> list[str]:
    """Plain sentences (the drafting help numbers them its own way; the report's paragraphs
    are numbered 一是、二是 … in `_numbered`)."""
    sentences = []
    cov = data["coverage"]
    if cov["none"]:
        sentences.append(f"推动尚无品牌的{cov['none']}个党支部启动品牌创建，做到应创尽创。")
    parts = [p for p in data["health"]["parts"] if p["average"] is not None]
    if parts:
        weakest = min(parts, key=lambda p: p["average"])
        sentences.append(
            f"针对“{weakest['label']}”分项偏低，组织相关党支部对照扣分事项逐项补短板、强弱项。"
        )
    if lowest:
        sentences.append(f"对健康度最低的{len(lowest)}个品牌加强指导，逐一跟踪整改。")
    lost = sum(
        o["count"] for o in data["rounds"]["outcomes"] if o["outcome"] in ("downgrade", "revoke")
    )
    if lost:
        sentences.append(f"对复评中降级或摘牌的{lost}个品牌，督促查找差距、重新培育。")
    return sentences or ["各项数据尚不完整，请在品牌健康度计算后再作分析。"]


ORDINALS = "一二三四五六七八九"


def _numbered(sentences: list[str]) -> list[str]:
    if len(sentences) < 2:
        return sentences
    return [f"{ORDINALS[i]}是{s}" for i, s in enumerate(sentences)]


def report_facts(org: Organization, ctx: BuildContext | None = None) -> dict[str, list[str]]:
    """{section key: sentences} from the aggregate tables, for the report's paragraphs and its
    drafting help; no person is named."""
    del ctx
    found = figures(org)
    return _facts(org, found)


def _facts(org, found) -> dict[str, list[str]]:
    data, lowest = found["summary"], found["lowest"]
    facts = {
        "coverage": _coverage_sentences(org, data),
        "funnel": _funnel_sentences(data) + _tier_sentences(data),
        "rounds": _round_sentences(org, data),
        "health": _health_sentences(data, lowest),
        "trend": _trend_sentences(found["trend"]),
        "units": _children_sentences(found["children"]),
        "advice": _advice_sentences(data, lowest),
    }
    return {key: [tidy(s) for s in sentences] for key, sentences in facts.items()}


def _paras(sentences: list[str]) -> list:
    return [Para(s) for s in sentences]


def _coverage_table(data) -> Table:
    cov = data["coverage"]
    rows = [
        ["有已命名品牌", str(cov["named"]), _share(cov["named"], cov["branches"])],
        ["品牌创建中", str(cov["creating"]), _share(cov["creating"], cov["branches"])],
        ["尚无品牌", str(cov["none"]), _share(cov["none"], cov["branches"])],
        ["合计", str(cov["branches"]), "100%" if cov["branches"] else "0%"],
    ]
    return Table(
        columns=[
            Column("党支部", None),
            Column("个数", COUNT_MM, "center"),
            Column("占比", 24, "center"),
        ],
        rows=rows,
        caption="党支部品牌覆盖情况",
    )


def _funnel_table(data) -> Table:
    total = data["brands"]
    rows = [[f["label"], str(f["count"]), _share(f["count"], total)] for f in data["funnel"]]
    rows += [
        [f"层级：{t['label']}", str(t["count"]), _share(t["count"], total)] for t in data["tiers"]
    ]
    return Table(
        columns=[
            Column("阶段或层级", None),
            Column("品牌数", COUNT_MM, "center"),
            Column("占比", 24, "center"),
        ],
        rows=rows,
        caption="品牌创建阶段和层级",
    )


def _round_tables(data) -> list[Table]:
    rr = data["rounds"]
    year = f"{rr['year']}年度" if rr["year"] else "本年度"
    rows = [
        [f"{year}参评", str(rr["entries_year"])],
        [f"{year}验收评选获命名", str(rr["named_year"])],
        ["累计参评", str(rr["entries"])],
        ["累计验收评选获命名", str(rr["named"])],
    ]
    rows += [[f"获命名：{t['label']}", str(t["count"])] for t in rr["tiers"]]
    rows += [[f"复评结论：{o['label']}", str(o["count"])] for o in rr["outcomes"]]
    tables = [
        Table(
            columns=[Column("项目", None), Column("项数", COUNT_MM, "center")],
            rows=rows,
            caption="评选结果汇总",
        )
    ]
    if rr["recent"]:
        tables.append(
            Table(
                columns=[
                    Column("评选批次"),
                    Column("年度", 16, "center"),
                    Column("类型", 24, "center"),
                    Column("参评", 16, "center"),
                    Column("结果", 34, "center"),
                ],
                rows=[
                    [
                        one["title"],
                        str(one["year"]),
                        one["kind_label"],
                        str(one["entries"]),
                        f"{one['result_label']}{one['named']}项",
                    ]
                    for one in rr["recent"]
                ],
                caption="最近的评选批次",
            )
        )
    return tables


def _health_tables(data, lowest) -> list[Table]:
    health = data["health"]
    bands = Table(
        columns=[Column("健康度", None), Column("品牌数", COUNT_MM, "center")],
        rows=[[b["label"], str(b["count"])] for b in health["bands"]],
        caption="品牌健康度分布",
    )
    parts = Table(
        columns=[Column("分项", None), Column("平均分", COUNT_MM, "center")],
        rows=[[p["label"], _score(p["average"])] for p in health["parts"]],
        caption="健康度分项平均",
    )
    tables = [bands, parts]
    if lowest:
        rows = []
        for n, h in enumerate(lowest, start=1):
            lowers = [row["text"] for row in h.lowers[:LOWERS_PER_BRAND]]
            rows.append(
                [str(n), h.brand.name, h.brand.org.name, _num(h.score), "；".join(lowers) or "—"]
            )
        tables.append(
            Table(
                columns=[
                    Column("序号", SERIAL_MM, "center"),
                    Column("品牌", 26),
                    Column("所属组织", 40),
                    Column("健康度", 16, "center"),
                    Column("主要扣分事项"),
                ],
                rows=rows,
                caption="健康度最低的品牌",
            )
        )
    return tables


def _trend_table(trend) -> Table | None:
    if not trend:
        return None
    return Table(
        columns=[
            Column("月份", None),
            Column("平均健康度", 28, "center"),
            Column("品牌数", COUNT_MM, "center"),
        ],
        rows=[[_month(t["month"]), _num(t["avg"]), str(t["brands"])] for t in trend],
        caption="平均健康度月度变化",
    )


def _units_table(children) -> Table | None:
    if not children:
        return None
    rows = []
    for child, r in children:
        if r is None:
            rows.append([child.short_name or child.name, "0", "0", "0", "0", "0", "—"])
            continue
        rows.append(
            [
                child.short_name or child.name,
                str(r.branches),
                str(r.branches_named),
                str(r.branches_creating),
                str(r.branches_none),
                str(r.brands),
                _score(r.health_avg),
            ]
        )
    return Table(
        columns=[
            Column("党组织"),
            Column("党支部", 16, "center"),
            Column("已命名", 16, "center"),
            Column("创建中", 16, "center"),
            Column("无品牌", 16, "center"),
            Column("品牌数", 16, "center"),
            Column("健康度", 16, "center"),
        ],
        rows=rows,
        caption="所属党组织品牌创建情况",
    )


def build_report(org: Organization, ctx: BuildContext) -> DocumentSpec:
    found = figures(org)
    data, lowest, trend = found["summary"], found["lowest"], found["trend"]
    facts = _facts(org, found)
    computed = data["computed_at"]
    day = clock.day_of(datetime.fromisoformat(computed)) if computed else ctx.today
    sections = [
        Section("coverage", "品牌覆盖情况", [*_paras(facts["coverage"]), _coverage_table(data)]),
        Section("funnel", "创建进程和品牌层级", [*_paras(facts["funnel"]), _funnel_table(data)]),
        Section("rounds", "评选结果", [*_paras(facts["rounds"]), *_round_tables(data)]),
        Section("health", "品牌健康度", [*_paras(facts["health"]), *_health_tables(data, lowest)]),
        Section(
            "trend", "月度趋势", [*_paras(facts["trend"]), *filter(None, [_trend_table(trend)])]
        ),
        Section(
            "units",
            "所属党组织情况",
            [*_paras(facts["units"]), *filter(None, [_units_table(found["children"])])],
        ),
        Section("advice", "存在的问题和下一步建议", _paras(_numbered(facts["advice"]))),
    ]
    # the figures' labels ("60 分以下", "测评得分 61.5") written as documents write them
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=f"{org.name}党建品牌创建情况分析报告",
            subtitle=f"（数据截至{clock.chinese_date(day)}）",
            preamble=[
                Para(
                    "根据品牌驾驶舱汇总数据，现将党建品牌覆盖、创建进程、品牌层级、评选结果、健康度和"
                    "所属党组织情况分析如下。"
                )
            ],
            sections=sections,
            signature=f"{org.name}党建工作部" if org.parent_id is None else org.name,
            signed_on=ctx.today,
        )
    )


COCKPIT_SUBJECT = Subject(
    name="cockpit",
    label="品牌驾驶舱",
    # the cockpit's own rule: 404 out of reach, 403 seen but not one's cockpit (editing the
    # report's paragraphs takes the same right as reading it)
    load=lambda user, pk, for_edit: access.access_cockpit_org(user, pk),
    org_of=lambda org: org,
    title_of=lambda org: org.name,
)
REPORT_KIND = DocumentKind(
    code=KIND_CODE,
    title="品牌创建情况分析报告",
    subject="cockpit",
    layout="paper",
    build=build_report,
    description=(
        "驾驶舱汇总数据的分析报告：覆盖、创建进程、层级、评选结果、健康度分布与最低品牌、"
        "月度趋势、所属党组织"
    ),
    facts=report_facts,
)

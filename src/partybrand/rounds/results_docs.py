"""Documents of a round's results on the documents layer: `round-naming`, the committee's 命名决定
(公文 with 文号) listing the named brands by tier (or a 复评's conclusions), and `round-results`,
the 评审结果报告 (a working paper: how it was judged, the ranking, the tie rules, divergences)."""

from __future__ import annotations

from partybrand.documents.registry import BuildContext, DocumentKind
from partybrand.documents.spec import Column, DocumentSpec, Imprint, Masthead, Para, Section, Table
from partybrand.rounds.choices import EntryStatus, RoundKind, RoundOutcome, ScoringRule
from partybrand.rounds.models import Entry, NamingDecision, Round
from partybrand.rounds.notice import notice_title
from partybrand.rounds.panel_choices import TIE_RULES

NAMING_CODE = "round-naming"
RESULTS_CODE = "round-results"


def _score(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _named(round_: Round) -> list[Entry]:
    rows = Entry.objects.filter(round=round_).select_related("brand", "org", "awarded_tier")
    if round_.kind == RoundKind.REREVIEW:
        return list(rows.exclude(outcome="").order_by("rank", "id"))
    return list(
        rows.filter(awarded_tier__isnull=False)
        .exclude(status=EntryStatus.NOT_NAMED)
        .order_by("awarded_tier__rank", "rank", "id")
    )


def build_naming(round_: Round, ctx: BuildContext) -> DocumentSpec:
    committee = round_.committee
    entries = _named(round_)
    if round_.kind == RoundKind.REREVIEW:
        table = Table(
            columns=[
                Column("序号", 14, "center"),
                Column("品牌名称", 40),
                Column("所在党组织"),
                Column("复评结论", 30, "center"),
            ],
            rows=[
                [str(n), e.brand.name, e.org.name, RoundOutcome(e.outcome).label]
                for n, e in enumerate(entries, start=1)
            ],
            caption="复评结论",
        )
        body = (
            f"根据《{notice_title(round_)}》（{round_.notice_number or '—'}），经专家评审、"
            f"党委审定并公示{round_.publicity_days}天，现将复评结论决定如下。"
        )
        # "2026年度党建品牌复评" already says 复评: never "复评复评结论".
        what = round_.title if round_.title.endswith("复评") else f"{round_.title}复评"
        title = f"关于{what}结论的决定"
    else:
        table = Table(
            columns=[
                Column("序号", 14, "center"),
                Column("等次", 30, "center"),
                Column("品牌名称", 40),
                Column("所在党组织"),
            ],
            rows=[
                [str(n), e.awarded_tier.name, e.brand.name, e.org.name]
                for n, e in enumerate(entries, start=1)
            ],
            caption="命名名单",
        )
        body = (
            f"根据《{notice_title(round_)}》（{round_.notice_number or '—'}），经基层申报、"
            f"上级推荐、形式审查、专家评审和党委审定，并经公示{round_.publicity_days}天，"
            f"决定命名以下{len(entries)}个党建品牌。"
        )
        title = f"关于命名{round_.title}结果的决定"
    # Dated the day the committee decided (the 命名决定's 成文日期), whenever it is exported.
    decision = NamingDecision.objects.filter(round=round_).first()
    day = decision.decided_on if decision and decision.decided_on else ctx.today
    return DocumentSpec(
        layout="gongwen",
        title=title,
        recipients=f"{committee.name}所属各级党组织：",
        sections=[
            Section("decision", "", [Para(body), table], numbered=False),
            Section(
                "requirements",
                "有关要求",
                [
                    Para(
                        "获得命名的党组织要珍惜荣誉，持续深化品牌内涵，把品牌创建成效体现在"
                        "推动中心工作、解决实际问题上；复评时以实绩论英雄。"
                    )
                ],
            ),
        ],
        signature=committee.name,
        signed_on=day,
        seal=True,
        masthead=Masthead(issuer_mark=f"{committee.name}文件"),
        imprint=Imprint(printer=f"{committee.name}党建工作部", print_date=day),
    )


def build_results(round_: Round, ctx: BuildContext) -> DocumentSpec:
    entries = list(
        Entry.objects.filter(round=round_, rank__isnull=False)
        .select_related("brand", "org", "awarded_tier")
        .order_by("rank")
    )
    rule = (
        "去掉一个最高分和一个最低分后取平均分（不足三份评分表时取平均分）"
        if round_.scoring_rule == ScoringRule.TRIMMED_MEAN
        else "取各位专家评分的平均分"
    )
    method = [Para(f"专家按照《{round_.indicator_system or '评分指标体系'}》逐项评分，{rule}。")]
    if round_.vote_enabled:
        method.append(Para(f"网络投票得分按{round_.vote_weight}的权重计入总分。"))
    method.append(Para("同分排序规则：" + "；".join(TIE_RULES) + "。"))
    divergent = [e.brand.name for e in entries if e.divergent]
    return DocumentSpec(
        layout="paper",
        title=f"{round_.title}评审结果报告",
        sections=[
            Section("method", "评审办法", method),
            Section(
                "ranking",
                "评审结果",
                [
                    Table(
                        columns=[
                            Column("排名", 14, "center"),
                            Column("品牌名称", 36),
                            Column("所在党组织"),
                            Column("专家评分", 20, "center"),
                            Column("总分", 18, "center"),
                            Column("等次", 22, "center"),
                        ],
                        rows=[
                            [
                                str(e.rank),
                                e.brand.name,
                                e.org.name,
                                _score(e.expert_score),
                                _score(e.final_score),
                                e.awarded_tier.name if e.awarded_tier else "—",
                            ]
                            for e in entries
                        ],
                    )
                ],
            ),
            Section(
                "divergence",
                "评分分歧",
                [
                    Para(
                        f"以下申报专家评分相差超过{round_.divergence_threshold}分，经评审组复核："
                        + "、".join(divergent)
                        + "。"
                        if divergent
                        else "各申报专家评分未出现超过阈值的分歧。"
                    )
                ],
            ),
        ],
    )


ROUND_NAMING = DocumentKind(
    code=NAMING_CODE,
    title="命名决定",
    subject="round",
    layout="gongwen",
    build=build_naming,
    description="评选结束时组织单位印发的命名决定（公文）：命名名单及等次，或复评结论。",
)

ROUND_RESULTS = DocumentKind(
    code=RESULTS_CODE,
    title="评审结果报告",
    subject="round",
    layout="paper",
    build=build_results,
    description="评选的评审结果报告：评审办法、排名和等次、同分规则和评分分歧。",
)

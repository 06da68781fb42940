"""`round-notice`: the committee's 通知 opening a round (公文 with 文号): who may enter, the
tiers and quotas, the requirements, the timetable, how entries are judged."""

from __future__ import annotations

from partybrand.core.docx_helpers import chinese_number
from partybrand.documents.registry import BuildContext, DocumentKind, Subject
from partybrand.documents.spec import (
    Column,
    DocumentSpec,
    Imprint,
    Masthead,
    Para,
    Section,
    Table,
)
from partybrand.rounds.access import access_round
from partybrand.rounds.choices import RequirementKey, RoundKind, ScoringRule
from partybrand.rounds.models import Round
from partybrand.rounds.requirements import applies

CODE = "round-notice"
# The kind's name on the documents pages; the 通知's own title carries the round's (notice_title).
TITLE = "评选通知"


def notice_title(round_: Round) -> str:
    """The 通知's title, as the round page names the round and the 命名决定 cites it."""
    return f"关于开展{round_.title}的通知"


def _chinese(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _requirements(round_: Round) -> list:
    lines = []
    labels = {
        RequirementKey.NAME: "有名称：品牌名称和口号确定并使用",
        RequirementKey.LOGO: "有标识：设计品牌标识并说明释义",
        RequirementKey.MEANING: "有内涵：内涵释义完整，逐句阐释",
        RequirementKey.CARRIERS: "有载体：建立党员责任区、示范岗、突击队等活动载体",
        RequirementKey.INFLUENCE: "有影响：获得荣誉或形成典型案例、宣传报道",
        RequirementKey.KPIS: "设定有基线值和目标值的业务指标",
        RequirementKey.PLAN: "品牌创建计划正在执行",
        RequirementKey.STANDARD: "最近一次党支部标准化规范化建设评估达到上级党委确定的达标线",
        RequirementKey.COPY_CHECK: "品牌名称经平台查重，与已有品牌不雷同",
        RequirementKey.MONTHS: f"品牌立项后运行不少于{round_.min_months}个月",
        RequirementKey.NOT_NAMED: "已获命名的品牌不得以同一等次重复申报",
    }
    # The section heading is 一、: the items under it are the second level, （一）（二）…
    for n, text in enumerate((t for k, t in labels.items() if applies(round_, k)), start=1):
        lines.append(Para(f"（{chinese_number(n)}）{text}。"))
    return lines or [Para("本次评选不设附加申报条件。")]


def _tiers(round_: Round) -> Table | Para:
    tiers = list(round_.tiers.all())
    if not tiers:
        return Para("评选等次和名额另行通知。")
    return Table(
        columns=[Column("等次", 50, "center"), Column("名额", 30, "center"), Column("最低分数")],
        rows=[[t.name, f"{t.quota}个", f"{t.min_score.normalize():f}分"] for t in tiers],
        caption="评选等次及名额",
    )


def _timetable(round_: Round) -> Table | Para:
    stages = list(round_.stages.all())
    if not stages:
        return Para("各阶段时间安排另行通知。")
    return Table(
        columns=[Column("阶段", 40, "center"), Column("时间")],
        rows=[
            [s.get_kind_display(), f"{_chinese(s.starts_on)}至{_chinese(s.ends_on)}"]
            for s in stages
        ],
    )


def build(round_: Round, ctx: BuildContext) -> DocumentSpec:
    committee = round_.committee
    eligible = [o.name for o in round_.eligible_orgs.all()]
    scope = "、".join(eligible) if eligible else f"{committee.name}所属各级党组织"
    system = round_.indicator_system
    rule = (
        "去掉一个最高分和一个最低分后取平均分"
        if round_.scoring_rule == ScoringRule.TRIMMED_MEAN
        else "取各位专家评分的平均分"
    )
    judging = [
        Para(
            f"评审专家按照《{system.name if system else '党建品牌评价指标体系'}》逐项评分，{rule}，"
            "专家回避本单位及本人申明回避的申报。"
        )
    ]
    if round_.vote_enabled:
        judging.append(
            Para(
                f"在集团内开展网络投票，每名党员限投一票，投票得分按{round_.vote_weight}的权重计入总分。"
            )
        )
    judging.append(
        Para(f"评审结果经党委审定后公示{round_.publicity_days}天，公示无异议的予以命名。")
    )
    return DocumentSpec(
        layout="gongwen",
        title=notice_title(round_),
        recipients=f"{scope}：",
        sections=[
            Section(
                "opening",
                "",
                [
                    Para(
                        round_.description
                        or f"为选树一批特色鲜明、成效显著的党建品牌，经{committee.name}研究，"
                        f"决定开展{round_.title}（{RoundKind(round_.kind).label}）。现将有关事项通知如下。"
                    )
                ],
                numbered=False,
            ),
            Section("scope", "参评范围", [Para(f"{scope}的党建品牌均可申报。")]),
            Section("conditions", "申报条件", _requirements(round_)),
            Section("tiers", "评选等次和名额", [_tiers(round_)]),
            Section(
                "steps",
                "评选程序",
                [
                    Para(
                        "品牌所在党组织书记在平台填报申报书，上级党组织审核推荐，"
                        "党建工作部进行形式审查（预审），通过后进入专家评审。"
                    ),
                    _timetable(round_),
                ],
            ),
            Section("judging", "评审办法", judging),
            Section(
                "requirements",
                "工作要求",
                [
                    Para(
                        "各级党组织要实事求是申报，严禁弄虚作假；坚持以实绩论英雄，"
                        "不以打卡、签到和积分排名代替工作成效。"
                    )
                ],
            ),
        ],
        signature=committee.name,
        signed_on=round_.notice_date or ctx.today,
        seal=True,
        masthead=Masthead(issuer_mark=f"{committee.name}文件"),
        imprint=Imprint(
            printer=f"{committee.name}党建工作部", print_date=round_.notice_date or ctx.today
        ),
    )


def load_round(user, pk, for_edit):
    return access_round(user, pk, for_edit=for_edit)


ROUND_SUBJECT = Subject(
    name="round",
    label="评选批次",
    load=load_round,
    org_of=lambda round_: round_.committee,
    title_of=lambda round_: round_.title,
)

ROUND_NOTICE = DocumentKind(
    code=CODE,
    title=TITLE,
    subject="round",
    layout="gongwen",
    build=build,
    description="组织单位开展党建品牌评选的通知（公文）：参评范围、申报条件、等次名额、评选程序和评审办法。",
)

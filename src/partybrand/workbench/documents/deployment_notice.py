"""`deployment-notice`: the committee's 关于开展党建品牌创建工作的通知 (公文), with its 实施方案
as the attachment: the criteria from the organisation's brand indicator system, the timetable
from today, the quotas from the branches under each organisation below."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partybrand.documents.registry import BuildContext, DocumentKind
from partybrand.documents.spec import (
    Column,
    DocumentSpec,
    Heading,
    Imprint,
    Masthead,
    Para,
    Section,
    Table,
)
from partybrand.indicators.choices import SystemKind, SystemStatus
from partybrand.indicators.models import Indicator, IndicatorSystem
from partybrand.orgs.choices import OrgKind
from partybrand.orgs.models import Organization
from partybrand.orgs.tree import ancestor_paths

TITLE = "关于开展党建品牌创建工作的通知"
PLAN_TITLE = "党建品牌创建实施方案"


def month_text(day: date, months: int) -> str:
    year, month = divmod(day.month - 1 + months, 12)
    return f"{day.year + year}年{month + 1}月"


def points(value: Decimal) -> str:
    """15.00 → 15, 2.50 → 2.5."""
    return f"{value.normalize():f}"


def brand_system(org: Organization) -> IndicatorSystem | None:
    """The published brand indicator system nearest the organisation (its own, one above, or
    the platform's template)."""
    owners = [org.path, *reversed(ancestor_paths(org.path))]
    systems = IndicatorSystem.objects.filter(
        kind=SystemKind.BRAND, status=SystemStatus.PUBLISHED
    ).select_related("owner")
    found = {s.owner.path if s.owner else "": s for s in systems.order_by("version")}
    for path in [*owners, ""]:
        if path in found:
            return found[path]
    return None


def criteria_table(system: IndicatorSystem | None) -> Table | None:
    if system is None:
        return None
    items = list(
        Indicator.objects.filter(system=system, level__in=(1, 2)).order_by("level", "position")
    )
    firsts = [i for i in items if i.level == 1]
    seconds: dict[int, list[str]] = {}
    for item in items:
        if item.level == 2 and item.parent_id:
            seconds.setdefault(item.parent_id, []).append(item.name)
    rows = [
        [str(n), item.name, points(item.points), "；".join(seconds.get(item.pk, []))]
        for n, item in enumerate(firsts, start=1)
    ]
    return Table(
        columns=[
            Column("序号", 14, "center"),
            Column("一级指标", 36),
            Column("分值", 16, "center"),
            Column("主要内容"),
        ],
        rows=rows,
        caption=f"{system.name}（一级指标）",
        note=f"注：总分{points(system.total_points)}分，具体评分标准以《{system.name}》为准。",
    )


def quota_rows(org: Organization) -> list[list[str]]:
    """One row per organisation below: its branches and its quota (one per five, at least one)."""
    children = list(
        Organization.objects.filter(parent=org, is_active=True).order_by("sort_order", "code")
    )
    branches = Organization.objects.filter(
        path__startswith=org.path, kind=OrgKind.BRANCH, is_active=True
    ).values_list("path", flat=True)
    counts = {child.pk: 0 for child in children}
    for path in branches:
        for child in children:
            if path.startswith(child.path):
                counts[child.pk] += 1
                break
    return [
        [str(n), child.name, str(counts[child.pk]), str(max(1, counts[child.pk] // 5))]
        for n, child in enumerate(children, start=1)
    ]


def timetable(today: date) -> Table:
    def span(start: int, end: int) -> str:
        return (
            month_text(today, start)
            if start == end
            else (f"{month_text(today, start)}—{month_text(today, end)}")
        )

    phases = [
        ("动员部署", span(0, 0), "印发通知，召开动员会，各级党组织明确创建责任人。"),
        ("申报立项", span(1, 1), "各党支部提出品牌名称、口号和创建方案，逐级审核后申报立项。"),
        ("培育建设", span(2, 8), "按照“三定”任务清单推进，上级党组织开展中期检查。"),
        ("验收命名", span(9, 10), "对照评价标准自评、验收，择优命名并公示。"),
        ("总结推广", span(11, 11), "总结经验，选树典型案例，在全系统推广。"),
    ]
    return Table(
        columns=[Column("阶段", 26, "center"), Column("时间", 50, "center"), Column("主要任务")],
        rows=[list(p) for p in phases],
    )


def plan(org: Organization, ctx: BuildContext) -> DocumentSpec:
    system = brand_system(org)
    criteria = criteria_table(system)
    quotas = quota_rows(org)
    standard = [
        Para(
            "对照“五有”要求开展创建：有名称、有标识、有内涵、有载体、有影响。"
            "品牌须立足本单位主责主业，与基层党建基础工作、企业文化和生产经营成效紧密结合。"
        )
    ]
    if criteria:
        standard.append(criteria)
    sections = [
        Section(
            "plan_goal",
            "目标任务",
            [
                Para(
                    "通过一个周期的培育建设，形成一批特色鲜明、机制健全、成效显著的党建品牌，"
                    "推动党建工作与生产经营深度融合，以高质量党建引领保障企业高质量发展。"
                )
            ],
        ),
        Section("plan_criteria", "评价标准", standard),
        Section(
            "plan_schedule",
            "进度安排",
            [Para("创建工作分五个阶段推进，各阶段时间可根据实际适当调整。"), timetable(ctx.today)],
        ),
    ]
    if quotas:
        sections.append(
            Section(
                "plan_quota",
                "推荐名额",
                [
                    Para("各单位按所属党支部数量推荐品牌，每5个党支部推荐1个，不足5个的推荐1个。"),
                    Table(
                        columns=[
                            Column("序号", 14, "center"),
                            Column("党组织"),
                            Column("党支部数", 24, "center"),
                            Column("推荐名额", 24, "center"),
                        ],
                        rows=quotas,
                        caption="推荐名额分配表",
                    ),
                ],
            )
        )
    sections.append(
        Section(
            "plan_support",
            "组织保障",
            [
                Para(
                    "各级党组织书记是品牌创建第一责任人，党建工作部门具体负责组织实施、"
                    "过程督导和验收评价，所需经费按规定从党组织工作经费中列支。"
                )
            ],
        )
    )
    return DocumentSpec(layout="paper", title=PLAN_TITLE, sections=sections)


def build(org: Organization, ctx: BuildContext) -> DocumentSpec:
    below = sorted(
        {
            child.get_kind_display()
            for child in Organization.objects.filter(parent=org, is_active=True)
        }
    )
    recipients = ("各" + "、".join(below) + "：") if below else "各所属党组织："
    return DocumentSpec(
        layout="gongwen",
        title=TITLE,
        recipients=recipients,
        sections=[
            Section(
                "opening",
                "",
                [
                    Para(
                        "为深入贯彻新时代党的建设总要求，推动基层党建工作与生产经营深度融合，"
                        f"经{org.name}研究，决定在所属各级党组织中开展党建品牌创建工作。"
                        "现将有关事项通知如下。"
                    )
                ],
                numbered=False,
            ),
            Section(
                "aims",
                "总体要求",
                [
                    Para(
                        "坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、"
                        "做到“两个维护”，坚持围绕中心、建设队伍、服务群众，"
                        "以品牌创建推动基层党组织全面进步、全面过硬。"
                    )
                ],
            ),
            Section(
                "content",
                "创建内容",
                [
                    Para(
                        "各党支部对照“五有”要求，立足主责主业提炼品牌名称、口号和内涵，"
                        "设计品牌标识，明确工作法和活动载体，形成可检验的工作成效。"
                        "具体评价标准见附件。"
                    )
                ],
            ),
            Section(
                "steps",
                "方法步骤",
                [
                    Para(
                        f"创建工作自{month_text(ctx.today, 0)}开始，"
                        f"至{month_text(ctx.today, 11)}结束，"
                        "分动员部署、申报立项、培育建设、验收命名、总结推广五个阶段推进。"
                    )
                ],
            ),
            Section(
                "requirements",
                "工作要求",
                [
                    Heading("加强组织领导", 2),
                    Para("各级党组织要把品牌创建列入年度党建工作要点，书记亲自抓、负总责。"),
                    Heading("注重工作实效", 2),
                    Para("坚决防止形式主义，不搞材料堆砌，以解决实际问题和工作成效检验创建成果。"),
                    Heading("加强宣传推广", 2),
                    Para("及时总结好经验好做法，选树典型，营造比学赶超的良好氛围。"),
                ],
            ),
        ],
        attachments=[PLAN_TITLE],
        signature=org.name,
        signed_on=ctx.today,
        seal=True,
        masthead=Masthead(issuer_mark=f"{org.name}文件"),
        imprint=Imprint(printer=f"{org.name}党建工作部", print_date=ctx.today),
        appendices=[plan(org, ctx)],
    )


DEPLOYMENT_NOTICE = DocumentKind(
    code="deployment-notice",
    title=TITLE,
    subject="org",
    layout="gongwen",
    build=build,
    description="党委部署党建品牌创建工作的通知（公文），附实施方案：评价标准、进度安排、推荐名额。",
)

"""The assessment report (测评报告) as a document spec: what the assessing committee sends the
assessed organisation — the result, where points were lost and why, what the organisation said
of itself, what each reviewer found, the 一票否决 items in words, and what must be put right.

It is signed by the committee that assessed (the owner of the indicator system, else the level
above), titled after the indicator system used, and dated by Beijing's day.
"""

from decimal import Decimal

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment
from partybrand.assessments.scoring import fmt
from partybrand.assessments.tree import indicator_tree
from partybrand.core import clock
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Heading, Para, Section, Table
from partybrand.indicators.choices import SystemKind
from partybrand.orgs.choices import OrgKind

COMMITTEES = (OrgKind.COMMITTEE, OrgKind.GROUP_COMMITTEE)
STAR_WORDS = {1: "一星级", 2: "二星级", 3: "三星级", 4: "四星级", 5: "五星级"}
NONE_YET = "（暂无）"


def report_name(system) -> str:
    """The report's name after the system used: 《党建品牌创建评价标准》 → 党建品牌创建评价报告."""
    name = system.name.strip("《》 ")
    if name.endswith("标准"):
        return name[: -len("标准")] + "报告"
    return name + "测评报告"


def assessing_body(assessment) -> str:
    """Who signs: the committee whose indicator system was used, else the nearest 党委 above the
    assessed organisation (never the assessed organisation itself while one is above it)."""
    owner = assessment.system.owner
    if owner is not None and owner.pk != assessment.org_id:
        return owner.name
    above = assessment.org.parent
    first = above
    while above is not None and above.kind not in COMMITTEES:
        above = above.parent
    chosen = above or first
    return chosen.name if chosen is not None else assessment.org.name


def result_words(assessment) -> str:
    """The result in words: 评定得分86.5分，评定为三星级."""
    if assessment.status != AssessmentStatus.FINALISED:
        return f"测评尚未评定，当前状态为{assessment.get_status_display()}。"
    score = f"评定得分{fmt(assessment.final_score)}分"
    if assessment.veto_triggered:
        return f"{score}，因触发一票否决事项，评定结果为不达标。"
    if assessment.stars:
        return f"{score}，评定为{STAR_WORDS.get(assessment.stars, f'{assessment.stars}星级')}。"
    return f"{score}，未达到一星级分数线，未定星级。"


class _Facts:
    """What the report reads, gathered once."""

    def __init__(self, assessment):
        self.assessment = assessment
        self.tree = indicator_tree(assessment.system)
        self.items = {i.indicator_id: i for i in assessment.items.all()}
        self.comments: dict[int, list[tuple[str, str]]] = {}
        self.vetoes: dict[int, list[str]] = {}  # indicator id -> reasons found
        self.reviewers = []
        for assignment in assessment.assignments.select_related("reviewer").prefetch_related(
            "scores__indicator"
        ):
            name = assignment.reviewer.display_name or assignment.reviewer.get_username()
            scores = sorted(assignment.scores.all(), key=lambda s: s.indicator.position)
            self.reviewers.append((name, scores))
            for s in scores:
                if s.veto_triggered:
                    self.vetoes.setdefault(s.indicator_id, []).append(s.veto_reason.strip())
                if s.comment.strip():
                    self.comments.setdefault(s.indicator_id, []).append((name, s.comment.strip()))

    def score_of(self, item) -> Decimal | None:
        if item is None:
            return None
        finalised = self.assessment.status == AssessmentStatus.FINALISED
        return item.final_score if finalised else item.self_score

    def losses(self):
        """(一级指标, leaf, item, points lost) for every scored item below its points."""
        for leaf in self.tree.leaves:
            if leaf.is_veto:
                continue
            item = self.items.get(leaf.pk)
            score = self.score_of(item)
            if score is None:
                continue
            lost = Decimal(leaf.points) - score
            if lost > 0:
                yield self.tree.top_of[leaf.pk], leaf, item, lost


def _basic(facts: _Facts) -> Section:
    a = facts.assessment
    reviewers = f"经{len(facts.reviewers)}名评审人评审，" if facts.reviewers else ""
    blocks: list = [
        Para(
            f"{a.org.name}{a.period}测评依据《{a.system.name}》进行，"
            f"满分{fmt(a.system.total_points)}分。{reviewers}"
            + (f"自评总分{fmt(a.self_total)}分，" if a.self_total is not None else "")
            + result_words(a)
        )
    ]
    dimensions = list(a.dimensions.order_by("position", "id"))
    if dimensions:
        blocks.append(
            Table(
                caption="各一级指标得分情况",
                columns=[
                    Column("一级指标", 60),
                    Column("满分", 24, "center"),
                    Column("得分", 24, "center"),
                    Column("失分", 24, "center"),
                    Column("得分率", 24, "center"),
                ],
                rows=[
                    [
                        d.name,
                        fmt(d.max_score),
                        fmt(d.score),
                        fmt(d.max_score - d.score),
                        f"{fmt(d.percent)}%",
                    ]
                    for d in dimensions
                ],
            )
        )
    return Section("basic", "基本情况", blocks, editable=False)


def _lost(facts: _Facts) -> Section:
    by_dimension: dict = {}
    for top, leaf, item, lost in facts.losses():
        by_dimension.setdefault(top.pk, (top, []))[1].append((leaf, item, lost))
    if not by_dimension:
        return Section("lost", "失分分析", [Para("各评分项均未失分。")])
    totals = {
        key: sum((lost for _leaf, _item, lost in rows), Decimal(0))
        for key, (_top, rows) in by_dimension.items()
    }
    where = "、".join(f"{top.name}失{fmt(totals[key])}分" for key, (top, _) in by_dimension.items())
    blocks: list = [Para(f"本次测评共失{fmt(sum(totals.values()))}分，其中{where}。")]
    for key, (top, rows) in by_dimension.items():
        blocks.append(Heading(f"{top.name}（失{fmt(totals[key])}分）"))
        for leaf, item, lost in rows:
            score = facts.score_of(item)
            why = "；".join(f"{name}：{text}" for name, text in facts.comments.get(leaf.pk, []))
            if not why:
                why = f"对照评分标准：{leaf.guide}" if leaf.guide else "评审未说明失分原因。"
            blocks.append(
                Para(
                    f"分值{fmt(leaf.points)}分，得{fmt(score)}分，失{fmt(lost)}分。{_end(why)}",
                    bold_lead=f"{leaf.code}{leaf.name}。",
                )
            )
    return Section("lost", "失分分析", blocks)


def _self_notes(facts: _Facts) -> Section:
    blocks: list = []
    for leaf in facts.tree.leaves:
        item = facts.items.get(leaf.pk)
        if item is not None and item.note.strip():
            blocks.append(Para(_end(item.note.strip()), bold_lead=f"{leaf.code}{leaf.name}。"))
    return Section("self", "自评说明", blocks or [Para("被测评单位未填写自评说明。")])


def _reviews(facts: _Facts) -> Section:
    blocks: list = []
    for name, scores in facts.reviewers:
        said = [s for s in scores if s.comment.strip() or s.veto_triggered]
        blocks.append(Heading(f"评审人{name}的意见"))
        if not said:
            blocks.append(Para("对各评分项未提出具体意见。"))
        for s in said:
            text = s.comment.strip() or "无具体意见"
            if s.veto_triggered:
                text = f"{_end(text)}认定触发一票否决：{s.veto_reason or '未说明原因'}"
            blocks.append(Para(_end(text), bold_lead=f"{s.indicator.code}{s.indicator.name}。"))
    return Section("reviews", "专家评审意见", blocks or [Para("尚未指派评审人。")])


def _vetoes(facts: _Facts) -> Section:
    blocks: list = []
    for leaf in facts.tree.leaves:
        if not leaf.is_veto:
            continue
        item = facts.items.get(leaf.pk)
        reasons = list(facts.vetoes.get(leaf.pk, []))
        if item is not None and item.veto_triggered:
            reasons.insert(0, item.veto_reason.strip())
        if reasons:
            told = "；".join(dict.fromkeys(r for r in reasons if r)) or "未说明原因"
            text = f"触发，原因：{_end(told)}本次测评结果为不达标。"
        else:
            text = "未触发。"
        blocks.append(Para(text, bold_lead=f"{leaf.name}："))
    if not blocks:
        blocks.append(Para("本指标体系未设一票否决事项。"))
    return Section("veto", "一票否决事项", blocks, editable=False)


def _requirements(facts: _Facts) -> Section:
    blocks: list = []
    if facts.assessment.veto_triggered:
        blocks.append(Para("对触发一票否决的事项立即整改，整改完成前不得申报星级评定。"))
    rows = sorted(facts.losses(), key=lambda r: (-r[3], r[1].code))
    for _top, leaf, _item, lost in rows:
        aim = f"对照“{_strip_end(leaf.guide)}”" if leaf.guide else "对照评分标准"
        blocks.append(
            Para(
                f"{aim}查找差距，制定整改措施，明确责任人和完成时限。",
                bold_lead=f"{leaf.name}（失{fmt(lost)}分）：",
            )
        )
    if not blocks:
        blocks.append(Para("各项指标均得满分，请保持成效，持续巩固提升。"))
    else:
        blocks.append(Para("整改完成后，将整改情况形成书面报告，连同佐证材料报送上级党组织。"))
    return Section("rectify", "整改要求", blocks)


def _end(text: str) -> str:
    """A sentence closed with a full stop (the Chinese one), whatever the user typed."""
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "；")) else text.rstrip(".;") + "。"


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。；;.")


def report_spec(assessment, *, today) -> DocumentSpec:
    facts = _Facts(assessment)
    when = clock.day_of(assessment.finalised_at) if assessment.finalised_at else today
    return DocumentSpec(
        layout="paper",
        title=f"{assessment.org.name}{assessment.period}{report_name(assessment.system)}",
        sections=[
            _basic(facts),
            _lost(facts),
            _self_notes(facts),
            _reviews(facts),
            _vetoes(facts),
            _requirements(facts),
        ],
        signature=assessing_body(assessment),
        signed_on=when,
    )


def latest_for_org(org):
    """The assessment a brand's report is about: its organisation's latest, brand evaluations
    first, finalised ones before those still under way."""
    rows = list(
        Assessment.objects.filter(org=org)
        .select_related("system__owner", "org__parent")
        .order_by("-period_start", "-id")
    )

    def rank(a):
        return (
            a.system.kind != SystemKind.BRAND,
            a.status != AssessmentStatus.FINALISED,
        )

    return min(rows, key=rank) if rows else None


def build_for_brand(brand, context: BuildContext) -> DocumentSpec:
    assessment = latest_for_org(brand.org)
    if assessment is None:
        return DocumentSpec(
            layout="paper",
            title=f"{brand.org.name}测评报告",
            sections=[Section("basic", "基本情况", [Para("本组织尚无测评记录。")])],
            signature=brand.org.name,
            signed_on=context.today,
        )
    return report_spec(assessment, today=context.today)

"""品牌创建实施方案: the brand's plan as a whole, with its 三定 tasks as the attached table."""

from __future__ import annotations

from partybrand.brands.models import Brand
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Heading, Para, Section, Table
from partybrand.documents.tidy import tidy_spec
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.common import (
    DATE_MM,
    GUIDING_THOUGHT,
    SERIAL_MM,
    kpi_goal,
    theme_blocks,
)
from partybrand.workbench.documents.text import (
    day,
    listing,
    quoted,
    sentence,
    span,
    todo,
)

# The 三定 table (定人、定标、定时) fills the 版心, 156 mm. Widths are those at which, in 小四
# with Word's default cell margins, "序号", a name of three characters and "2026年12月31日"
# stay on one line.
TASK_COLUMNS = [
    Column("序号", SERIAL_MM, "center"),
    Column("任务名称", 30),
    Column("责任内容及验收标准", 58),
    Column("责任人", 17, "center"),
    Column("完成时限", DATE_MM, "center"),
]


def title_of(brand: Brand) -> str:
    # The organisation signs the 方案; in the title it would break the line inside a word.
    return f"{quoted(brand.name)}党建品牌创建实施方案"


def years_of(plan) -> str:
    """The plan's span in years as the subtitle writes it: （2026年—2027年）."""
    if plan is None or not plan.phases:
        return ""
    first = min(p.start for p in plan.phases).year
    last = max(p.end for p in plan.phases).year
    return f"（{first}年）" if first == last else f"（{first}年—{last}年）"


def build_brand_plan(brand: Brand, ctx: BuildContext) -> DocumentSpec:
    plan = facts.brand_plan(brand)
    lines = facts.kpi_lines(brand)
    sections = [
        Section("guidance", "指导思想", [Para(GUIDING_THOUGHT)]),
        Section("goals", "工作目标", _goals(brand, plan, lines)),
        Section("theme", "品牌定位与内涵", _theme(brand)),
        Section("tasks", "主要任务与载体", _tasks(brand, plan)),
        Section("schedule", "进度安排", _schedule(plan)),
        Section("leadership", "组织领导", _leadership(brand, plan)),
        Section("safeguards", "保障措施", _safeguards(brand)),
        Section("requirements", "工作要求", _requirements(brand)),
    ]
    table_title = f"{quoted(brand.name)}党建品牌创建三定任务清单"
    appendix = DocumentSpec(
        layout="paper",
        title=table_title,
        sections=[
            Section(
                "task-table", "三定任务清单", _task_tables(plan), numbered=False, editable=False
            )
        ],
    )
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=title_of(brand),
            subtitle=years_of(plan),
            preamble=[
                Para(
                    f"为深入推进党建工作与中心工作深度融合，打造具有{brand.org.name}特色的"
                    f"{quoted(brand.name)}党建品牌，结合工作实际，制定本方案。"
                )
            ],
            sections=sections,
            attachments=[table_title],
            appendices=[appendix],
            signature=brand.org.name,
            signed_on=ctx.today,
        )
    )


def _goals(brand, plan, lines) -> list:
    blocks = []
    if plan and plan.plan.goal:
        blocks.append(Para(sentence(plan.plan.goal), bold_lead="总体目标。"))
    else:
        blocks.append(
            Para(
                f"通过系统推进品牌定位、主题提炼、载体建设、机制完善和推介宣传，"
                f"把{quoted(brand.name)}建设成为叫得响、立得住、可复制的党建品牌。",
                bold_lead="总体目标。",
            )
        )
    if lines:
        goals = "；".join(kpi_goal(line) for line in lines)
        blocks.append(Para(goals + "。", bold_lead="成效目标。"))
    else:
        blocks.append(
            Para(
                todo("成效指标尚未设置，请在品牌档案中填写指标的基线值和目标值"),
                bold_lead="成效目标。",
            )
        )
    return blocks


def _theme(brand) -> list:
    note = facts.positioning_conclusion(brand)
    blocks: list = [Heading("品牌定位")]
    blocks.append(Para(sentence(note) if note else todo("品牌定位结论尚未填写")))
    blocks.append(Heading("品牌内涵"))
    blocks += theme_blocks(brand, list(brand.phrases.all()))
    if brand.logo_meaning:
        blocks.append(Para(sentence(brand.logo_meaning), bold_lead="品牌标识。"))
    return blocks


def _tasks(brand, plan) -> list:
    blocks: list = [Heading("提炼品牌工作法")]
    methods = facts.methods(brand)
    if methods:
        for practice in methods:
            blocks.append(Para(sentence(practice.description), bold_lead=f"{practice.name}。"))
    else:
        blocks.append(Para(todo("品牌工作法尚未提炼，请在内部梳理中标记拟提炼为工作法的做法")))
    blocks.append(Heading("打造品牌载体"))
    blocks.append(
        Para(
            todo(
                "品牌载体尚未登记，请写明依托党员责任区、党员示范岗、党员突击队等载体的名称、"
                "内容和要求"
            )
        )
    )
    blocks.append(Heading("抓好重点任务"))
    tops = [t for t in plan.tasks if t.parent_id is None] if plan else []
    if tops:
        for task in tops:
            blocks.append(Para(sentence(task.duty), bold_lead=f"{task.title}。"))
    else:
        blocks.append(Para(todo("创建计划尚未分解任务，请在创建计划中按三定要求录入任务")))
    return blocks


def _schedule(plan) -> list:
    if plan is None or not plan.phases:
        return [Para(todo("创建计划尚未划分推进阶段，请在创建计划中设置各阶段的时间和目标"))]
    blocks: list = [
        Para(f"品牌创建分{len(plan.phases)}个阶段梯次推进，各阶段完成关口标准后进入下一阶段。")
    ]
    for phase in plan.phases:
        # the dates go in the text: in a heading they would break the line
        blocks.append(Heading(phase.name))
        goal = sentence(phase.goal) if phase.goal else todo("阶段目标尚未填写")
        blocks.append(Para(f"{span(phase.start, phase.end)}。{goal}"))
        tasks = plan.tasks_of(phase)
        if tasks:
            blocks.append(
                Para(f"本阶段安排{len(tasks)}项任务：{listing([t.title for t in tasks])}。")
            )
        if phase.criteria:
            blocks.append(Para("；".join(phase.criteria) + "。", bold_lead="关口标准："))
    return blocks


def _leadership(brand, plan) -> list:
    if plan is None or not plan.force:
        return [
            Para(
                f"成立{quoted(brand.name)}党建品牌创建工作专班，统筹推进品牌创建各项工作。"
                + todo("专班成员尚未确定，请在创建计划中录入组长、副组长和成员")
            )
        ]
    by_role: dict[str, list[str]] = {}
    for member in plan.force:
        by_role.setdefault(member.get_role_display(), []).append(member.name)
    parts = [f"{role}：{'、'.join(names)}" for role, names in by_role.items()]
    blocks: list = [
        Para(
            f"成立{quoted(brand.name)}党建品牌创建工作专班，{brand.org.name}书记为品牌创建第一责任人。"
        ),
        Para("；".join(parts) + "。", bold_lead="专班组成。"),
    ]
    duties = [_duty(m) for m in plan.force if m.duty]
    if duties:
        blocks.append(Para("；".join(duties) + "。", bold_lead="职责分工。"))
    return blocks


def _duty(member) -> str:
    duty = member.duty.strip().rstrip("。；;.")
    return f"{member.name}{duty}" if duty.startswith("负责") else f"{member.name}负责{duty}"


def _safeguards(brand) -> list:
    return [
        Heading("强化组织保障"),
        Para(
            "支部委员会定期研究品牌创建工作，书记履行第一责任人职责，支委分工负责，"
            "形成一级抓一级、层层抓落实的工作格局。"
        ),
        Heading("强化制度保障"),
        Para(
            "建立任务督办、定期复盘和照单销号机制，对照三定任务清单逐项推进，"
            "发现问题及时形成整改事项并跟踪销号。"
        ),
        Heading("强化资源保障"),
        Para(
            "统筹用好党建工作经费，保障阵地建设、品牌标识制作、载体活动和宣传推介所需，"
            "做到专款专用、规范使用。"
        ),
    ]


def _requirements(brand) -> list:
    return [
        Heading("提高思想认识"),
        Para(
            f"全体党员要充分认识打造{quoted(brand.name)}党建品牌的重要意义，"
            "主动参与、积极作为，把品牌创建融入日常工作。"
        ),
        Heading("注重实际成效"),
        Para(
            "坚持问题导向和结果导向，用可衡量的业务成效检验品牌创建成果，"
            "防止形式主义，不搞“盆景”式品牌。"
        ),
        Heading("加强宣传推介"),
        Para("及时总结提炼好经验、好做法，形成典型案例，通过多种渠道做好品牌宣传推介。"),
    ]


def _task_tables(plan) -> list:
    if plan is None or not plan.tasks:
        return [Para(todo("创建计划尚未录入三定任务，请在创建计划中录入任务后重新导出"))]
    blocks: list = []
    n = 0
    groups = [(phase, plan.tasks_of(phase)) for phase in plan.phases] + [
        (None, plan.tasks_of(None))
    ]
    for phase, tasks in groups:
        if not tasks:
            continue
        rows = []
        for task in tasks:
            n += 1
            rows.append(
                [
                    str(n),
                    task.title,
                    f"{sentence(task.duty)}\n验收标准：{sentence(task.standard)}",
                    task.owner.display_name,
                    day(task.deadline),
                ]
            )
        caption = f"{phase.name}（{span(phase.start, phase.end)}）" if phase else "其他任务"
        blocks.append(Table(columns=TASK_COLUMNS, rows=rows, caption=caption))
    return blocks

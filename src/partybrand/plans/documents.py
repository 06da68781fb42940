"""The plan's 三定 task list as an Excel sheet and as the task section of a Word 方案."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from partybrand.core import clock
from partybrand.core.docx_helpers import OfficialDocument
from partybrand.core.tabular import keep_as_text
from partybrand.plans.colours import COLOUR_LABELS, task_colour
from partybrand.plans.models import Milestone, Task

HEADER = [
    "序号",
    "阶段",
    "任务名称",
    "责任内容（定责）",
    "验收标准",
    "责任人（定人）",
    "岗位",
    "开始日期",
    "完成时限（定时）",
    "节点",
    "验收人（定查）",
    "进度",
    "状态",
    "督办颜色",
]
WIDTHS = [6, 14, 22, 40, 32, 10, 10, 12, 14, 26, 10, 8, 8, 10]


def task_rows(plan, *, today) -> list[list]:
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("plan", "phase", "owner", "checker")
        .order_by("phase__position", "start", "id")
    )
    marks: dict[int, list[str]] = {}
    for m in Milestone.objects.filter(task__plan=plan).order_by("due", "id"):
        marks.setdefault(m.task_id, []).append(f"{m.due:%m/%d} {m.title}")
    return [
        [
            n,
            t.phase.name if t.phase else "",
            t.title,
            t.duty,
            t.standard,
            t.owner.display_name,
            t.post,
            f"{t.start:%Y-%m-%d}",
            f"{t.deadline:%Y-%m-%d}",
            "；".join(marks.get(t.pk, [])),
            t.checker.display_name,
            f"{t.progress}%",
            t.get_status_display(),
            COLOUR_LABELS[task_colour(t, today)],
        ]
        for n, t in enumerate(tasks, start=1)
    ]


def tasks_xlsx(plan, *, today) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "三定任务清单"
    sheet.append([f"{plan.title} · 三定任务清单（{today:%Y-%m-%d}）"])
    keep_as_text(sheet["A1"])  # the plan's title is user text
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C8161D")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in task_rows(plan, today=today):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tasks_docx(plan, *, today) -> bytes:
    """The 目标与阶段 and 三定任务清单 sections of the brand's creation 方案."""
    doc = OfficialDocument(title=plan.title, author=plan.org.name)
    doc.title(plan.title, "目标与阶段 · 三定任务清单")
    doc.heading("目标与阶段")
    if plan.goal:
        doc.paragraph(plan.goal)
    for phase in plan.phases.all():
        doc.subheading(f"{phase.name}（{phase.start:%Y年%m月%d日}至{phase.end:%Y年%m月%d日}）")
        if phase.goal:
            doc.paragraph(phase.goal, lead="阶段目标：")
        if phase.criteria:
            doc.paragraph("；".join(phase.criteria) + "。", lead="关口标准：")
    doc.heading("三定任务清单")
    doc.paragraph(
        "每项任务明确责任人（定人）、责任内容和验收标准（定责）、完成时限（定时）和验收人（定查）。"
    )
    rows = [
        [str(r[0]), r[2], f"{r[3]}\n验收标准：{r[4]}", r[5], r[8], r[10]]
        for r in task_rows(plan, today=today)
    ]
    doc.table(
        ["序号", "任务", "责任内容与验收标准", "责任人", "完成时限", "验收人"],
        rows,
        widths_mm=[12, 30, 70, 18, 22, 18],
    )
    doc.signature(plan.org.name, clock.day_text(today))
    return doc.to_bytes()

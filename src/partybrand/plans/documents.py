"""The plan's 三定 task list as an Excel sheet and as the task section of a Word 方案."""

from partybrand.core import clock, sheets
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
    """One row a task: dates as dates and progress as a fraction (0.4), for the sheet to show."""
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("plan", "phase", "owner", "checker")
        .order_by("phase__position", "start", "id")
    )
    marks: dict[int, list[str]] = {}
    for m in Milestone.objects.filter(task__plan=plan).order_by("due", "id"):
        marks.setdefault(m.task_id, []).append(f"{m.due.month}月{m.due.day}日{m.title}")
    return [
        [
            n,
            t.phase.name if t.phase else "",
            t.title,
            t.duty,
            t.standard,
            t.owner.display_name,
            t.post,
            t.start,
            t.deadline,
            "；".join(marks.get(t.pk, [])),
            t.checker.display_name,
            t.progress / 100,
            t.get_status_display(),
            COLOUR_LABELS[task_colour(t, today)],
        ]
        for n, t in enumerate(tasks, start=1)
    ]


PROGRESS_COLUMN = HEADER.index("进度") + 1


def tasks_xlsx(plan, *, today) -> bytes:
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "三定任务清单"
    sheet.append([f"{plan.title}三定任务清单（截至{clock.chinese_date(today)}）"])
    sheets.title(sheet["A1"])  # the plan's title is user text
    sheets.page_setup(sheet, header_row=2, widths=WIDTHS, frozen_columns=2)
    sheets.append(sheet, HEADER, sheets.header)
    for row in task_rows(plan, today=today):
        number = sheets.append(sheet, row)
        sheet.cell(number, PROGRESS_COLUMN).number_format = sheets.PERCENT_FORMAT
    return sheets.to_bytes(book)


def phase_span(phase) -> str:
    return f"{clock.chinese_date(phase.start)}至{clock.chinese_date(phase.end)}"

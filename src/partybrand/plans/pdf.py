"""The board and the Gantt view as an A3 landscape PDF with Chinese text (boards hang on walls)."""

import io

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3, landscape
from reportlab.pdfgen import canvas

from partybrand.core import palette
from partybrand.core.pdf import FONT, cjk_font, fit
from partybrand.plans.colours import COLOUR_HEX, COLOUR_LABELS

PAGE = landscape(A3)
MARGIN = 28
LABEL_W = 300
ROW_H = 20
HEAD_H = 96
RED = HexColor(palette.RED)
GRID = HexColor("#d9d9d9")
TEXT = HexColor("#333333")
LEGEND = "菱形为节点（空心未完成，实心已完成）。蓝：临近期限；黄：进度滞后或曾逾期；红：逾期。"


def paginate(groups, per_page: int) -> list[list]:
    """Rows of ("group", group, continued) and ("bar", bar, group), cut into pages: a group
    heading never ends a page, and a page that starts inside a group repeats its heading."""
    per_page = max(per_page, 2)
    pages, page = [], []
    for group in groups:
        if len(page) >= per_page - 1:  # no room for the heading and one bar
            pages.append(page)
            page = []
        page.append(("group", group, False))
        for bar in group.bars:
            if len(page) >= per_page:
                pages.append(page)
                page = [("group", group, True)]
            page.append(("bar", bar, group))
    if page or not pages:
        pages.append(page)
    return pages


class _Sheet:
    """One page of the board on the canvas: header, time axis, rows."""

    def __init__(self, c, board, row_h: float):
        self.c, self.board, self.row_h = c, board, row_h
        self.width, self.height = PAGE
        self.axis_x = MARGIN + LABEL_W
        self.axis_w = self.width - MARGIN - self.axis_x
        self.body_top = self.height - MARGIN - HEAD_H + 20

    def x_of(self, percent: float) -> float:
        return self.axis_x + self.axis_w * percent / 100

    def header(self, title: str, subtitle: str, number: int, count: int) -> None:
        c, top = self.c, self.height - MARGIN
        c.setFillColor(RED)
        c.rect(MARGIN, top - 34, self.width - 2 * MARGIN, 34, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(FONT, 20)
        c.drawString(MARGIN + 12, top - 25, fit(c, title, 20, self.width - 2 * MARGIN - 120))
        c.setFont(FONT, 10)
        c.drawRightString(self.width - MARGIN - 12, top - 22, f"第 {number}/{count} 页")
        c.setFillColor(TEXT)
        c.drawString(MARGIN, top - 50, subtitle)
        legend_x = self.width - MARGIN - 5 * 82
        for key in ("green", "blue", "yellow", "red", "done"):
            c.setFillColor(HexColor(COLOUR_HEX[key]))
            c.rect(legend_x, top - 53, 14, 9, stroke=0, fill=1)
            c.setFillColor(TEXT)
            c.drawString(legend_x + 18, top - 52, f"{COLOUR_LABELS[key]} {self.board.counts[key]}")
            legend_x += 82

    def axis(self, rows: int) -> None:
        c, top = self.c, self.body_top
        bottom = top - self.row_h * rows
        c.setFont(FONT, 9)
        c.setFillColor(TEXT)
        heading = "阶段 / 任务" if self.board.mode == "gantt" else "责任人 / 任务"
        c.drawString(MARGIN + 4, top + 6, heading)
        for label, left, w in self.board.columns:
            x = self.x_of(left)
            c.setStrokeColor(GRID)
            c.line(x, top + 20, x, bottom)
            if c.stringWidth(label, FONT, 9) <= self.axis_w * w / 100 - 3:  # else a stub: blank
                c.setFillColor(TEXT)
                c.drawString(x + 2, top + 3, label)
        c.setFont(FONT, 8)
        c.setFillColor(RED)
        for label, left, w in self.board.years:  # the year above its months, where it fits
            if c.stringWidth(label, FONT, 8) <= self.axis_w * w / 100 - 3:
                c.drawString(self.x_of(left) + 2, top + 12, label)
        c.setFont(FONT, 9)
        c.setStrokeColor(HexColor("#999999"))
        c.line(MARGIN, top, self.width - MARGIN, top)

    def today(self, rows: int) -> None:
        """The dashed line of today, over the bars."""
        c, top = self.c, self.body_top
        bottom = top - self.row_h * rows
        if self.board.today_left is not None:
            tx = self.x_of(self.board.today_left)
            c.setStrokeColor(RED)
            c.setDash(4, 3)
            c.line(tx, top + 18, tx, bottom)
            c.setDash()
            c.setFillColor(RED)
            c.setFont(FONT, 8)
            c.drawString(tx + 2, top + 20, f"今日 {self.board.today:%m/%d}")

    def group(self, y: float, group, continued: bool) -> None:
        c, row_h = self.c, self.row_h
        c.setFillColor(HexColor("#fbeaea"))
        c.rect(MARGIN, y, self.width - 2 * MARGIN, row_h, stroke=0, fill=1)
        c.setFillColor(RED)
        c.setFont(FONT, 11)
        text = (
            group.label
            + (f"（{group.sub}）" if group.sub else "")
            + ("（续）" if continued else "")
        )
        c.drawString(MARGIN + 4, y + row_h / 2 - 4, fit(c, text, 11, LABEL_W - 8))
        if group.phase is not None:
            c.setFillColor(HexColor("#e6b8b8"))
            c.rect(
                self.x_of(group.left),
                y + row_h / 2 - 4,
                self.axis_w * group.width / 100,
                8,
                stroke=0,
                fill=1,
            )

    def bar(self, y: float, bar) -> None:
        c, row_h, task = self.c, self.row_h, bar.task
        size = 11 if row_h >= 28 else 9
        c.setFont(FONT, size)
        c.setFillColor(HexColor("#222222"))
        label = (
            task.title
            if self.board.mode != "gantt"
            else f"{task.owner.display_name} · {task.title}"
        )
        percent = f"{task.progress}%"
        c.drawRightString(self.axis_x - 6, y + row_h / 2 - 3, percent)
        room = LABEL_W - 24 - c.stringWidth(percent, FONT, size)
        c.drawString(MARGIN + 14, y + row_h / 2 - 3, fit(c, label, size, room))
        c.setFillColor(HexColor(bar.hex))
        bx, bw = self.x_of(bar.left), max(self.axis_w * bar.width / 100, 3)
        c.roundRect(bx, y + 4, bw, row_h - 8, 2, stroke=0, fill=1)
        if task.progress and bar.colour != "done":
            c.setFillColor(white)
            c.setFillAlpha(0.45)
            c.rect(bx, y + 4, bw * task.progress / 100, 3, stroke=0, fill=1)
            c.setFillAlpha(1)
        for left, _name, done in bar.milestones:
            self.diamond(self.x_of(left), y + row_h / 2, done)
        c.setStrokeColor(HexColor("#eeeeee"))
        c.line(MARGIN, y, self.width - MARGIN, y)

    def diamond(self, x: float, y: float, done: bool) -> None:
        path = self.c.beginPath()
        path.moveTo(x, y + 6)
        path.lineTo(x + 5, y)
        path.lineTo(x, y - 6)
        path.lineTo(x - 5, y)
        path.close()
        self.c.setFillColor(TEXT if done else white)
        self.c.setStrokeColor(TEXT)
        self.c.drawPath(path, stroke=1, fill=1)

    def footer(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.setFillColor(HexColor("#777777"))
        self.c.drawString(MARGIN, MARGIN - 14, LEGEND)


def render(board, *, title: str, subtitle: str) -> bytes:
    cjk_font()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=PAGE)
    c.setTitle(title)
    c.setAuthor("党建品牌创建管理平台")
    available = PAGE[1] - MARGIN * 2 - HEAD_H - 30
    rows = len(board.groups) + board.task_count
    # rows grow to fill the sheet when there are few of them (boards are read from afar)
    row_h = max(ROW_H, min(34.0, available / max(rows, 1)))
    pages = paginate(board.groups, int(available // row_h))
    for number, page_rows in enumerate(pages, start=1):
        sheet = _Sheet(c, board, row_h)
        sheet.header(title, subtitle, number, len(pages))
        sheet.axis(len(page_rows))
        y = sheet.body_top
        for kind, item, extra in page_rows:
            y -= row_h
            if kind == "group":
                sheet.group(y, item, continued=extra)
            else:
                sheet.bar(y, item)
        sheet.today(len(page_rows))
        sheet.footer()
        c.showPage()
    c.save()
    return buffer.getvalue()

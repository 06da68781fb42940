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


ROW_MIN = 13.0  # rows shrink to this (8 pt text) before the board takes a second page
ROW_MAX = 34.0  # few rows grow to this: boards are read from afar
OWNER_W = 64  # the person's column inside the label column
# one colour per phase, strong (its band on the axis, its strip) and tint (its heading row)
PHASE_COLOURS = [
    ("#c8161d", "#fbeaea"),
    ("#b7791f", "#fbf1de"),
    ("#2e7d5b", "#e3f2ea"),
    ("#2f6690", "#e1ecf5"),
    ("#6b4c9a", "#ece6f4"),
]
LOOSE_COLOURS = ("#777777", "#eeeeee")


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


def plan_pages(groups, available: float) -> tuple[float, list[list]]:
    """The row height and the pages: everything on one page while rows of ROW_MIN fit; else as
    few pages as rows of ROW_MIN need, filled evenly (never one task alone on the last page)."""
    fewest = paginate(groups, int(available // ROW_MIN))
    pages = fewest
    for size in range(int(available // ROW_MIN) - 1, 1, -1):
        trial = paginate(groups, size)
        if len(trial) > len(fewest):
            break
        pages = trial
    longest = max((len(p) for p in pages), default=1) or 1
    return max(ROW_MIN, min(ROW_MAX, available / longest)), pages


def phase_colours(groups) -> dict[int, tuple[str, str]]:
    colours = {}
    for n, group in enumerate(g for g in groups if g.phase is not None):
        colours[id(group)] = PHASE_COLOURS[n % len(PHASE_COLOURS)]
    return colours


class _Sheet:
    """One page of the board on the canvas: header, time axis, rows."""

    def __init__(self, c, board, row_h: float, colours: dict):
        self.c, self.board, self.row_h, self.colours = c, board, row_h, colours
        self.width, self.height = PAGE
        self.axis_x = MARGIN + LABEL_W
        self.axis_w = self.width - MARGIN - self.axis_x
        self.body_top = self.height - MARGIN - HEAD_H + 20
        self.size = max(8.0, min(11.0, row_h * 0.45))  # text shrinks with the rows

    def x_of(self, percent: float) -> float:
        return self.axis_x + self.axis_w * percent / 100

    def header(self, title: str, subtitle: str, number: int, count: int) -> None:
        c, top = self.c, self.height - MARGIN
        c.setFillColor(RED)
        c.rect(MARGIN, top - 34, self.width - 2 * MARGIN, 34, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(FONT, 20)
        c.drawString(MARGIN + 12, top - 25, fit(c, title, 20, self.width - 2 * MARGIN - 140))
        c.setFont(FONT, 10)
        c.drawRightString(self.width - MARGIN - 12, top - 22, f"第{number}页，共{count}页")
        c.setFillColor(TEXT)
        c.drawString(MARGIN, top - 50, subtitle)
        legend_x = self.width - MARGIN - 5 * 82
        for key in ("green", "blue", "yellow", "red", "done"):
            c.setFillColor(HexColor(COLOUR_HEX[key]))
            c.rect(legend_x, top - 53, 14, 9, stroke=0, fill=1)
            c.setFillColor(TEXT)
            c.drawString(legend_x + 18, top - 52, f"{COLOUR_LABELS[key]}{self.board.counts[key]}项")
            legend_x += 82

    def axis(self, rows: int) -> None:
        c, top = self.c, self.body_top
        bottom = top - self.row_h * rows
        c.setFont(FONT, 9)
        c.setFillColor(TEXT)
        c.drawString(MARGIN + 10, top + 6, "责任人")
        c.drawString(MARGIN + 10 + OWNER_W, top + 6, "任务")
        c.drawRightString(self.axis_x - 6, top + 6, "进度")
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
            day = self.board.today
            # under the last row: above the axis it would run into the years and the legend
            c.drawCentredString(tx, bottom - 10, f"今日{day.month}月{day.day}日")

    def group(self, y: float, group, continued: bool) -> None:
        """A phase's band: its heading row in the phase's tint across the page, and its span
        on the time axis in the phase's colour."""
        c, row_h = self.c, self.row_h
        strong, tint = self.colours.get(id(group), LOOSE_COLOURS)
        c.setFillColor(HexColor(tint))
        c.rect(MARGIN, y, self.width - 2 * MARGIN, row_h, stroke=0, fill=1)
        c.setFillColor(HexColor(strong))
        c.rect(MARGIN, y, 6, row_h, stroke=0, fill=1)
        size = self.size + 1
        c.setFont(FONT, size)
        count = f"（{len(group.bars)}项任务）" if not continued else "（续）"
        text = group.label + (f"　{group.sub}" if group.sub else "") + count
        c.drawString(MARGIN + 10, y + row_h / 2 - size / 3, fit(c, text, size, LABEL_W - 14))
        if group.phase is not None:
            c.setFillAlpha(0.35)
            c.rect(
                self.x_of(group.left),
                y + 2,
                self.axis_w * group.width / 100,
                row_h - 4,
                stroke=0,
                fill=1,
            )
            c.setFillAlpha(1)

    def bar(self, y: float, bar, group, show_owner: bool) -> None:
        c, row_h, task, size = self.c, self.row_h, bar.task, self.size
        strong, _tint = self.colours.get(id(group), LOOSE_COLOURS)
        c.setFillColor(HexColor(strong))
        c.rect(MARGIN, y, 6, row_h, stroke=0, fill=1)  # the phase's strip down its tasks
        c.setFont(FONT, size)
        c.setFillColor(HexColor("#222222"))
        base = y + row_h / 2 - size / 3
        if show_owner:
            c.drawString(MARGIN + 10, base, fit(c, task.owner.display_name, size, OWNER_W - 6))
        percent = f"{task.progress}%"
        c.drawRightString(self.axis_x - 6, base, percent)
        room = LABEL_W - OWNER_W - 22 - c.stringWidth(percent, FONT, size)
        c.drawString(MARGIN + 10 + OWNER_W, base, fit(c, task.title, size, room))
        c.setFillColor(HexColor(bar.hex))
        bx, bw = self.x_of(bar.left), max(self.axis_w * bar.width / 100, 3)
        pad = max(2.0, row_h * 0.18)
        c.roundRect(bx, y + pad, bw, row_h - 2 * pad, 2, stroke=0, fill=1)
        if task.progress and bar.colour != "done":
            c.setFillColor(white)
            c.setFillAlpha(0.45)
            c.rect(bx, y + pad, bw * task.progress / 100, 3, stroke=0, fill=1)
            c.setFillAlpha(1)
        for left, _name, done in bar.milestones:
            self.diamond(self.x_of(left), y + row_h / 2, done, min(6.0, row_h / 2 - 1))
        c.setStrokeColor(HexColor("#eeeeee"))
        c.line(MARGIN + 6, y, self.width - MARGIN, y)

    def diamond(self, x: float, y: float, done: bool, r: float) -> None:
        path = self.c.beginPath()
        path.moveTo(x, y + r)
        path.lineTo(x + r * 0.8, y)
        path.lineTo(x, y - r)
        path.lineTo(x - r * 0.8, y)
        path.close()
        self.c.setFillColor(TEXT if done else white)
        self.c.setStrokeColor(TEXT)
        self.c.drawPath(path, stroke=1, fill=1)

    def footer(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.setFillColor(HexColor("#777777"))
        self.c.drawString(MARGIN, MARGIN - 14, LEGEND)


def render(board, *, title: str, subtitle: str) -> bytes:
    """The board on A3 landscape pages: one band per phase, its tasks under it by person."""
    cjk_font()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=PAGE)
    c.setTitle(title)
    c.setAuthor("党建品牌创建管理平台")
    available = PAGE[1] - MARGIN * 2 - HEAD_H - 30
    groups = board.bands
    row_h, pages = plan_pages(groups, available)
    colours = phase_colours(groups)
    for number, page_rows in enumerate(pages, start=1):
        sheet = _Sheet(c, board, row_h, colours)
        sheet.header(title, subtitle, number, len(pages))
        sheet.axis(len(page_rows))
        y, last_owner = sheet.body_top, None
        for kind, item, extra in page_rows:
            y -= row_h
            if kind == "group":
                sheet.group(y, item, continued=extra)
                last_owner = None
            else:
                owner = item.task.owner_id
                sheet.bar(y, item, extra, show_owner=owner != last_owner)
                last_owner = owner
        sheet.today(len(page_rows))
        sheet.footer()
        c.showPage()
    c.save()
    return buffer.getvalue()

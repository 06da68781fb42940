"""The printable sheet of one-time answer codes: A4 pages of twelve slips to cut along the dashed
lines, each with the survey's title, a QR code of the answer link carrying its code, the code
to type by hand and whom the slip is for."""

import io

import segno
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from partybrand.core import palette
from partybrand.core.pdf import FONT, cjk_font, fit
from partybrand.surveys.services.codes import shown

COLUMNS, ROWS = 3, 4
MARGIN = 24
QR_SIZE = 100
RED = HexColor(palette.RED)
GREY = HexColor("#777777")
CUT = HexColor("#bbbbbb")


def slip_link(link: str, code: str) -> str:
    """What a slip's QR code holds: the survey's answer link with the code, which the answer
    page reads so nobody has to type it."""
    return f"{link}?code={code}"


def _qr(c, text: str, x: float, y: float, size: float) -> None:
    """The QR code drawn as squares: sharp at any print size."""
    qr = segno.make(text, error="m")
    rows = list(qr.matrix_iter(scale=1, border=0))
    module = size / len(rows)
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(rows):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + col * module, y + size - (r + 1) * module, module, module, 0, 1)


def _slip(c, code, *, x, y, w, h, title: str, org: str, link: str) -> None:
    c.setDash(3, 3)
    c.setStrokeColor(CUT)
    c.rect(x, y, w, h, 1, 0)
    c.setDash()
    top = y + h - 16
    c.setFillColor(RED)
    c.setFont(FONT, 9.5)
    c.drawCentredString(x + w / 2, top, fit(c, title, 9.5, w - 14))
    c.setFillColor(GREY)
    c.setFont(FONT, 7.5)
    c.drawCentredString(x + w / 2, top - 12, fit(c, org, 7.5, w - 14))
    # Three modules of white at least between the QR code and the text around it.
    _qr(c, slip_link(link, code.code), x + (w - QR_SIZE) / 2, top - 26 - QR_SIZE, QR_SIZE)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, 14)
    c.drawCentredString(x + w / 2, top - QR_SIZE - 43, shown(code.code))
    c.setFont(FONT, 8.5)
    label = code.label or f"第{code.number}号"
    c.drawCentredString(x + w / 2, top - QR_SIZE - 57, fit(c, label, 8.5, w - 14))
    c.setFillColor(GREY)
    c.setFont(FONT, 7)
    c.drawCentredString(x + w / 2, y + 8, "手机扫码匿名填写，每码只能提交一次")


def render(codes: list, *, title: str, org: str, link: str, done=None) -> bytes:
    """The PDF of the given codes, twelve to a page; `done(slips)` is told after each page
    (background work shows the count)."""
    cjk_font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setTitle(f"{title}一次性作答码")
    width, height = A4
    w = (width - 2 * MARGIN) / COLUMNS
    h = (height - 2 * MARGIN - 14) / ROWS
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(codes) // per_page))
    for page in range(pages):
        chunk = codes[page * per_page : (page + 1) * per_page]
        for i, code in enumerate(chunk):
            column, row = i % COLUMNS, i // COLUMNS
            x = MARGIN + column * w
            y = height - MARGIN - (row + 1) * h
            _slip(c, code, x=x, y=y, w=w, h=h, title=title, org=org, link=link)
        c.setFillColor(GREY)
        c.setFont(FONT, 7.5)
        c.drawCentredString(
            width / 2, MARGIN - 12, f"沿虚线裁开，每人一张。第{page + 1}页，共{pages}页"
        )
        c.showPage()
        if done is not None:
            done(min((page + 1) * per_page, len(codes)))
    c.save()
    return out.getvalue()

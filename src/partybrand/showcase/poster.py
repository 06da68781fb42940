"""A named brand as an A3 portrait poster (PDF) for walls and exhibitions: the name and slogan
large, the logo, the 内涵释义 phrase by phrase, the 工作法, the carriers with their titles and
results, and the honours — only what the showcase shows, drawn with reportlab in a few
milliseconds (no background job).

A logo stored as SVG is drawn through a rasteriser the top layer registers
(`register_logo_rasteriser`, filled by workbench with its SVG drawer); without one, or for a logo
that cannot be read, the poster leaves the logo out."""

import io
from collections.abc import Callable

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from partybrand.core import clock, palette
from partybrand.core.pdf import FONT, cjk_font, fit

PAGE_W, PAGE_H = A3
MARGIN = 56
RED = HexColor(palette.RED)
TINT = HexColor(palette.RED_TINT)
TEXT = HexColor("#333333")
MUTED = HexColor("#777777")
BOTTOM = 90  # the footer's room

_rasterisers: list[Callable[[bytes], bytes | None]] = []


def register_logo_rasteriser(draw: Callable[[bytes], bytes | None]) -> None:
    """SVG bytes → PNG bytes (or None): registered by the app that can draw SVG."""
    _rasterisers[:] = [draw]


def _logo_image(brand):
    if not brand.logo:
        return None
    try:
        with brand.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if brand.logo_content_type == "image/svg+xml":
        data = _rasterisers[0](data) if _rasterisers else None
    if not data:
        return None
    try:
        return ImageReader(io.BytesIO(data))
    except Exception:  # noqa: BLE001  (an unreadable logo is left out, the poster still prints)
        return None


def wrap(c, text: str, size: float, width: float) -> list[str]:
    """The text cut into lines that fit `width` (character by character: Chinese has no spaces)."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines():
        line = ""
        for char in paragraph.strip():
            if c.stringWidth(line + char, FONT, size) > width:
                lines.append(line)
                line = char
            else:
                line += char
        if line:
            lines.append(line)
    return lines


class _Writer:
    def __init__(self, c, top: float):
        self.c, self.y = c, top
        self.width = PAGE_W - 2 * MARGIN

    def room(self, height: float) -> bool:
        return self.y - height > BOTTOM

    def heading(self, text: str) -> bool:
        if not self.room(60):
            return False
        self.y -= 18
        self.c.setFillColor(RED)
        self.c.rect(MARGIN, self.y - 6, 8, 28, stroke=0, fill=1)
        self.c.setFont(FONT, 22)
        self.c.drawString(MARGIN + 18, self.y, text)
        self.y -= 20
        self.c.setStrokeColor(TINT)
        self.c.setLineWidth(2)
        self.c.line(MARGIN, self.y, PAGE_W - MARGIN, self.y)
        self.y -= 26
        return True

    def paragraph(self, text: str, size: float = 15, *, lead: str = "", indent: float = 0) -> bool:
        lines = wrap(self.c, lead + text, size, self.width - indent)
        for line in lines:
            if not self.room(size * 1.7):
                return False
            self.c.setFillColor(TEXT)
            self.c.setFont(FONT, size)
            self.c.drawString(MARGIN + indent, self.y, line)
            self.y -= size * 1.65
        self.y -= 6
        return True


def poster_pdf(page: dict) -> bytes:
    """The A3 poster of a showcase page (`selectors.brand_page`)."""
    cjk_font()
    brand = page["brand"]
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A3)
    c.setTitle(f"{brand.name}·党建品牌")
    c.setAuthor(brand.org.name)
    # The band: the organisation and the words 党建品牌.
    c.setFillColor(RED)
    c.rect(0, PAGE_H - 120, PAGE_W, 120, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(FONT, 22)
    c.drawString(MARGIN, PAGE_H - 60, fit(c, brand.org.name, 22, PAGE_W - 2 * MARGIN - 160))
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - 60, "党建品牌")
    c.setFont(FONT, 14)
    tier = f"{brand.get_level_display()} · {brand.get_tier_display()}"
    c.drawString(MARGIN, PAGE_H - 92, tier)
    y = PAGE_H - 150
    logo = _logo_image(brand)
    if logo is not None:
        w, h = logo.getSize()
        side = 200
        scale = min(side / w, side / h)
        c.drawImage(
            logo,
            (PAGE_W - w * scale) / 2,
            y - h * scale,
            w * scale,
            h * scale,
            mask="auto",
            preserveAspectRatio=True,
        )
        y -= h * scale + 30
    c.setFillColor(RED)
    c.setFont(FONT, 64)
    c.drawCentredString(PAGE_W / 2, y - 60, fit(c, brand.name, 64, PAGE_W - 2 * MARGIN))
    y -= 100
    if brand.slogan:
        c.setFillColor(TEXT)
        c.setFont(FONT, 26)
        c.drawCentredString(PAGE_W / 2, y - 20, fit(c, brand.slogan, 26, PAGE_W - 2 * MARGIN))
        y -= 60
    w = _Writer(c, y - 10)
    if (brand.meaning or page["phrases"]) and w.heading("品牌内涵"):
        if brand.meaning:
            w.paragraph(brand.meaning.strip())
        for p in page["phrases"]:
            if not w.paragraph(p.explanation.strip(), lead=f"【{p.phrase}】"):
                break
    if page["methods"] and w.heading("工作法"):
        for m in page["methods"]:
            if not w.paragraph(m.description.strip()[:160], lead=f"{m.name}：", size=14):
                break
    if page["carriers"] and w.heading("活动载体"):
        for carrier in page["carriers"][:8]:
            titles = "、".join(r.title for r in carrier.granted[:1])
            results = "，".join(f"{t['label']}{t['number']}{t['unit']}" for t in carrier.totals)
            text = f"{carrier.get_kind_display()}　{carrier.name}"
            text += f"（{titles}）" if titles else ""
            text += f"：{results}" if results else ""
            if not w.paragraph(text, size=14):
                break
    if page["honours"] and w.heading("荣誉"):
        for h in page["honours"][:8]:
            if not w.paragraph(f"{h.year}年　{h.title}（{h.get_level_display()}）", size=14):
                break
    if brand.logo_meaning and w.heading("标识释义"):
        w.paragraph(brand.logo_meaning.strip(), size=14)
    c.setStrokeColor(RED)
    c.setLineWidth(3)
    c.line(MARGIN, BOTTOM - 20, PAGE_W - MARGIN, BOTTOM - 20)
    c.setFillColor(MUTED)
    c.setFont(FONT, 12)
    c.drawString(MARGIN, BOTTOM - 44, brand.org.name)
    c.drawRightString(PAGE_W - MARGIN, BOTTOM - 44, clock.chinese_date(clock.today()))
    c.showPage()
    c.save()
    return buffer.getvalue()

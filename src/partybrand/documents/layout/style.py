"""The faces, sizes and paragraph settings of GB/T 9704-2012, and the page they sit on.

Fonts are named as WPS and Word expect them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体),
each run with its East Asian face in w:eastAsia and no theme font, Latin in Times New Roman. A PC
without a face substitutes it; the PDF engine maps each name to an installed free face
(documents/fonts/fonts.conf).
"""

from __future__ import annotations

import copy
from datetime import date
from functools import cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from partybrand.core.docx_helpers import set_fonts
from partybrand.textsim.normalize import clean_text

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
SONG_FONT = "宋体"

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_PAGE_NUMBER = Pt(14)  # 四号
SIZE_TABLE = Pt(12)  # 小四
SIZE_MARK = Pt(30)  # 发文机关标志: large red 小标宋 (GB leaves the size to the issuer)
LINE = Pt(28)  # 22 lines of 28 characters on a 225 mm 版心
CHAR = Pt(16)  # one character of body text, for indents
RED = RGBColor(0xE6, 0x00, 0x12)
BLACK = RGBColor(0, 0, 0)

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH_MM = 156.0
LANDSCAPE_TEXT_WIDTH_MM = 225.0

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def chars(n: float):
    """The width of `n` body characters (三号: 16 pt each)."""
    return Pt(16 * n)


def day_text(day: date) -> str:
    """2026年12月6日: Arabic numerals, no zero padding (GB/T 9704 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def _run_properties(font: str, size_emu: int, bold: bool, color: str):
    """The w:rPr of a run in this face, size, weight and colour, built once: python-docx's own
    setters take a millisecond a run, which a 100-page document feels."""
    scratch = Document().add_paragraph().add_run()
    set_fonts(scratch._element.get_or_add_rPr(), font)
    scratch.font.size = Length(size_emu)
    scratch.font.bold = bold
    scratch.font.color.rgb = RGBColor.from_string(color)
    return scratch._element.rPr


def add_run(paragraph, text: str, font: str, size, *, bold: bool = False, color=BLACK):
    """A run of text ("\t" a tab, "\n" a line break) with its face named for both scripts."""
    run = OxmlElement("w:r")
    run.append(copy.deepcopy(_run_properties(font, int(size), bold, str(color))))
    for index, line in enumerate(clean_text(text).split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        for position, piece in enumerate(line.split("\t")):
            if position:
                run.append(OxmlElement("w:tab"))
            if piece:
                node = OxmlElement("w:t")
                node.text = piece
                node.set(qn("xml:space"), "preserve")
                run.append(node)
    paragraph._p.append(run)
    return run


def paragraph(
    doc_or_cell,
    *,
    align: str = "justify",
    first_indent=None,
    left_indent=None,
    right_indent=None,
    pitch=LINE,
    keep_next: bool = False,
    before=0,
    after=0,
):
    para = doc_or_cell.add_paragraph()
    fmt = para.paragraph_format
    para.alignment = ALIGN[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.first_line_indent = first_indent if first_indent is not None else Pt(0)
    if left_indent is not None:
        fmt.left_indent = left_indent
    if right_indent is not None:
        fmt.right_indent = right_indent
    if keep_next:
        fmt.keep_with_next = True
    no_autospace(para._p.get_or_add_pPr())
    return para


def outline(para, level: int) -> None:
    """The heading's level in Word's navigation pane (0 = 一、)."""
    node = OxmlElement("w:outlineLvl")
    node.set(qn("w:val"), str(level))
    para._p.get_or_add_pPr().insert_element_before(
        node, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
    )


def border(para, edge: str, *, size: int, color: str = "000000", space: int = 1) -> None:
    """A line above or below a paragraph (版头's red separator, 版记's lines); `size` in eighths
    of a point."""
    ppr = para._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr comes right after keepNext/keepLines/pageBreakBefore/framePr/widowControl…
        ppr.insert_element_before(
            borders,
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color)
    borders.append(line)


def no_autospace(ppr) -> None:
    """No extra space between Chinese and Latin or digits ("2026年", not "2026 年"); LibreOffice
    reads it from the paragraph, Word from the style too."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        if ppr.find(qn(tag)) is not None:
            continue
        node = OxmlElement(tag)
        node.set(qn("w:val"), "0")
        ppr.insert_element_before(
            node, "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
            "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
            "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
            "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
        )  # fmt: skip


def setup_styles(doc) -> None:
    """Document defaults in the body face, zh-CN, so nothing falls back to Calibri or 等线."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    # The template's other styles (headings, title…) name theme fonts; none is left.
    for rfonts in styles.element.iter(qn("w:rFonts")):
        set_fonts_keeping(rfonts)
    for name, face, size in (
        ("Normal", BODY_FONT, SIZE_BODY),
        ("Footer", SONG_FONT, SIZE_PAGE_NUMBER),
        ("Header", SONG_FONT, SIZE_PAGE_NUMBER),
    ):
        style = styles[name]
        set_fonts(style.element.get_or_add_rPr(), face)
        style.font.size = size
        style.font.color.rgb = BLACK
    no_autospace(styles["Normal"].element.get_or_add_pPr())
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None and ppr_default.find(qn("w:pPr")) is not None:
        no_autospace(ppr_default.find(qn("w:pPr")))
    doc.settings.odd_and_even_pages_header_footer = True


def set_fonts_keeping(rfonts) -> None:
    """Theme attributes removed from a style's w:rFonts, the faces written out instead."""
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), rfonts.get(qn(attr)) or "Times New Roman")
    rfonts.set(qn("w:eastAsia"), rfonts.get(qn("w:eastAsia")) or BODY_FONT)


def set_page(section, *, landscape: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_H, PAGE_W
        # The binding edge stays at the top of a landscape page read turned.
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_W, PAGE_H
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    # The page number's top about 7 mm below the 版心 (its line is about 5 mm high).
    section.footer_distance = section.bottom_margin - Mm(12)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    def run_with(child):
        run = add_run(paragraph, "", SONG_FONT, SIZE_PAGE_NUMBER)
        run.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    add_run(paragraph, placeholder, SONG_FONT, SIZE_PAGE_NUMBER)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_numbers(section) -> None:
    """ "— 1 —" in 宋体 四号: odd pages right, even pages left, one character in from the edge."""
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.alignment = ALIGN[align]
        fmt = para.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if align == "right":
            fmt.right_indent = Pt(14)
        else:
            fmt.left_indent = Pt(14)
        add_run(para, "— ", SONG_FONT, SIZE_PAGE_NUMBER)
        _field(para, "PAGE", "1")
        add_run(para, " —", SONG_FONT, SIZE_PAGE_NUMBER)

"""Word documents in the layout of Chinese official documents (GB/T 9704-2012), built with
python-docx so that they open cleanly in WPS and in Microsoft Word.

Choices, for every document the platform exports:

- Fonts: only faces that every Chinese Windows and WPS installation has. The standard title face
  方正小标宋简体 and body face 仿宋_GB2312 are missing on most PCs (Windows 10 and later ship
  neither), and a missing face is replaced by whatever the reader's machine picks, so we use
    title       宋体 bold, 22 pt (二号)
    headings    黑体, 16 pt (三号), numbered 一、二、三…
    sub-heads   楷体, 16 pt, numbered （一）（二）…
    body        仿宋, 16 pt, fixed 28 pt lines, first line indented two characters
    tables      仿宋 12 pt (小四), header row 黑体, every cell bordered, header repeated per page
    page number 宋体 14 pt (四号), centred, "— 1 —"
  Latin letters and digits use Times New Roman. Every run carries its East Asian font in
  w:rFonts/@w:eastAsia (theme fonts removed), so no style inheritance can turn it into Calibri
  or 等线; the document defaults say the text is zh-CN.
- Page: A4 portrait, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from partybrand.textsim.normalize import clean_text

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)
BODY_SIZE = Pt(16)
TABLE_SIZE = Pt(12)
PAGE_NUMBER_SIZE = Pt(14)
LINE_PITCH = Pt(28)
PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for headings, 1–99)."""
    if not 0 < n < 100:
        raise ValueError(f"heading number {n} out of range")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def set_fonts(rpr, east_asia: str) -> None:
    """Explicit fonts on a w:rPr: the East Asian face, Times New Roman for the rest."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:cs"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    # Quotes and dashes are shared by both scripts; the hint keeps them in the Chinese face.
    rfonts.set(qn("w:hint"), "eastAsia")


def style_run(run, east_asia: str, size, *, bold: bool = False) -> None:
    set_fonts(run._element.get_or_add_rPr(), east_asia)
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0, 0, 0)


def _fixed_lines(paragraph, *, pitch=LINE_PITCH, before=0, after=0) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)


def _field_run(paragraph, instruction: str, placeholder: str, font: str, size) -> None:
    """A Word field (PAGE, NUMPAGES…) as begin / instruction / separate / result / end runs."""

    def run_with(child):
        run = paragraph.add_run()
        style_run(run, font, size)
        run._element.append(child)

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
    result = paragraph.add_run(clean_text(placeholder))
    style_run(result, font, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# Left and right cell margins: 0.6 mm (34 twips) instead of Word's 1.9 mm, so that a 10 mm 序号
# column holds "序号" and a date column "2026年12月31日" on one line at 小四.
CELL_SIDE_TWIPS = "34"


def _cell_margins(table) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), CELL_SIDE_TWIPS)
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    following = next(
        (
            tbl_pr.find(qn(t))
            for t in ("w:tblLook", "w:tblCaption")
            if tbl_pr.find(qn(t)) is not None
        ),
        None,
    )
    if following is not None:
        following.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    # Schema order matters to Word: tblBorders comes after tblW/jc/tblInd, before tblLayout.
    successors = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
    following = next(
        (tbl_pr.find(qn(tag)) for tag in successors if tbl_pr.find(qn(tag)) is not None), None
    )
    if following is not None:
        following.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _row_props(row, *, header: bool = False) -> None:
    """Rows never break across pages; the header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")  # comes before tblHeader in the schema
    tr_pr.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


class OfficialDocument:
    """A .docx in official layout: title, numbered headings, body paragraphs, bordered tables,
    page numbers. Call `to_bytes()` at the end."""

    def __init__(self, *, title: str = "", author: str = ""):
        self.doc = Document()
        self._headings = 0
        self._subheadings = 0
        self._setup_styles()
        self._setup_page()
        self.doc.core_properties.title = clean_text(title)
        self.doc.core_properties.author = author
        self.doc.core_properties.language = "zh-CN"

    # Layout -------------------------------------------------------------------------------
    def _setup_styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")
        for name, face, size in (
            ("Normal", BODY_FONT, BODY_SIZE),
            ("Heading 1", HEADING_FONT, BODY_SIZE),
            ("Heading 2", SUBHEADING_FONT, BODY_SIZE),
            ("Footer", TITLE_FONT, PAGE_NUMBER_SIZE),
        ):
            style = styles[name]
            set_fonts(style.element.get_or_add_rPr(), face)
            style.font.size = size
            style.font.bold = False
            style.font.color.rgb = RGBColor(0, 0, 0)

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE["width"], PAGE["height"]
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.header_distance = Mm(15)
        section.footer_distance = Mm(24)  # the number sits about 7 mm below the text block
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style_run(paragraph.add_run("— "), TITLE_FONT, PAGE_NUMBER_SIZE)
        _field_run(paragraph, "PAGE", "1", TITLE_FONT, PAGE_NUMBER_SIZE)
        style_run(paragraph.add_run(" —"), TITLE_FONT, PAGE_NUMBER_SIZE)

    # Content ------------------------------------------------------------------------------
    def title(self, text: str, subtitle: str = "") -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fixed_lines(paragraph, pitch=Pt(36), after=12 if not subtitle else 0)
        style_run(paragraph.add_run(clean_text(text)), TITLE_FONT, TITLE_SIZE, bold=True)
        if subtitle:
            sub = self.doc.add_paragraph()
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fixed_lines(sub, after=12)
            style_run(sub.add_run(clean_text(subtitle)), SUBHEADING_FONT, BODY_SIZE)

    def heading(self, text: str, *, numbered: bool = True):
        """A first-level heading, 一、二、三… in order (or unnumbered, e.g. 基本情况)."""
        if numbered:
            self._headings += 1
            self._subheadings = 0
            text = f"{chinese_number(self._headings)}、{text}"
        paragraph = self.doc.add_paragraph(style="Heading 1")
        paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.keep_with_next = True
        _fixed_lines(paragraph)
        style_run(paragraph.add_run(clean_text(text)), HEADING_FONT, BODY_SIZE)
        return paragraph

    def subheading(self, text: str):
        self._subheadings += 1
        paragraph = self.doc.add_paragraph(style="Heading 2")
        paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.keep_with_next = True
        _fixed_lines(paragraph)
        style_run(
            paragraph.add_run(clean_text(f"（{chinese_number(self._subheadings)}）{text}")),
            SUBHEADING_FONT,
            BODY_SIZE,
        )
        return paragraph

    def paragraph(self, text: str, *, lead: str = "", indent: bool = True):
        """A body paragraph; `lead` is a bold run in front ("成效：")."""
        paragraph = self.doc.add_paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _fixed_lines(paragraph)
        if lead:
            style_run(paragraph.add_run(clean_text(lead)), BODY_FONT, BODY_SIZE, bold=True)
        style_run(paragraph.add_run(clean_text(text)), BODY_FONT, BODY_SIZE)
        return paragraph

    def table(
        self, headers: list[str], rows: list[list[str]], widths_mm: list[float] | None = None
    ):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _borders(table)
        _cell_margins(table)
        _row_props(table.rows[0], header=True)
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell(cell, text, HEADING_FONT, center=True)
        for values in rows:
            row = table.add_row()
            _row_props(row)
            cells = row.cells
            for cell, text in zip(cells, values, strict=True):
                self._cell(cell, text, BODY_FONT)
        if widths_mm:
            # Word reads the cell widths, WPS and LibreOffice the column grid: set both.
            for column, width in zip(table.columns, widths_mm, strict=True):
                column.width = Mm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        _fixed_lines(self.doc.add_paragraph())  # one empty line after the table
        return table

    def signature(self, org_name: str, day_text: str) -> None:
        """The closing lines, right-aligned about four characters in: organisation and date."""
        self.doc.add_paragraph()
        for text in (org_name, day_text):
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            _fixed_lines(paragraph)
            style_run(paragraph.add_run(clean_text(text)), BODY_FONT, BODY_SIZE)

    @staticmethod
    def _cell(cell, text: str, font: str, *, center: bool = False) -> None:
        lines = (text or "").split("\n") or [""]
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = Pt(0)
            _fixed_lines(paragraph, pitch=Pt(20))
            style_run(paragraph.add_run(clean_text(line)), font, TABLE_SIZE)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

"""The body of a document: sections with their numbered headings, paragraphs, tables, images."""

from __future__ import annotations

import copy
import io

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from partybrand.core.docx_helpers import chinese_number
from partybrand.documents.layout import style as s
from partybrand.documents.spec import Column, Heading, Image, PageBreak, Para, Section, Table

# Level → (face, bold) of a heading: 一、黑体 （一）楷体 1. 仿宋 bold （1）仿宋 bold.
HEADING_FACES = {
    1: (s.HEADING_FONT, False),
    2: (s.KAI_FONT, False),
    3: (s.BODY_FONT, True),
    4: (s.BODY_FONT, True),
}


def serial(level: int, n: int) -> str:
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


class Numbering:
    """The running serial numbers of one document (or one appendix): a heading resets the
    levels below it."""

    def __init__(self):
        self.counts = [0, 0, 0, 0, 0]

    def next(self, level: int) -> str:
        self.counts[level] += 1
        for lower in range(level + 1, 5):
            self.counts[lower] = 0
        return serial(level, self.counts[level])


def heading(doc, text: str, level: int, numbering: Numbering | None, *, numbered: bool = True):
    face, bold = HEADING_FACES[level]
    label = numbering.next(level) if (numbered and numbering) else ""
    para = s.paragraph(doc, first_indent=s.CHAR * 2, keep_next=True)
    s.outline(para, level - 1)
    s.add_run(para, label + text, face, s.SIZE_BODY, bold=bold)
    return para


def body_para(doc, block: Para):
    para = s.paragraph(doc, align=block.align, first_indent=s.CHAR * 2 if block.indent else Pt(0))
    if block.bold_lead:
        s.add_run(para, block.bold_lead, s.BODY_FONT, s.SIZE_BODY, bold=True)
    s.add_run(para, block.text, s.BODY_FONT, s.SIZE_BODY)
    return para


def column_widths(columns: list[Column], total_mm: float) -> list[float]:
    """Given widths kept (scaled down together if they pass the 版心), the rest shared."""
    given = sum(c.width_mm for c in columns if c.width_mm)
    free = [c for c in columns if not c.width_mm]
    minimum = 12.0 * len(free)  # a column left to share keeps at least 12 mm
    if given + minimum > total_mm:
        factor = (total_mm - minimum) / given if given else 1.0
        widths = [c.width_mm * factor if c.width_mm else 0.0 for c in columns]
    else:
        widths = [c.width_mm or 0.0 for c in columns]
    rest = total_mm - sum(widths)
    share = rest / len(free) if free else 0.0
    return [round(w if w else share, 2) for w in widths]


CELL_MARGIN_DXA = 34  # 0.6 mm


def _dxa(mm: float) -> int:
    return int(mm * 1440 / 25.4)


def _table_props(table, widths: list[float]) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(
            tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
            "w:tblLayout", "w:tblCellMar", "w:tblLook",
        )  # fmt: skip
    tbl_w.set(qn("w:w"), str(sum(_dxa(w) for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook")
    # Narrow side margins in the cells (0.6 mm, Word's default is 1.9): a 10 mm 序号 column and a
    # 34 mm date column hold "序号" and "2026年12月31日" on one line at 小四.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(CELL_MARGIN_DXA))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(margins, "w:tblLook")
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(_dxa(width)))


def _row(row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


def _cell(cell, width: float, *, align: str) -> None:
    """A cell's width and its one paragraph (小四 on 20 pt lines, no indent); lines of a cell's
    text are line breaks in that paragraph."""
    cell.width = Mm(width)
    para = cell.paragraphs[0]
    para.alignment = s.ALIGN[align]
    fmt = para.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = s.WD_LINE_SPACING.EXACTLY, Pt(20)
    fmt.first_line_indent = Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    s.no_autospace(para._p.get_or_add_pPr())


PAGE_COLUMN = Column("页码", 16, "center")


def bookmark_name(key: str) -> str:
    """A bookmark Word accepts: a letter first, letters, digits and _ only, at most 40."""
    return "pb_" + "".join(c if c.isalnum() and c.isascii() else "_" for c in key)[:37]


def _bookmark(para, key: str, number: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), bookmark_name(key))
    end.set(qn("w:id"), str(number))
    para._p.insert(1 if para._p.pPr is not None else 0, start)
    para._p.append(end)


def _field_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # Word works the page out as it opens the file
    run.append(char)


def _page_ref(tr, key: str) -> None:
    """The page a bookmarked section starts on, as a PAGEREF field in the row's last cell;
    LibreOffice works it out as it prints the PDF."""
    para = Paragraph(tr.tc_lst[-1].p_lst[0], None)

    def run():
        return s.add_run(para, "", s.BODY_FONT, s.SIZE_TABLE)

    _field_char(run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {bookmark_name(key)} \\h "
    run().append(instr)
    _field_char(run(), "separate")
    run()  # the result: empty until the pages are laid out
    _field_char(run(), "end")


def _fill(tr, values: list[str], *, bold: bool) -> None:
    for tc, text in zip(tr.tc_lst, values, strict=False):
        s.add_run(Paragraph(tc.p_lst[0], None), text or "", s.BODY_FONT, s.SIZE_TABLE, bold=bold)


def table(doc, block: Table, *, text_width_mm: float):
    if block.caption:
        para = s.paragraph(doc, align="center", keep_next=True)
        s.add_run(para, block.caption, s.HEADING_FONT, s.SIZE_BODY)
    columns = [*block.columns, PAGE_COLUMN] if block.page_refs else block.columns
    widths = column_widths(columns, text_width_mm)
    tbl = doc.add_table(rows=2, cols=len(columns))
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    _table_props(tbl, widths)
    header, body = tbl.rows
    _row(header, header=True)
    _row(body, header=False)
    for cell, width in zip(header.cells, widths, strict=True):
        _cell(cell, width, align="center")
    for cell, column, width in zip(body.cells, columns, widths, strict=True):
        _cell(cell, width, align=column.align)
    _fill(header._tr, [c.title for c in columns], bold=True)
    # Every data row is a copy of one formatted row: python-docx's setters per cell would cost
    # seconds in a long task list.
    template = body._tr
    tbl._tbl.remove(template)
    for n, values in enumerate(block.rows):
        row = copy.deepcopy(template)
        tbl._tbl.append(row)
        _fill(row, list(values), bold=False)
        if block.page_refs:
            _page_ref(row, block.page_refs[n])
    if block.note:
        para = s.paragraph(doc, align="left", pitch=Pt(20))
        s.add_run(para, block.note, s.BODY_FONT, s.SIZE_TABLE)
    return tbl


def image(doc, block: Image):
    para = s.paragraph(doc, align="center", pitch=Pt(0), keep_next=bool(block.caption))
    para.paragraph_format.line_spacing_rule = s.WD_LINE_SPACING.SINGLE
    para.add_run().add_picture(io.BytesIO(block.data), width=Mm(min(block.width_mm, 156)))
    if block.caption:
        cap = s.paragraph(doc, align="center")
        s.add_run(cap, block.caption, s.BODY_FONT, s.SIZE_TABLE)


def page_break(doc):
    para = s.paragraph(doc)
    para.add_run().add_break(WD_BREAK.PAGE)
    return para


def landscape_table(doc, block: Table) -> None:
    """A wide table on landscape pages of its own, then back to portrait."""
    # Each section carries its own page numbers: LibreOffice places a footer inherited from a
    # portrait section too high on a landscape page.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    s.set_page(section, landscape=True)
    s.page_numbers(section)
    table(doc, block, text_width_mm=s.LANDSCAPE_TEXT_WIDTH_MM)
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    s.set_page(section, landscape=False)
    s.page_numbers(section)


def blocks(doc, items, numbering: Numbering, *, landscape: bool = False) -> list:
    """Draw blocks; the paragraphs drawn, so the caller can keep the last with the 落款."""
    drawn: list = []
    width = s.LANDSCAPE_TEXT_WIDTH_MM if landscape else s.TEXT_WIDTH_MM
    for block in items:
        if isinstance(block, Heading):
            drawn.append(heading(doc, block.text, max(1, min(block.level, 4)), numbering))
        elif isinstance(block, Para):
            drawn.append(body_para(doc, block))
        elif isinstance(block, Table):
            if block.landscape and not landscape:
                landscape_table(doc, block)
            else:
                table(doc, block, text_width_mm=width)
        elif isinstance(block, Image):
            image(doc, block)
        elif isinstance(block, PageBreak):
            page_break(doc)
    return drawn


def section(doc, sec: Section, numbering: Numbering, *, landscape: bool = False) -> list:
    if sec.title and not (sec.optional and sec.is_blank):
        para = heading(doc, sec.title, 1, numbering, numbered=sec.numbered)
        if sec.bookmarked:
            _bookmark(para, sec.key, len(doc.element.body))
    return blocks(doc, sec.blocks, numbering, landscape=landscape)

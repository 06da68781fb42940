"""The parts of a 公文 around its body: 版头, title, 主送, 附件说明, 署名 and 成文日期, 附注,
版记."""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from partybrand.documents.layout import style as s
from partybrand.documents.spec import DocumentSpec, Imprint, Masthead

IMPRINT_WIDTH_MM = 150.0  # LibreOffice floats only a table narrower than the 版心 with its margins


def width_chars(text: str) -> float:
    """How many body characters a line of text takes (Latin letters and digits count half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def masthead(doc, head: Masthead) -> None:
    """发文机关标志 in red 小标宋, the 发文字号 (and 签发人) under it, the red separator."""
    for text in (head.secrecy, head.urgency):
        if text:
            para = s.paragraph(doc, align="left")
            s.add_run(para, text, s.HEADING_FONT, s.SIZE_BODY)
    # As large as the 版心's width allows, never larger than SIZE_MARK.
    size = min(s.SIZE_MARK.pt, 440 / max(width_chars(head.issuer_mark), 1))
    mark = s.paragraph(doc, align="center", pitch=Pt(size * 1.4), before=12, after=30)
    s.add_run(mark, head.issuer_mark, s.TITLE_FONT, Pt(int(size)), color=s.RED)
    number = s.paragraph(doc, align="center" if not head.signer else "left", after=6)
    if head.signer:
        # 上行文: 发文字号 one character in from the left, 签发人 one in from the right.
        number.paragraph_format.left_indent = s.CHAR
        number.paragraph_format.tab_stops.add_tab_stop(
            Mm(s.TEXT_WIDTH_MM) - s.CHAR, WD_TAB_ALIGNMENT.RIGHT
        )
        s.add_run(number, head.number, s.BODY_FONT, s.SIZE_BODY)
        s.add_run(number, "\t签发人：", s.BODY_FONT, s.SIZE_BODY)
        s.add_run(number, head.signer, s.KAI_FONT, s.SIZE_BODY)
    else:
        s.add_run(number, head.number or "　", s.BODY_FONT, s.SIZE_BODY)
    s.border(number, "bottom", size=18, color="E60012", space=12)


def title(doc, spec: DocumentSpec) -> None:
    para = s.paragraph(doc, align="center", pitch=Pt(36), before=12, keep_next=True)
    s.add_run(para, spec.title, s.TITLE_FONT, s.SIZE_TITLE)
    if spec.subtitle:
        sub = s.paragraph(doc, align="center", keep_next=True)
        s.add_run(sub, spec.subtitle, s.KAI_FONT, s.SIZE_BODY)
    s.paragraph(doc, keep_next=True)  # one empty line under the title


def recipients(doc, text: str) -> None:
    para = s.paragraph(doc, align="left")
    s.add_run(para, text, s.BODY_FONT, s.SIZE_BODY)


def attachment_note(doc, titles: list[str]) -> list:
    """ "附件：1. …" two characters in, later lines of an item hanging under its text."""
    s.paragraph(doc, keep_next=True)
    drawn = []
    lead = "附件："
    for index, text in enumerate(titles, start=1):
        number = f"{index}. " if len(titles) > 1 else ""
        hang = s.chars(width_chars(number + (lead if index == 1 else "")))
        left = s.chars(2 + 3 + width_chars(number))
        para = s.paragraph(doc, align="left", left_indent=left, first_indent=-hang)
        s.add_run(para, (lead if index == 1 else "") + number + text, s.BODY_FONT, s.SIZE_BODY)
        drawn.append(para)
    return drawn


def signature(doc, spec: DocumentSpec) -> list:
    """署名 centred over the 成文日期, the date four characters in from the right, with room for
    the seal; every line kept with the next so the 落款 never stands alone on a page."""
    date = s.day_text(spec.signed_on) if spec.signed_on else ""
    drawn = []
    for _ in range(3 if spec.seal else 1):
        drawn.append(s.paragraph(doc, keep_next=True))
    date_right = 4.0
    if spec.signature:
        offset = date_right + (width_chars(date) - width_chars(spec.signature)) / 2
        para = s.paragraph(
            doc, align="right", right_indent=s.chars(max(offset, 0)), keep_next=bool(date)
        )
        s.add_run(para, spec.signature, s.BODY_FONT, s.SIZE_BODY)
        drawn.append(para)
    if date:
        para = s.paragraph(doc, align="right", right_indent=s.chars(date_right))
        s.add_run(para, date, s.BODY_FONT, s.SIZE_BODY)
        drawn.append(para)
    return drawn


def note(doc, text: str) -> None:
    para = s.paragraph(doc, first_indent=s.CHAR * 2)
    s.add_run(para, text, s.BODY_FONT, s.SIZE_BODY)


def _cell_border(cell, edges: dict[str, int]) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        size = edges.get(edge, 0)
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
        borders.append(line)
    tc_pr.insert_element_before(
        borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
        "w:hideMark",
    )  # fmt: skip


def _float_bottom(tbl) -> None:
    """The table floats at the bottom of the 版心 of the page it is on."""
    tbl_pr = tbl._tbl.tblPr
    float_pr = OxmlElement("w:tblpPr")
    for key, value in (
        ("w:leftFromText", "0"),
        ("w:rightFromText", "0"),
        ("w:vertAnchor", "margin"),
        ("w:horzAnchor", "margin"),
        ("w:tblpXSpec", "center"),
        ("w:tblpYSpec", "bottom"),
    ):
        float_pr.set(qn(key), value)
    tbl_pr.insert_element_before(
        float_pr, "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    )  # fmt: skip
    # LibreOffice floats a table only when it is narrower than the text block.
    width = str(int(IMPRINT_WIDTH_MM * 1440 / 25.4))
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:w"), width)
        tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook")
    tbl._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), width)


def imprint(doc, mark: Imprint) -> None:
    """版记 at the foot of the last page: 抄送 and 印发机关 + 印发日期 (四号) in a table floating
    at the bottom of the 版心, a thick line above the first row and below the last, thin lines
    between them."""
    rows = []
    if mark.cc:
        rows.append(("抄送：" + "，".join(mark.cc) + "。", ""))
    rows.append((mark.printer, s.day_text(mark.print_date) + "印发"))
    s.paragraph(doc, pitch=Pt(1))  # two tables in a row would be joined into one
    tbl = doc.add_table(rows=len(rows), cols=1)
    tbl.autofit = False
    _float_bottom(tbl)
    for index, (left, right) in enumerate(rows):
        cell = tbl.rows[index].cells[0]
        cell.width = Mm(IMPRINT_WIDTH_MM)
        first, last = index == 0, index == len(rows) - 1
        _cell_border(cell, {"top": 8 if first else 4, "bottom": 8 if last else 4})
        para = cell.paragraphs[0]
        s.no_autospace(para._p.get_or_add_pPr())
        fmt = para.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = s.WD_LINE_SPACING.EXACTLY, s.LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.left_indent, fmt.right_indent = s.chars(1), s.chars(1)
        fmt.first_line_indent = Pt(0)
        if right:
            fmt.tab_stops.add_tab_stop(
                Mm(IMPRINT_WIDTH_MM - 5) - s.chars(1), WD_TAB_ALIGNMENT.RIGHT
            )
            s.add_run(para, f"{left}\t{right}", s.BODY_FONT, Pt(14))
        else:
            s.add_run(para, left, s.BODY_FONT, Pt(14))
    # A floating table cannot end the document (LibreOffice drops it): a paragraph follows.
    s.paragraph(doc, pitch=Pt(1))

"""A `DocumentSpec` laid out as .docx after GB/T 9704-2012: `render_docx(spec) -> bytes`.

公文: 版头 → title → 主送 → body → 附件说明 → 署名 and 成文日期 → 附注 → 附件 (each on a new page) →
版记 at the foot of the last page. A working paper: title → body → 落款 → 附件, without 版头 and
版记. Both on A4 with the same margins, faces and page numbers.
"""

from __future__ import annotations

import io

from docx import Document

from partybrand.documents.layout import blocks as b
from partybrand.documents.layout import gongwen as g
from partybrand.documents.layout import style as s
from partybrand.documents.spec import DocumentSpec
from partybrand.documents.tidy import tidy_spec

__all__ = ["render_docx"]


def _body(doc, spec: DocumentSpec) -> None:
    numbering = b.Numbering()
    g.title(doc, spec)
    if spec.recipients:
        g.recipients(doc, spec.recipients)
    drawn: list = []
    for para in spec.preamble:
        drawn.append(b.body_para(doc, para))
    for section in spec.sections:
        drawn += b.section(doc, section, numbering, landscape=spec.landscape)
    if spec.attachments:
        drawn += g.attachment_note(doc, spec.attachments)
    if spec.signature or spec.signed_on:
        # The 落款 stays on the page of the paragraph before it.
        if drawn:
            drawn[-1].paragraph_format.keep_with_next = True
            drawn[-1].paragraph_format.keep_together = True
        g.signature(doc, spec)
    if spec.note:
        g.note(doc, spec.note)


def _appendix(doc, spec: DocumentSpec, index: int, count: int) -> None:
    b.page_break(doc)
    label = s.paragraph(doc, align="left", keep_next=True)
    s.add_run(label, f"附件{index}" if count > 1 else "附件", s.HEADING_FONT, s.SIZE_BODY)
    _body(doc, spec)


def render_docx(spec: DocumentSpec) -> bytes:
    tidy_spec(spec)
    doc = Document()
    s.setup_styles(doc)
    section = doc.sections[0]
    s.set_page(section, landscape=spec.landscape)
    s.page_numbers(section)
    doc.core_properties.title = spec.title
    doc.core_properties.language = "zh-CN"
    # python-docx's template starts with one empty paragraph; the document starts with ours.
    for para in list(doc.paragraphs):
        para._p.getparent().remove(para._p)
    if spec.layout == "gongwen" and spec.masthead:
        g.masthead(doc, spec.masthead)
    _body(doc, spec)
    for index, appendix in enumerate(spec.appendices, start=1):
        _appendix(doc, appendix, index, len(spec.appendices))
    if spec.layout == "gongwen" and spec.imprint:
        g.imprint(doc, spec.imprint)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

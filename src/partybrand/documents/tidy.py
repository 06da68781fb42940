"""Typesetting a built document's text as a 公文 is set, whatever field it came from: no space
between Chinese and digits, full-width punctuation beside Chinese. Every document is tidied
before it is laid out (documents.layout.render_docx), so no builder and no user's edit can bring
back "共收到答卷 44 份"."""

from __future__ import annotations

import re

from partybrand.documents.spec import DocumentSpec, Heading, Image, Para, Table

HAN = "\u4e00-\u9fff"
SPACE_AFTER_HAN = re.compile(rf"(?<=[{HAN}（“])[ \t\u3000]+(?=[0-9A-Za-z%])")
SPACE_BEFORE_HAN = re.compile(rf"(?<=[0-9A-Za-z%])[ \t\u3000]+(?=[{HAN}）”])")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
FULL_MARKS = "，。；：？！（）“”、"
# ideographic spaces are left alone: forms leave room with them (签字：　　　　（盖章）)
SPACE_BY_MARK = re.compile(rf"[ \t]+(?=[{FULL_MARKS}])|(?<=[{FULL_MARKS}])[ \t]+")
HALF_NEAR_HAN = re.compile(rf"(?<=[{HAN}])[,;:?!()]|[,;:?!()](?=[{HAN}])")
# a caption's number keeps its space before the words: 图1 党员示范岗检修现场
CAPTION_NUMBER = re.compile(r"^([图表]\d+ )(.*)$", re.S)


def tidy(text: str) -> str:
    """User text set as a 公文 is set: no space between Chinese and digits, full-width
    punctuation beside Chinese."""
    text = SPACE_AFTER_HAN.sub("", text or "")
    text = SPACE_BEFORE_HAN.sub("", text)
    text = HALF_NEAR_HAN.sub(lambda m: FULL_WIDTH[m.group()], text)
    return SPACE_BY_MARK.sub("", text)


def tidy_spec(spec: DocumentSpec) -> DocumentSpec:
    """Every text of a built document tidied (user text reaches it from many fields), in place."""
    spec.title = tidy(spec.title)
    for para in spec.preamble:
        _tidy_block(para)
    for section in spec.sections:
        section.title = tidy(section.title)
        for block in section.blocks:
            _tidy_block(block)
    spec.attachments = [tidy(a) for a in spec.attachments]
    for appendix in spec.appendices:
        tidy_spec(appendix)
    return spec


def _tidy_block(block) -> None:
    if isinstance(block, Para):
        block.text, block.bold_lead = tidy(block.text), tidy(block.bold_lead)
    elif isinstance(block, Heading):
        block.text = tidy(block.text)
    elif isinstance(block, Table):
        block.rows = [[tidy(cell) for cell in row] for row in block.rows]
        block.caption, block.note = tidy(block.caption), tidy(block.note)
    elif isinstance(block, Image):
        number = CAPTION_NUMBER.match(block.caption)
        block.caption = number[1] + tidy(number[2]) if number else tidy(block.caption)

"""What a document says, apart from how it is laid out.

Every kind of document (通知, 实施方案, 申报书, 总结, 报告, 手册…) is built as a `DocumentSpec` from
what the platform holds; the layout (`documents.layout`) turns a spec into .docx after GB/T
9704-2012 and the PDF is made from that .docx. Builders never touch python-docx, so a builder is
tested by reading its spec, and one layout serves every module.

Users edit a document as its sections: each `Section` has a key, a heading and blocks; a
`Para` of an editable section is the text the user may rewrite (tables and figures come from the
platform's data and are rebuilt on every export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Layout = Literal["gongwen", "paper"]  # 公文 with 版头 and 版记, or a working paper without them


@dataclass
class Heading:
    """A heading inside a section; `level` 1–4 is numbered by the layout 一、（一）1.（1）."""

    text: str
    level: int = 2


@dataclass
class Para:
    """A body paragraph (仿宋_GB2312 三号, first line indented two characters)."""

    text: str
    indent: bool = True
    align: Literal["left", "center", "right", "justify"] = "justify"
    bold_lead: str = ""  # a lead-in written in bold before the text, e.g. "（一）指导思想。"


@dataclass
class Column:
    title: str
    width_mm: float | None = None  # None: shares what the 版心 (156 mm) leaves
    align: Literal["left", "center", "right"] = "left"


@dataclass
class Table:
    """A table sized to the 版心; its header row repeats on every page."""

    columns: list[Column]
    rows: list[list[str]]
    caption: str = ""  # written above the table, 黑体
    note: str = ""  # written below it, e.g. "注：……"
    landscape: bool = False  # on a landscape page of its own (wide task tables)
    # A 目录: the section key each row points at; a last column 页码 then gives the page that
    # section starts on (a PAGEREF field to the section's bookmark, which Word and LibreOffice
    # fill in as they lay the pages out).
    page_refs: list[str] = field(default_factory=list)


@dataclass
class Image:
    data: bytes  # PNG or JPEG
    width_mm: float = 60
    caption: str = ""


@dataclass
class PageBreak:
    pass


Block = Heading | Para | Table | Image | PageBreak


@dataclass
class Section:
    """A part the user edits as one: its heading (level 1, numbered 一、二、… by the layout unless
    `numbered` is False) and its blocks. An `optional` part left without text (a 前言 nobody
    wrote) prints no heading over nothing; the edit page still offers it under its title."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    numbered: bool = True
    editable: bool = True
    optional: bool = False
    bookmarked: bool = False  # its heading carries a bookmark a 目录's page numbers point at

    @property
    def is_blank(self) -> bool:
        return not any(not isinstance(block, PageBreak) for block in self.blocks)


@dataclass
class Masthead:
    """The 版头 of a 公文."""

    issuer_mark: str  # 发文机关标志, e.g. "中共某某集团有限公司委员会文件" or "…党委"
    number: str = ""  # 发文字号, e.g. "某党委〔2026〕3号" (given by documents.numbering)
    signer: str = ""  # 签发人, only for 上行文
    urgency: str = ""  # 紧急程度
    secrecy: str = ""  # 密级


@dataclass
class Imprint:
    """The 版记 of a 公文."""

    printer: str  # 印发机关, e.g. "中共某某集团有限公司委员会党建工作部"
    print_date: date
    cc: list[str] = field(default_factory=list)  # 抄送


@dataclass
class DocumentSpec:
    layout: Layout
    title: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str = ""  # a line under the title, e.g. "（2026年—2027年）"
    recipients: str = ""  # 主送机关, e.g. "各二级党委、直属党支部："
    preamble: list[Para] = field(default_factory=list)  # 正文 before the first section
    attachments: list[str] = field(default_factory=list)  # 附件说明: the attachments' titles
    signature: str = ""  # 发文机关署名 / 落款
    signed_on: date | None = None  # 成文日期, written 2026年12月6日
    seal: bool = False  # leave room for the seal (公文)
    note: str = ""  # 附注, e.g. "（联系人：…；电话：…）"
    masthead: Masthead | None = None  # gongwen only
    imprint: Imprint | None = None  # gongwen only
    appendices: list[DocumentSpec] = field(default_factory=list)  # 附件 printed after the body,
    # each starting on a new page with "附件1" top left in 黑体
    landscape: bool = False  # the whole document on landscape pages (A3 boards are not documents)

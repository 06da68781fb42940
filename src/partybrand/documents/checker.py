"""The 公文 checker: what a 党建工作部 reader marks at once, found before a document is exported.

`check_text(text, place)` checks one paragraph; `check_spec(spec)` every text of a document, each
finding with its place (the section's title and the paragraph's number). Political formulas
written wrongly are kept in data/terms.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from partybrand.documents.spec import DocumentSpec, Heading, Para, Section, Table

TERMS_FILE = Path(__file__).parent / "data" / "terms.tsv"
HAN = r"\u4e00-\u9fff"

SPACE_AROUND_NUMBER = re.compile(
    rf"[{HAN}][ \u00a0\u3000]+[0-9A-Za-z]|[0-9A-Za-z%][ \u00a0\u3000]+[{HAN}]"
)
PADDED_DATE = re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日|\d{4}年\d{1,2}月0\d日")
HALF_PUNCT = re.compile(rf"[{HAN}][,:;?!]|[,:;?!][{HAN}]")
HALF_PARENS = re.compile(rf"\([^()]*[{HAN}][^()]*\)|[{HAN}]\(|\)[{HAN}]")
DOC_NUMBER = re.compile(rf"[{HAN}]{{1,12}}[〔\[［(（【]\d{{4}}[〕\]］)）】]第?\d+号")
GOOD_NUMBER = re.compile(rf"^[{HAN}A-Za-z]{{1,12}}〔\d{{4}}〕[1-9]\d*号$")
CN_DIGITS = "零一二三四五六七八九十"

# The serial numbers of the four levels, and forms that are wrong in any level.
SERIALS = [
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^（([一二三四五六七八九十]+)）")),
    (3, re.compile(r"^(\d+)\.(?!\d)")),
    (4, re.compile(r"^（(\d+)）")),
]
WRONG_SERIALS = [
    (re.compile(r"^[一二三四五六七八九十]+[.．]"), "“一.”应写作“一、”"),
    (re.compile(r"^\d+、"), "“1、”应写作“1.”"),
    (re.compile(r"^\(([一二三四五六七八九十]+|\d+)\)"), "序号的括号应为全角“（）”"),
    (re.compile(r"^（[一二三四五六七八九十]+）、"), "“（一）”后不加顿号"),
]


@dataclass(frozen=True)
class Finding:
    place: str  # 标题 / 一、指导思想 第2段 / 附件1 …
    message: str

    def __str__(self) -> str:
        return f"{self.place}：{self.message}" if self.place else self.message


@cache
def political_terms() -> list[tuple[str, str]]:
    pairs = []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right = line.split("\t", 1)
            pairs.append((wrong.strip(), right.strip()))
    return pairs


def _cn_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (serial numbers up to 99)."""
    if text.startswith("十"):
        text = "一" + text
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.index(tens) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text) if len(text) == 1 else 0


def _quote(text: str, match: re.Match) -> str:
    start, end = max(match.start() - 4, 0), min(match.end() + 4, len(text))
    return text[start:end]


def check_doc_number(number: str) -> str:
    """Why a 发文字号 is wrong, or "": 机关代字〔2026〕3号 — 六角括号, no leading zero, no 第."""
    if GOOD_NUMBER.match(number):
        return ""
    if "第" in number:
        return f"发文字号“{number}”不加“第”字"
    if not re.search(r"〔\d{4}〕", number):
        return f"发文字号“{number}”的年份应用六角括号〔〕括入"
    if re.search(r"〕0\d*", number):
        return f"发文字号“{number}”的序号不编虚位（不写作 01、001）"
    return f"发文字号“{number}”格式应为“机关代字〔年份〕序号号”"


def check_text(text: str, place: str = "") -> list[Finding]:
    findings: list[Finding] = []

    def add(message: str) -> None:
        findings.append(Finding(place, message))

    for match in SPACE_AROUND_NUMBER.finditer(text):
        add(f"汉字与数字、字母之间不加空格：“{_quote(text, match)}”")
    for match in PADDED_DATE.finditer(text):
        add(f"日期不编虚位（如 2026年9月3日）：“{_quote(text, match)}”")
    for match in HALF_PUNCT.finditer(text):
        add(f"中文中应使用全角标点（，：；？！）：“{_quote(text, match)}”")
    for match in HALF_PARENS.finditer(text):
        add(f"中文中应使用全角括号“（）”：“{_quote(text, match)}”")
    for match in DOC_NUMBER.finditer(text):
        if reason := check_doc_number(match.group(0)):
            add(reason)
    for wrong, right in political_terms():
        if wrong in text:
            add(f"规范表述为“{right}”，不是“{wrong}”")
    for pattern, message in WRONG_SERIALS:
        if pattern.match(text):
            add(message)
    return findings


class SerialOrder:
    """Serial numbers written in the text, in order and of the right kind for their level."""

    def __init__(self, top: int = 0):
        self.last = {1: 0, 2: 0, 3: 0, 4: 0}
        self.top = top  # the level the layout already numbers above the text (1 in a section)

    def see(self, text: str) -> str:
        for level, pattern in SERIALS:
            match = pattern.match(text)
            if not match:
                continue
            raw = match.group(1)
            value = int(raw) if raw.isdigit() else _cn_value(raw)
            deepest = max([lv for lv, n in self.last.items() if n] + [self.top])
            problem = ""
            if level > deepest + 1:
                problem = f"序号“{match.group(0)}”跳过了上一级，层次应依次为一、（一）1.（1）"
            elif value != self.last[level] + 1:
                problem = f"序号“{match.group(0)}”不连续，此处应为第{self.last[level] + 1}项"
            self.last[level] = value
            for lower in range(level + 1, 5):
                self.last[lower] = 0
            return problem
        return ""


def _section_texts(section: Section) -> list[tuple[str, str]]:
    texts = []
    for number, block in enumerate(section.blocks, start=1):
        if isinstance(block, Para):
            texts.append((f"第{number}段", block.bold_lead + block.text))
        elif isinstance(block, Heading):
            texts.append((f"第{number}段（标题）", block.text))
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows, start=1):
                for c, cell in enumerate(row, start=1):
                    texts.append((f"表格第{r}行第{c}列", cell))
    return texts


def check_spec(spec: DocumentSpec, *, prefix: str = "") -> list[Finding]:
    findings: list[Finding] = []
    head = f"{prefix} " if prefix else ""
    findings += check_text(spec.title, f"{head}标题")
    if spec.subtitle:
        findings += check_text(spec.subtitle, f"{head}副标题")
    number = spec.masthead.number if spec.masthead else ""
    if number and (reason := check_doc_number(number)):
        findings.append(Finding(f"{head}版头", reason))
    for number, para in enumerate(spec.preamble, start=1):
        findings += check_text(para.text, f"{head}正文第{number}段")
    for section in spec.sections:
        order = SerialOrder(top=1)
        where = f"{head}{section.title or '正文'}"
        for place, text in _section_texts(section):
            findings += check_text(text, f"{where} {place}")
            if problem := order.see(text.strip()):
                findings.append(Finding(f"{where} {place}", problem))
    for number, title in enumerate(spec.attachments, start=1):
        findings += check_text(title, f"{head}附件说明第{number}项")
    if spec.signature:
        findings += check_text(spec.signature, f"{head}落款")
    for index, appendix in enumerate(spec.appendices, start=1):
        findings += check_spec(appendix, prefix=f"附件{index}")
    return findings

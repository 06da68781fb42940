"""Reading a built document as a 公文 reader does: its text in order, and the faults they see at
once (spaces between Chinese and digits, zero-padded dates, half-width punctuation, numbers
written into titles, empty headings, tables wider than the 版心)."""

import re

from partybrand.core import clock
from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.spec import DocumentSpec, Heading, Image, Para, Table

TEXT_WIDTH_MM = 156
HAN = r"[\u4e00-\u9fff]"
FAULTS = {
    "space between Chinese and digits": re.compile(rf"{HAN}[ \t\u3000]+\d|\d[ \t\u3000]+{HAN}"),
    "zero-padded date": re.compile(r"\d{4}年0\d月|月0\d日|\d{4}-\d{2}-\d{2}"),
    "half-width punctuation in Chinese": re.compile(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}"),
}
NUMBERED_TITLE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)"
)


def build(code: str, subject, *, actor=None, today=None) -> DocumentSpec:
    ctx = BuildContext(actor=actor, today=today or clock.today())
    return kind_for(code).build(subject, ctx)


def block_texts(block) -> list[str]:
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Para):
        return [block.bold_lead + block.text]
    if isinstance(block, Table):
        cells = [c.title for c in block.columns] + [cell for row in block.rows for cell in row]
        return [block.caption, *cells, block.note]
    if isinstance(block, Image):
        return [block.caption]
    return []


def texts(spec: DocumentSpec) -> list[str]:
    out = [spec.title, spec.subtitle, *(p.text for p in spec.preamble)]
    for section in spec.sections:
        out.append(section.title)
        for block in section.blocks:
            out += block_texts(block)
    out += spec.attachments + [spec.signature]
    for appendix in spec.appendices:
        out += texts(appendix)
    return [t for t in out if t]


def full_text(spec: DocumentSpec) -> str:
    return "\n".join(texts(spec))


def section_keys(spec: DocumentSpec) -> list[str]:
    return [s.key for s in spec.sections]


def section_text(spec: DocumentSpec, key: str) -> str:
    section = next(s for s in spec.sections if s.key == key)
    return "\n".join(t for b in section.blocks for t in block_texts(b) if t)


def tables(spec: DocumentSpec) -> list[Table]:
    found = [b for s in spec.sections for b in s.blocks if isinstance(b, Table)]
    for appendix in spec.appendices:
        found += tables(appendix)
    return found


def assert_reads_clean(spec: DocumentSpec) -> None:
    """What a 党建工作部 reader rejects at a glance is absent: typesetting faults, numbers
    written into titles, empty sections, a paragraph said twice, tables wider than the 版心."""
    for text in texts(spec):
        for fault, pattern in FAULTS.items():
            assert not pattern.search(text), f"{fault}: {text!r}"
    for doc in [spec, *spec.appendices]:
        for section in doc.sections:
            assert not NUMBERED_TITLE.match(section.title), section.title
            assert any(t for b in section.blocks for t in block_texts(b)), (
                f"empty section {section.title}"
            )
            for block in section.blocks:
                if isinstance(block, Heading):
                    assert not NUMBERED_TITLE.match(block.text), block.text
    paragraphs = [
        p.text
        for s in spec.sections
        for p in s.blocks
        if isinstance(p, Para) and len(p.text) > 12 and not p.text.startswith("（待补充")
    ]
    repeated = {t for t in paragraphs if paragraphs.count(t) > 1}
    assert not repeated, f"said twice: {repeated}"
    for table in tables(spec):
        widths = [c.width_mm for c in table.columns]
        assert all(w is not None for w in widths), table.columns
        assert sum(widths) <= TEXT_WIDTH_MM, (sum(widths), [c.title for c in table.columns])
        assert all(len(row) == len(table.columns) for row in table.rows)


def dump(spec: DocumentSpec) -> str:
    """The document as plain text, to read by eye."""
    lines = [spec.title, spec.subtitle]
    lines += [p.text for p in spec.preamble]
    for section in spec.sections:
        lines.append(f"== {section.title}")
        for block in section.blocks:
            if isinstance(block, Heading):
                lines.append(f"-- {block.text}")
            elif isinstance(block, Table):
                lines.append(f"[表 {block.caption}] " + " | ".join(c.title for c in block.columns))
                lines += ["  " + " | ".join(row) for row in block.rows]
                lines.append(block.note)
            elif isinstance(block, Image):
                lines.append(f"[图 {len(block.data)} bytes {block.caption}]")
            else:
                lines += block_texts(block)
    lines += [f"附件：{a}" for a in spec.attachments]
    lines += [spec.signature, str(spec.signed_on)]
    for appendix in spec.appendices:
        lines += ["", "附件", dump(appendix)]
    return "\n".join(line for line in lines if line)

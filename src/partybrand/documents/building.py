"""A document as it is exported: the kind's spec built from the platform's data, with the texts
of the latest version written over its editable sections.

A section is edited as plain text, one paragraph a line; a line starting with a 二级 serial such
as “（一）” and no sentence after it is a heading of that level (renumbered by the
layout). Tables and images of a section
come from the data and follow its text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from partybrand.core import clock
from partybrand.documents.registry import BuildContext, DocumentKind
from partybrand.documents.spec import DocumentSpec, Heading, Para, Section

SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]、?\s*")


def editable_sections(spec: DocumentSpec) -> Iterator[Section]:
    for section in spec.sections:
        if section.editable:
            yield section
    for appendix in spec.appendices:
        yield from editable_sections(appendix)


def labelled_sections(spec: DocumentSpec, prefix: str = "") -> Iterator[tuple[str, Section]]:
    """Every editable section with the label users see: “总体要求”, “开头”, “附件1 · 进度安排”."""
    for section in spec.sections:
        if section.editable:
            yield f"{prefix}{section.title or '开头'}", section
    count = len(spec.appendices)
    for index, appendix in enumerate(spec.appendices, start=1):
        label = f"附件{index if count > 1 else ''} · "
        yield from labelled_sections(appendix, prefix + label)


def section_text(section: Section) -> str:
    lines = []
    counter = 0
    for block in section.blocks:
        if isinstance(block, Heading):
            counter += 1
            lines.append(f"（{_cn(counter)}）{block.text}")
        elif isinstance(block, Para):
            lines.append(block.bold_lead + block.text)
    return "\n".join(lines)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def text_blocks(text: str) -> list:
    blocks: list = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        rest = SUBHEADING.sub("", line)
        if SUBHEADING.match(line) and len(rest) <= 30 and "。" not in rest.rstrip("。"):
            blocks.append(Heading(rest.rstrip("。"), level=2))
        else:
            blocks.append(Para(line))
    return blocks


def apply_texts(spec: DocumentSpec, texts: dict[str, str]) -> DocumentSpec:
    """A copy of the spec whose editable sections say what the user wrote."""
    spec = copy.deepcopy(spec)
    for section in editable_sections(spec):
        if section.key in texts:
            kept = [b for b in section.blocks if not isinstance(b, Heading | Para)]
            section.blocks = text_blocks(texts[section.key]) + kept
    return spec


def build(kind: DocumentKind, subject_obj, actor, texts: dict[str, str] | None = None):
    spec = kind.build(subject_obj, BuildContext(actor=actor, today=clock.today()))
    return apply_texts(spec, texts) if texts else spec

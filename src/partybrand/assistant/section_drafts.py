"""Drafting help for a document's section: what goes to a provider (the platform's facts, no
people) and the draft that comes back for a person to accept or discard."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionRequest:
    """Write the section `section_title` of `document_title` from `facts` only."""

    document_title: str  # 党建品牌申报书
    section_key: str  # results
    section_title: str  # 创建成效
    facts: tuple[str, ...]
    org_name: str = ""
    org_kind: str = ""
    business: str = ""  # the organisation's own words for its 主责主业
    subject_name: str = ""  # the brand's name
    seed: int | None = None  # the same seed gives the same offline draft; None: a new one

    def outgoing_text(self) -> str:
        """Every value in one string: what the privacy guard scans before anything leaves."""
        head = (
            self.document_title,
            self.section_title,
            self.org_name,
            self.org_kind,
            self.business,
            self.subject_name,
        )
        return "\n".join([*head, *self.facts])


@dataclass(frozen=True)
class SectionDraft:
    """A section's text as the assistant wrote it; nothing is saved until a person accepts."""

    text: str  # paragraphs, one a line
    used: list[str]  # the facts it was written from, as they were given
    source: str  # offline / openai
    version: str  # the engine's or prompt template's version
    seed: int | None = None
    forbidden: list[str] = field(default_factory=list)  # forbidden words found in the text

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]

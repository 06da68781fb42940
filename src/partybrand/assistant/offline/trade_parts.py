"""The pieces of a trade draft: each word with where it came from."""

from dataclasses import dataclass, field

PARTY = "党建用语"


@dataclass(frozen=True)
class Part:
    text: str
    source: str  # 主责主业 | 企业文化 | 调研关键词 | 行业词库（煤炭） | 党建用语
    kind: str  # 意象 | 工作 | 称号 | 短语 | 价值 | 本单位用语 | 政治
    weight: float = 1.0
    base: str = ""  # for a template phrase (深耕综采): the organisation's word in it


@dataclass
class TradeDraft:
    name: str
    slogan: str
    pattern: str
    parts: list[Part]
    meaning: str = ""
    flavours: dict[str, list[str]] = field(default_factory=dict)

    def sources(self) -> list[dict]:
        seen: set[str] = set()
        found = []
        for part in self.parts:
            if part.kind != "形式" and part.text not in seen:
                seen.add(part.text)
                found.append({"word": part.text, "from": part.source})
        return found

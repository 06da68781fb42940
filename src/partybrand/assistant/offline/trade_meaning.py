"""The meaning of a trade draft, word by word from where each word came, and an honest
summary: which of 政治味, 文化味, 融合味 the draft carries and which it lacks."""

from partybrand.assistant.lexicons import Lexicons
from partybrand.assistant.offline.material import (
    BUSINESS,
    CULTURE,
    HONOURS,
    KEYWORDS,
    KPIS,
    REGION,
)
from partybrand.assistant.offline.trade_parts import PARTY, Part, TradeDraft
from partybrand.assistant.trades import Trade

TITLE_GLOSS = {
    "先锋": "党员亮身份、当先锋、作表率",
    "尖兵": "党员冲在一线，关键时刻站得出来、豁得出去",
    "卫士": "守土有责、守土尽责，当好守护者",
    "铁军": "纪律严明、作风过硬，召之即来、来之能战",
    "标兵": "比学赶超，在岗位上争当标兵",
    "使者": "把温暖和优质服务送到服务对象身边",
    "工匠": "弘扬工匠精神，精益求精",
    "天使": "以白衣天使的仁心守护患者",
    "管家": "做业主身边贴心的管家",
    "表率": "机关党员作表率、树标杆",
    "引路人": "做学生成长成才的引路人",
    "旗手": "举旗帜、聚民心，做正确导向的旗手",
    "建设者": "做合作共赢的建设者",
}
FROM = {
    BUSINESS: "取自本单位主责主业",
    CULTURE: "出自本单位企业文化",
    KEYWORDS: "是党员群众在品牌定位调研中提出的关键词",
    HONOURS: "来自本单位获得的荣誉",
    KPIS: "来自本单位的工作指标",
    REGION: "体现本单位所在地的地域文化",
    "组织名称": "取自本单位名称",
    "通用品质": "是党员干部应有的品质",
}
BASE_FROM = {
    BUSINESS: "本单位主责主业中的",
    CULTURE: "本单位企业文化中的",
    KEYWORDS: "党员群众在品牌定位调研中提出的关键词",
}
KIND = {
    "意象": "是{trade}工作的形象表达",
    "工作": "是{trade}的本职工作",
    "短语": "是{trade}行业的价值追求和工作写照",
    "价值": "是{trade}行业的精神与价值追求",
}
ADVICE = {
    "政治味": "可加入体现党组织政治属性的表述",
    "文化味": "可融入本单位企业文化、地域文化或行业精神中的表述",
    "融合味": "可加入体现主责主业的词语",
}
ABROAD = (
    "按照内外有别的要求，名称和口号不出现党旗、党徽等党的标识和表述，可用于面向当地的宣传；"
    "党建内涵在党内材料中另行阐释。"
)


def gloss(part: Part, trade: Trade | None, lex: Lexicons) -> str:
    if part.kind == "服务对象":
        return f"“{part.text}”体现{part.source[5:-1]}行业服务{part.base}的初心"
    if part.base:
        return f"“{part.text}”化用了{BASE_FROM.get(part.source, '本单位材料中的')}“{part.base}”"
    if part.source in FROM:
        return f"“{part.text}”{FROM[part.source]}"
    if part.kind == "称号":
        return f"“{part.text}”寓意{TITLE_GLOSS.get(part.text, '党员发挥先锋模范作用')}"
    if part.source == PARTY:
        return f"“{part.text}”寓意{lex.glossary.get(part.text, '坚持党的领导、加强党的建设')}"
    if part.kind in KIND and part.source.startswith("行业词库（"):
        return f"“{part.text}”" + KIND[part.kind].format(trade=part.source[5:-1])
    return f"“{part.text}”"


def flavours(draft: TradeDraft, trade: Trade | None, lex: Lexicons) -> dict[str, list[str]]:
    text = f"{draft.name} {draft.slogan}"
    political = [t for t in lex.political_terms() if t in text]
    cultural = [
        p.text for p in draft.parts if p.source in (CULTURE, HONOURS, REGION) or p.kind == "价值"
    ]
    integrated = [p.text for p in draft.parts if p.source in (BUSINESS, KPIS)]
    if trade is not None:
        integrated += [w for w in sorted(trade.vocabulary(), key=len, reverse=True) if w in text]
        cultural += [v for v in trade.values if v in text]
    for part in draft.parts:  # a survey keyword brings the flavour of the word it is
        own = part.base or part.text
        if part.source == KEYWORDS and trade is not None and own in trade.vocabulary():
            integrated.append(part.text)
        elif part.source == KEYWORDS:
            cultural.append(part.text)
    return {
        "政治味": _longest(political),
        "文化味": _longest(cultural),
        "融合味": _longest(integrated),
    }


def _longest(terms: list[str]) -> list[str]:
    terms = list(dict.fromkeys(t for t in terms if t))
    return [t for t in terms if not any(t != o and t in o for o in terms)]


def summary(found: dict[str, list[str]], *, overseas: bool) -> str:
    present = [f"{dim}（{'、'.join(words[:3])}）" for dim, words in found.items() if words]
    missing = [dim for dim, words in found.items() if not words]
    text = f"本稿体现了{'、'.join(present)}" if present else "本稿尚未体现政治味、文化味和融合味"
    if missing and present:
        advice = "；".join(ADVICE[d] for d in missing)
        text += f"；{'、'.join(missing)}尚缺，{advice}"
    text += "。"
    if overseas:
        text += ABROAD
    return text


def explain(draft: TradeDraft, trade: Trade | None, lex: Lexicons, *, overseas: bool) -> str:
    name_parts = [p for p in draft.parts if p.text in draft.name and p.kind != "形式"]
    slogan_parts = [p for p in draft.parts if p not in name_parts and p.text in draft.slogan]
    text = f"“{draft.name}”中，" + "；".join(gloss(p, trade, lex) for p in name_parts) + "。"
    if draft.slogan and draft.pattern == "“1+N”工作法":
        measures = "".join(f"“{p.text}”" for p in slogan_parts)
        n = len(slogan_parts)
        text += f"“1”即坚持党建引领这一核心，“{n}”即{measures}{n}项举措。"
    elif draft.slogan:
        text += f"口号“{draft.slogan}”中，" + "；".join(gloss(p, trade, lex) for p in slogan_parts)
        text += "。"
    draft.flavours = flavours(draft, trade, lex)
    return text + summary(draft.flavours, overseas=overseas)

"""The offline section writer: a document's section in the register of a 公文, composed from the
platform's facts and nothing else.

The facts carry every name, number and date; the writer only chooses how to open, how to order
and join the facts (一是…二是…, 首先…其次…, one paragraph or several) and how to close, with
wording that asserts nothing the facts do not say. The seed chooses, so asking again gives
another draft and the same seed the same one.
"""

from __future__ import annotations

import random
import re

from partybrand.assistant.section_drafts import SectionDraft, SectionRequest

VERSION = "section-offline.v1"
MAX_FACTS = 8
ORDINALS = "一二三四五六七八九十"

# The genre of a section, read from its title (first match wins).
GENRES = (
    ("problems", ("问题", "不足")),
    ("next", ("下一步", "打算")),
    ("results", ("成效", "成果", "荣誉")),
    ("goals", ("目标",)),
    ("practice", ("做法", "工作法", "任务", "载体", "创新", "进度", "安排")),
    ("theme", ("定位", "内涵", "理念", "名称", "口号", "释义")),
    ("overview", ("基本情况", "概况", "背景")),
    ("lessons", ("启示", "经验", "体会")),
    ("demands", ("要求", "保障", "领导")),
)

OPENERS = {
    "results": (
        "{org}坚持围绕中心抓党建、抓好党建促发展，把品牌创建的成效落到{work}上。",
        "{org}以{brand}党建品牌创建为抓手，推动党建工作与{work}同向发力，主要成效如下。",
        "对照品牌创建目标，{org}坚持用业务实绩检验党建成效，主要体现在以下方面。",
    ),
    "practice": (
        "{org}立足{work}实际，把党建品牌创建融入日常工作，主要做法如下。",
        "围绕{brand}品牌定位，{org}在实践中逐步形成了以下做法。",
        "{org}坚持问题导向和实践导向，推动品牌创建各项任务落地落实。",
    ),
    "problems": (
        "对照品牌创建目标和上级要求，品牌创建工作还存在一些不足，主要是：",
        "在肯定成绩的同时，我们也清醒地看到，品牌创建中还存在以下问题。",
        "查摆品牌创建各环节，仍有以下问题需要着力解决。",
    ),
    "next": (
        "下一步，{org}将坚持问题导向，聚焦以下重点抓好落实。",
        "围绕品牌创建下一阶段目标，{org}将重点做好以下工作。",
        "{org}将持续深化{brand}党建品牌创建，扎实推进以下工作。",
    ),
    "goals": (
        "坚持党建引领、业务融合，以{brand}党建品牌创建推动{work}高质量发展。",
        "围绕{work}，{org}确定品牌创建目标如下。",
        "{org}把党建品牌创建目标与{work}目标统筹考虑、一体推进，具体目标如下。",
    ),
    "theme": (
        "{org}结合{work}实际和党员群众意见，确定品牌名称、口号及内涵。",
        "{brand}党建品牌立足{work}，其名称、口号及内涵如下。",
        "品牌内涵紧扣{work}，力求政治引领鲜明、文化底蕴可感、业务融合紧密。",
    ),
    "overview": (
        "现将{org}基本情况报告如下。",
        "{org}基本情况如下。",
        "",
    ),
    "lessons": (
        "{org}在品牌创建实践中形成以下几点体会。",
        "回顾{brand}党建品牌创建历程，有以下几点启示。",
        "",
    ),
    "demands": (
        "为确保品牌创建各项任务落到实处，提出以下要求。",
        "{org}将从以下方面抓好品牌创建工作的落实。",
        "",
    ),
    "generic": (
        "{org}立足{work}实际，有关情况如下。",
        "围绕{brand}党建品牌创建，有关情况如下。",
        "",
    ),
}

CLOSERS = {
    "results": (
        "下一步，将巩固拓展已有成效，推动品牌创建走深走实。",
        "",
        "实践表明，把党建品牌创建与{work}紧密结合，是推动党建与业务深度融合的有效途径。",
    ),
    "practice": (
        "",
        "上述做法将在实践中持续总结完善，推动形成可复制、可推广的经验。",
        "通过以上做法，推动党建工作与{work}同频共振。",
    ),
    "problems": (
        "对上述问题，将逐项制定整改措施，明确责任和时限，按期整改销号。",
        "",
        "对此，将坚持问题导向，以钉钉子精神抓好整改落实。",
    ),
    "next": (
        "确保各项任务按期完成、取得实效。",
        "",
        "以品牌创建的实际成效推动{work}再上新台阶。",
    ),
    "goals": ("", "各项目标完成情况以平台记录的数据为准，按期复盘、动态调整。"),
    "theme": ("",),
    "overview": ("",),
    "lessons": ("",),
    "demands": ("",),
    "generic": ("",),
}

STYLES = ("ordinal_paragraphs", "ordinal_inline", "connectors", "plain")
# A section that states what something is reads as running text, not as 一是…二是….
GENRE_STYLES = {
    "overview": ("one_paragraph", "plain"),
    "theme": ("plain",),
    "goals": ("plain", "ordinal_paragraphs"),
}
CONNECTORS = (("", "同时，", "此外，", "另外，", "与此同时，"), ("首先，", "其次，", "再次，"))


def genre_of(title: str, key: str = "") -> str:
    for genre, words in GENRES:
        if any(word in title for word in words):
            return genre
    return "generic"


def _work(business: str) -> str:
    """The organisation's own words for its work, cut at the first clause: 输电线路运维检修."""
    first = re.split(r"[，。；,;、]", business.strip(), maxsplit=1)[0].strip()
    return first[:24] if first else ""


def _body(fact: str) -> str:
    return fact.strip().rstrip("。；;")


def _join(style: str, facts: list[str], rng: random.Random) -> list[str]:
    if style == "one_paragraph":
        return ["。".join(_body(f) for f in facts) + "。"]
    if style == "ordinal_paragraphs" and len(facts) <= len(ORDINALS):
        return [f"{ORDINALS[i]}是{_body(f)}。" for i, f in enumerate(facts)]
    inline = all("。" not in _body(f) and "；" not in _body(f) for f in facts)
    if style == "ordinal_inline" and not (inline and sum(len(f) for f in facts) <= 240):
        style = "ordinal_paragraphs"  # sentences of their own do not run on after 一是…；
    if style == "ordinal_inline" and 1 < len(facts) <= len(ORDINALS):
        return ["；".join(f"{ORDINALS[i]}是{_body(f)}" for i, f in enumerate(facts)) + "。"]
    if style == "connectors" and len(facts) > 1:
        words = CONNECTORS[1] if len(facts) <= 3 else CONNECTORS[0]
        paras = []
        for i, fact in enumerate(facts):
            lead = words[i] if i < len(words) else ""
            paras.append(f"{lead}{_body(fact)}。")
        return paras
    return [f"{_body(f)}。" for f in facts]


def compose(request: SectionRequest) -> SectionDraft:
    """A draft of the section from its facts; empty text when the platform has none."""
    seed = request.seed if request.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    facts = [f for f in request.facts if f.strip()]
    if not facts:
        return SectionDraft("", [], "offline", VERSION, seed)
    if len(facts) > MAX_FACTS:
        # a choice of the facts, kept in their order: phases stay in time, a method before
        # what it achieved
        chosen = sorted(rng.sample(range(len(facts)), MAX_FACTS))
        facts = [facts[i] for i in chosen]
    genre = genre_of(request.section_title, request.section_key)
    work = _work(request.business)
    values = {
        "org": request.org_name or "本组织",
        "work": work or "中心工作",
        "brand": f"“{request.subject_name}”" if request.subject_name else "",
    }
    used: list[str] = []

    def fill(template: str) -> str:
        if not template or ("{brand}" in template and not values["brand"]):
            return ""
        if "{work}" in template and work and request.business:
            used.append(f"主责主业：{request.business}")
        return template.format(**values)

    opener = fill(rng.choice(OPENERS[genre]))
    body = _join(rng.choice(GENRE_STYLES.get(genre, STYLES)), facts, rng)
    closer = fill(rng.choice(CLOSERS[genre]))
    paragraphs = [p for p in (opener, *body, closer) if p]
    if opener.endswith("：") and len(body) == 1:
        paragraphs[0:2] = [opener + body[0]]
    used = list(dict.fromkeys([*used, *facts]))
    return SectionDraft("\n".join(paragraphs), used, "offline", VERSION, seed)

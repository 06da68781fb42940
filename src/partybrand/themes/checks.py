"""Automatic checks of a theme (a brand name and its slogan), each explained in Chinese.

`check_theme(name, slogan, org=..., brand=...)` returns a `ThemeReport`: eight checks
(长度, 节奏与声调, 政治味, 文化味, 融合味, 独特性, 千篇一律, 禁用词) and the nearest existing brands
of the platform and the benchmark library, from the similarity index (themes/index.py).
The checks' own word lists are data files in themes/data/: forbidden/ (禁用词 by category,
themes/forbidden.py), cliches.txt (千篇一律, themes/generic.py), political_symbols.txt,
culture_regions.txt and trades.txt (the three 味, themes/flavours.py).

The lexicons, tone patterns and word readings are the assistant's (assistant/lexicons.py,
assistant/offline/reading.py and tones.py): the workshop's checks and the assistant's
critique read a name the same way. Tone patterns are advice here (they lower the rhythm score);
only a tongue-twister fails the rhythm check.

`too_similar(brand=...)` is the assistant's `avoid` hook: drafts at least FLAG_SCORE close to an
existing brand are dropped, with the reason, before anyone sees them.

Thresholds (scores of textsim's engine, 0..1):
- LIST_SCORE: a brand at least this close is listed under “相近品牌”.
- FLAG_SCORE: a brand at least this close fails 独特性.
Calibrated on tests/data/near_duplicates.csv against the 131 real brands of the benchmark
library: every one of the 360 variants finds its original first; at 0.30 all of them are
listed and none of the 66 unrelated controls (highest 0.28); at 0.45 all reordered (91),
homophone (90) and traditional (87) variants and 88 of 92 reworded ones are flagged (the
others, e.g. one word of four replaced, are listed), and no control.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pypinyin import lazy_pinyin

from partybrand.assistant.business import business_of
from partybrand.assistant.drafts import OrgContext
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.reading import FORMULA, flavour_terms, han_count
from partybrand.assistant.offline.tones import alternates, halves_close_well, tone_marks
from partybrand.assistant.trade_of import org_trade
from partybrand.brands.models import Brand
from partybrand.textsim.normalize import (
    clean_text,
    core_parts,
    normalize,
    strip_affixes,
    to_simplified,
)
from partybrand.themes.disclosure import withhold_hidden
from partybrand.themes.flavours import (
    cultural_terms,
    not_counted,
    origin_of,
    political_symbols,
    present,
    trade_terms,
    trade_trigger,
)
from partybrand.themes.forbidden import Finding
from partybrand.themes.forbidden import findings as forbidden_findings
from partybrand.themes.generic import Phrase, generic_phrases, min_brands, rest_of
from partybrand.themes.index import base_key, current_index, part_keys

GENERAL_GROUP = "通用"  # the assistant's words for any unit (发展, 服务): no 融合味
LIST_SCORE = 0.30
FLAG_SCORE = 0.45
NAME_MAX = 30  # Brand.name max_length
SLOGAN_MAX = 100  # Brand.slogan max_length

NAMES = {
    "length": "长度",
    "rhythm": "节奏与声调",
    "political": "政治味",
    "cultural": "文化味",
    "integration": "融合味",
    "uniqueness": "独特性",
    "generic": "千篇一律",
    "forbidden": "禁用词",
}


@dataclass(frozen=True)
class CheckResult:
    code: str  # one of NAMES
    name: str  # the check's Chinese name
    passed: bool
    score: float  # 0.0–1.0
    explanation: str  # Chinese, specific
    findings: tuple[dict, ...] = ()  # 禁用词 and 千篇一律: what was found, by category, why


@dataclass(frozen=True)
class NearBrand:
    key: str  # "brand:<pk>" | "benchmark:<pk>"
    name: str
    slogan: str
    owner: str  # the organisation, or the benchmark's enterprise
    score: float
    reasons: list[str] = field(default_factory=list)  # Chinese, from the engine
    flagged: bool = False  # score >= FLAG_SCORE

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "slogan": self.slogan,
            "owner": self.owner,
            "score": self.score,
            "reasons": list(self.reasons),
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class ThemeReport:
    checks: list[CheckResult]
    nearest: list[NearBrand]  # nearest first

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def check(self, code: str) -> CheckResult:
        return next(c for c in self.checks if c.code == code)

    def as_json(self) -> dict:
        return {
            "checks": [
                {
                    "code": c.code,
                    "name": c.name,
                    "passed": c.passed,
                    "score": round(c.score, 2),
                    "explanation": c.explanation,
                    "findings": [dict(f) for f in c.findings],
                }
                for c in self.checks
            ],
            "nearest": [n.as_json() for n in self.nearest],
        }


def check_theme(
    name: str,
    slogan: str = "",
    *,
    org=None,
    brand=None,
    meaning: str = "",
    limit: int = 5,
    viewer=None,
    business: str = "",
) -> ThemeReport:
    """Every check of the name (and slogan) for the organisation `org` (or `brand`'s); `brand`
    itself is left out of the nearest brands. With `viewer` (or else `org`), brands that may not
    be named to them are still scored but withheld (themes/disclosure.py). Raises nothing for
    odd input: an empty name simply fails the checks (callers validate input first).
    `business` stands for the organisation's 主责主业 when it has none on record (or there is no
    organisation): 融合味 then counts only the trades that text names."""
    name = clean_text(name or "").strip()
    slogan = " ".join(clean_text(slogan or "").split())
    meaning = clean_text(meaning or "")
    if org is None and brand is not None:
        org = brand.org
    ctx = org_context(org, brand)
    if business and not ctx.business:
        ctx = replace(ctx, business=business)
    exclude = f"brand:{brand.pk}" if brand is not None and brand.pk else ""
    cliches = generic_phrases(name, exclude_key=exclude) if name else []
    raw = nearest_brands(name, slogan, brand=brand, limit=limit)
    # judged on the real names, before a hidden brand's name is withheld
    cliche_only = {n.key for n in raw if _shared_only_cliches(name, n.name, cliches)}
    nearest = withhold_hidden(raw, viewer=viewer, org=org)
    found = _flavours(f"{name} {slogan}", ctx)
    in_meaning = _flavours(meaning, ctx) if meaning else {}
    checks = [
        check_length(name, slogan),
        check_rhythm(name, slogan),
        _flavour("political", found["政治味"], in_meaning.get("政治味", []), ctx),
        _flavour("cultural", found["文化味"], in_meaning.get("文化味", []), ctx),
        _flavour("integration", found["融合味"], in_meaning.get("融合味", []), ctx),
        check_uniqueness(name, nearest, cliches=cliches, cliche_only=cliche_only),
        check_generic(name, slogan, cliches=cliches, brand=brand),
        check_forbidden(name, slogan, meaning),
    ]
    return ThemeReport(checks, nearest)


# ---------------------------------------------------------------- context


def org_context(org=None, brand=None) -> OrgContext:
    """What the flavour checks know of the organisation: business, region, culture texts."""
    if org is None:
        return OrgContext(org_name="")
    culture = brand.cultural_note if brand is not None else ""
    if not culture:
        culture = (
            org.brands.exclude(cultural_note="")
            .order_by("-updated_at", "-id")
            .values_list("cultural_note", flat=True)
            .first()
            or ""
        )
    business = business_of(org)
    guess = org_trade(org)
    if guess.corrected and guess.trade is not None:
        # a trade a person chose counts as the 主责主业 says it: its work words are 融合味
        business = f"{business} {trade_trigger(guess.trade.name)}".strip()
    return OrgContext(org_name=org.name, business=business, region=org.region, culture=culture)


def _flavours(text: str, ctx: OrgContext) -> dict[str, list[str]]:
    """The assistant's reading of the text, with the checks' own lists (themes/flavours.py):
    political symbols; the cultural names of every province-level region and the national
    symbols; the trades' work words. 融合味 comes only from trade and business words: the words
    any unit can use (发展, 建设 …) and the assistant's general group never count. Where the
    organisation's profile says nothing (no organisation, or no region and culture text, or no
    business text), every region's, culture's or trade's words of the lexicons count: nothing
    says which are its own."""
    lex = load()
    text = to_simplified(text)  # 國網共產黨員 reads as 共产党员
    found = flavour_terms(text, ctx, lex)
    general = []
    if not (ctx.region or ctx.culture):
        general.append(("文化味", lex.culture))
    if not ctx.business:
        general.append(("融合味", [g for g in lex.business if g.name != GENERAL_GROUP]))
    for label, groups in general:
        terms = [t.text for g in groups for t in g.terms if len(t.text) >= 2 and t.text in text]
        found[label] = _longest([*found[label], *terms])
    found["政治味"] = _longest([*found["政治味"], *present(text, political_symbols())])
    found["文化味"] = _longest([*found["文化味"], *cultural_terms(text)])
    general_words = {t.text for g in lex.business if g.name == GENERAL_GROUP for t in g.terms}
    own = [t for t in found["融合味"] if t not in not_counted() and t not in general_words]
    found["融合味"] = _longest([*own, *trade_terms(text, ctx.business)])
    return found


def _longest(terms: list[str]) -> list[str]:
    terms = list(dict.fromkeys(terms))
    return [t for t in terms if not any(t != o and t in o for o in terms)]


# ---------------------------------------------------------------- the checks


def _result(
    code: str, passed: bool, score: float, explanation: str, findings: tuple[dict, ...] = ()
) -> CheckResult:
    score = round(max(0.0, min(1.0, score)), 2)
    return CheckResult(code, NAMES[code], passed, score, explanation, findings)


def spoken_length(text: str) -> int:
    """Characters as a name is read out: each Chinese character, digit and Latin letter counts
    (“5G先锋” is four), punctuation and spaces do not."""
    return han_count(text) + sum(1 for ch in text if ch.isascii() and ch.isalnum())


def check_length(name: str, slogan: str = "") -> CheckResult:
    size = spoken_length(name)
    parts, ok, score = [], True, 1.0
    if FORMULA.match(name):
        parts.append(
            f"“1+N”式名称共 {size} 个字，按工作法名称看待（工作法可稍长），"
            "作为品牌主名称时建议另起 4–8 个字的名称"
        )
    elif han_count(name) == 0:
        ok, score = False, 0.0
        parts.append("名称中没有汉字，请填写中文名称")
    elif size < 4:
        ok, score = False, size / 4
        parts.append(f"名称只有 {size} 个字，难以承载内涵；品牌名称通常为 4–8 个字")
    elif size > 8:
        ok, score = False, max(0.0, 1 - (size - 8) / 8)
        parts.append(f"名称有 {size} 个字，偏长，不便记忆和传播；建议压缩到 4–8 个字")
    else:
        parts.append(f"名称 {size} 个字，在常见的 4–8 个字之内")
    if slogan:
        length = spoken_length(slogan)
        if 8 <= length <= 16:
            parts.append(f"口号 {length} 个字，在 8–16 个字之内")
        else:
            ok = False
            score = min(score, 0.5)
            advice = "偏短，难以说清做什么" if length < 8 else "偏长，不便诵读"
            parts.append(f"口号 {length} 个字，{advice}；建议控制在 8–16 个字")
    return _result("length", ok, score, "；".join(parts) + "。")


def check_rhythm(name: str, slogan: str = "") -> CheckResult:
    """平仄 of the name's four-character parts, the tone the name ends on, the slogan's halves.

    Tone patterns are advice and only lower the score: many good, common names repeat a tone
    (党建引领 is 仄仄仄仄, 忠诚担当 平平平平). The check fails only for what is clearly awkward
    to say: three characters in a row that read alike (a tongue-twister)."""
    marks = tone_marks(name)
    if not marks:
        return _result("rhythm", False, 0.0, "名称中没有汉字，无法分析声调。")
    parts, points = [f"名称“{name}”的平仄为“{marks}”"], []
    _name_rhythm(name, marks, parts, points)
    _slogan_rhythm(slogan, parts, points)
    score = sum(points) / len(points)
    twister = _tongue_twister(name) or _tongue_twister(slogan)
    if twister:
        chars, sound = twister
        parts.append(f"“{chars}”连续几个字都读“{sound}”，读起来拗口、容易听错，请调整用字")
        return _result("rhythm", False, min(score, 0.3), "；".join(parts) + "。")
    if score < 0.8:
        parts.append("以上为朗读效果的建议，不影响使用")
    return _result("rhythm", True, score, "；".join(parts) + "。")


def _name_rhythm(name: str, marks: str, parts: list[str], points: list[float]) -> None:
    for part in [p for p in name.replace("•", "·").split("·") if p]:
        part_marks = tone_marks(part)
        if len(part_marks) != 4:
            continue
        which = "" if part == name else f"“{part}”（{part_marks}）"
        if alternates(part):
            points.append(1.0)
            parts.append(f"{which}二、四字平仄相间，读来抑扬顿挫")
        else:
            points.append(0.7)
            parts.append(
                f"{which}二、四字同为{part_marks[1]}声，节奏稍平（常见名称中很普遍）；"
                "如希望更抑扬顿挫，可换用声调不同的近义字"
            )
    if marks[-1] == "平":
        points.append(1.0)
        parts.append("末字为平声，收音响亮、便于呼喊")
    else:
        points.append(0.8)
        parts.append("末字为仄声，收音短促有力；如希望更响亮，可考虑平声收尾")


def _slogan_rhythm(slogan: str, parts: list[str], points: list[float]) -> None:
    halves = slogan.split()
    if len(halves) < 2:
        if slogan:
            parts.append("口号为一句，可考虑写成字数相等的上下两句")
        return
    sizes = [han_count(h) for h in halves]
    if len(set(sizes)) == 1:
        points.append(1.0)
        parts.append(f"口号上下句各 {sizes[0]} 个字，字数相等、结构对仗")
    else:
        points.append(0.5)
        shown = "、".join(str(s) for s in sizes)
        parts.append(f"口号各句字数为 {shown}，不相等，对仗感不强，建议上下句字数相等")
    if len(halves) == 2:
        if halves_close_well(*halves):
            points.append(1.0)
            parts.append("上句仄声收、下句平声收，朗朗上口")
        else:
            a, b = tone_marks(halves[0]), tone_marks(halves[1])
            points.append(0.8)
            parts.append(
                f"上句以{a[-1] if a else '—'}声收、下句以{b[-1] if b else '—'}声收，"
                "按对联习惯上句仄收、下句平收更顺口"
            )


def _tongue_twister(text: str) -> tuple[str, str] | None:
    """Three characters in a row, not all the same character, that read the same syllable
    (是市事): hard to say and to hear. A repeated character (飘飘) is a figure of speech."""
    chars = "".join(ch for ch in text or "" if "\u4e00" <= ch <= "\u9fff")
    sounds = lazy_pinyin(chars)
    for i in range(len(chars) - 2):
        if len(set(sounds[i : i + 3])) == 1 and len(set(chars[i : i + 3])) > 1:
            return chars[i : i + 3], sounds[i]
    return None


NO_BUSINESS = "本组织及上级组织均未填写主责主业"
SET_BUSINESS = (
    "请组织管理员在“组织架构”中编辑本组织（或上级组织），填写“所在单位及主责主业”，融合味即按其检查"
)

ADVICE = {
    "political": "可加入“先锋”“初心”“红色”“党建引领”等体现党组织政治属性的表达",
    "cultural": "可融入本单位企业文化或所在地域文化中的表述",
    "integration": "可加入体现主责主业的词语，让人一看就知道是哪个岗位、哪项业务",
}


def _flavour(code: str, terms: list[str], in_meaning: list[str], ctx: OrgContext) -> CheckResult:
    label = NAMES[code]
    if terms:
        quoted = "".join(f"“{t}”" for t in terms[:4])
        score = min(1.0, 0.6 + 0.2 * len(terms))
        source = _source(code, ctx)
        origin = _origin(terms[:4]) if code == "cultural" else ""
        return _result(code, True, score, f"名称和口号中的{quoted}体现了{label}{source}{origin}。")
    if in_meaning:
        quoted = "".join(f"“{t}”" for t in in_meaning[:4])
        return _result(
            code,
            True,
            0.5,
            f"内涵释义中的{quoted}体现了{label}，但名称和口号中没有直接体现；{ADVICE[code]}。",
        )
    where = _source(code, ctx)
    advice = ADVICE[code]
    if code == "integration" and ctx.org_name and not ctx.business:
        advice += f"；{SET_BUSINESS}"
    return _result(code, False, 0.0, f"名称和口号中没有找到体现{label}的词语{where}；{advice}。")


def _origin(terms: list[str]) -> str:
    """Where the regional and national cultural words come from: （“巴蜀”：四川）."""
    known = cultural_terms("".join(terms))
    bits = [f"“{t}”：{origin_of(known[t])}" for t in terms if t in known]
    return f"（{'；'.join(bits)}）" if bits else ""


def _source(code: str, ctx: OrgContext) -> str:
    if code == "cultural" and (ctx.region or ctx.culture):
        bits = [f"地区“{ctx.region}”" if ctx.region else "", "企业文化" if ctx.culture else ""]
        return "（对照" + "和".join(b for b in bits if b) + "）"
    if code == "integration" and ctx.business:
        return f"（对照主责主业“{ctx.business[:30]}”）"
    if code == "integration" and ctx.org_name:
        return f"（{NO_BUSINESS}，按各业务门类的常用词判断）"
    return ""


def nearest_brands(name: str, slogan: str = "", *, brand=None, limit: int = 5) -> list[NearBrand]:
    """The brands and benchmarks at least LIST_SCORE close, nearest first.

    A compound name (建证·军魂匠心/红色先锋) is also checked part by part, and the index holds
    the parts of stored compound names as rows of their own (themes/index.py): a name equal to
    one half of a stored name finds that brand first. A brand is listed once, at its best score,
    with the reasons of that comparison (naming the part when a part matched)."""

    if not name:
        return []
    exclude = []
    if brand is not None and brand.pk:
        exclude = [f"brand:{brand.pk}", *part_keys(f"brand:{brand.pk}")]
    index = current_index()
    # a part that is only a cliché (党建引领 of 党建引领·金融为民) is the 千篇一律 check's matter
    parts = [p for p in core_parts(name) if len(p) >= 2 and not _only_cliches(p)]
    queries = [(name, slogan), *((p, "") for p in parts)] if len(parts) >= 2 else [(name, slogan)]
    best: dict[str, NearBrand] = {}
    for text, text_slogan in queries:
        matches = index.query(
            text, text_slogan, limit=limit * 2, min_score=LIST_SCORE, exclude_keys=exclude
        )
        for m in matches:
            key = base_key(m.entry.key)
            if m.entry.key != key and _only_cliches(m.entry.name):
                continue  # the stored name's part is only a cliché
            score = round(m.score, 2)
            if key in best and best[key].score >= score:
                continue
            entry = index.get(key) or m.entry
            reasons = list(m.reasons)
            if m.entry.key != key or text != name:
                reasons.insert(0, f"名称的一部分相近：{text} / {m.entry.name}")
            best[key] = NearBrand(
                key=key,
                name=entry.name,
                slogan=entry.slogan,
                owner=entry.owner,
                score=score,
                reasons=reasons,
                flagged=m.score >= FLAG_SCORE,
            )
    return sorted(best.values(), key=lambda n: -n.score)[:limit]


def _only_cliches(text: str) -> bool:
    """The text is made of cliché phrases of the maintained list (红色先锋, 党建引领)."""
    phrases = generic_phrases(text, counted=False)
    return bool(phrases) and len(rest_of(strip_affixes(text), phrases)) <= 1


def too_similar(*, brand=None):
    """The assistant's `avoid` hook: a draft at least FLAG_SCORE close to an existing brand (other
    than `brand`) is dropped before anyone sees it, with the brand it is too close to."""

    org = brand.org if brand is not None else None

    def avoid(name: str, slogan: str) -> str:
        name = clean_text(name).strip()
        near = nearest_brands(name, slogan, brand=brand, limit=1)
        if near and _shared_only_cliches(name, near[0].name, generic_phrases(name)):
            return ""  # only a shared cliché: the draft's 千篇一律 check says so, not a copy
        near = withhold_hidden(near, org=org) if org is not None else near
        if not near or not near[0].flagged:
            return ""
        top = near[0]
        owner = f"（{top.owner}）" if top.owner else ""
        return f"与已有品牌“{top.name}”{owner}过于相近（相似度 {top.score:.2f}）"

    return avoid


def workshop_avoid(workshop):
    """The assistant's `avoid` hook for a workshop: a draft equal (after normalising) to the
    brand's current name or to a candidate already in the workshop is dropped, with the reason;
    so is another brand's exact name (even if the index has not caught up) and anything the
    too-similar check drops."""

    brand = workshop.brand
    own = normalize(brand.name)
    candidates = {normalize(n): n for n in workshop.candidates.values_list("name", flat=True)}
    similar = too_similar(brand=brand)

    def avoid(name: str, slogan: str) -> str:
        key = normalize(clean_text(name))
        if key == own:
            return "与本品牌当前名称相同"
        if key in candidates:
            return f"已是本次征集的候选“{candidates[key]}”"
        reason = similar(name, slogan)
        if reason:
            return reason
        if Brand.objects.exclude(pk=brand.pk).filter(name=clean_text(name).strip()).exists():
            return "与平台上已有的品牌同名"
        return ""

    return avoid


def check_uniqueness(
    name: str,
    nearest: list[NearBrand],
    cliches: list[Phrase] | None = None,
    cliche_only: set[str] | None = None,
) -> CheckResult:
    """Fails for a brand at least FLAG_SCORE close, unless all the two share is cliché phrases
    (`cliche_only`: keys so judged): that is reported by the 千篇一律 check instead."""
    if not nearest:
        return _result(
            "uniqueness", True, 1.0, "与平台上的品牌和标杆品牌库相比，没有发现相近的名称。"
        )
    top = nearest[0]
    owner = f"（{top.owner}）" if top.owner else ""
    why = "；".join(top.reasons[:2])
    if top.flagged and top.key in (cliche_only or set()):
        shared = "、".join(f"“{p.text}”" for p in cliches or [])
        return _result(
            "uniqueness",
            True,
            1 - top.score,
            f"与“{top.name}”{owner}相近（相似度 {top.score:.2f}），但相同的只是党建品牌的"
            f"常见说法{shared}，不算雷同；问题在于用词千篇一律，见“千篇一律”检查。",
        )
    if top.flagged:
        more = [n for n in nearest[1:] if n.flagged]
        extra = f"；另有 {len(more)} 个品牌也很相近" if more else ""
        return _result(
            "uniqueness",
            False,
            1 - top.score,
            f"与已有品牌“{top.name}”{owner}高度相似（相似度 {top.score:.2f}，{why}）{extra}，"
            "容易混淆，请修改。",
        )
    return _result(
        "uniqueness",
        True,
        1 - top.score,
        f"最相近的是“{top.name}”{owner}（相似度 {top.score:.2f}，{why}），"
        "未达到雷同程度，可注意区分。",
    )


def _shared_only_cliches(name: str, other: str, cliches: list[Phrase]) -> bool:
    """What the name shares with the other brand is its cliché phrases only: a cliché is a
    different fault from a copy (the same name written again is still a copy)."""
    if not cliches:
        return False
    core, other_core = strip_affixes(name), strip_affixes(other)
    if core == other_core:
        return False
    own = rest_of(core, cliches)
    if len(own) <= 1:
        return True
    return not any(own[i : i + 2] in other_core for i in range(len(own) - 1))


def check_generic(
    name: str, slogan: str = "", *, cliches: list[Phrase] | None = None, brand=None
) -> CheckResult:
    """千篇一律: the name's phrases that the maintained list or many brands share; the slogan's
    phrases of the list (a reminder only)."""
    if cliches is None:
        exclude = f"brand:{brand.pk}" if brand is not None and brand.pk else ""
        cliches = generic_phrases(name, exclude_key=exclude)
    in_slogan = [p for p in generic_phrases(slogan, counted=False) if slogan]
    rows = [_generic_row(p, "名称") for p in cliches]
    rows += [_generic_row(p, "口号") for p in in_slogan]
    if cliches:
        own = rest_of(strip_affixes(name), cliches)
        listed = "；".join(_generic_why(p) for p in cliches)
        whole = "名称全部由常见说法构成" if len(own) <= 1 else "名称中有常见说法"
        text = (
            f"千篇一律：{whole}——{listed}。这样的说法很多单位都在用，单凭它让人记不住"
            "是哪个单位、做的是什么；建议至多保留一个常见说法，换上体现本单位主责主业、"
            "地域或企业文化的词。"
        )
        if in_slogan:
            text += "口号中的" + "".join(f"“{p.text}”" for p in in_slogan) + "也是常见说法。"
        return _result("generic", False, 0.2 if len(own) <= 1 else 0.5, text, tuple(rows))
    if in_slogan:
        quoted = "".join(f"“{p.text}”" for p in in_slogan)
        return _result(
            "generic",
            True,
            0.8,
            f"名称没有千篇一律的说法；口号中的{quoted}是党建品牌的常见说法，"
            "可换成更有本单位特色的表述。",
            tuple(rows),
        )
    return _result(
        "generic",
        True,
        1.0,
        "名称没有使用常见说法清单中的词，也没有平台上和标杆品牌库中"
        f" {min_brands()} 个以上品牌共用的说法。",
    )


def _generic_why(phrase: Phrase) -> str:
    bits = []
    if phrase.listed:
        bits.append("列在党建品牌常见说法清单中" + (f"（{phrase.note}）" if phrase.note else ""))
    if phrase.count:
        examples = "、".join(f"“{n}”" for n in phrase.examples)
        bits.append(f"平台上和标杆品牌库中已有 {phrase.count} 个品牌使用，如{examples}")
    return f"“{phrase.text}”" + "，".join(bits)


def _generic_row(phrase: Phrase, where: str) -> dict:
    return {
        "term": phrase.text,
        "category": "千篇一律",
        "reason": _generic_why(phrase),
        "level": "提示",
        "where": where,
    }


def check_forbidden(name: str, slogan: str = "", meaning: str = "") -> CheckResult:
    """The lists of themes/data/forbidden (and the 党建工作部's own files), by category with the
    reason. A 禁用 word fails the check; a 慎用 word is reported and left to the organisation."""
    groups: dict[tuple[bool, str], list[tuple[str, Finding]]] = {}
    rows = []
    for label, text in (("名称", name), ("口号", slogan), ("内涵释义", meaning)):
        for found in forbidden_findings(text):
            groups.setdefault((found.caution, found.category), []).append((label, found))
            rows.append({**found.as_json(), "where": label})
    banned = [_forbidden_group(c, hits) for (caution, c), hits in groups.items() if not caution]
    weigh = [_forbidden_group(c, hits) for (caution, c), hits in groups.items() if caution]
    if banned:
        extra = f"另有慎用词——{'；'.join(weigh)}。" if weigh else ""
        text = f"含有禁用词——{'；'.join(banned)}。{extra}不能使用，请修改。"
        return _result("forbidden", False, 0.0, text, tuple(rows))
    if weigh:
        text = f"未发现禁用词，但有慎用词——{'；'.join(weigh)}。请斟酌后决定是否使用。"
        return _result("forbidden", True, 0.5, text, tuple(rows))
    return _result("forbidden", True, 1.0, "未发现禁用词。")


def _forbidden_group(category: str, hits: list[tuple[str, Finding]]) -> str:
    """One category, its words and its reason: 江湖习气：名称中的“兄弟连”“铁血”（……）."""
    where: dict[str, list[str]] = {}
    for label, found in hits:
        shown = f"“{found.term}”" + (f"（{found.note}）" if found.note else "")
        if shown not in where.setdefault(label, []):
            where[label].append(shown)
    words = "，".join(f"{label}中的{''.join(terms)}" for label, terms in where.items())
    return f"{category}：{words}（{hits[0][1].category_reason}）"

"""Comments on a candidate, one per dimension, from checks a reader can follow."""

from partybrand.assistant.drafts import CritiqueComment, CritiqueDraft, OrgContext
from partybrand.assistant.lexicons import Lexicons, forbidden_hits
from partybrand.assistant.offline.reading import FORMULA, flavour_terms, han_count
from partybrand.assistant.offline.tones import alternates, halves_close_well, tone_marks
from partybrand.textsim.normalize import normalize

# Words so many brands use that a name made only of them is hard to tell apart.
COMMON = {"红色", "先锋", "党建", "引擎", "堡垒", "旗帜", "初心", "红心", "引领", "领航", "党员"}
ADVICE = {
    "政治味": "建议加入“党建引领”“先锋”“初心”等体现党组织政治属性的表达",
    "文化味": "建议融入企业文化画像或地域文化中的表述",
    "融合味": "建议加入体现主责主业的词语，让人一看就知道是哪个岗位、哪项业务",
}


def critique(name: str, slogan: str, ctx: OrgContext, lex: Lexicons) -> CritiqueDraft:
    name, slogan = name.strip(), " ".join(slogan.split())
    found = flavour_terms(f"{name} {slogan}", ctx, lex)
    hits = forbidden_hits(f"{name} {slogan}")
    comments = [_flavour(dim, terms) for dim, terms in found.items()]
    if hits:
        listed = "".join(f"“{t}”（{c}）" for t, c in hits)
        comments[0] = CritiqueComment("政治味", False, f"含有禁用词{listed}，不能使用。")
    comments += [_brevity(name, slogan), _memorable(name, slogan), _unique(name, ctx)]
    return CritiqueDraft(
        name=name,
        slogan=slogan,
        comments=comments,
        forbidden=[t for t, _ in hits],
        source="offline",
        prompt_version="offline.v1",
    )


def _flavour(dimension: str, terms: list[str]) -> CritiqueComment:
    if terms:
        quoted = "".join(f"“{t}”" for t in terms[:4])
        return CritiqueComment(dimension, True, f"含有{quoted}，体现了{dimension}。")
    return CritiqueComment(
        dimension, False, f"名称和口号中没有找到体现{dimension}的词语，{ADVICE[dimension]}。"
    )


def _brevity(name: str, slogan: str) -> CritiqueComment:
    size = han_count(name)
    parts, ok = [], True
    if FORMULA.match(name):
        parts.append(f"“1+N”工作法名称共 {size} 个字，适合作为工作法而非品牌主名称")
    elif size < 4:
        ok = False
        parts.append(f"名称只有 {size} 个字，难以承载内涵，品牌名称通常为 4–8 个字")
    elif size > 8:
        ok = False
        parts.append(f"名称有 {size} 个字，偏长，不便记忆和传播，建议压缩到 4–8 个字")
    else:
        parts.append(f"名称 {size} 个字，长度适中")
    if slogan:
        length = han_count(slogan)
        if 8 <= length <= 16:
            parts.append(f"口号 {length} 个字，简洁明了")
        else:
            ok = False
            parts.append(f"口号 {length} 个字，建议控制在 8–16 个字")
    return CritiqueComment("简洁", ok, "；".join(parts) + "。")


def _memorable(name: str, slogan: str) -> CritiqueComment:
    """Rhythm and memorability: advice only, like the theme checks' 节奏与声调 (never a fail:
    tone repetition or uneven halves are matters of taste, not errors)."""
    parts = []
    core = name.split("·")
    for part in core:
        marks = tone_marks(part)
        if len(marks) == 4:
            if alternates(part):
                parts.append(f"“{part}”平仄为“{marks}”，二、四字平仄相间，读来抑扬顿挫")
            else:  # advice only: many good names (党建引领) repeat a tone
                parts.append(
                    f"“{part}”平仄为“{marks}”，二、四字同调，节奏稍平；可考虑换用声调不同的近义字"
                )
    if len(set(name)) < len(name.replace("·", "")):
        parts.append("名称中有重复的字，可检查是否有意为之")
    halves = slogan.split()
    if len(halves) >= 2:
        sizes = {len(h) for h in halves}
        if len(sizes) == 1:
            parts.append("口号上下句字数相等、结构对仗")
        else:
            parts.append("口号上下句字数不等，对仗感不强，可考虑调整为字数相等的两句")
        if len(halves) == 2 and halves_close_well(*halves):
            parts.append("上句仄声收、下句平声收，朗朗上口")
    elif slogan:
        parts.append("口号为一句，可考虑写成字数相等的上下两句")
    return CritiqueComment("易记", True, "；".join(parts or ["读音顺畅"]) + "。")


def _unique(name: str, ctx: OrgContext) -> CritiqueComment:
    folded = normalize(name)
    for other in ctx.avoid_names:
        if normalize(other) == folded:
            return CritiqueComment("独特", False, f"与已有品牌“{other}”重名，不能使用。")
    words = [folded[i : i + 2] for i in range(0, len(folded) - 1)]
    shared = [(o, w) for o in ctx.avoid_names for w in words if w in normalize(o)]
    notes = []
    if shared:
        other, word = shared[0]
        notes.append(f"与已有品牌“{other}”都用了“{word}”，请注意区分")
    pairs = [folded[i : i + 2] for i in range(0, len(folded) - 1, 2)]
    if pairs and all(p in COMMON for p in pairs):
        notes.append("用词在党建品牌中很常见，容易“千篇一律”，建议加入更有本单位特色的词")
        return CritiqueComment("独特", False, "；".join(notes) + "。")
    notes.append("与已知品牌未见重名（与全部品牌的相似度比对由主题工坊完成）")
    return CritiqueComment("独特", True, "；".join(notes) + "。")

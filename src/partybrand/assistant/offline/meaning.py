"""A phrase-by-phrase 内涵释义 draft, written from the lexicons' explanations."""

from partybrand.assistant.drafts import MeaningDraft, OrgContext
from partybrand.assistant.lexicons import Lexicons
from partybrand.assistant.offline.reading import FORMULA, flavour_terms, glossary_for, known_words

TO_FILL = "（待补充：请结合本单位实际说明这一词句的含义）"


def explain(name: str, slogan: str, ctx: OrgContext, lex: Lexicons) -> MeaningDraft:
    glossary = glossary_for(ctx, lex)
    phrases: list[tuple[str, str]] = []
    halves = slogan.split()
    core = name.strip()
    if match := FORMULA.match(core):
        n = int(match["n"])
        measures = "、".join(halves) if len(halves) == n else f"{n}项具体举措"
        phrases.append((f"“1+{n}”", f"“1”即坚持党建引领这一个核心，“{n}”即{measures}"))
        core = match["core"]
    for part in core.replace("·", " ").split():
        phrases += _explain_part(part, glossary)
    for half in halves:
        if half not in {p for p, _ in phrases}:
            phrases.append((half, _explain_half(half, glossary)))
    return MeaningDraft(
        name=name,
        slogan=slogan,
        summary=_summary(name, slogan, ctx, lex, phrases),
        phrases=phrases,
        source="offline",
        prompt_version="offline.v1",
    )


def _explain_part(part: str, glossary: dict[str, str]) -> list[tuple[str, str]]:
    if part in glossary:
        return [(part, glossary[part])]
    known = known_words(part, glossary)
    if "".join(known) != part:
        return [(part, _joined(known, glossary) or TO_FILL)]
    return [(word, glossary[word]) for word in known]


def _explain_half(half: str, glossary: dict[str, str]) -> str:
    if half in glossary:
        return glossary[half]
    return _joined(known_words(half, glossary), glossary) or TO_FILL


def _joined(known: list[str], glossary: dict[str, str]) -> str:
    return "，".join(glossary[w] for w in known)


def _summary(name, slogan, ctx: OrgContext, lex: Lexicons, phrases) -> str:
    where = f"{ctx.org_name}“{ctx.business}”的主责主业" if ctx.business else ctx.org_name
    in_name = [(p, e) for p, e in phrases if p in name or p.startswith("“1+")]
    explained = [f"{p}，{e}" for p, e in in_name if e != TO_FILL][:3]
    text = f"“{name}”立足{where}"
    text += "：" + "；".join(explained) + "。" if explained else "。"
    if slogan:
        found = flavour_terms(f"{name} {slogan}", ctx, lex)
        present = [dim for dim, terms in found.items() if terms]
        text += f"口号“{slogan}”"
        if len(present) > 1:
            text += f"体现了{'、'.join(present[:-1])}与{present[-1]}的统一。"
        else:
            text += f"体现了{present[0]}。" if present else "与名称相互呼应。"
    return text

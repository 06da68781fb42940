"""Searching the library in Chinese with plain, portable SQL over the stored search fields.

A query is cut into tokens at spaces and punctuation. A token matches an entry when it occurs in
the entry's normalised texts (so 先锋 finds 红色先锋 and 先锋队), when all the words jieba
finds in it occur there (党建引领先锋 finds 党建引领·红色先锋), or, for Latin letters, when they
occur in the pinyin initials of the name or slogan (hsyq → 红色引擎, fwxf → 忠诚党办·服务先锋).
Every token must match. Results are ranked: the exact name first, then names holding every
token as a whole word, then names holding them inside a longer word, then slogan and meaning,
then the rest (organisation); within a rank, names holding more of the query's words first,
then shorter names and newer years.

Only LIKE, = and CASE are used, so SQLite and PostgreSQL run the same queries.
"""

import re
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from partybrand.textsim.normalize import normalize, to_halfwidth
from partybrand.textsim.segment import words

MAX_TOKENS = 6
MAX_TOKEN_LENGTH = 30
_SPLIT = re.compile(
    r"[\s·・•\-—_+＋、，,。.．:：;；!！?？\"'“”‘’「」『』《》〈〉()（）\[\]【】/|]+"
)  # noqa: RUF001
_LATIN = re.compile(r"^[a-z]+$")

EXACT, NAME_WORD, IN_NAME, IN_TEXT, ELSEWHERE = range(5)


@dataclass(frozen=True)
class Token:
    text: str  # normalised
    parts: tuple[str, ...]  # the words of a phrase; empty when the token is one word

    @property
    def latin(self) -> bool:
        return bool(_LATIN.match(self.text))


def tokens(query: str) -> list[Token]:
    found = []
    for chunk in _SPLIT.split(to_halfwidth(query or "").lower()):
        text = normalize(chunk)[:MAX_TOKEN_LENGTH]
        if not text or any(t.text == text for t in found):
            continue
        parts = tuple(w for w in words(text) if w != text)
        found.append(Token(text, parts if len(parts) > 1 else ()))
    return found[:MAX_TOKENS]


def _matches(token: Token) -> Q:
    q = Q(search_text__contains=token.text)
    if token.parts:
        phrase = Q()
        for part in token.parts:
            phrase &= Q(search_text__contains=part)
        q |= phrase
    if token.latin:
        q |= Q(name_initials__contains=token.text) | Q(slogan_initials__contains=token.text)
    return q


def _in_name(token: Token) -> Q:
    q = Q(name_norm__contains=token.text)
    if token.latin:
        q |= Q(name_initials__contains=token.text)
    return q


def _name_word(token: Token) -> Q:
    if token.latin:
        return Q(name_initials__startswith=token.text) | Q(
            name_norm__contains=token.text, search_terms__contains=f" {token.text} "
        )
    return Q(name_norm__contains=token.text, search_terms__contains=f" {token.text} ")


def _in_text(token: Token) -> Q:
    q = _in_name(token) | Q(text_norm__contains=token.text)
    if token.latin:
        q |= Q(slogan_initials__contains=token.text)
    return q


def _all(tokens_: list[Token], build) -> Q:
    q = Q()
    for token in tokens_:
        q &= build(token)
    return q


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Entries matching every token of `query`, ranked (see the module's docstring). An empty
    query leaves the queryset as it is."""
    found = tokens(query)
    if not found:
        return queryset
    whole = normalize(query)[: MAX_TOKEN_LENGTH * MAX_TOKENS]
    exact = Q(name_norm=whole)
    if _LATIN.match(whole):
        exact |= Q(name_initials=whole)
    rank = Case(
        When(exact, then=Value(EXACT)),
        When(_all(found, _name_word), then=Value(NAME_WORD)),
        When(_all(found, _in_name), then=Value(IN_NAME)),
        When(_all(found, _in_text), then=Value(IN_TEXT)),
        default=Value(ELSEWHERE),
        output_field=IntegerField(),
    )
    rows = queryset.filter(_all(found, _matches)).annotate(rank=rank)
    order = ["rank", Length("name_norm"), F("year").desc(nulls_last=True), "id"]
    needles = [part for token in found for part in (token.parts or (token.text,))]
    if len(needles) > 1:
        # Within a rank, names holding more of the words come first (先锋 浙江: names with 先锋
        # before names that only mention it in their meaning).
        hits = sum(
            (
                Case(When(Q(name_norm__contains=n), then=Value(1)), default=Value(0))
                for n in needles
            ),
            Value(0),
        )
        rows = rows.annotate(name_hits=hits)
        order.insert(1, F("name_hits").desc())
    return rows.order_by(*order)


def default_order(queryset: QuerySet) -> QuerySet:
    """Without a query: the newest reports first, then by name."""
    return queryset.order_by(F("year").desc(nulls_last=True), "name_norm", "id")

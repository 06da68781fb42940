"""Word segmentation with jieba and the party-building dictionary the project maintains."""

import logging
from collections import Counter
from functools import cache
from pathlib import Path

import jieba
import jieba.analyse

from partybrand.textsim.normalize import to_halfwidth

DICTS = Path(__file__).resolve().parent / "dicts"
jieba.setLogLevel(logging.WARNING)


@cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DICTS / "party.txt"))
    return tokenizer


@cache
def stopwords() -> frozenset[str]:
    lines = (DICTS / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def party_terms() -> list[str]:
    lines = (DICTS / "party.txt").read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def words(text: str) -> list[str]:
    """Meaningful words of the text: segmented, without punctuation, stop words or single
    characters that carry no meaning alone."""
    result = []
    for token in _tokenizer().lcut(to_halfwidth(text or "")):
        token = token.strip().lower()
        if len(token) < 2 or token in stopwords() or not any(_is_word_char(c) for c in token):
            continue
        result.append(token)
    return result


def search_terms(text: str) -> list[str]:
    """Every word and sub-word the search index should know (jieba's search mode), so that
    先锋 finds 红色先锋."""
    tokens = _tokenizer().lcut_for_search(to_halfwidth(text or "").lower())
    return sorted({t for t in tokens if len(t) >= 2 and any(_is_word_char(c) for c in t)})


def keyword_counts(texts: list[str], limit: int = 50) -> list[tuple[str, int]]:
    """The most frequent meaningful words across many answers, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(words(text)))  # one answer counts a word once
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or "\u4e00" <= char <= "\u9fff"

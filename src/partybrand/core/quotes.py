"""Quoting a name in a sentence the way Chinese text does: “…” outside, and quotes the name
already carries turned into ‘…’ inside (a launch titled “红色引擎”党建品牌发布会 is announced as
“‘红色引擎’党建品牌发布会”, never ““红色引擎”党建品牌发布会”); a name typed wholly in quotes
(「先锋」, "先锋") loses them before it is quoted again."""

import re

# Opening mark → closing mark of the quotes users type around names.
PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "'": "'", "＂": "＂"}
_INNER = re.compile(r"[“「『\"‘'＂](.*?)[”」』\"’'＂]")


def unquoted(text: str) -> str:
    """The text without one pair of quotes around all of it: 「先锋」 → 先锋."""
    text = (text or "").strip()
    while len(text) >= 2 and PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        if any(mark in inner for mark in (text[0], text[-1])):
            break  # “甲”与“乙” is two quoted names, not one
        text = inner.strip()
    return text


def quoted(text: str) -> str:
    """The text in “…”, with the quotes inside it made ‘…’."""
    inner = _INNER.sub(r"‘\1’", unquoted(text))
    return f"“{inner}”"

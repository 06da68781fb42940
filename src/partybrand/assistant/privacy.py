"""The last gate before text leaves the platform: no phone number or ID number goes out.

The context objects have no place for people; this guard catches personal identifiers typed
into free text (a culture profile, a survey keyword) before a prompt is sent or used.
"""

import re
import unicodedata

from partybrand.assistant.errors import ProviderError
from partybrand.orgs.validators import ID_RE, PHONE_RE


def _unanchored(pattern: re.Pattern) -> re.Pattern:
    body = pattern.pattern.removeprefix("^").removesuffix("$")
    # Not part of a longer number: 13812345678 inside 2013812345678999 is no phone number.
    return re.compile(rf"(?<!\d)(?:{body})(?!\d)")


_PHONE = _unanchored(PHONE_RE)
_ID = _unanchored(ID_RE)
# Separators people put inside numbers: 138-1234-5678, 138 1234 5678, 1101 0119 9003 071234.
_INNER_SEPARATORS = re.compile(r"(?<=\d)[\s\-.·]+(?=\d)")


def personal_data_found(text: str) -> list[str]:
    """Kinds of personal identifier in the text ("手机号", "身份证号"), empty when clean."""
    text = unicodedata.normalize("NFKC", text or "").upper()
    joined = _INNER_SEPARATORS.sub("", text)
    found = []
    if _PHONE.search(text) or _PHONE.search(joined):
        found.append("手机号")
    if _ID.search(text) or _ID.search(joined):
        found.append("身份证号")
    return found


def guard_outgoing(text: str) -> None:
    """Refuse (permanently: retrying sends the same text) when the text carries personal data."""
    found = personal_data_found(text)
    if found:
        raise ProviderError(
            f"发送内容中疑似包含{'、'.join(found)}等个人信息，已拒绝发送。"
            "请从企业文化、关键词等文字中删除个人信息后重试。",
            permanent=True,
        )


MASK = "＊＊＊"


def mask_numbers(text: str) -> str:
    """The text with phone and ID numbers written plainly replaced by ＊＊＊ (numbers broken up by
    separators or in full-width digits are still refused by guard_outgoing). The text is not
    normalised: its full-width punctuation stays as written."""
    return _ID.sub(MASK, _PHONE.sub(MASK, text or ""))

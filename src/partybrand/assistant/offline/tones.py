"""Level and oblique tones (平仄) of Chinese text, read with pypinyin."""

import re

from pypinyin import Style, pinyin

_HAN = re.compile(r"[\u4e00-\u9fff]")


def tone_marks(text: str) -> str:
    """平 for the first and second tones, 仄 for the third and fourth (and the light tone),
    one mark per Chinese character; other characters are skipped."""
    chars = "".join(_HAN.findall(text or ""))
    marks = []
    for (syllable,) in pinyin(chars, style=Style.TONE3, neutral_tone_with_five=True):
        tone = syllable[-1] if syllable and syllable[-1].isdigit() else "5"
        marks.append("平" if tone in "12" else "仄")
    return "".join(marks)


def alternates(text: str) -> bool:
    """The rhythm of a four-character phrase: the 2nd and 4th characters differ in tone
    (红色引擎: 仄…平), as in 平平仄仄 or 仄仄平平; a phrase of two flat beats reads flat."""
    marks = tone_marks(text)
    return len(marks) == 4 and marks[1] != marks[3]


def halves_close_well(first: str, second: str) -> bool:
    """A paired slogan rings best when the first half closes oblique and the second level
    (仄收 then 平收), like the two lines of a couplet."""
    a, b = tone_marks(first), tone_marks(second)
    return bool(a and b) and a[-1] == "仄" and b[-1] == "平"

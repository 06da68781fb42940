"""What every PDF the platform draws with reportlab shares: a CJK font from the system's packages
(fonts-wqy-microhei or fonts-noto-cjk, scripts/system-deps.sh) and text cut to a width."""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_FILES = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
]
FONT = "PBCJK"


@cache
def cjk_font() -> str:
    """The registered CJK font's name (registered once per process)."""
    for path, index in FONT_FILES:
        try:
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
        except Exception:  # noqa: BLE001,S112  (try the next installed CJK font)
            continue
        return FONT
    raise RuntimeError("未找到中文字体（fonts-wqy-microhei 或 fonts-noto-cjk）。")


def fit(c, text: str, size: float, width: float) -> str:
    """The text, cut with “…” so that it fits `width` at `size` on canvas `c`."""
    if c.stringWidth(text, FONT, size) <= width:
        return text
    while text and c.stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"

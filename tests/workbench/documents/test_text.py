"""The writing rules the builders follow, and the stored SVG logo drawn for Word."""

import io
from datetime import date

from PIL import Image

from partybrand.demo.content import logo_svg
from partybrand.workbench.documents.svg import svg_to_png
from partybrand.workbench.documents.text import cn, day, rate, sentence, tidy


def test_dates_are_written_without_zero_padding():
    assert day(date(2026, 9, 3)) == "2026年9月3日"


def test_user_text_is_set_without_spaces_and_with_full_width_punctuation():
    assert tidy("共收到答卷 44 份,其中 (匿名) 3份; 违章率下降 65%") == (
        "共收到答卷44份，其中（匿名）3份；违章率下降65%"
    )
    assert tidy("负责人（签字）：\u3000\u3000（盖章）") == "负责人（签字）：\u3000\u3000（盖章）"
    assert sentence("按期完成.") == "按期完成。"


def test_shares_and_stars_read_as_reports_write_them():
    assert rate(2, 17) == "11.8%" and rate(1, 2) == "50%" and rate(0, 0) == "0%"
    assert cn(2) == "二"


def test_an_svg_logo_is_drawn_as_a_png_in_its_colours():
    png = svg_to_png(logo_svg("值", 0))
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    assert image.size == (600, 600)
    assert image.getpixel((100, 300)) == (200, 16, 46, 255)  # the badge's party red
    assert image.getpixel((300, 146))[:3] == (255, 215, 0)  # its gold star
    assert image.getpixel((2, 2))[3] == 0  # outside the badge: transparent
    assert svg_to_png(b"not svg") is None

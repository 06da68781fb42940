"""One chart registry and one palette: every chart a template declares has a registered kind,
chart code takes its colours only from app.css's variables, and the party red is the same in
CSS, in the charts, in the spreadsheets and in the board's PDF."""

import re
from pathlib import Path

from reportlab.lib.colors import HexColor

from partybrand.core import palette
from partybrand.plans import pdf
from partybrand.plans.colours import COLOUR_HEX

SRC = Path(__file__).resolve().parents[2] / "src" / "partybrand"
APP_CSS = SRC / "static" / "partybrand" / "app.css"
REGISTRY = SRC / "static" / "partybrand" / "charts.js"
HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")
OLD_REDS = ("#b71c1c", "#c62828", "#dc3545")


def own_files(*suffixes: str) -> list[Path]:
    return [
        p
        for p in SRC.rglob("*")
        if p.suffix in suffixes and "vendor" not in p.parts and p.is_file()
    ]


def css_variables() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", APP_CSS.read_text(encoding="utf-8"), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def chart_scripts() -> list[Path]:
    return [p for p in own_files(".js") if "PB.charts" in p.read_text(encoding="utf-8")]


def test_the_party_red_is_one_colour_everywhere():
    variables = css_variables()
    assert variables["--pb-red"] == palette.RED
    assert variables["--pb-red-tint"] == palette.RED_TINT
    red = tuple(int(palette.RED[i : i + 2], 16) for i in (1, 3, 5))
    assert variables["--bs-danger-rgb"] == ", ".join(map(str, red))  # Bootstrap's red follows
    assert COLOUR_HEX["red"] == palette.RED
    assert pdf.RED.hexval() == HexColor(palette.RED).hexval()
    for path in own_files(".css", ".js", ".html", ".py"):
        text = path.read_text(encoding="utf-8").lower()
        assert not [red for red in OLD_REDS if red in text], path


def test_one_registry_draws_every_chart():
    scripts = chart_scripts()
    registered = {
        kind
        for path in scripts
        for kind in re.findall(r'register\("([\w-]+)"', path.read_text(encoding="utf-8"))
    }
    declared = {
        kind
        for path in own_files(".html")
        for kind in re.findall(r'data-chart="([\w-]+)"', path.read_text(encoding="utf-8"))
    }
    assert declared and declared <= registered, declared - registered
    # Nothing else starts ECharts: the registry is the only caller of echarts.init.
    starters = [p.name for p in own_files(".js") if "echarts.init" in p.read_text("utf-8")]
    assert starters == ["charts.js"]


def test_charts_take_their_colours_from_the_css_variables():
    variables = css_variables()
    asked = set()
    for path in chart_scripts():
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not HEX.findall(code), f"{path.name}: colours belong in app.css"
        asked |= set(re.findall(r'colour\("([\w-]+)"\)', code))
        asked |= set(re.findall(r'colour: "([\w-]+)"', code))
    series = re.search(r"var SERIES = \[(.*?)\]", REGISTRY.read_text(encoding="utf-8")).group(1)
    asked |= set(re.findall(r'"([\w-]+)"', series))
    assert asked and {f"--pb-{name}" for name in asked} <= set(variables)


def test_templates_carry_no_inline_script():
    for path in own_files(".html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert not re.search(r"\son[a-z]+=\"", text), path

"""A stored SVG logo drawn as a PNG for the documents (Word and WPS take PNG or JPEG).

Uploaded SVG is rebuilt from an allowlist (core.uploads.sanitise_svg), so the shapes to draw are
few: rect, circle, ellipse, line, polyline, polygon, path (M L H V C Q Z, absolute or relative)
and text, filled and stroked in plain colours. Drawn four times larger and reduced, so edges are
smooth. Anything else is skipped; a logo that cannot be read gives None."""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring
from PIL import Image, ImageColor, ImageDraw, ImageFont

from partybrand.core.pdf import FONT_FILES

SIZE = 600  # pixels of the longer side of the PNG
SUPER = 4
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
CURVE_STEPS = 24


def svg_to_png(data: bytes) -> bytes | None:
    try:
        root = fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return None
    box = [float(v) for v in NUMBER.findall(root.get("viewBox", ""))]
    if len(box) != 4:
        box = [0.0, 0.0, _num(root.get("width"), 200), _num(root.get("height"), 200)]
    x0, y0, width, height = box
    if width <= 0 or height <= 0:
        return None
    scale = SIZE * SUPER / max(width, height)
    canvas = Image.new("RGBA", (round(width * scale), round(height * scale)), (255, 255, 255, 0))
    pen = _Pen(ImageDraw.Draw(canvas), scale, x0, y0)
    for element in root.iter():
        pen.draw(element)
    small = canvas.resize((canvas.width // SUPER, canvas.height // SUPER), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue()


def _num(value, default: float = 0.0) -> float:
    found = NUMBER.findall(value or "")
    return float(found[0]) if found else default


def _colour(value: str | None):
    if not value or value == "none":
        return None
    try:
        return ImageColor.getrgb(value)
    except ValueError:
        return None


class _Pen:
    def __init__(self, draw: ImageDraw.ImageDraw, scale: float, x0: float, y0: float):
        self.d, self.s, self.x0, self.y0 = draw, scale, x0, y0

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.x0) * self.s, (y - self.y0) * self.s)

    def draw(self, el) -> None:
        tag = el.tag.rsplit("}", 1)[-1]
        fill = _colour(el.get("fill", "#000000"))
        stroke = _colour(el.get("stroke"))
        width = max(1, round(_num(el.get("stroke-width"), 1) * self.s)) if stroke else 0
        g = el.get
        if tag == "rect":
            x, y = _num(g("x")), _num(g("y"))
            a, b = self.pt(x, y), self.pt(x + _num(g("width")), y + _num(g("height")))
            radius = _num(g("rx")) * self.s
            self.d.rounded_rectangle([a, b], radius=radius, fill=fill, outline=stroke, width=width)
        elif tag in ("circle", "ellipse"):
            cx, cy = _num(g("cx")), _num(g("cy"))
            rx = _num(g("r")) if tag == "circle" else _num(g("rx"))
            ry = _num(g("r")) if tag == "circle" else _num(g("ry"))
            box = [self.pt(cx - rx, cy - ry), self.pt(cx + rx, cy + ry)]
            self.d.ellipse(box, fill=fill, outline=stroke, width=width)
        elif tag in ("polygon", "polyline", "line"):
            if tag == "line":
                values = [_num(g(k)) for k in ("x1", "y1", "x2", "y2")]
            else:
                values = [float(v) for v in NUMBER.findall(g("points", ""))]
            points = [self.pt(values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
            self._shape(points, fill if tag == "polygon" else None, stroke, width, tag == "polygon")
        elif tag == "path":
            for points, closed in _path(g("d", "")):
                scaled = [self.pt(x, y) for x, y in points]
                self._shape(scaled, fill if closed else None, stroke, width, closed)
        elif tag == "text" and (el.text or "").strip():
            self._text(el, fill or (0, 0, 0))

    def _shape(self, points, fill, stroke, width, closed) -> None:
        if len(points) < 2:
            return
        if fill is not None and closed and len(points) > 2:
            self.d.polygon(points, fill=fill)
        if stroke is not None:
            self.d.line(points + ([points[0]] if closed else []), fill=stroke, width=width)

    def _text(self, el, fill) -> None:
        size = max(1, round(_num(el.get("font-size"), 16) * self.s))
        font = _font(size)
        anchor = {"middle": "ms", "end": "rs"}.get(el.get("text-anchor", ""), "ls")
        self.d.text(
            self.pt(_num(el.get("x")), _num(el.get("y"))),
            el.text.strip(),
            fill=fill,
            font=font,
            anchor=anchor,
        )


def _font(size: int):
    for path, index in FONT_FILES:
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _path(d: str):
    """The subpaths of a path's `d` as point lists (curves flattened), each with whether it is
    closed."""
    tokens = PATH_TOKEN.findall(d)
    out: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command = ""
    i = 0

    def take(n: int) -> list[float]:
        nonlocal i
        values = [float(t) for t in tokens[i : i + n]]
        i += n
        return values

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz" and points:
                out.append((points, True))
                x, y = points[0]
                points = []
            continue
        rel = command.islower()
        op = command.upper()
        if op == "M":
            if points:
                out.append((points, False))
            dx, dy = take(2)
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            points = [(x, y)]
            command = "l" if rel else "L"
        elif op == "L":
            dx, dy = take(2)
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            points.append((x, y))
        elif op in ("H", "V"):
            (v,) = take(1)
            if op == "H":
                x = x + v if rel else v
            else:
                y = y + v if rel else v
            points.append((x, y))
        elif op in ("C", "Q"):
            n = 6 if op == "C" else 4
            values = take(n)
            if len(values) < n:
                break
            if rel:
                values = [v + (x if k % 2 == 0 else y) for k, v in enumerate(values)]
            ctrl = [(x, y)] + [(values[k], values[k + 1]) for k in range(0, n, 2)]
            points += [_bezier(ctrl, s / CURVE_STEPS) for s in range(1, CURVE_STEPS + 1)]
            x, y = ctrl[-1]
        else:
            i += 1  # no command yet, or one this drawer does not know (arcs): skip its numbers
    if points:
        out.append((points, False))
    return out


def _bezier(ctrl: list[tuple[float, float]], t: float) -> tuple[float, float]:
    while len(ctrl) > 1:
        ctrl = [
            (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            for a, b in zip(ctrl, ctrl[1:], strict=False)
        ]
    return ctrl[0]

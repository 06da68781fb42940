"""The brand's stored logo as a figure of a document."""

from __future__ import annotations

from partybrand.brands.models import Brand
from partybrand.documents.spec import Image
from partybrand.workbench.documents.svg import svg_to_png

RASTER = (b"\x89PNG", b"\xff\xd8\xff")


def logo_bytes(brand: Brand) -> bytes | None:
    """The logo as PNG or JPEG bytes (an SVG logo drawn as PNG), or None without one."""
    if not brand.logo:
        return None
    try:
        with brand.logo.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return None
    if data.startswith(RASTER):
        return data
    return svg_to_png(data)


def logo_image(brand: Brand, *, width_mm: float = 50, caption: str = "") -> Image | None:
    data = logo_bytes(brand)
    if data is None:
        return None
    return Image(data=data, width_mm=width_mm, caption=caption or f"“{brand.name}”品牌标识")

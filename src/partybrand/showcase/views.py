"""The showcase pages: the gallery of the group's named brands, a page per brand, its logo and
its A3 poster. Signed-in users always; visitors without an account when the showcase is public
(showcase.access.showcase_view)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partybrand.brands.choices import BrandLevel
from partybrand.core.files import download, stored_image
from partybrand.core.pagination import paginate
from partybrand.showcase import selectors
from partybrand.showcase.access import showcase_brand, showcase_view
from partybrand.showcase.poster import poster_pdf


@require_GET
@showcase_view
def gallery(request):
    level = request.GET.get("level", "")
    level = level if level in BrandLevel.values else ""
    words = request.GET.get("q", "").strip()[:30]
    rows = selectors.gallery(level=level, words=words)
    return render(
        request,
        "showcase/gallery.html",
        {
            "page": paginate(request, rows, per_page=24),
            "levels": BrandLevel.choices,
            "level": level,
            "q": words,
        },
    )


@require_GET
@showcase_view
def brand_page(request, pk):
    brand = showcase_brand(pk)
    return render(request, "showcase/brand.html", selectors.brand_page(brand))


@require_GET
@showcase_view(counted=False)
def logo(request, pk):
    brand = showcase_brand(pk)
    if not brand.logo:
        raise Http404("该品牌还没有标识。")
    return stored_image(brand.logo, brand.logo_content_type)


@require_GET
@showcase_view
def poster(request, pk):
    brand = showcase_brand(pk)
    content = poster_pdf(selectors.brand_page(brand))
    response = download(content, f"{brand.name}-品牌海报（A3）.pdf", "application/pdf")
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline", 1
    )
    return response

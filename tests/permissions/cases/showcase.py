"""Permission cases of the brand showcase: every signed-in user sees named brands (so there is
no outsider and nothing to change); anonymous visitors are sent to sign in while
PARTYBRAND_SHOWCASE_PUBLIC is off (its default; tests/showcase/ tries it on). A brand not
named is a 404 for everyone (tests/showcase/)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_set_logo
from tests.permissions.cases import Case
from tests.permissions.cases.pages import PNG_1PX

SEEN = {"allowed": "member", "readonly": None, "outsider": None}


def named_kw(w):
    Brand.objects.filter(pk=w.brand.pk).update(status="named")
    return {"pk": w.brand.pk}


def logo_kw(w):
    brand_set_logo(
        actor=w.secretary,
        brand=w.brand,
        upload=SimpleUploadedFile("标识.png", PNG_1PX, content_type="image/png"),
    )
    return named_kw(w)


PERMISSION_CASES = [
    Case("showcase:gallery", **SEEN),
    Case("showcase:brand", named_kw, **SEEN),
    Case("showcase:logo", logo_kw, **SEEN),
    Case("showcase:poster", named_kw, **SEEN),
    Case("api:showcase-brand-list", api=True, **SEEN),
    Case("api:showcase-brand-detail", named_kw, api=True, **SEEN),
]

"""Which near brands a check may name. Uniqueness is judged against every brand on the platform,
but a branch must not learn another organisation's unpublished draft from a name check: such a
brand is still counted, scored and flagged, only its name, slogan and owner are withheld."""

from dataclasses import replace

from django.db.models import Q

from partybrand.brands.access import visible_brands
from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.tree import ancestor_paths, subtree_q

# Brands in publicity, named or under rectification are public knowledge.
PUBLIC = (BrandStatus.PUBLICIZING, BrandStatus.NAMED, BrandStatus.RECTIFYING)
WITHHELD_NAME = "（尚未公开的品牌）"
WITHHELD_REASON = "与其他组织一个尚未公开的品牌相近；如需了解，请与上级党委联系"


def disclosed_brand_ids(ids, *, viewer=None, org=None) -> set[int] | None:
    """Of these brand ids, the ones that may be named to `viewer` (a user: the brands it sees)
    or, without a viewer, from `org` (its subtree and the organisations above it). None means
    no limit: the command line, run by the platform's operators."""
    if viewer is None and org is None:
        return None
    shown = Q(status__in=PUBLIC)
    if viewer is not None:
        shown |= Q(pk__in=visible_brands(viewer).values("pk"))
    else:
        shown |= subtree_q(org.path, "org__path") | Q(org__path__in=ancestor_paths(org.path))
    return set(Brand.objects.filter(shown, pk__in=ids).values_list("pk", flat=True))


def withhold_hidden(nearest: list, *, viewer=None, org=None) -> list:
    """`nearest` (NearBrand rows) with the brands that may not be named withheld."""
    ids = [int(n.key.split(":")[1]) for n in nearest if n.key.startswith("brand:")]
    allowed = disclosed_brand_ids(ids, viewer=viewer, org=org) if ids else None
    if allowed is None:
        return nearest
    return [
        n
        if not n.key.startswith("brand:") or int(n.key.split(":")[1]) in allowed
        else replace(n, name=WITHHELD_NAME, slogan="", owner="", reasons=[WITHHELD_REASON])
        for n in nearest
    ]

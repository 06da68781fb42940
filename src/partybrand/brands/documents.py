"""The brand as a subject of documents (实施方案, 申报书, 总结…), loaded through brands' access
helper: 404 outside the user's reach, 403 for editing without the right."""

from partybrand.brands.access import access_brand
from partybrand.documents.registry import Subject


def load_brand(user, pk, for_edit: bool):
    return access_brand(user, pk, for_edit=for_edit)


BRAND = Subject(
    name="brand",
    label="品牌",
    load=load_brand,
    org_of=lambda brand: brand.org,
    title_of=lambda brand: brand.name,
)

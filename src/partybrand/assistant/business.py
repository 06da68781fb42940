"""The business profile (所在单位及主责主业) the checks and the assistant use for an organisation.

It is the organisation's own `business` text or, when it has none, that of the nearest
organisation above it that has one. A text that only repeats organisation names (“华信发电有限公司
检修一班”: the unit's and the branch's names run together) says nothing about the work and is
skipped like an empty one. Organisation names are never used as a business profile: with no text
anywhere up the tree the profile is empty, and callers say that none is set.
"""

import re

from partybrand.orgs.models import Organization
from partybrand.orgs.tree import ancestor_paths

SUFFIXES = ("党委", "党总支", "党支部", "党小组", "委员会")
COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]")


def _name_forms(org: Organization) -> list[str]:
    forms = []
    for name in (org.name, org.short_name):
        name = (name or "").strip()
        if not name:
            continue
        forms.append(name)
        for suffix in SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                forms.append(name.removesuffix(suffix))
    for form in list(forms):  # 华信能源集团有限公司 is also written 华信能源集团
        for suffix in COMPANY_SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 1:
                forms.append(form.removesuffix(suffix))
                break
    return sorted(set(forms), key=len, reverse=True)


def names_only(text: str, orgs: list[Organization]) -> bool:
    """True when the text is nothing but names of these organisations (and punctuation)."""
    rest = text or ""
    for org in orgs:
        for form in _name_forms(org):
            rest = rest.replace(form, "")
    return len(_NOT_HAN.sub("", rest)) < 2


def business_of(org: Organization | None) -> str:
    """The nearest real business text for `org` (its own first, then up the tree), or ""."""
    if org is None:
        return ""
    chain = [org]
    paths = ancestor_paths(org.path)
    if paths:
        above = Organization.objects.filter(path__in=paths).only(
            "path", "name", "short_name", "business"
        )
        chain += sorted(above, key=lambda o: len(o.path), reverse=True)
    for org_ in chain:
        text = " ".join((org_.business or "").split())
        if text and not names_only(text, chain):
            return text
    return ""

"""发文字号: 机关代字〔年份〕序号号 from a per-organisation, per-year sequence.

The sequence row is locked while a number is taken and the increment commits with the caller's
transaction, so a rolled-back document gives its number back: numbers have no gaps.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from partybrand.documents.models import DocumentIssuer, DocumentNumberSequence
from partybrand.orgs.choices import OrgKind


def default_code(org) -> str:
    """The 机关代字 an organisation starts with: its short name and 党委 / 党支部."""
    base = (org.short_name or org.name).strip()
    for ending in ("党委", "党总支", "党支部", "委员会"):
        if base.endswith(ending):
            return base
    endings = {OrgKind.BRANCH: "党支部", OrgKind.GENERAL_BRANCH: "党总支"}
    return base + endings.get(org.kind, "党委")


def issuer_code(org) -> str:
    issuer = DocumentIssuer.objects.filter(org=org).first()
    return issuer.code if issuer else default_code(org)


def format_number(code: str, year: int, serial: int) -> str:
    return f"{code}〔{year}〕{serial}号"


def document_number_take(*, actor, org, year: int) -> str:
    """The next 发文字号 of `org` in `year`. Run inside the caller's transaction (the caller
    audits what the number is given to)."""
    del actor  # who takes it is audited by the caller, with the document it is given to
    with transaction.atomic():
        try:
            with transaction.atomic():
                DocumentNumberSequence.objects.get_or_create(org=org, year=year)
        except IntegrityError:  # another request created the row a moment ago
            pass
        sequence = DocumentNumberSequence.objects.select_for_update().get(org=org, year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
    return format_number(issuer_code(org), year, sequence.last)

"""The trade of an organisation: the one a person chose, else the one read from its 主责主业
(its own or the nearest above it) and its name."""

from django.db import transaction

from partybrand.assistant.business import business_of
from partybrand.assistant.choices import AssistantAudit
from partybrand.assistant.models import OrgTrade
from partybrand.assistant.trades import TradeGuess, chosen_trade, infer_trade, trade_by_code
from partybrand.core.audit import audit_record
from partybrand.orgs.models import Organization


def org_trade(org: Organization) -> TradeGuess:
    chosen = OrgTrade.objects.filter(org=org).values_list("trade", flat=True).first()
    if chosen and trade_by_code(chosen) is not None:
        return chosen_trade(chosen)
    return infer_trade(business_of(org), org.name)


def org_trade_set(*, actor, org: Organization, trade: str) -> TradeGuess:
    """Correct the trade of `org` (a code or Chinese name of trades/*.json); an empty `trade`
    goes back to reading it from the 主责主业. Raises ValueError for an unknown trade."""
    found = trade_by_code(trade) if trade else None
    if trade and found is None:
        raise ValueError(f"未知的行业：{trade}")
    inferred = infer_trade(business_of(org), org.name).trade
    with transaction.atomic():
        if found is None:
            OrgTrade.objects.filter(org=org).delete()
        else:
            OrgTrade.objects.update_or_create(org=org, defaults={"trade": found.code})
        audit_record(
            actor=actor,
            action=AssistantAudit.TRADE_SET,
            obj=org,
            org_path=org.path,
            changes={
                "trade": found.name if found else "",
                "inferred": inferred.name if inferred else "",
            },
        )
    return org_trade(org)

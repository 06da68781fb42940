"""What the theme workshop calls: candidates from the configured provider, with an audit row."""

from collections.abc import Callable

from partybrand.assistant.base import Provider
from partybrand.assistant.business import business_of
from partybrand.assistant.drafts import CandidateList, CandidateRequest, OrgContext
from partybrand.assistant.models import OrgTrade
from partybrand.assistant.people import guard_member_names
from partybrand.assistant.registry import get_provider
from partybrand.brands.models import Brand
from partybrand.core.audit import audit_record
from partybrand.orgs.models import Organization
from partybrand.orgs.tree import subtree_q

AVOID_LIMIT = 50  # existing brand names sent along, nearest organisations first


def org_context(
    *,
    org: Organization,
    brand: Brand | None = None,
    culture: str = "",
    keywords=(),
):
    """The organisation as a provider may see it: names, business, region and culture texts.
    Built field by field from the organisation and brand records; members are never read.
    The business text is the nearest real one up the tree (assistant/business.py), never the
    organisation's names; the trade is the one a person chose (assistant/trade_of.py), if any."""
    culture = culture or (brand.cultural_note if brand else "")
    return OrgContext(
        org_name=org.name,
        org_kind=org.get_kind_display(),
        business=business_of(org),
        region=org.region,
        culture=culture,
        keywords=tuple(keywords),
        avoid_names=_nearby_brand_names(org, brand),
        trade=OrgTrade.objects.filter(org=org).values_list("trade", flat=True).first() or "",
        honours=tuple(brand.honours.values_list("title", flat=True)[:10]) if brand else (),
        kpis=tuple(brand.kpis.values_list("name", flat=True)[:10]) if brand else (),
    )


def _nearby_brand_names(org: Organization, brand: Brand | None) -> tuple[str, ...]:
    """Names of other brands under the same parent organisation: the ones a new name is most
    likely to be confused with. The whole platform is checked later by the text engine."""
    scope = org.parent or org
    brands = Brand.objects.filter(subtree_q(scope.path, "org__path"))
    if brand is not None:
        brands = brands.exclude(pk=brand.pk)
    names = brands.order_by("-updated_at", "-id").values_list("name", flat=True)[:AVOID_LIMIT]
    return tuple(dict.fromkeys(names))


def assistant_candidates(
    *,
    actor,
    org: Organization,
    brand: Brand | None = None,
    culture="",
    keywords=(),
    count=10,
    avoid: Callable[[str, str], bool | str] | None = None,
    provider: Provider | None = None,
) -> CandidateList:
    """Draft names and slogans for the organisation (or its brand) from the configured provider.

    `avoid(name, slogan)` returning a reason (or True) drops a draft before anyone sees it, with
    that reason in `dropped`: the workshop passes its too-similar-to-an-existing-brand check.

    No transaction around the call: a provider may take many seconds and must not hold a
    database lock; the audit row (provider and count, never the texts) is written after.
    Raises ProviderError with a message for the user when the provider cannot answer.
    `provider` defaults to the configured one.
    """
    context = org_context(org=org, brand=brand, culture=culture, keywords=keywords)
    provider = provider or get_provider()
    typed = "\n".join([context.culture, context.business, *context.keywords])
    guard_member_names(typed, org=org, provider=provider)
    drafts = provider.candidates(CandidateRequest(context=context, count=count, avoid=avoid))
    audit_record(
        actor=actor,
        action="assistant_candidates",
        obj=brand or org,
        org_path=org.path,
        changes={
            "provider": provider.source,
            "count": len(drafts),
            "requested": count,
            "dropped": len(drafts.dropped),
        },
    )
    return drafts

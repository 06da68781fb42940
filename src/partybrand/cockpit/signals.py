"""The events that change a brand's index, each queuing its recomputation (jobs.brand_changed):
the brand's record and lifecycle, its phrases, KPIs and values, honours, tasks, rectification
items, carriers and activities, the publicity ledger, typical cases and their adoption, round
entries and a round's 命名决定, assessments finalised, named survey answers."""

from django.db.models.signals import post_delete, post_save

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment
from partybrand.brands.models import Brand, BrandPhrase, Honour, Kpi, KpiValue
from partybrand.cases.models import CaseReport, TypicalCase
from partybrand.cockpit.jobs import brand_changed, queue_brand, round_decided
from partybrand.plans.models import Task
from partybrand.promotion.models import Activity, Carrier, PublicityEntry
from partybrand.rounds.models import Entry, NamingDecision
from partybrand.supervision.models import RectificationItem

# model -> how to find the brand id from a saved row
BRAND_OF = {
    Brand: lambda row: row.pk,
    BrandPhrase: lambda row: row.brand_id,
    Kpi: lambda row: row.brand_id,
    KpiValue: lambda row: (
        Kpi.objects.filter(pk=row.kpi_id).values_list("brand_id", flat=True).first()
    ),
    Honour: lambda row: row.brand_id,
    Task: lambda row: row.plan.brand_id,
    RectificationItem: lambda row: row.meeting.plan.brand_id,
    Carrier: lambda row: row.brand_id,
    Activity: lambda row: row.carrier.brand_id,
    PublicityEntry: lambda row: row.brand_id,
    TypicalCase: lambda row: row.brand_id,
    CaseReport: lambda row: row.case.brand_id,
    Entry: lambda row: row.brand_id,
}


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    brand_changed(lambda: BRAND_OF[sender](instance))


def _assessment_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if instance.status != AssessmentStatus.FINALISED:
        return  # only a finalised score counts

    def brands_of_org():
        for brand_id in Brand.objects.filter(org_id=instance.org_id).values_list("pk", flat=True):
            queue_brand(brand_id)

    brand_changed(brands_of_org)  # queues each brand itself; answers no single brand


def _round_named(sender, instance, created, **kwargs):
    """A round's 命名决定 names, passes, keeps, downgrades or 摘牌 every entry it lists in one
    bulk update (no entry's own save): the round's brands and rollups are refreshed at once."""
    if kwargs.get("raw") or not created:
        return
    round_decided(instance.round_id)


def connect() -> None:
    for model in BRAND_OF:
        post_save.connect(_changed, sender=model, dispatch_uid=f"cockpit-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"cockpit-del-{model.__name__}")
    post_save.connect(_assessment_changed, sender=Assessment, dispatch_uid="cockpit-assessment")
    post_save.connect(_round_named, sender=NamingDecision, dispatch_uid="cockpit-round-named")

"""The cockpit's changes: a committee sets the weights of the index's parts (a new version,
audited, and the subtree's indices recomputed as background work)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from partybrand.cockpit.choices import DEFAULT_WEIGHTS, CockpitAudit
from partybrand.cockpit.models import HealthWeights
from partybrand.core.audit import audit_record
from partybrand.jobs.choices import JobKind
from partybrand.jobs.services import job_start
from partybrand.orgs.models import Organization


def weights_set(
    *, actor, org: Organization, weights: dict[str, int], note: str = "", recompute: bool = True
) -> HealthWeights:
    """A new version of `org`'s weights; every part 0–100, together more than 0. The subtree's
    indices are recomputed as a job (`recompute`=False: the caller recomputes, as the demo)."""
    clean = {part: int(weights.get(part, 0)) for part in DEFAULT_WEIGHTS}
    if any(value < 0 or value > 100 for value in clean.values()):
        raise ValidationError("每项权重须在 0 到 100 之间。")
    if sum(clean.values()) <= 0:
        raise ValidationError("权重合计须大于 0。")
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=org.pk).first()
        last = HealthWeights.objects.filter(org=org).aggregate(v=Max("version"))["v"] or 0
        row = HealthWeights.objects.create(
            org=org, version=last + 1, weights=clean, note=note, created_by=actor
        )
        audit_record(
            actor=actor,
            action=CockpitAudit.WEIGHTS_SET,
            obj=row,
            org_path=org.path,
            changes={"weights": clean, "version": row.version},
            comment=note,
        )
        if recompute:
            job_start(
                actor=actor,
                kind=JobKind.HEALTH_RECOMPUTE,
                org_path=org.path,
                params={"org_path": org.path},
            )
    return row

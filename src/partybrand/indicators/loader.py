"""Loading the shipped templates (data/templates.py) as published platform templates."""

from decimal import Decimal

from django.db import transaction

from partybrand.indicators import services
from partybrand.indicators.data.templates import TEMPLATES
from partybrand.indicators.models import IndicatorSystem

HEADER_FIELDS = (
    "name",
    "kind",
    "total_points",
    "final_rule",
    "divergence_threshold",
    "description",
)


def rows_of(items, parent_code: str = "", level: int = 1) -> list[services.Row]:
    rows = []
    for entry in items:
        rows.append(
            services.Row(
                code=entry["code"],
                name=entry["name"],
                level=level,
                points=Decimal(str(entry["points"])),
                parent_code=parent_code,
                scoring_method=entry["scoring_method"],
                guide=entry["guide"],
                # A veto item's note says what to provide if it is triggered: not required.
                evidence_required=bool(entry["evidence_note"]) and not entry["veto_note"],
                evidence_note=entry["evidence_note"],
                methods=entry["methods"],
                is_veto=bool(entry["veto_note"]),
                veto_note=entry["veto_note"],
            )
        )
        rows += rows_of(entry["children"], entry["code"], level + 1)
    return rows


@transaction.atomic
def load_templates(actor=None) -> list[IndicatorSystem]:
    """Publish each shipped template as version 1 of its family; families that already exist
    (loaded before, or changed since by an administrator) are left as they are."""
    loaded = []
    for template in TEMPLATES:
        if IndicatorSystem.objects.filter(code=template["code"]).exists():
            continue
        system = services.system_build(
            actor=actor,
            header={name: template[name] for name in HEADER_FIELDS},
            rows=rows_of(template["indicators"]),
            stars=template["stars"],
            code=template["code"],
            action="indicator_template_load",
        )
        loaded.append(services.system_publish(actor=actor, system=system))
    return loaded

"""The demo's 驾驶舱: one subsidiary's own weights of the health index (through the service),
then every brand's index and every organisation's rollup computed by `health-recompute`."""

import io

from django.core.management import call_command

from partybrand.cockpit.services import weights_set
from partybrand.orgs.choices import OrgKind


def seed_health(demo) -> None:
    company = demo.root.subtree().filter(kind=OrgKind.COMMITTEE).order_by("path").first()
    if company is not None:
        weights_set(
            actor=demo.admin,
            org=company,
            weights={
                "basics": 25,
                "mechanism": 25,
                "results": 20,
                "participation": 15,
                "influence": 5,
                "identity": 10,
            },
            note="本单位重基础和机制：基础、机制各 25，影响 5。",
            recompute=False,
        )
    call_command("health_recompute", stdout=io.StringIO())

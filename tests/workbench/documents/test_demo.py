"""Every brand document builds for every brand of the demo enterprise, and reads clean."""

import pytest

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.demo.loader import load_demo
from partybrand.documents.registry import all_kinds
from partybrand.documents.spec import Image
from partybrand.documents.tidy import tidy_spec
from tests.workbench.documents.helpers import assert_reads_clean, build, full_text, tables

pytestmark = [pytest.mark.slow(seconds=25), pytest.mark.django_db]
PASSWORD = "demo-pw-123"
CODES = [
    "acceptance-report",
    "application",
    "assessment-report",
    "brand-launch-plan",
    "brand-plan",
    "plan-tasks",
    "positioning-report",
    "vi-manual",
    "work-summary",
]


def test_every_brand_document_builds_for_the_demo_brands():
    load_demo(PASSWORD)
    assert [k.code for k in all_kinds() if k.subject == "brand"] == CODES
    brands = list(Brand.objects.select_related("org"))
    assert len(brands) >= 5
    today = clock.today()
    for brand in brands:
        for code in CODES:
            spec = tidy_spec(build(code, brand, today=today))  # as the layout sets it
            assert_reads_clean(spec)
            if code != "assessment-report":  # the branch's 测评, named by the branch
                assert brand.name in full_text(spec)
    planned = next(b for b in brands if b.plans.exists())
    plan = build("brand-plan", planned, today=today)
    assert tables(plan.appendices[0])  # its 三定 table
    # the demo's logos are SVG: drawn as PNG for Word and WPS
    application = build("application", planned, today=today)
    logo = next(s for s in application.sections if s.key == "logo")
    assert any(isinstance(b, Image) and b.data.startswith(b"\x89PNG") for b in logo.blocks)

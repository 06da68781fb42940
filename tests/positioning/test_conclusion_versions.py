"""The positioning conclusion is written by the secretary and the committee alike: two summary
pages opened before there was any conclusion must not let the second save overwrite the first."""

from django.urls import reverse

from partybrand.positioning.models import PositioningNote
from tests.forms_html import form_fields
from tests.helpers import login


def test_the_second_first_conclusion_is_refused_with_the_first_shown(world):
    summary = reverse("positioning:summary", args=[world.brand.pk])
    save = reverse("positioning:conclusion_save", args=[world.brand.pk])
    a, b = login(world, "secretary"), login(world, "branch_committee")
    form_a = form_fields(a.get(summary).content.decode(), action=save)
    form_b = form_fields(b.get(summary).content.decode(), action=save)
    assert form_a["version"] == form_b["version"] == "0"  # no conclusion yet

    assert a.post(save, {**form_a, "conclusion": "立足检修主业。"}).status_code == 302
    refused = b.post(save, {**form_b, "conclusion": "突出匠心特色。"})

    assert refused.status_code == 409
    conflict = refused.content.decode().split('data-testid="conflict"')[1]
    assert "王书记" in conflict and "立足检修主业。" in conflict and "突出匠心特色。" in conflict
    assert PositioningNote.objects.get(brand=world.brand).conclusion == "立足检修主业。"
    kept = form_fields(refused.content.decode(), action=save)
    assert kept["conclusion"] == "突出匠心特色。"
    both = "立足检修主业，突出匠心特色。"
    assert b.post(save, {**kept, "conclusion": both}).status_code == 302
    assert PositioningNote.objects.get(brand=world.brand).conclusion == both

"""The demo's theme workshops: four brands at four stages (tests/demo/test_seed.py resets and
reloads the demo, these workshops included; how long the demo takes to load is for benchmarks,
not for a test that a busy machine would fail)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from partybrand.core.models import User
from partybrand.themes.models import Candidate, Objection, Vote, Workshop

pytestmark = pytest.mark.slow(seconds=13)


def test_the_demo_has_workshops_in_every_stage_and_their_pages_open(db):
    call_command("seed_demo", stdout=StringIO())
    stages = dict(Workshop.objects.values_list("brand__name", "stage"))
    assert stages == {
        "智慧绿能": "collecting",
        "匠心检修": "voting",
        "红色引擎": "publicizing",
        "抢修尖兵": "adopted",
    }
    green = Workshop.objects.get(brand__name="智慧绿能")
    assert green.candidates.filter(source="survey", proposer_count__gt=1).exists()
    assert green.candidates.filter(source="member").count() == 2
    repair = Workshop.objects.get(brand__name="匠心检修")
    assert Vote.objects.filter(workshop=repair).count() == 7
    assert repair.candidates.filter(shortlisted=True).count() == 3
    assert Objection.objects.filter(workshop__brand__name="红色引擎", resolved=False).count() == 1
    # Snapshots are taken on first view, not while loading.
    assert not Candidate.objects.filter(check_report__isnull=False).exists()

    client = Client()
    client.force_login(User.objects.get(username="member1"))
    page = client.get(reverse("themes:workshop_detail", args=[repair.pk]))
    assert "去投票" in page.content.decode()
    assert not repair.candidates.filter(check_report__isnull=True).exists()
    client.force_login(User.objects.get(username="admin"))
    for workshop in Workshop.objects.all():
        text = client.get(reverse("themes:workshop_detail", args=[workshop.pk])).content.decode()
        assert workshop.brand.name in text

"""Results need the round's minimum number of score sheets per entry: an entry scored by fewer
experts is flagged, and the chair confirms only with a reason (recorded) or waits."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.rounds.choices import SheetStatus
from partybrand.rounds.models import Round, ScoreSheet
from partybrand.rounds.services import results, scoring
from tests.helpers import api_client, client_for
from tests.rounds.panel_helpers import full_marks, panel_round

pytestmark = pytest.mark.django_db


def one_expert_scores(round_, entries, member):
    for entry in entries:
        sheet = ScoreSheet.objects.get(assignment__member=member, entry=entry)
        scoring.sheet_save(
            actor=member.user, sheet=sheet, items=full_marks(round_, "0.9"), submit=True
        )


def test_a_round_asks_for_three_sheets_per_entry_unless_the_committee_says_otherwise(world):
    round_, _entries, _members = panel_round(world)
    assert round_.min_sheets == 3


def test_a_single_experts_score_is_flagged_and_not_confirmed_without_a_reason(world):
    round_, entries, members = panel_round(world)
    one_expert_scores(round_, entries, members[0])
    ranked = results.results_compute(actor=world.staff, round=round_)
    assert {e.sheet_count for e in ranked} == {1}
    with pytest.raises(ValidationError, match="有效评分表不足 3 份"):
        results.results_confirm(actor=world.staff, round=round_)
    round_.refresh_from_db()
    assert round_.results_confirmed_at is None
    assert ScoreSheet.objects.filter(round=round_, status=SheetStatus.LOCKED).count() == 0


def test_the_chair_confirms_short_entries_with_a_reason_that_is_recorded(world):
    round_, entries, members = panel_round(world)
    one_expert_scores(round_, entries, members[0])
    results.results_compute(actor=world.staff, round=round_)
    results.results_confirm(
        actor=world.staff, round=round_, reason="另两位专家因公出差，经评审组同意按一份评分确认"
    )
    round_.refresh_from_db()
    assert round_.results_confirmed_at is not None
    row = AuditLog.objects.filter(action="round_results_confirm").latest("id")
    assert "因公出差" in row.comment
    assert "红色引擎" in str(row.changes["short"])


def test_with_every_sheet_in_and_no_divergence_no_reason_is_asked(world):
    round_, entries, members = panel_round(world)
    for member in members:
        one_expert_scores(round_, entries, member)
    results.results_compute(actor=world.staff, round=round_)
    assert results.confirm_warnings(round_) == []
    results.results_confirm(actor=world.staff, round=round_)
    assert Round.objects.get(pk=round_.pk).results_confirmed_at is not None


def test_the_results_page_flags_short_entries_and_asks_the_reason(world):
    round_, entries, members = panel_round(world)
    one_expert_scores(round_, entries, members[0])
    results.results_compute(actor=world.staff, round=round_)
    url = reverse("rounds:results", args=[round_.pk])
    client = client_for(world.staff)
    page = client.get(url).content.decode()
    assert "评分表 1/3 份" in page and "说明理由并确认结果" in page
    refused = client.post(url, {"action": "confirm", "c-reason": ""})
    assert refused.status_code == 400 and "有效评分表不足" in refused.content.decode()
    assert Round.objects.get(pk=round_.pk).results_confirmed_at is None
    done = client.post(url, {"action": "confirm", "c-reason": "评审组长同意按现有评分确认"})
    assert done.status_code == 302
    assert Round.objects.get(pk=round_.pk).results_confirmed_at is not None


def test_the_results_page_refuses_whoever_does_not_run_the_round(world, client):
    round_, entries, members = panel_round(world)
    one_expert_scores(round_, entries, members[0])
    results.results_compute(actor=world.staff, round=round_)
    url = reverse("rounds:results", args=[round_.pk])
    assert client.post(url, {"action": "confirm", "c-reason": "x"}).status_code == 302  # login
    answer = client_for(world.member).post(url, {"action": "confirm", "c-reason": "理由"})
    assert answer.status_code in (403, 404)
    assert Round.objects.get(pk=round_.pk).results_confirmed_at is None


def test_the_api_confirms_short_entries_only_with_a_reason(world):
    round_, entries, members = panel_round(world)
    one_expert_scores(round_, entries, members[0])
    results.results_compute(actor=world.staff, round=round_)
    url = f"/api/v1/round-results/{round_.pk}/confirm/"
    client = api_client(world.staff)
    refused = client.post(url, {}, format="json")
    assert refused.status_code == 400
    assert Round.objects.get(pk=round_.pk).results_confirmed_at is None
    assert api_client(world.member).post(url, {"reason": "x"}, format="json").status_code in (
        403,
        404,
    )
    done = client.post(url, {"reason": "经评审组同意"}, format="json")
    assert done.status_code == 200
    assert done.json()["entries"][0]["sheet_count"] == 1


def test_a_large_rounds_results_are_computed_in_the_background_with_the_same_ranking(
    world, settings, django_capture_on_commit_callbacks
):
    from partybrand.jobs.choices import JobKind, JobState
    from partybrand.jobs.models import Job
    from partybrand.rounds.models import Entry

    round_, entries, members = panel_round(world)
    for member in members:
        one_expert_scores(round_, entries, member)
    url = reverse("rounds:results", args=[round_.pk])
    client = client_for(world.staff)
    settings.ROUND_RESULTS_JOB_SHEETS = 100
    assert client.post(url, {"action": "compute"}).status_code == 302
    at_once = list(Entry.objects.filter(round=round_).order_by("rank").values_list("pk", "rank"))
    assert not Job.objects.exists() and at_once[0][1] == 1
    Entry.objects.filter(round=round_).update(rank=None)
    settings.ROUND_RESULTS_JOB_SHEETS = 5  # six sheets: the background
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(url, {"action": "compute", "submission_token": "t1"})
    job = Job.objects.get()
    assert started.status_code == 302 and started["Location"] == job.get_absolute_url()
    assert (job.kind, job.state) == (JobKind.ROUND_RESULTS, JobState.DONE)
    assert job.summary["ranked"] == 2 and job.summary["next"] == url
    assert "查看结果" in client.get(job.get_absolute_url()).content.decode()
    background = list(Entry.objects.filter(round=round_).order_by("rank").values_list("pk", "rank"))
    assert background == at_once
    # Someone who does not run the round starts nothing.
    with django_capture_on_commit_callbacks(execute=True):
        refused = client_for(world.member).post(url, {"action": "compute"})
    assert refused.status_code in (403, 404) and Job.objects.count() == 1

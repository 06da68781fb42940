"""The round's results computed as background work: a round of thousands of entries and tens of
thousands of sheets takes longer than a page should wait, so the results page starts a job and
the job page shows its progress, then links back to the ranking."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partybrand.jobs.choices import FINAL_STATES, JobKind
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import JobRefused, Outcome
from partybrand.jobs.services import job_start
from partybrand.rounds.access import may_run
from partybrand.rounds.models import Round, ScoreSheet
from partybrand.rounds.services.results import results_compute

STEPS = ("计算评审结果",)


def compute_in_background(round_: Round) -> bool:
    """Whether the round's results are computed as a job (the page and the API alike): above
    settings.ROUND_RESULTS_JOB_SHEETS submitted sheets; a smaller round is computed at once."""
    sheets = ScoreSheet.objects.filter(round=round_, submitted_at__isnull=False).count()
    return sheets > settings.ROUND_RESULTS_JOB_SHEETS


def compute_start(*, actor, round_: Round, key: str = "") -> Job:
    """Start computing the round's results in the background. The same `key` (the page's
    submission token), or asking again while one's own computation of the round has not ended,
    gives the job already started: one round is never computed by two of one's jobs at once."""
    running = (
        Job.objects.filter(owner_id=actor.pk, kind=JobKind.ROUND_RESULTS, params__round=round_.pk)
        .exclude(state__in=FINAL_STATES)
        .first()
    )
    if running is not None:
        return running
    return job_start(
        actor=actor,
        kind=JobKind.ROUND_RESULTS,
        org_path=round_.committee.path,
        key=key,
        params={"round": round_.pk},
    )


def run_results(job: Job, progress: Progress) -> Outcome:
    round_ = Round.objects.select_related("committee").filter(pk=job.params.get("round")).first()
    if round_ is None or not may_run(job.owner, round_):
        raise JobRefused("您已不能管理该评选批次，未计算评审结果。")
    try:
        ranked = results_compute(actor=job.owner, round=round_, progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        raise JobRefused("；".join(getattr(exc, "messages", [str(exc)]))) from exc
    ranked_count = sum(1 for e in ranked if e.rank)
    awarded = sum(1 for e in ranked if e.awarded_tier_id)
    short = sum(1 for e in ranked if e.rank and e.sheet_count < round_.min_sheets)
    divergent = sum(1 for e in ranked if e.divergent)
    message = f"已计算{round_.title}的评审结果：{ranked_count} 项排名，{awarded} 项评定等次"
    if short or divergent:
        message += f"；评分表不足 {short} 项、评分分歧 {divergent} 项，确认前请核对"
    return Outcome(
        message + "。",
        {
            "ranked": ranked_count,
            "awarded": awarded,
            "short": short,
            "divergent": divergent,
            "next": reverse("rounds:results", args=[round_.pk]),
        },
    )

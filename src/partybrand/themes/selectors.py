"""What the workshop pages read: candidates with their votes and average scores, the vote
results, and the list of workshops. Query counts do not grow with rows."""

from django.db.models import Avg, Count, Q

from partybrand.themes.access import visible_workshops
from partybrand.themes.models import Candidate, Vote, Workshop


def candidates(workshop: Workshop):
    """The workshop's candidates with this round's votes and the average scores."""
    return (
        Candidate.objects.filter(workshop=workshop)
        .select_related("proposed_by")
        .annotate(
            vote_count=Count("votes", filter=Q(votes__round=workshop.vote_round), distinct=True),
            score_count=Count("scores", distinct=True),
            avg_political=Avg("scores__political"),
            avg_cultural=Avg("scores__cultural"),
            avg_integration=Avg("scores__integration"),
        )
        .order_by("-shortlisted", "-proposer_count", "id")  # Meta.ordering is dropped by GROUP BY
    )


def vote_results(workshop: Workshop) -> list[dict]:
    """This round's ballot with the votes each got, most votes first: the chart's rows."""
    if not workshop.vote_round:
        return []
    counts = dict(
        Vote.objects.filter(workshop=workshop, round=workshop.vote_round)
        .values_list("candidate")
        .annotate(n=Count("id"))
    )
    names = dict(Candidate.objects.filter(pk__in=workshop.ballot).values_list("pk", "name"))
    rows = [
        {"name": names[pk], "value": counts.get(pk, 0)} for pk in workshop.ballot if pk in names
    ]
    return sorted(rows, key=lambda r: -r["value"])


def my_vote(workshop: Workshop, user):
    if not workshop.vote_round or not user.is_authenticated:
        return None
    return (
        Vote.objects.filter(workshop=workshop, round=workshop.vote_round, voter=user)
        .select_related("candidate")
        .first()
    )


def workshop_rows(user, *, stage: str = ""):
    rows = (
        visible_workshops(user)
        .select_related("brand__org", "decided")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("-updated_at", "-id")
    )
    if stage:
        rows = rows.filter(stage=stage)
    return rows


def checks_summary(report: dict | None) -> dict:
    """Counts of passed and failed checks, and the nearest brand, for lists and cards."""
    if not report:
        return {"known": False}
    checks = report.get("checks", [])
    failed = [c for c in checks if not c.get("passed")]
    nearest = report.get("nearest") or []
    return {
        "known": True,
        "passed": not failed,
        "total": len(checks),
        "failed": failed,
        "nearest": nearest[0] if nearest else None,
    }

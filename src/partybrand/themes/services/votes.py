"""Voting rounds and scores: the members' votes and the staff's and experts' judgement."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.brands.services import ensure_editable
from partybrand.core import clock
from partybrand.textsim.normalize import clean_text
from partybrand.themes.access import NOT_SCORER, NOT_VOTER, can_vote, require, scorer_kind
from partybrand.themes.choices import WorkshopStage
from partybrand.themes.models import Candidate, Score, Vote, Workshop
from partybrand.themes.services.workshops import (
    _audit,
    _locked_candidate,
    _refuse_closed,
    locked_workshop,
)

MIN_BALLOT = 2
COMMENT_MAX = 1000
SCORING_STAGES = {WorkshopStage.COLLECTING, WorkshopStage.VOTING, WorkshopStage.REVIEWING}


def ballot_candidates(workshop: Workshop):
    """Who is on the ballot: the shortlist when there is one, otherwise every candidate."""
    rows = Candidate.objects.filter(workshop=workshop)
    return rows.filter(shortlisted=True) if rows.filter(shortlisted=True).exists() else rows


@transaction.atomic
def voting_open(
    *, actor, workshop: Workshop, opens_at: datetime, closes_at: datetime, now=None
) -> Workshop:
    """Open a voting round between two times on the shortlist (or every candidate). Opening
    again after a round was closed starts a new round: everyone votes once more."""
    now = now or clock.now()
    workshop = locked_workshop(workshop)
    ensure_editable(workshop.brand)
    _refuse_closed(workshop, {WorkshopStage.COLLECTING, WorkshopStage.REVIEWING}, "开启投票")
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "投票截止时间应晚于开始时间。"})
    if closes_at <= now:
        raise ValidationError({"closes_at": "投票截止时间应晚于现在。"})
    ballot = list(ballot_candidates(workshop).values_list("pk", flat=True))
    if len(ballot) < MIN_BALLOT:
        raise ValidationError(f"至少需要 {MIN_BALLOT} 个候选（或入围候选）才能投票。")
    workshop.stage = WorkshopStage.VOTING
    workshop.vote_round += 1
    workshop.vote_opens_at, workshop.vote_closes_at, workshop.ballot = opens_at, closes_at, ballot
    workshop.save(
        update_fields=[
            "stage",
            "vote_round",
            "vote_opens_at",
            "vote_closes_at",
            "ballot",
            "updated_at",
        ]
    )
    _audit(
        actor,
        "theme_voting_open",
        workshop,
        workshop,
        {
            "round": workshop.vote_round,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "candidates": len(ballot),
        },
    )
    return workshop


def voting_is_open(workshop: Workshop, now=None) -> bool:
    now = now or clock.now()
    return (
        workshop.stage == WorkshopStage.VOTING
        and workshop.vote_opens_at is not None
        and workshop.vote_opens_at <= now < workshop.vote_closes_at
    )


@transaction.atomic
def vote_cast(*, actor, workshop: Workshop, candidate: Candidate, now=None) -> Vote:
    """One vote per member per round, only while the round is open."""
    now = now or clock.now()
    require(can_vote(actor, workshop), NOT_VOTER)
    # Locked: a vote and the round's closing do not cross (the vote lands before or is refused).
    workshop = locked_workshop(workshop)
    if workshop.stage != WorkshopStage.VOTING:
        raise ValidationError("现在不在投票阶段。")
    if now < workshop.vote_opens_at:
        raise ValidationError(f"投票尚未开始，开始时间：{clock.text(workshop.vote_opens_at)}。")
    if now >= workshop.vote_closes_at:
        raise ValidationError(f"投票已于 {clock.text(workshop.vote_closes_at)} 截止。")
    if candidate.workshop_id != workshop.pk or candidate.pk not in workshop.ballot:
        raise ValidationError("该候选不在本轮投票名单中。")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                workshop=workshop,
                round=workshop.vote_round,
                candidate=candidate,
                voter=actor,
                cast_at=now,
            )
    except IntegrityError as exc:
        raise ValidationError("您本轮已经投过票，每人每轮限投一票。") from exc
    # Who voted for whom stays out of the audit log: a secret ballot.
    _audit(actor, "theme_vote_cast", workshop, workshop, {"round": workshop.vote_round})
    return vote


@transaction.atomic
def voting_close(*, actor, workshop: Workshop, now=None) -> Workshop:
    """End the round (early, or after its closing time): the workshop moves on to 评议决定."""
    now = now or clock.now()
    workshop = locked_workshop(workshop)
    _refuse_closed(workshop, {WorkshopStage.VOTING}, "结束投票")
    closes_at = min(workshop.vote_closes_at, now)
    workshop.stage = WorkshopStage.REVIEWING
    workshop.vote_closes_at = closes_at
    workshop.save(update_fields=["stage", "vote_closes_at", "updated_at"])
    votes = Vote.objects.filter(workshop=workshop, round=workshop.vote_round).count()
    _audit(
        actor,
        "theme_voting_close",
        workshop,
        workshop,
        {"round": workshop.vote_round, "votes": votes, "closed_at": closes_at},
    )
    return workshop


def _score_value(value, label: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        raise ValidationError({label: "评分应为 1–5 分。"})
    return number


@transaction.atomic
def score_save(
    *,
    actor,
    candidate: Candidate,
    political,
    cultural,
    integration,
    comment: str = "",
) -> Score:
    """A staff member's or an expert's score of a candidate; scoring again replaces it."""
    candidate = _locked_candidate(candidate)
    workshop = candidate.workshop
    kind = scorer_kind(actor, workshop)
    require(kind is not None, NOT_SCORER)
    _refuse_closed(workshop, SCORING_STAGES, "评分")
    values = {
        "political": _score_value(political, "political"),
        "cultural": _score_value(cultural, "cultural"),
        "integration": _score_value(integration, "integration"),
        "comment": clean_text(comment or "").strip()[:COMMENT_MAX],
        "kind": kind,
    }
    score, created = Score.objects.update_or_create(
        candidate=candidate, scorer=actor, defaults=values
    )
    _audit(
        actor,
        "theme_score_save",
        candidate,
        workshop,
        {"name": candidate.name, "kind": kind, "created": created, **values},
    )
    return score

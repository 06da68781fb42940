"""The public vote is optional: a round that offered it but drew no votes ranks on the experts'
scores alone, not on scores cut by the vote's weight; once someone votes, the weight applies."""

from decimal import Decimal

from partybrand.rounds.models import Entry, ScoreSheet
from partybrand.rounds.services import publicity, results, scoring
from tests.rounds.panel_helpers import full_marks, panel_round


def score_everything(round_, entries, members, rate="0.9"):
    for member in members:
        for entry in entries:
            scoring.sheet_save(
                actor=member.user,
                sheet=ScoreSheet.objects.get(assignment__member=member, entry=entry),
                items=full_marks(round_, rate),
                submit=True,
            )


def test_no_votes_leave_the_expert_scores_and_tiers_as_they_are(world):
    round_, entries, members = panel_round(world, vote_enabled=True, vote_weight=Decimal("0.2"))
    score_everything(round_, entries, members)
    ranked = results.results_compute(actor=world.staff, round=round_)
    for entry in ranked:
        assert entry.final_score == entry.expert_score == Decimal("90.00")
        assert entry.awarded_tier.name == "示范品牌"  # 90 ≥ 85, not 72


def test_a_vote_cast_weighs_in_as_the_round_says(world):
    round_, entries, members = panel_round(world, vote_enabled=True, vote_weight=Decimal("0.2"))
    score_everything(round_, entries, members)
    publicity.vote_cast(actor=world.member, round=round_, entry=entries[1])
    results.results_compute(actor=world.staff, round=round_)
    voted, other = Entry.objects.get(pk=entries[1].pk), Entry.objects.get(pk=entries[0].pk)
    assert voted.final_score == Decimal("92.00")  # 90 × 0.8 + 100 × 0.2
    assert other.final_score == Decimal("72.00")  # 90 × 0.8 + 0 × 0.2

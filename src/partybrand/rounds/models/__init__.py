"""The models of 评选 rounds, one module per topic."""

from partybrand.rounds.models.entry import Entry, EntryReview
from partybrand.rounds.models.panel import (
    Assignment,
    ConflictDeclaration,
    PanelGroup,
    PanelMember,
    RoadshowSession,
    ScoreSheet,
)
from partybrand.rounds.models.publicity import NamingDecision, Objection, Vote
from partybrand.rounds.models.round import Round, RoundStage, RoundTier

__all__ = [
    "Assignment",
    "ConflictDeclaration",
    "Entry",
    "EntryReview",
    "NamingDecision",
    "Objection",
    "PanelGroup",
    "PanelMember",
    "RoadshowSession",
    "Round",
    "RoundStage",
    "RoundTier",
    "ScoreSheet",
    "Vote",
]

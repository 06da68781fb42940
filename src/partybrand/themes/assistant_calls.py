"""What the workshop asks the AI assistant, the same whether asked in the request (the offline
engine answers at once) or in the background (a configured model: assistant_jobs.py), and the
drafts written as plain data (kept in the session or in a job's result) and read back.

Every answer is a draft: nothing here changes a candidate; a person accepts a draft on the
assistant page."""

from __future__ import annotations

from dataclasses import asdict

from partybrand.assistant.base import Provider
from partybrand.assistant.drafts import (
    CandidateDraft,
    CritiqueComment,
    CritiqueDraft,
    DroppedDraft,
    MeaningDraft,
)
from partybrand.assistant.people import guard_member_names
from partybrand.assistant.services import assistant_candidates, org_context
from partybrand.core.ids import is_id
from partybrand.themes.checks import workshop_avoid
from partybrand.themes.models import Candidate, Workshop


def candidate_choice(workshop: Workshop, raw) -> Candidate | None:
    """The workshop's candidate picked on the page (or named in a job), None when there is none."""
    if not is_id(raw):
        return None
    return workshop.candidates.filter(pk=int(raw)).first()


def generate(*, actor, workshop: Workshop, keywords, count: int, provider: Provider) -> dict:
    """Drafts of names and slogans, the ones dropped and why, as plain data."""
    brand = workshop.brand
    drafts = assistant_candidates(
        actor=actor,
        org=brand.org,
        brand=brand,
        keywords=keywords,
        count=count,
        avoid=workshop_avoid(workshop),
        provider=provider,
    )
    return {
        "drafts": [asdict(d) for d in drafts],
        "dropped": [asdict(d) for d in drafts.dropped],
        "source": drafts.source,
    }


def read_candidates(saved: dict) -> tuple[list[CandidateDraft], list[DroppedDraft], str] | None:
    try:
        drafts = [CandidateDraft(**d) for d in saved["drafts"]]
        dropped = [DroppedDraft(**d) for d in saved["dropped"]]
    except (KeyError, TypeError):
        return None
    return drafts, dropped, saved.get("source", "")


def _guarded_context(workshop: Workshop, candidate: Candidate, provider: Provider):
    """What the provider may know of the organisation, once the texts going out were checked
    for members' names."""
    ctx = org_context(org=workshop.brand.org, brand=workshop.brand)
    typed = f"{candidate.name}\n{candidate.slogan}\n{candidate.meaning}\n{ctx.culture}"
    guard_member_names(typed, org=workshop.brand.org, provider=provider)
    return ctx


def explain(workshop: Workshop, candidate: Candidate, provider: Provider) -> MeaningDraft:
    ctx = _guarded_context(workshop, candidate, provider)
    return provider.explain_meaning(candidate.name, candidate.slogan, ctx)


def critique(workshop: Workshop, candidate: Candidate, provider: Provider) -> CritiqueDraft:
    ctx = _guarded_context(workshop, candidate, provider)
    return provider.critique(candidate.name, candidate.slogan, ctx)


def read_meaning(saved: dict) -> MeaningDraft | None:
    try:
        phrases = [(str(p), str(e)) for p, e in saved.get("phrases", [])]
        return MeaningDraft(**{**saved, "phrases": phrases})
    except (TypeError, ValueError):
        return None


def read_critique(saved: dict) -> CritiqueDraft | None:
    try:
        comments = [CritiqueComment(**c) for c in saved.get("comments", [])]
        return CritiqueDraft(**{**saved, "comments": comments})
    except TypeError:
        return None

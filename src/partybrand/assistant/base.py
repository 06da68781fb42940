"""The provider interface. Subclasses write drafts; the base class guards what goes out and
filters what comes back, so every provider's answer passes the same gates."""

from dataclasses import replace

from partybrand.assistant.drafts import (
    CandidateDraft,
    CandidateList,
    CandidateRequest,
    CritiqueDraft,
    DroppedDraft,
    MeaningDraft,
    OrgContext,
)
from partybrand.assistant.lexicons import forbidden_hits
from partybrand.assistant.privacy import guard_outgoing
from partybrand.assistant.section_drafts import SectionDraft, SectionRequest
from partybrand.textsim.normalize import normalize

TO_CHECK = "（AI 草稿含有禁用词，已删除，请人工撰写）"


class Provider:
    """An AI assistant backend. `candidates`, `explain_meaning` and `critique` return drafts
    that a person still has to accept; subclasses implement the underscored methods."""

    source = ""

    def candidates(self, request: CandidateRequest) -> CandidateList:
        guard_outgoing(request.context.outgoing_text())
        drafts = self._candidates(request)
        return filter_candidates(drafts, request, source=self.source)

    def explain_meaning(self, name: str, slogan: str, context: OrgContext) -> MeaningDraft:
        guard_outgoing(f"{name}\n{slogan}\n{context.outgoing_text()}")
        draft = self._explain_meaning(name.strip(), slogan.strip(), context)
        phrases = [(p, TO_CHECK if forbidden_hits(e) else e) for p, e in draft.phrases]
        summary = TO_CHECK if forbidden_hits(draft.summary) else draft.summary
        hits = [term for term, _ in forbidden_hits(f"{name} {slogan}")]
        return replace(draft, phrases=phrases, summary=summary, forbidden=hits)

    def critique(self, name: str, slogan: str, context: OrgContext) -> CritiqueDraft:
        guard_outgoing(f"{name}\n{slogan}\n{context.outgoing_text()}")
        draft = self._critique(name.strip(), slogan.strip(), context)
        # The forbidden list is ours to apply, whatever the provider said about it.
        return replace(draft, forbidden=[term for term, _ in forbidden_hits(f"{name} {slogan}")])

    def section_draft(self, request: SectionRequest) -> SectionDraft:
        """A draft of one section of a document, written from `request.facts`."""
        guard_outgoing(request.outgoing_text())
        draft = self._section_draft(request)
        # Forbidden words the provider brought in are named for the person deciding; words of
        # the facts themselves (a KPI "保持100%") are the record, not the writer's claim.
        given = "\n".join(request.facts)
        hits = [term for term, _ in forbidden_hits(draft.text) if term not in given]
        return replace(draft, forbidden=hits)

    def _candidates(self, request: CandidateRequest) -> list[CandidateDraft]:
        raise NotImplementedError

    def _section_draft(self, request: SectionRequest) -> SectionDraft:
        raise NotImplementedError

    def _explain_meaning(self, name: str, slogan: str, context: OrgContext) -> MeaningDraft:
        raise NotImplementedError

    def _critique(self, name: str, slogan: str, context: OrgContext) -> CritiqueDraft:
        raise NotImplementedError


def filter_candidates(
    drafts: list[CandidateDraft], request: CandidateRequest, *, source: str
) -> CandidateList:
    """Keep up to `request.count` drafts; drop, with the reason, those with forbidden terms,
    those named like an existing brand and those the `avoid` hook rejects."""
    kept: list[CandidateDraft] = []
    dropped: list[DroppedDraft] = []
    seen: set[str] = set()
    existing = {normalize(n): n for n in request.context.avoid_names}
    for draft in drafts:
        if len(kept) == request.count:
            break
        folded = normalize(draft.name)
        if not folded or folded in seen:
            continue
        seen.add(folded)
        reason = ""
        if hits := forbidden_hits(f"{draft.name} {draft.slogan}"):
            reason = "含有禁用词" + "".join(f"“{t}”（{c}）" for t, c in hits)
        elif folded in existing:
            reason = f"与已有品牌“{existing[folded]}”重名"
        elif request.avoid is not None and (avoided := request.avoid(draft.name, draft.slogan)):
            # the hook may say why (which brand, how close); True alone gets the plain reason
            reason = avoided if isinstance(avoided, str) else "与已有品牌过于相近"
        if reason:
            dropped.append(DroppedDraft(draft.name, draft.slogan, reason))
        else:
            kept.append(draft)
    return CandidateList(kept, source=source, dropped=dropped)

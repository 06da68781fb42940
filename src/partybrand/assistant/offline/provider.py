"""The offline engine as a provider: deterministic, no network, always available."""

from partybrand.assistant.base import Provider
from partybrand.assistant.drafts import CandidateRequest, OrgContext
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.critique import critique
from partybrand.assistant.offline.generate import generate
from partybrand.assistant.offline.meaning import explain

# Extra candidates generated so that the list is still full after the filters drop some.
MARGIN = 10


class OfflineProvider(Provider):
    source = "offline"

    def _candidates(self, request: CandidateRequest):
        return generate(request.context, request.count + MARGIN, load())

    def _explain_meaning(self, name: str, slogan: str, context: OrgContext):
        return explain(name, slogan, context, load())

    def _critique(self, name: str, slogan: str, context: OrgContext):
        return critique(name, slogan, context, load())

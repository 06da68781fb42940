"""The offline engine as a provider: no network, always available. Candidates come from the
trade engine (offline/trade_drafts.py): new ones on every request, the same ones for the same
`seed`."""

from partybrand.assistant.base import Provider
from partybrand.assistant.drafts import CandidateDraft, CandidateRequest, OrgContext
from partybrand.assistant.lexicons import load
from partybrand.assistant.offline.critique import critique
from partybrand.assistant.offline.material import Material
from partybrand.assistant.offline.meaning import explain
from partybrand.assistant.offline.section_writer import compose
from partybrand.assistant.offline.trade_drafts import draft_set
from partybrand.assistant.trades import trade_by_code

# Extra candidates generated so that the list is still full after the filters drop some.
MARGIN = 10
VERSION = "offline.v2"


class OfflineProvider(Provider):
    source = "offline"
    trade: dict | None = None  # the trade of the last request, shown with its drafts

    def candidates(self, request: CandidateRequest):
        found = super().candidates(request)
        found.trade = self.trade
        return found

    def _candidates(self, request: CandidateRequest):
        ctx = request.context
        material = Material(
            business=ctx.business,
            name=ctx.org_name,
            culture=ctx.culture,
            keywords=ctx.keywords,
            region=ctx.region,
            honours=ctx.honours,
            kpis=ctx.kpis,
        )
        trade = ctx.trade if trade_by_code(ctx.trade) else ""
        found = draft_set(
            material, load(), count=request.count + MARGIN, seed=request.seed, trade=trade
        )
        self.trade = found.guess.as_json()
        return [
            CandidateDraft(d.name, d.slogan, d.pattern, d.meaning, self.source, VERSION)
            for d in found.drafts
        ]

    def _explain_meaning(self, name: str, slogan: str, context: OrgContext):
        return explain(name, slogan, context, load())

    def _critique(self, name: str, slogan: str, context: OrgContext):
        return critique(name, slogan, context, load())

    def _section_draft(self, request):
        return compose(request)

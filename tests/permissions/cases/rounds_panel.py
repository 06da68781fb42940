"""Permission cases of a round's panel, score sheets, 路演, results, vote and 公示. The group's
党建工作部 (staff) runs the round; `expert` (郑专家) sits on its panel with three others; the
branch secretaries (secretary, outsider) and members see the published round and its 公示; the
committee's administrator (committee_admin) issues the 命名决定."""

from datetime import timedelta

from partybrand.brands.models import Brand
from partybrand.core import clock
from partybrand.rounds.models import Entry, Objection, Round, ScoreSheet
from partybrand.rounds.services import panel, publicity, results, scoring
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists
from tests.rounds.panel_helpers import full_marks, panel_round, prescreened_round


def panel_world(w):
    round_, entries, members = panel_round(w)
    member = panel.member_add(actor=w.staff, round=round_, user=w.expert, group=members[0].group)
    panel.assign(actor=w.staff, round=round_, member=member, entries=entries)
    return round_, entries, [*members, member]


def round_kw(w):
    return {"pk": panel_world(w)[0].pk}


def sheet_kw(w):
    _round, entries, _members = panel_world(w)
    return {"pk": ScoreSheet.objects.get(assignment__member__user=w.expert, entry=entries[0]).pk}


def scored(w):
    round_, entries, members = panel_world(w)
    for member in members:
        for entry in entries:
            scoring.sheet_save(
                actor=member.user,
                sheet=ScoreSheet.objects.get(assignment__member=member, entry=entry),
                items=full_marks(round_, "0.9"),
                submit=True,
            )
    return round_


def scored_kw(w):
    return {"pk": scored(w).pk}


def publicized(w):
    round_ = scored(w)
    results.results_compute(actor=w.staff, round=round_)
    results.results_confirm(actor=w.staff, round=round_)
    return publicity.publicity_start(actor=w.staff, round=round_)


def publicized_kw(w):
    return {"pk": publicized(w).pk}


def ended_kw(w):
    """Publicized, with the 公示 over (its last day yesterday) and nothing objected."""
    round_ = publicized(w)
    ended = clock.today() - timedelta(days=1)
    Round.objects.filter(pk=round_.pk).update(publicity_ends_on=ended)
    Brand.objects.filter(round_entries__round=round_).update(publicity_ends_on=ended)
    return {"pk": round_.pk}


def objection_kw(w):
    round_ = publicized(w)
    made = publicity.objection_raise(actor=w.member, round=round_, text="请核实该品牌的成效数据")
    return {"pk": made.pk}


def vote_kw(w):
    round_, _ = prescreened_round(w, vote_enabled=True)
    return {"pk": round_.pk}


def sheet_post(w):
    round_ = Round.objects.get()
    return {
        "action": "submit",
        "comments": "成效扎实",
        **{f"item_{k}": v for k, v in full_marks(round_, "0.8").items()},
    }


SHEET_SUBMITTED = exists(
    "rounds.ScoreSheet", assignment__member__user__username="expert", status="submitted"
)
# Pages of whoever runs the round: everyone else under the group sees the round (403).
RUN = {"allowed": "staff", "readonly": "secretary", "outsider_status": (403,)}
# Pages of everyone who sees the round.
SEEN = {"allowed": "member", "readonly": None, "outsider": None}

PERMISSION_CASES = [
    Case("rounds:panel", round_kw, **RUN),
    Case(
        "rounds:panel",
        round_kw,
        method="post",
        data=lambda w: {"action": "group", "g-name": "第二评审组"},
        allowed_status=(302,),
        effect=exists("rounds.PanelGroup", name="第二评审组"),
        **RUN,
    ),
    Case("rounds:my_sheets", round_kw, allowed="expert", readonly=None, outsider_status=(403,)),
    Case("rounds:sheet", sheet_kw, allowed="expert", readonly=None),
    Case(
        "rounds:sheet",
        sheet_kw,
        method="post",
        data=sheet_post,
        allowed="expert",
        readonly="staff",
        allowed_status=(302,),
        effect=SHEET_SUBMITTED,
    ),
    Case("rounds:roadshow", round_kw, **RUN),
    Case(
        "rounds:roadshow",
        round_kw,
        method="post",
        data=lambda w: {"action": "start", "s-minutes": "6"},
        allowed="staff",
        readonly="expert",
        outsider_status=(403,),
        allowed_status=(302,),
        effect=exists("rounds.RoadshowSession", minutes_per_entry=6),
    ),
    Case("rounds:roadshow_screen", round_kw, **SEEN),
    Case("rounds:results", scored_kw, **RUN),
    Case(
        "rounds:results",
        scored_kw,
        method="post",
        data=lambda w: {"action": "compute"},
        allowed_status=(302,),
        effect=lambda w: Entry.objects.filter(rank=1).exists(),
        **RUN,
    ),
    Case("rounds:score_matrix", scored_kw, **RUN),
    Case("rounds:vote", vote_kw, allowed="member", readonly=None, outsider=None),
    Case(
        "rounds:vote",
        vote_kw,
        method="post",
        data=lambda w: {"entry": Entry.objects.order_by("id").first().pk},
        allowed="member",
        readonly="expert",
        outsider=None,
        allowed_status=(302,),
        effect=exists("rounds.Vote", voter__username="member"),
    ),
    Case("rounds:publicity", publicized_kw, **SEEN),
    Case(
        "rounds:publicity",
        publicized_kw,
        method="post",
        data=lambda w: {"action": "object", "o-text": "名单中有品牌材料不实"},
        allowed="member",
        readonly=None,
        outsider=None,
        allowed_status=(302,),
        effect=exists("rounds.Objection", text="名单中有品牌材料不实"),
    ),
    Case(
        "rounds:publicity",
        ended_kw,
        method="post",
        note="naming",
        data=lambda w: {"action": "name"},
        allowed="committee_admin",
        readonly="staff",
        outsider_status=(403,),
        allowed_status=(302,),
        effect=exists("rounds.NamingDecision", doc_number__contains="〔"),
    ),
    Case(
        "rounds:objection_answer",
        objection_kw,
        method="post",
        data=lambda w: {"a-answer": "经核实，成效数据有台账佐证。"},
        allowed_status=(302,),
        effect=lambda w: Objection.objects.filter(answered_at__isnull=False).exists(),
        **RUN,
    ),
]


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


def member_kw(w):
    panel_world(w)
    return {"pk": w.expert.round_panels.get().pk}


def vote_made_kw(w):
    round_, entries = prescreened_round(w, vote_enabled=True)
    return {"pk": publicity.vote_cast(actor=w.member, round=round_, entry=entries[0]).pk}


def scored_publicized_entry(w):
    return Entry.objects.filter(status="publicized").order_by("id").first().pk


def computed_kw(w):
    round_ = scored(w)
    results.results_compute(actor=w.staff, round=round_)
    return {"pk": round_.pk}


def confirmed_kw(w):
    kw = computed_kw(w)
    results.results_confirm(actor=w.staff, round=Round.objects.get(pk=kw["pk"]))
    return kw


LISTED = {"allowed": "member", "readonly": None, "outsider_status": (200,)}

PERMISSION_CASES += [
    _api(url_name="api:round-panel-member-list", **LISTED),
    _api(
        url_name="api:round-panel-member-list",
        method="post",
        data=lambda w: {"round": panel_world(w)[0].pk, "user": w.committee_admin.pk},
        allowed="staff",
        readonly="secretary",
        outsider_status=(403,),
        allowed_status=(201,),
        effect=exists("rounds.PanelMember", user__username="committeeadmin"),
    ),
    _api(
        url_name="api:round-panel-member-detail", kwargs=member_kw, allowed="expert", readonly=None
    ),
    _api(url_name="api:round-sheet-list", **LISTED),
    _api(url_name="api:round-sheet-detail", kwargs=sheet_kw, allowed="expert", readonly=None),
    _api(
        url_name="api:round-sheet-score",
        kwargs=sheet_kw,
        method="post",
        data=lambda w: {
            "items": full_marks(Round.objects.get(), "0.8"),
            "comments": "成效扎实",
            "submit": True,
        },
        allowed="expert",
        readonly="staff",
        effect=SHEET_SUBMITTED,
    ),
    _api(url_name="api:round-vote-list", **LISTED),
    _api(url_name="api:round-vote-detail", kwargs=vote_made_kw, allowed="member", readonly=None),
    _api(
        url_name="api:round-vote-list",
        method="post",
        data=lambda w: {
            "round": vote_kw(w)["pk"],
            "entry": Entry.objects.order_by("id").first().pk,
        },
        allowed="member",
        readonly="expert",
        outsider=None,
        allowed_status=(201,),
        effect=exists("rounds.Vote", voter__username="member"),
    ),
    _api(url_name="api:round-objection-list", **LISTED),
    _api(
        url_name="api:round-objection-detail",
        kwargs=objection_kw,
        allowed="member",
        readonly=None,
        outsider=None,
    ),
    _api(
        url_name="api:round-objection-list",
        method="post",
        data=lambda w: {
            "round": publicized(w).pk,
            "entry": scored_publicized_entry(w),
            "text": "名单中有品牌材料不实",
        },
        allowed="member",
        readonly=None,
        outsider=None,
        allowed_status=(201,),
        effect=exists("rounds.Objection", text="名单中有品牌材料不实"),
    ),
    _api(
        url_name="api:round-objection-answer",
        kwargs=objection_kw,
        method="post",
        data=lambda w: {"answer": "经核实，成效数据有台账佐证。"},
        effect=lambda w: Objection.objects.filter(answered_at__isnull=False).exists(),
        **RUN,
    ),
    _api(url_name="api:round-result-list", allowed="staff", readonly=None, outsider_status=(200,)),
    _api(url_name="api:round-result-detail", kwargs=scored_kw, **RUN),
    _api(
        url_name="api:round-result-compute",
        kwargs=scored_kw,
        method="post",
        effect=lambda w: Entry.objects.filter(rank=1).exists(),
        **RUN,
    ),
    _api(
        url_name="api:round-result-confirm",
        kwargs=computed_kw,
        method="post",
        effect=lambda w: Round.objects.filter(results_confirmed_at__isnull=False).exists(),
        **RUN,
    ),
    _api(
        url_name="api:round-result-publicize",
        kwargs=confirmed_kw,
        method="post",
        effect=exists("rounds.Round", status="publicizing"),
        **RUN,
    ),
    _api(
        url_name="api:round-result-naming",
        kwargs=ended_kw,
        method="post",
        allowed="committee_admin",
        readonly="staff",
        outsider_status=(403,),
        effect=exists("rounds.NamingDecision", doc_number__contains="〔"),
    ),
]

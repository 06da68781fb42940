"""Candidates: proposing (a phone-friendly form), their page with checks and scores, editing,
the shortlist, and the members' ballot."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.ids import is_id
from partybrand.themes import selectors
from partybrand.themes.access import (
    NOT_PROPOSER,
    NOT_SCORER,
    NOT_VOTER,
    access_candidate,
    access_workshop,
    can_manage,
    can_propose,
    can_vote,
    require,
    scorer_kind,
    scorer_label,
    sees_tally,
)
from partybrand.themes.choices import SCORE_FIELDS, CandidateSource
from partybrand.themes.forms import CandidateForm, ProposalForm, ScoreForm, phrases_text
from partybrand.themes.models import Candidate
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from partybrand.themes.views.workshops import back_to_workshop


def _candidate_back(candidate, anchor: str = ""):
    return redirect_to("themes:candidate_detail", anchor, pk=candidate.pk)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_propose(request, pk):
    """Members propose here (on a phone); the branch's staff add theirs with the full form."""
    workshop = access_workshop(request.user, pk)
    manage = can_manage(request.user, workshop)
    require(can_propose(request.user, workshop), NOT_PROPOSER)
    form_class = CandidateForm if manage else ProposalForm
    form = form_class(request.POST or None)
    return form_action(
        request,
        form,
        lambda data: services.candidate_add(
            actor=request.user,
            workshop=workshop,
            name=data["name"],
            slogan=data.get("slogan", ""),
            meaning=data.get("meaning", ""),
            phrases=data.get("phrases") or (),
            source=CandidateSource.STAFF if manage else CandidateSource.MEMBER,
            now=clock.now(),
        ),
        success=lambda added: (
            f"已提出候选“{added[0].name}”，自动检测结果见下方。"
            if added[1]
            else (messages.INFO, f"“{added[0].name}”已有人提出，已为其增加一位提议人。")
        ),
        done=lambda added: _candidate_back(added[0], "checks"),
        page=lambda form: render(
            request,
            "themes/candidate_form.html",
            {"workshop": workshop, "brand": workshop.brand, "form": form, "manage": manage},
        ),
    )


@login_required
@require_GET
def candidate_detail(request, pk):
    return _candidate_page(request, access_candidate(request.user, pk))


def _candidate_page(request, candidate, *, score_form=None):
    """The candidate's page; a refused score comes back in `score_form` as typed."""
    workshop = candidate.workshop
    services.fill_missing_checks([candidate])
    kind = scorer_kind(request.user, workshop)
    scores = list(candidate.scores.select_related("scorer"))
    averages = {
        label: round(sum(getattr(s, field) for s in scores) / len(scores), 1) if scores else None
        for field, label in SCORE_FIELDS
    }
    mine = next((s for s in scores if s.scorer_id == request.user.pk), None)
    if kind and score_form is None:
        initial = {f: getattr(mine, f) for f, _ in SCORE_FIELDS} if mine else {}
        if mine:
            initial["comment"] = mine.comment
        score_form = ScoreForm(initial=initial)
    return render(
        request,
        "themes/candidate_detail.html",
        {
            "candidate": candidate,
            "workshop": workshop,
            "brand": workshop.brand,
            "report": candidate.check_report or {},
            "scores": scores,
            "averages": averages,
            "score_form": score_form,
            "scorer_kind": kind,
            "scorer_label": scorer_label(request.user, workshop, kind),
            "can_manage": can_manage(request.user, workshop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk):
    candidate = access_candidate(request.user, pk, for_manage=True)
    initial = {
        "name": candidate.name,
        "slogan": candidate.slogan,
        "meaning": candidate.meaning,
        "phrases": phrases_text(candidate.phrases),
    }
    form = CandidateForm(request.POST or None, initial=initial, version=candidate.version)
    workshop = candidate.workshop
    return form_action(
        request,
        form,
        lambda data: services.candidate_update(
            actor=request.user, candidate=candidate, now=clock.now(), **data
        ),
        success="已保存，并已重新检测。",
        done=_candidate_back(candidate, "checks"),
        page=lambda form: render(
            request,
            "themes/candidate_form.html",
            {
                "workshop": workshop,
                "brand": workshop.brand,
                "form": form,
                "manage": True,
                "candidate": candidate,
            },
        ),
    )


@login_required
@require_POST
def candidate_recheck(request, pk):
    candidate = access_candidate(request.user, pk, for_manage=True)
    return form_action(
        request,
        None,
        lambda _: services.candidate_recheck(
            actor=request.user, candidate=candidate, now=clock.now()
        ),
        success="已重新检测。",
        done=_candidate_back(candidate, "checks"),
    )


@login_required
@require_POST
def candidate_shortlist(request, pk):
    candidate = access_candidate(request.user, pk, for_manage=True)
    want = request.POST.get("shortlisted") == "1"
    return form_action(
        request,
        None,
        lambda _: services.candidate_shortlist(
            actor=request.user, candidate=candidate, shortlisted=want
        ),
        success=f"“{candidate.name}”{'已标记入围' if want else '已取消入围'}。",
        done=back_to_workshop(candidate.workshop, "candidates"),
        failed="",
    )


@login_required
@require_POST
def candidate_delete(request, pk):
    candidate = access_candidate(request.user, pk, for_manage=True)
    return form_action(
        request,
        None,
        lambda _: services.candidate_delete(actor=request.user, candidate=candidate),
        success=f"已删除候选“{candidate.name}”。",
        done=back_to_workshop(candidate.workshop, "candidates"),
        failed="",
    )


@login_required
@require_POST
def score_save(request, pk):
    candidate = access_candidate(request.user, pk)
    require(scorer_kind(request.user, candidate.workshop) is not None, NOT_SCORER)
    return form_action(
        request,
        ScoreForm(request.POST),
        lambda d: services_votes.score_save(actor=request.user, candidate=candidate, **d),
        success="评分已保存。",
        done=_candidate_back(candidate, "scores"),
        page=lambda form: _candidate_page(request, candidate, score_form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request, pk):
    """The members' voting page, made for a phone: one tap per candidate, one vote a round."""
    workshop = access_workshop(request.user, pk)
    require(can_vote(request.user, workshop), NOT_VOTER)
    now = clock.now()
    if request.method == "POST":
        rows = Candidate.objects.filter(workshop=workshop, pk__in=workshop.ballot)
        choice = request.POST.get("candidate", "")
        if not is_id(choice):
            messages.error(request, "请选择一个候选后再投票。")
            return redirect_to("themes:ballot", pk=workshop.pk)
        candidate = get_object_or_404(rows, pk=int(choice))
        return form_action(
            request,
            None,
            lambda _: services_votes.vote_cast(
                actor=request.user, workshop=workshop, candidate=candidate, now=now
            ),
            success=None,  # the ballot page itself says “您已投票给…”
            done=redirect_to("themes:ballot", pk=workshop.pk),
            failed="未投票：",
        )
    ballot_rows = [c for c in selectors.candidates(workshop) if c.pk in workshop.ballot]
    my_vote = selectors.my_vote(workshop, request.user)
    show_tally = sees_tally(request.user, workshop, now=now, voted=my_vote is not None)
    return render(
        request,
        "themes/ballot.html",
        {
            "workshop": workshop,
            "brand": workshop.brand,
            "ballot": ballot_rows,
            "voting_open": services_votes.voting_is_open(workshop, now),
            "my_vote": my_vote,
            "results": selectors.vote_results(workshop) if show_tally else [],
            "now": now,
        },
    )

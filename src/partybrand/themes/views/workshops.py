"""The workshop pages: the list, a brand's workshop, and its stage changes (voting, decision,
publicity, adoption). Candidates are in views_candidates.py, the assistant in
views_assistant.py."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from partybrand.brands.access import access_brand
from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.orgs.tree import subtree_q
from partybrand.surveys.models import Survey
from partybrand.themes import selectors
from partybrand.themes.access import (
    access_objection,
    access_workshop,
    can_manage,
    can_propose,
    can_vote,
    invitable_experts,
    scorer_kind,
    sees_tally,
)
from partybrand.themes.choices import STAGE_ORDER, WorkshopStage
from partybrand.themes.forms import (
    DecisionForm,
    ExpertInviteForm,
    ObjectionAnswerForm,
    ObjectionForm,
    SurveyImportForm,
    VotingForm,
    WithdrawForm,
)
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services


def back_to_workshop(workshop, anchor: str = ""):
    return redirect_to("themes:workshop_detail", anchor, pk=workshop.pk)


def importable_surveys(workshop):
    brand = workshop.brand
    return (
        Survey.objects.filter(
            subtree_q(brand.org.path, "org__path"), questions__kind="name_proposal"
        )
        .distinct()
        .order_by("-created_at")
    )


@login_required
@require_GET
def workshop_list(request):
    stage = request.GET.get("stage", "")
    if stage not in WorkshopStage.values:
        stage = ""
    page = paginate(request, selectors.workshop_rows(request.user, stage=stage))
    return render(
        request,
        "themes/workshop_list.html",
        {"page": page, "stage": stage, "stages": WorkshopStage.choices},
    )


@login_required
@require_POST
def workshop_start(request, pk):
    brand = access_brand(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services.workshop_start(actor=request.user, brand=brand),
        success="主题征集已开始：可以邀请党员提议、导入问卷或请 AI 助手起草。",
        done=back_to_workshop,
        page=redirect_to("brands:brand_detail", pk=brand.pk),
        failed="",
    )


def _stages(workshop):
    current = STAGE_ORDER.index(workshop.stage)
    return [
        {"label": WorkshopStage(s).label, "done": i < current, "current": i == current}
        for i, s in enumerate(STAGE_ORDER)
    ]


@login_required
@require_GET
def workshop_detail(request, pk):
    return workshop_page(request, access_workshop(request.user, pk))


def workshop_page(request, workshop, *, answer_forms=None, **forms):
    """The workshop's page; a refused side form comes back in `forms` (import_form, voting_form,
    decision_form, objection_form, invite_form, withdraw_form) or, for an objection's answer, in
    `answer_forms` keyed by the objection's id, with what was typed."""
    user = request.user
    rows = list(selectors.candidates(workshop))
    services.fill_missing_checks(rows)
    for row in rows:
        row.summary = selectors.checks_summary(row.check_report)
    manage = can_manage(user, workshop)
    now = clock.now()
    context = {
        "workshop": workshop,
        "brand": workshop.brand,
        "candidates": rows,
        "stages": _stages(workshop),
        "can_manage": manage,
        "can_propose": can_propose(user, workshop),
        "can_vote": can_vote(user, workshop),
        "scorer_kind": scorer_kind(user, workshop),
        "voting_open": services_votes.voting_is_open(workshop, now),
        "my_vote": selectors.my_vote(workshop, user),
        "objections": _objections(workshop, answer_forms or {}),
        "now": now,
        "objection_form": ObjectionForm(),
        "withdraw_form": WithdrawForm(),
    }
    context["show_tally"] = sees_tally(
        user, workshop, now=now, voted=context["my_vote"] is not None
    )
    if context["show_tally"]:
        context["results"] = selectors.vote_results(workshop)
    if workshop.stage == WorkshopStage.PUBLICIZING:
        context["blockers"] = services_decision.adoption_blockers(workshop, now)
        context["publicity_open"] = now < workshop.publicity_ends_at
    if manage:
        context.update(
            import_form=SurveyImportForm(surveys=importable_surveys(workshop)),
            voting_form=VotingForm.with_defaults(),
            decision_form=DecisionForm(
                candidates=workshop.candidates.all(),
                initial={"candidate": rows and max(rows, key=lambda r: r.vote_count).pk},
            ),
            invite_form=ExpertInviteForm(experts=invitable_experts().order_by("username")),
            invites=workshop.invites.select_related("expert"),
        )
    context.update(forms)
    return render(request, "themes/workshop_detail.html", context)


def _objections(workshop, answer_forms: dict) -> list:
    rows = list(workshop.objections.select_related("author", "answered_by"))
    for row in rows:
        row.answer_form = answer_forms.get(row.pk) or ObjectionAnswerForm(
            initial={"answer": row.answer, "resolved": True}
        )
    return rows


def _workshop_form(request, workshop, form, call, *, success, slot: str, anchor: str):
    """A side form of the workshop page: back to its part of the page on success, the page with
    the form as typed if refused."""
    return form_action(
        request,
        form,
        call,
        success=success,
        done=back_to_workshop(workshop, anchor),
        page=lambda form: workshop_page(request, workshop, **{slot: form}),
    )


def _workshop_button(request, workshop, call, *, success: str, anchor: str, failed=""):
    return form_action(
        request,
        None,
        call,
        success=success,
        done=back_to_workshop(workshop, anchor),
        failed=failed,
    )


@login_required
@require_POST
def survey_import(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_form(
        request,
        workshop,
        SurveyImportForm(request.POST, surveys=importable_surveys(workshop)),
        lambda d: services.survey_import(actor=request.user, workshop=workshop, survey=d["survey"]),
        success=lambda r: (
            f"已导入 {r['proposals']} 条名称建议：新增候选 {r['added']} 个，"
            f"与已有候选合并 {r['merged']} 个。"
        ),
        slot="import_form",
        anchor="candidates",
    )


@login_required
@require_POST
def voting_open(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_form(
        request,
        workshop,
        VotingForm(request.POST),
        lambda d: services_votes.voting_open(
            actor=request.user, workshop=workshop, now=clock.now(), **d
        ),
        success=lambda w: f"第 {w.vote_round} 轮投票已开启。",
        slot="voting_form",
        anchor="voting",
    )


@login_required
@require_POST
def voting_close(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_button(
        request,
        workshop,
        lambda _: services_votes.voting_close(
            actor=request.user, workshop=workshop, now=clock.now()
        ),
        success="投票已结束，请结合投票结果和评分作出决定。",
        anchor="voting",
    )


@login_required
@require_POST
def decision_record(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_form(
        request,
        workshop,
        DecisionForm(request.POST, candidates=workshop.candidates.all()),
        lambda d: services_decision.decision_record(
            actor=request.user, workshop=workshop, now=clock.now(), **d
        ),
        success=lambda w: f"已确定“{w.decided.name}”，公示至 {clock.text(w.publicity_ends_at)}。",
        slot="decision_form",
        anchor="decision",
    )


@login_required
@require_POST
def decision_withdraw(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_form(
        request,
        workshop,
        WithdrawForm(request.POST),
        lambda d: services_decision.decision_withdraw(
            actor=request.user, workshop=workshop, reason=d["reason"]
        ),
        success="决定已撤回，回到评议决定阶段。",
        slot="withdraw_form",
        anchor="decision",
    )


@login_required
@require_POST
def objection_add(request, pk):
    workshop = access_workshop(request.user, pk)
    return _workshop_form(
        request,
        workshop,
        ObjectionForm(request.POST),
        lambda d: services_decision.objection_add(
            actor=request.user, workshop=workshop, text=d["text"], now=clock.now()
        ),
        success="异议已提交，支部将逐条答复。",
        slot="objection_form",
        anchor="publicity",
    )


@login_required
@require_POST
def objection_answer(request, pk):
    objection = access_objection(request.user, pk, for_manage=True)
    workshop = objection.workshop
    return form_action(
        request,
        ObjectionAnswerForm(request.POST),
        lambda d: services_decision.objection_answer(
            actor=request.user, objection=objection, now=clock.now(), **d
        ),
        success=lambda o: "已答复并办结。" if o.resolved else "已答复（未办结）。",
        done=back_to_workshop(workshop, f"objection-{objection.pk}"),
        page=lambda form: workshop_page(request, workshop, answer_forms={objection.pk: form}),
    )


@login_required
@require_POST
def theme_adopt(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return form_action(
        request,
        None,
        lambda _: services_decision.theme_adopt(
            actor=request.user, workshop=workshop, now=clock.now()
        ),
        success=lambda w: f"已采用“{w.decided.name}”作为品牌名称和口号。",
        done=lambda w: redirect_to("brands:brand_detail", pk=w.brand_id),
        page=back_to_workshop(workshop, "publicity"),
        failed="未采用：",
    )


@login_required
@require_POST
def expert_invite(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    return _workshop_form(
        request,
        workshop,
        ExpertInviteForm(request.POST, experts=invitable_experts().order_by("username")),
        lambda d: services_decision.expert_invite(
            actor=request.user, workshop=workshop, expert=d["expert"]
        ),
        success=lambda i: f"已邀请专家“{i.expert}”评分。",
        slot="invite_form",
        anchor="experts",
    )

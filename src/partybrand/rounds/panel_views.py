"""Pages of the expert panel (评审专家), the experts' score sheets, the chair's 现场路演 console
and the room's screen, the results with their confirmation, the vote and the 公示 up to the
命名决定."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from partybrand.core import clock
from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.rounds.access import may_run
from partybrand.rounds.choices import EntryStatus, RoundKind, RoundStatus, SheetStatus
from partybrand.rounds.jobs import compute_in_background, compute_start
from partybrand.rounds.matrix import score_matrix_xlsx
from partybrand.rounds.models import Entry, NamingDecision, Objection, ScoreSheet, Vote
from partybrand.rounds.panel_access import (
    access_objection,
    access_panel_round,
    access_sheet,
    member_of,
)
from partybrand.rounds.panel_choices import TIE_RULES
from partybrand.rounds.panel_forms import (
    AnswerForm,
    AssignForm,
    ConfirmForm,
    ConflictForm,
    DrawForm,
    GroupForm,
    MemberForm,
    ObjectionForm,
    OpenEntryForm,
    OutcomeForm,
    RoadshowStartForm,
    SheetForm,
    VoteForm,
    expert_pool,
)
from partybrand.rounds.services import naming, panel, publicity, results, scoring
from partybrand.rounds.services.naming import may_name
from partybrand.rounds.services.panel import SCORABLE

RANKING_PAGE = 50
# What the ranking prints of each entry: nothing else is read for its rows.
RANKING_FIELDS = (
    "rank",
    "status",
    "divergent",
    "expert_score",
    "vote_count",
    "final_score",
    "outcome",
    "sheet_count",  # the 评分表不足 badge
    "brand__name",
    "org__name",
    "awarded_tier__name",
)
IN_LIST = (EntryStatus.PRESCREEN_PASSED, EntryStatus.SCORED, EntryStatus.RANKED)


def _scorable(round_):
    return Entry.objects.filter(round=round_, status__in=SCORABLE).select_related("brand", "org")


# ---- the panel ----


@login_required
@require_http_methods(["GET", "POST"])
def panel_page(request, pk):
    round_ = access_panel_round(request.user, pk, run=True)
    action = request.POST.get("action", "")
    forms = {
        "group": GroupForm(request.POST if action == "group" else None, prefix="g"),
        "member": MemberForm(
            request.POST if action == "member" else None, prefix="m", round_=round_
        ),
        "draw": DrawForm(
            request.POST if action == "draw" else None,
            prefix="d",
            round_=round_,
            initial={"seed": int(clock.now().timestamp()) % 100000},
        ),
        "assign": AssignForm(
            request.POST if action == "assign" else None, prefix="a", round_=round_
        ),
    }

    def page(_form=None):
        members = list(
            round_.panel_members.select_related("user", "group").order_by("group_id", "id")
        )
        counts = {}
        for member_id, status in ScoreSheet.objects.filter(round=round_).values_list(
            "assignment__member_id", "status"
        ):
            done, total = counts.get(member_id, (0, 0))
            counts[member_id] = (done + (status != SheetStatus.DRAFT), total + 1)
        for m in members:
            m.done, m.total = counts.get(m.pk, (0, 0))
        return render(
            request,
            "rounds/panel/panel.html",
            {
                "round": round_,
                "forms": forms,
                "members": members,
                "groups": round_.panel_groups.all(),
                "conflicts": round_.conflicts.select_related("member__user", "entry__brand"),
                "entries": _scorable(round_),
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    done = redirect_to("rounds:panel", pk=round_.pk)
    actor = request.user
    if action == "group":
        return form_action(
            request,
            forms["group"],
            lambda d: panel.group_create(actor=actor, round=round_, name=d["name"]),
            success="评审组已添加。",
            done=done,
            page=page,
        )
    if action == "member":
        return form_action(
            request,
            forms["member"],
            lambda d: panel.member_add(
                actor=actor,
                round=round_,
                user=d["user"],
                group=d["group"],
                is_chair=d["is_chair"],
            ),
            success="评审专家已添加。",
            done=done,
            page=page,
        )
    if action == "draw":
        return form_action(
            request,
            forms["draw"],
            lambda d: panel.members_draw(
                actor=actor,
                round=round_,
                pool=list(expert_pool(round_)),
                count=d["count"],
                seed=d["seed"],
                group=d["group"],
            ),
            success=lambda made: f"已从专家库随机抽取 {len(made)} 名专家（抽取记录已存档）。",
            done=done,
            page=page,
        )
    if action == "assign":
        return form_action(
            request,
            forms["assign"],
            lambda d: panel.assign_group(
                actor=actor, round=round_, group=d["group"], entries=_scorable(round_)
            ),
            success=lambda r: (
                f"已分配 {r['assigned']} 份评审任务。"
                + (f" 回避：{'；'.join(r['skipped'][:10])}。" if r["skipped"] else "")
            ),
            done=done,
            page=page,
        )
    return page()


# ---- the expert's sheets ----


@login_required
@require_GET
def my_sheets(request, pk):
    round_ = access_panel_round(request.user, pk, member=True)
    member = member_of(request.user, round_)
    sheets = (
        ScoreSheet.objects.filter(assignment__member=member)
        .select_related("entry__brand", "entry__org")
        .order_by("entry__roadshow_order", "entry_id")
        if member
        else ScoreSheet.objects.none()
    )
    session = scoring.session_of(round_)
    current = None
    if session and session.current_entry_id and member:
        current = sheets.filter(entry_id=session.current_entry_id).first()
    template = (
        "rounds/panel/_live.html" if request.GET.get("part") else "rounds/panel/my_sheets.html"
    )
    return render(
        request,
        template,
        {
            "round": round_,
            "member": member,
            "sheets": sheets,
            "session": session,
            "current": current,
            "released": bool(round_.results_released_at),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet_page(request, pk):
    action = request.POST.get("action", "save")
    sheet = access_sheet(request.user, pk, for_edit=request.method == "POST")
    round_ = sheet.round
    leaves = scoring.leaf_items(round_.indicator_system)
    own = sheet.assignment.member.user_id == request.user.pk
    form = SheetForm(
        request.POST if request.method == "POST" and action != "conflict" else None,
        leaves=leaves,
        sheet=sheet,
    )
    conflict_form = ConflictForm(request.POST if action == "conflict" else None, prefix="c")

    def page(_form=None):
        others = []
        if round_.results_released_at or may_run(request.user, round_):
            others = (
                ScoreSheet.objects.filter(entry=sheet.entry)
                .exclude(pk=sheet.pk)
                .select_related("assignment__member__user")
            )
        return render(
            request,
            "rounds/panel/sheet.html",
            {
                "sheet": sheet,
                "round": round_,
                "form": form,
                "conflict_form": conflict_form,
                "own": own,
                "closed_reason": scoring.sheet_open_reason(sheet, round_),
                "others": others,
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    if action == "conflict":
        return form_action(
            request,
            conflict_form,
            lambda d: panel.conflict_declare(
                actor=request.user,
                member=sheet.assignment.member,
                entry=sheet.entry,
                reason=d["reason"],
            ),
            success="已申明回避，该评审任务已撤销。",
            done=redirect_to("rounds:my_sheets", pk=round_.pk),
            page=page,
        )
    return form_action(
        request,
        form,
        lambda d: scoring.sheet_save(
            actor=request.user,
            sheet=sheet,
            items=form.items(),
            comments=d["comments"],
            submit=action == "submit",
        ),
        success="评分表已提交。" if action == "submit" else "评分已暂存。",
        done=redirect_to("rounds:my_sheets", pk=round_.pk)
        if action == "submit"
        else redirect_to("rounds:sheet", pk=sheet.pk),
        page=page,
    )


# ---- 现场路演 ----


@login_required
@require_http_methods(["GET", "POST"])
def roadshow_console(request, pk):
    round_ = access_panel_round(request.user, pk, chair=True)
    action = request.POST.get("action", "")
    start_form = RoadshowStartForm(request.POST if action == "start" else None, prefix="s")
    open_form = OpenEntryForm(
        request.POST if action == "open" else None, prefix="o", entries=_scorable(round_)
    )

    def page(_form=None):
        session = scoring.session_of(round_)
        entries = list(scoring.roadshow_entries(round_))
        submitted = {}
        for entry_id, status in ScoreSheet.objects.filter(round=round_).values_list(
            "entry_id", "status"
        ):
            done, total = submitted.get(entry_id, (0, 0))
            submitted[entry_id] = (done + (status != SheetStatus.DRAFT), total + 1)
        for e in entries:
            e.done, e.total = submitted.get(e.pk, (0, 0))
        return render(
            request,
            "rounds/roadshow/console.html",
            {
                "round": round_,
                "session": session,
                "entries": entries,
                "start_form": start_form,
                "open_form": open_form,
                "now": clock.now(),
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    done = redirect_to("rounds:roadshow", pk=round_.pk)
    actor = request.user
    calls = {
        "start": (
            start_form,
            lambda d: scoring.roadshow_start(actor=actor, round=round_, minutes=d["minutes"]),
            "现场路演已开始。",
        ),
        "open": (
            open_form,
            lambda d: scoring.roadshow_open(actor=actor, round=round_, entry=d["entry"]),
            "已开始该项目的路演，专家可以评分。",
        ),
        "close": (
            None,
            lambda d: scoring.roadshow_close(actor=actor, round=round_),
            "该项目路演已结束，评分表已锁定。",
        ),
        "release": (
            None,
            lambda d: scoring.roadshow_release(actor=actor, round=round_),
            "结果已在大屏展示。",
        ),
    }
    if request.method == "POST" and action in calls:
        form, call, message = calls[action]
        return form_action(request, form, call, success=message, done=done, page=page)
    return page()


@login_required
@require_GET
def roadshow_screen(request, pk):
    """The room's screen: the entry presenting, its timer, and its result once released."""
    round_ = access_panel_round(request.user, pk)
    session = scoring.session_of(round_)
    entry = session.current_entry if session else None
    template = (
        "rounds/roadshow/_screen.html" if request.GET.get("part") else "rounds/roadshow/screen.html"
    )
    return render(
        request,
        template,
        {
            "round": round_,
            "session": session,
            "entry": entry,
            "show_result": bool(session and session.released and entry),
            "now": clock.now(),
        },
    )


# ---- results ----


@login_required
@require_http_methods(["GET", "POST"])
def results_page(request, pk):
    round_ = access_panel_round(request.user, pk, run=True)
    action = request.POST.get("action", "")
    outcome_form = OutcomeForm(
        request.POST if action == "outcome" else None, prefix="r", round_=round_
    )
    confirm_form = ConfirmForm(request.POST if action == "confirm" else None, prefix="c")

    def page(_form=None):
        entries = paginate(
            request,
            Entry.objects.filter(round=round_, rank__isnull=False)
            .select_related("brand", "org", "awarded_tier")
            .only(*RANKING_FIELDS)
            .order_by("rank", "id"),
            RANKING_PAGE,
        )
        return render(
            request,
            "rounds/panel/results.html",
            {
                "round": round_,
                "entries": entries,
                "tie_rules": TIE_RULES,
                "outcome_form": outcome_form,
                "confirm_form": confirm_form,
                "warnings": [] if round_.results_confirmed_at else results.confirm_warnings(round_),
                "rereview": round_.kind == RoundKind.REREVIEW,
                "tiers": round_.tiers.all(),
                "can_publicize": round_.results_confirmed_at
                and round_.status in (RoundStatus.REVIEWING, RoundStatus.ROADSHOW),
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    done = redirect_to("rounds:results", pk=round_.pk)
    actor = request.user
    if request.method == "POST" and action == "compute":
        if refusal := results.compute_refusal(round_):
            messages.error(request, refusal)
            return done
        if not compute_in_background(round_):
            return form_action(
                request,
                None,
                lambda d: results.results_compute(actor=actor, round=round_),
                success="评审结果已计算，请核对排名和等次。",
                done=done,
                page=page,
                failed="未完成：",
            )
        # A large round is computed in the background: the job page shows the progress and
        # links back here.
        job = compute_start(
            actor=actor, round_=round_, key=request.POST.get("submission_token", "")
        )
        messages.info(request, "正在后台计算评审结果，完成后可从本页查看，也会通知您。")
        return redirect(job.get_absolute_url())
    calls = {
        "confirm": (
            confirm_form,
            lambda d: results.results_confirm(actor=actor, round=round_, reason=d["reason"]),
            "评审结果已确认，评分表已全部锁定。",
        ),
        "publicize": (
            None,
            lambda d: publicity.publicity_start(actor=actor, round=round_),
            "评审结果已发布公示。",
        ),
        "outcome": (
            outcome_form,
            lambda d: results.outcome_set(
                actor=actor,
                entry=d["entry"],
                outcome=d["outcome"],
                reason=d["reason"],
                deadline=d["deadline"],
            ),
            "复评结论已调整。",
        ),
    }
    if request.method == "POST" and action in calls:
        form, call, message = calls[action]
        return form_action(
            request, form, call, success=message, done=done, page=page, failed="未完成："
        )
    return page()


@login_required
@require_GET
def score_matrix(request, pk):
    round_ = access_panel_round(request.user, pk, run=True)
    return xlsx_download(score_matrix_xlsx(round_), f"{round_.title}-评分汇总表.xlsx")


# ---- vote and 公示 ----


@login_required
@require_http_methods(["GET", "POST"])
def vote_page(request, pk):
    round_ = access_panel_round(request.user, pk)
    if not round_.vote_enabled:
        raise Http404
    entries = Entry.objects.filter(round=round_, status__in=IN_LIST).select_related("brand", "org")
    form = VoteForm(request.POST or None, entries=entries)
    mine = (
        Vote.objects.filter(round=round_, voter=request.user).select_related("entry__brand").first()
    )

    def page(_form=None):
        return render(
            request,
            "rounds/panel/vote.html",
            {
                "round": round_,
                "form": form,
                "mine": mine,
                "entries": entries,
                "closed": publicity.vote_open_reason(round_),
                "may_vote": publicity.may_vote(request.user, round_),
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    return form_action(
        request,
        form,
        lambda d: publicity.vote_cast(actor=request.user, round=round_, entry=d["entry"]),
        success="投票成功，感谢参与。",
        done=redirect_to("rounds:vote", pk=round_.pk),
        page=page,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publicity_page(request, pk):
    round_ = access_panel_round(request.user, pk)
    if round_.publicity_starts_on is None and not may_run(request.user, round_):
        raise Http404
    action = request.POST.get("action", "")
    listed = publicity.listed(round_)
    objection_form = ObjectionForm(
        request.POST if action == "object" else None, prefix="o", entries=listed
    )

    def page(_form=None):
        return render(
            request,
            "rounds/panel/publicity.html",
            {
                "round": round_,
                "listed": listed,
                "objection_form": objection_form,
                "objections": Objection.objects.filter(round=round_).select_related(
                    "entry__brand", "answered_by"
                ),
                "runs": may_run(request.user, round_),
                "may_name": may_name(request.user, round_),
                "blockers": publicity.naming_blockers(round_),
                "naming": NamingDecision.objects.filter(round=round_).first(),
                "answer_form": AnswerForm(prefix="a"),
            },
            status=400 if _form is not None and request.method == "POST" else 200,
        )

    done = redirect_to("rounds:publicity", pk=round_.pk)
    if action == "object":
        return form_action(
            request,
            objection_form,
            lambda d: publicity.objection_raise(
                actor=request.user, round=round_, entry=d["entry"], text=d["text"]
            ),
            success="异议已提交，组织单位将核实答复。",
            done=done,
            page=page,
        )
    if action == "name":
        return form_action(
            request,
            None,
            lambda d: naming.naming_decide(actor=request.user, round=round_),
            success=lambda dec: f"命名决定已印发（{dec.doc_number}），品牌状态已随评选更新。",
            done=done,
            failed="未印发：",
        )
    return page()


@login_required
@require_http_methods(["POST"])
def objection_answer(request, pk):
    objection = access_objection(request.user, pk)
    form = AnswerForm(request.POST, prefix="a")
    done = redirect_to("rounds:publicity", pk=objection.round_id)
    return form_action(
        request,
        form,
        lambda d: publicity.objection_answer(
            actor=request.user, objection=objection, answer=d["answer"], upheld=d["upheld"]
        ),
        success="答复已记录。",
        done=done,
        page=done,
    )

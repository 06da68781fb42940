"""The round pages: the list, setting a round up (record, timetable, tiers, 通知), its overview
as a funnel with each stage's list, entering, and each entry's dossier with its 推荐 and 预审."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core import clock
from partybrand.core.forms import form_action, redirect_to
from partybrand.core.pagination import paginate
from partybrand.indicators.choices import SystemStatus
from partybrand.indicators.models import IndicatorSystem
from partybrand.orgs.models import Organization
from partybrand.rounds import selectors
from partybrand.rounds.access import (
    NOT_ENTRANT,
    access_entry,
    access_round,
    committees_to_run,
    may_enter,
    may_prescreen,
    may_recommend,
    may_run,
)
from partybrand.rounds.choices import EDITABLE_ENTRY, EntryStatus, RoundStatus
from partybrand.rounds.forms import (
    EntryForm,
    PrescreenForm,
    RecommendForm,
    RoundForm,
    StagesForm,
    TiersForm,
)
from partybrand.rounds.models import NamingDecision, RoundStage
from partybrand.rounds.panel_access import member_of
from partybrand.rounds.requirements import all_met, check_brand
from partybrand.rounds.services import entries as entry_services
from partybrand.rounds.services import rounds as round_services

ROUND_FIELDS_INITIAL = (
    "kind",
    "title",
    "year",
    "description",
    "indicator_system",
    "scoring_rule",
    "divergence_threshold",
    "min_sheets",
    "publicity_days",
    "min_months",
    "review_interval_months",
    "vote_enabled",
    "vote_weight",
)


def _systems():
    return IndicatorSystem.objects.filter(status=SystemStatus.PUBLISHED).order_by(
        "name", "-version"
    )


@login_required
@require_GET
def round_list(request):
    return render(
        request,
        "rounds/round_list.html",
        {
            "rounds": selectors.round_list(request.user)[:200],
            "may_create": committees_to_run(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    committees = committees_to_run(request.user)
    if not committees.exists():
        raise PermissionDenied("只有党建工作部可以新建评选批次。")
    today = clock.today()
    form = RoundForm(
        request.POST or None,
        committees=committees,
        orgs=Organization.objects.filter(is_active=True, parent__in=committees).order_by("path"),
        systems=_systems(),
        initial={
            "committee": committees.first(),
            "year": today.year,
            "scoring_rule": "trimmed_mean",
            "divergence_threshold": 10,
            "min_sheets": 3,
            "publicity_days": 5,
            "min_months": 6,
            "review_interval_months": 36,
            "vote_weight": 0,
            **{f"req_{k}": True for k in ("name", "meaning", "logo", "kpis", "copy_check")},
        },
    )

    def create(data):
        return round_services.round_create(
            actor=request.user,
            committee=data["committee"],
            eligible_orgs=list(data["eligible_orgs"]),
            **form.round_fields(),
        )

    return form_action(
        request,
        form,
        create,
        success=lambda r: f"已新建评选批次“{r.title}”，请设置时间安排和等次名额。",
        done=lambda r: redirect_to("rounds:round_stages", pk=r.pk),
        page=lambda form: render(request, "rounds/round_form.html", {"form": form, "round": None}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    round_ = access_round(request.user, pk, for_edit=True)
    initial = {name: getattr(round_, name) for name in ROUND_FIELDS_INITIAL}
    initial.update(RoundForm.requirement_initial(round_))
    initial["eligible_orgs"] = list(round_.eligible_orgs.all())
    form = RoundForm(
        request.POST or None,
        committees=Organization.objects.filter(pk=round_.committee_id),
        orgs=Organization.objects.filter(is_active=True, parent=round_.committee).order_by("path"),
        systems=_systems(),
        editing=True,
        initial=initial,
        version=round_.version,
    )

    def save(data):
        return round_services.round_update(
            actor=request.user,
            round=round_,
            version=data.get("version"),
            eligible_orgs=list(data["eligible_orgs"]),
            **form.round_fields(),
        )

    return form_action(
        request,
        form,
        save,
        success="已保存。",
        done=redirect_to("rounds:round_detail", pk=round_.pk),
        page=lambda form: render(
            request, "rounds/round_form.html", {"form": form, "round": round_}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_stages(request, pk):
    round_ = access_round(request.user, pk, for_edit=True)
    initial = {}
    for stage in RoundStage.objects.filter(round=round_):
        initial[f"starts_{stage.kind}"] = stage.starts_on
        initial[f"ends_{stage.kind}"] = stage.ends_on
    stages_form = StagesForm(request.POST or None, initial=initial, prefix="stages")
    return form_action(
        request,
        stages_form,
        lambda data: round_services.round_set_stages(
            actor=request.user, round=round_, stages=data["stages"]
        ),
        success="已保存时间安排。",
        done=redirect_to("rounds:round_tiers", pk=round_.pk),
        page=lambda form: render(
            request, "rounds/round_stages.html", {"round": round_, "form": form}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_tiers(request, pk):
    round_ = access_round(request.user, pk, for_edit=True)
    form = TiersForm(
        request.POST or None, initial=TiersForm.initial_for(round_.tiers.all()), prefix="tiers"
    )
    return form_action(
        request,
        form,
        lambda data: round_services.round_set_tiers(
            actor=request.user, round=round_, tiers=data["tiers"]
        ),
        success="已保存等次和名额。",
        done=redirect_to("rounds:round_detail", pk=round_.pk),
        page=lambda form: render(
            request, "rounds/round_tiers.html", {"round": round_, "form": form}
        ),
    )


@login_required
@require_POST
def round_notice(request, pk):
    round_ = access_round(request.user, pk, for_edit=True)
    url = reverse(
        "documents:document_detail", args=["round", round_.pk, round_services.NOTICE_KIND]
    )
    return form_action(
        request,
        None,
        lambda _: round_services.round_notice_generate(actor=request.user, round=round_),
        success=lambda r: f"已生成评选通知，文号 {r.notice_number}。",
        done=redirect(url),
        failed="未生成：",
    )


@login_required
@require_POST
def round_advance(request, pk):
    round_ = access_round(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: round_services.round_advance(actor=request.user, round=round_),
        success=lambda r: f"评选已进入“{r.get_status_display()}”阶段。",
        done=redirect_to("rounds:round_detail", pk=round_.pk),
        failed="未推进：",
    )


@login_required
@require_GET
def round_detail(request, pk):
    round_ = access_round(request.user, pk)
    user = request.user
    stage = request.GET.get("stage", "entered")
    if stage not in [*selectors.FUNNEL_KEYS, "returned", "draft"]:
        stage = "entered"
    runs = may_run(user, round_)
    to_enter = list(selectors.brands_to_enter(user, round_))
    panel_member = member_of(user, round_)
    funnel = selectors.funnel(round_, None if runs else selectors.round_entries(round_, user))
    counted = {f["key"]: f["count"] for f in funnel}
    return render(
        request,
        "rounds/round_detail.html",
        {
            "round": round_,
            "may_run": runs,
            "panel_member": panel_member,
            "may_chair": runs or bool(panel_member and panel_member.is_chair),
            "funnel": funnel,
            "stage": stage,
            "page_obj": paginate(
                request,
                selectors.stage_entries(round_, user, stage, runs=runs),
                selectors.STAGE_ROWS,
                count=counted.get(stage),
            ),
            "stages": round_.stages.all(),
            "tiers": round_.tiers.all(),
            # the 命名决定 that closed the round, read only once there can be one
            "naming": NamingDecision.objects.filter(round=round_).first()
            if round_.status in (RoundStatus.NAMING, RoundStatus.CLOSED)
            else None,
            "eligible": round_.eligible_orgs.all(),
            "to_enter": to_enter,
            "my_entries": selectors.my_entries(user, round_),
            "blockers": round_services.open_blockers(round_)
            if runs and round_.status == RoundStatus.DRAFT
            else [],
            "next_status": round_services.next_status(round_),
            "next_label": dict(RoundStatus.choices).get(round_services.next_status(round_)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request, pk):
    round_ = access_round(request.user, pk)
    brands = selectors.brands_to_enter(request.user, round_)
    if not brands.exists():
        raise PermissionDenied(
            NOT_ENTRANT if round_.status == RoundStatus.ENTRY else "评选不在申报阶段。"
        )
    chosen = brands.filter(pk=request.GET.get("brand") or 0).first() or brands.first()
    form = EntryForm(
        request.POST or None,
        brands=brands,
        tiers=round_.tiers.all(),
        initial={"brand": chosen, "tier": round_.tiers.order_by("-rank").first()},
    )
    checklist = check_brand(round_, chosen, None)
    other = entry_services.entered_elsewhere(round_, chosen)

    def create(data):
        return entry_services.entry_create(
            actor=request.user,
            round=round_,
            brand=data["brand"],
            tier=data["tier"],
            statement=data["statement"],
        )

    return form_action(
        request,
        form,
        create,
        success=lambda e: f"已建立“{e.brand.name}”的参评申报，请完善申报书后提交。",
        done=lambda e: redirect_to("rounds:entry_detail", pk=e.pk),
        page=lambda form: render(
            request,
            "rounds/entry_form.html",
            {
                "round": round_,
                "form": form,
                "brand": chosen,
                "checklist": checklist,
                "ready": all_met(checklist),
                "elsewhere": entry_services.elsewhere_reason(other) if other else "",
                "elsewhere_entry": other,
            },
        ),
    )


def _entry_page(request, entry, *, edit_form=None, recommend_form=None, prescreen_form=None):
    user = request.user
    editable = entry.status in EDITABLE_ENTRY and may_enter(user, entry.brand)
    checklist = selectors.requirement_rows(entry)
    context = {
        "entry": entry,
        "round": entry.round,
        "checklist": checklist,
        "ready": all(row["ok"] for row in checklist),
        "editable": editable,
        "may_withdraw": may_enter(user, entry.brand)
        and entry.status in (*EDITABLE_ENTRY, EntryStatus.SUBMITTED),
        "may_recommend": entry.status == EntryStatus.SUBMITTED and may_recommend(user, entry),
        "may_prescreen": entry.status == EntryStatus.RECOMMENDED and may_prescreen(user, entry),
        **selectors.dossier(entry),
    }
    if editable:
        context["edit_form"] = edit_form or EntryForm(
            brands=None,
            tiers=entry.round.tiers.all(),
            initial={"tier": entry.tier, "statement": entry.statement},
            version=entry.version,
        )
    if context["may_recommend"]:
        context["recommend_form"] = recommend_form or RecommendForm(prefix="rec")
    if context["may_prescreen"]:
        context["prescreen_form"] = prescreen_form or PrescreenForm(prefix="pre")
    # Drawn again after a refused post, form_action answers 400 (or 409 for a stale form).
    return render(request, "rounds/entry_detail.html", context)


@login_required
@require_GET
def entry_detail(request, pk):
    return _entry_page(request, access_entry(request.user, pk))


@login_required
@require_POST
def entry_edit(request, pk):
    entry = access_entry(request.user, pk, for_edit=True)
    form = EntryForm(
        request.POST, brands=None, tiers=entry.round.tiers.all(), version=entry.version
    )
    return form_action(
        request,
        form,
        lambda data: entry_services.entry_update(
            actor=request.user,
            entry=entry,
            tier=data["tier"],
            statement=data["statement"],
            version=data.get("version"),
        ),
        success="已保存。",
        done=redirect_to("rounds:entry_detail", pk=entry.pk),
        page=lambda form: _entry_page(request, entry, edit_form=form),
    )


@login_required
@require_POST
def entry_submit(request, pk):
    entry = access_entry(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: entry_services.entry_submit(actor=request.user, entry=entry),
        success="已提交，等待上级党组织推荐。",
        done=redirect_to("rounds:entry_detail", pk=entry.pk),
        failed="未提交：",
    )


@login_required
@require_POST
def entry_withdraw(request, pk):
    entry = access_entry(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: entry_services.entry_withdraw(actor=request.user, entry=entry),
        success="已撤回申报。",
        done=redirect_to("rounds:entry_detail", pk=entry.pk),
        failed="未撤回：",
    )


@login_required
@require_POST
def entry_recommend(request, pk):
    entry = access_entry(request.user, pk, for_recommend=True)
    form = RecommendForm(request.POST, prefix="rec")
    return form_action(
        request,
        form,
        lambda data: entry_services.entry_recommend(
            actor=request.user, entry=entry, decision=data["decision"], comments=data["comments"]
        ),
        success=lambda e: "已推荐。" if e.status == EntryStatus.RECOMMENDED else "已退回。",
        done=redirect_to("rounds:entry_detail", pk=entry.pk),
        page=lambda form: _entry_page(request, entry, recommend_form=form),
    )


@login_required
@require_POST
def entry_prescreen(request, pk):
    entry = access_entry(request.user, pk, for_prescreen=True)
    form = PrescreenForm(request.POST, prefix="pre")
    return form_action(
        request,
        form,
        lambda data: entry_services.entry_prescreen(
            actor=request.user,
            entry=entry,
            decision=data["decision"],
            comments=data["comments"],
            checklist=form.checklist(),
        ),
        success=lambda e: "预审通过。" if e.status == EntryStatus.PRESCREEN_PASSED else "已退回。",
        done=redirect_to("rounds:entry_detail", pk=entry.pk),
        page=lambda form: _entry_page(request, entry, prescreen_form=form),
    )


@login_required
@require_GET
def my_round_tasks(request):
    user = request.user
    return render(
        request,
        "rounds/my_tasks.html",
        {
            "to_recommend": selectors.to_recommend(user)[:200],
            "to_prescreen": selectors.to_prescreen(user)[:200],
            "returned": selectors.returned_to_me(user)[:200],
            "to_score": selectors.sheets_to_score(user, clock.today())[:200],
            "roadshow_now": selectors.roadshow_now(user)[:20],
            "objections": selectors.objections_to_answer(user)[:200],
            "namings": selectors.namings_to_issue(user, clock.today())[:50],
        },
    )

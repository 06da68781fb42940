"""The AI assistant's page of a workshop (editors only): draft candidates, explain a
candidate's meaning phrase by phrase, critique a candidate. Everything it returns is a draft
that a person accepts (or not); a provider's failure is told on the page in Chinese.

The offline engine answers in the request; a configured model answers in the background
(themes/assistant_jobs.py): the page then follows the job (`?job=<id>`) and shows its drafts."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.assistant.errors import ProviderError
from partybrand.assistant.registry import answers_elsewhere, get_provider
from partybrand.assistant.trade_of import org_trade, org_trade_set
from partybrand.core import clock
from partybrand.core.forms import form_action, form_error_text, redirect_to
from partybrand.jobs.access import access_job
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.selectors import job_status
from partybrand.themes import assistant_calls as calls
from partybrand.themes import assistant_jobs, selectors
from partybrand.themes.access import access_candidate, access_workshop
from partybrand.themes.checks_glue import check_texts
from partybrand.themes.choices import CandidateSource
from partybrand.themes.forms import DraftForm, GenerateForm, TradeForm, phrases_text
from partybrand.themes.services import workshops as services


def _generate(request, workshop, context):
    form = GenerateForm(request.POST)
    context["generate_form"] = form
    if not form.is_valid():
        context["error"] = "请检查：" + form_error_text(form)
        return None
    params = {"keywords": list(form.cleaned_data["keywords"]), "count": form.cleaned_data["count"]}
    if answers_elsewhere():
        return _in_background(request, workshop, "generate", params)
    saved = calls.generate(actor=request.user, workshop=workshop, provider=get_provider(), **params)
    _keep_drafts(request, workshop, context, saved)
    return None


def _in_background(request, workshop, action: str, params: dict):
    """A configured model answers in the background: the page shows the job's progress in
    place and then its drafts (a second click on the same form gives the same job)."""
    job = assistant_jobs.assistant_start(
        actor=request.user,
        workshop=workshop,
        action=action,
        params=params,
        key=request.POST.get("submission_token", ""),
    )
    return redirect(assistant_jobs.page_of(job))


def _drafts_key(workshop) -> str:
    return f"themes_assistant_drafts_{workshop.pk}"


def _keep_drafts(request, workshop, context, saved: dict) -> None:
    """Show drafts just generated and keep them in the session for the next pages."""
    request.session[_drafts_key(workshop)] = saved
    if (read := calls.read_candidates(saved)) is not None:
        _show_drafts(workshop, context, *read)


def _show_drafts(workshop, context, drafts, dropped, source):
    rows = []
    for draft in drafts:
        report = check_texts(draft.name, draft.slogan, brand=workshop.brand)
        rows.append({"draft": draft, "report": report, "summary": selectors.checks_summary(report)})
    context.update(drafts=rows, dropped=dropped, source=source)


def _last_drafts(request, workshop, context):
    """The drafts generated last on this page (kept in the session), shown again while the
    user explains or critiques a candidate; a draft adopted since then is left out."""
    saved = request.session.get(_drafts_key(workshop))
    if not saved or (read := calls.read_candidates(saved)) is None:
        return
    drafts, dropped, source = read
    taken = set(workshop.candidates.values_list("key", flat=True))
    drafts = [d for d in drafts if services.theme_key(d.name) not in taken]
    _show_drafts(workshop, context, drafts, dropped, source)


def _chosen(request, workshop, context, what: str):
    """The candidate picked on the page; None (with the error on the page) when no candidate of
    this workshop was picked."""
    candidate = calls.candidate_choice(workshop, request.POST.get("candidate"))
    if candidate is None:
        context["error"] = f"请选择要{what}的候选。"
    return candidate


def _explain(request, workshop, context):
    if (candidate := _chosen(request, workshop, context, "解释")) is None:
        return None
    if answers_elsewhere():
        return _in_background(request, workshop, "explain", {"candidate": candidate.pk})
    _show_meaning(context, candidate, calls.explain(workshop, candidate, get_provider()))
    return None


def _show_meaning(context, candidate, draft) -> None:
    context.update(
        meaning=draft,
        meaning_for=candidate,
        meaning_phrases=phrases_text(draft.phrases),
        meaning_rows=text_rows(draft.summary),
    )


def text_rows(text: str, *, per_row: int = 22, least: int = 3, most: int = 16) -> int:
    """Rows for a textarea so the whole text shows (about `per_row` characters a row)."""
    rows = sum(max(1, -(-len(line) // per_row)) for line in (text or "").splitlines() or [""])
    return max(least, min(most, rows + 1))


def _critique(request, workshop, context):
    if (candidate := _chosen(request, workshop, context, "点评")) is None:
        return None
    if answers_elsewhere():
        return _in_background(request, workshop, "critique", {"candidate": candidate.pk})
    context.update(
        critique=calls.critique(workshop, candidate, get_provider()), critique_for=candidate
    )
    return None


ACTIONS = {"generate": _generate, "explain": _explain, "critique": _critique}


@login_required
@require_http_methods(["GET", "POST"])
def assistant(request, pk):
    workshop = access_workshop(request.user, pk, for_manage=True)
    context = {"action": request.POST.get("action", "")}
    if request.method == "POST":
        action = ACTIONS.get(context["action"])
        if action is None:
            context["error"] = "请选择要做的事：生成候选、解释内涵或点评候选。"
        else:
            try:
                if (started := action(request, workshop, context)) is not None:
                    return started
            except ProviderError as exc:
                context["error"] = f"AI 助手暂时无法回答：{exc.message_zh}"
    elif "job" in request.GET:
        _from_job(request, workshop, context)
    return _assistant_page(request, workshop, context)


def _from_job(request, workshop, context) -> None:
    """The page of one background call: its progress while the model works, then its drafts
    (or why there are none). Only the job's owner, only on its own workshop."""
    job = access_job(request.user, request.GET["job"])
    if job.kind not in assistant_jobs.RUNNERS or job.params.get("workshop") != workshop.pk:
        raise Http404("没有找到该 AI 助手任务。")
    if job.kind == JobKind.ASSISTANT_CANDIDATES:  # the form as it was sent
        context["action"] = "generate"
        keywords = " ".join(job.params.get("keywords", []))
        context["generate_form"] = GenerateForm(
            initial={"count": job.params.get("count"), "keywords": keywords}
        )
    if not job.is_final:
        context.update(job=job, status=job_status(job))
        return
    if job.state != JobState.DONE:
        context["error"] = f"AI 助手暂时无法回答：{job.summary.get('message') or job.error}"
        return
    result = job.summary
    if "candidates" in result:
        request.session[_drafts_key(workshop)] = result["candidates"]
        _last_drafts(request, workshop, context)
        return
    candidate = calls.candidate_choice(workshop, job.params.get("candidate"))
    if candidate is None:
        context["error"] = assistant_jobs.NO_CANDIDATE
    elif (meaning := calls.read_meaning(result.get("meaning") or {})) is not None:
        _show_meaning(context, candidate, meaning)
    elif (review := calls.read_critique(result.get("critique") or {})) is not None:
        context.update(critique=review, critique_for=candidate)


def _assistant_page(request, workshop, context: dict):
    """The assistant's page with what `context` holds (drafts, a meaning, a critique, an error);
    the drafts generated last are shown again unless new ones were asked for."""
    context = {
        "workshop": workshop,
        "brand": workshop.brand,
        "candidates": workshop.candidates.order_by("id"),
        "generate_form": GenerateForm(),
        **_trade_context(workshop),
        **context,
    }
    if "drafts" not in context and context.get("action") != "generate":
        _last_drafts(request, workshop, context)
    return render(request, "themes/assistant.html", context)


@login_required
@require_POST
def assistant_accept(request, pk):
    """A person accepts one draft: only now does it become a candidate (source “AI 助手”)."""
    workshop = access_workshop(request.user, pk, for_manage=True)
    return form_action(
        request,
        DraftForm(request.POST),
        lambda data: services.candidate_add(
            actor=request.user,
            workshop=workshop,
            source=CandidateSource.ASSISTANT,
            now=clock.now(),
            **data,
        ),
        success=lambda added: (
            f"已将 AI 草稿“{added[0].name}”采纳为候选。"
            if added[1]
            else (messages.INFO, f"“{added[0].name}”已在候选中，已增加一位提议人。")
        ),
        done=lambda added: redirect_to("themes:candidate_detail", "checks", pk=added[0].pk),
        # nothing was typed (the draft's name and slogan ride in hidden fields): back to the drafts
        page=redirect_to("themes:assistant", pk=workshop.pk),
        failed="未采纳：",
    )


@login_required
@require_POST
def meaning_accept(request, pk):
    """Take the assistant's 内涵释义 draft (after editing it) into the candidate."""
    candidate = access_candidate(request.user, pk, for_manage=True)
    return form_action(
        request,
        DraftForm({"name": candidate.name, **request.POST.dict()}),
        lambda data: services.candidate_update(
            actor=request.user,
            candidate=candidate,
            meaning=data["meaning"],
            phrases=data["phrases"],
            now=clock.now(),
        ),
        success=f"已将释义草稿写入“{candidate.name}”。",
        done=redirect_to("themes:candidate_detail", "checks", pk=candidate.pk),
        page=lambda form: _meaning_again(request, candidate, form),
    )


def _meaning_again(request, candidate, form):
    """The assistant's page with the edited 内涵释义 as it was typed, and why it was refused."""
    summary, phrases = form.data.get("meaning", ""), form.data.get("phrases", "")
    context = {
        "meaning": SimpleNamespace(summary=summary, phrases=phrases.splitlines(), forbidden=()),
        "meaning_for": candidate,
        "meaning_phrases": phrases,
        "meaning_rows": text_rows(summary),
        "meaning_form": form,
    }
    workshop = access_workshop(request.user, candidate.workshop_id, for_manage=True)
    return _assistant_page(request, workshop, context)


def _trade_context(workshop) -> dict:
    """The organisation's trade as the assistant reads it, why, and the form to correct it."""
    guess = org_trade(workshop.brand.org)
    code = guess.trade.code if guess.corrected and guess.trade else ""
    return {"trade": guess, "trade_form": TradeForm(initial={"trade": code})}


def _trade_set(actor, org, code: str):
    try:
        return org_trade_set(actor=actor, org=org, trade=code)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


@login_required
@require_POST
def assistant_trade(request, pk):
    """Correct the trade the assistant read from the 主责主业 (or go back to reading it)."""
    workshop = access_workshop(request.user, pk, for_manage=True)
    org = workshop.brand.org
    return form_action(
        request,
        TradeForm(request.POST),
        lambda data: _trade_set(request.user, org, data["trade"]),
        success=lambda guess: guess.note(),
        done=redirect_to("themes:assistant", pk=workshop.pk),
        page=lambda form: redirect_to("themes:assistant", pk=workshop.pk),
    )

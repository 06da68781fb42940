"""The AI assistant's page of a workshop (editors only): draft candidates, explain a
candidate's meaning phrase by phrase, critique a candidate. Everything it returns is a draft
that a person accepts (or not); a provider's failure is told on the page in Chinese."""

from dataclasses import asdict
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from partybrand.assistant.drafts import CandidateDraft, DroppedDraft
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.people import guard_member_names
from partybrand.assistant.registry import get_provider
from partybrand.assistant.services import assistant_candidates, org_context
from partybrand.core import clock
from partybrand.core.forms import form_action, form_error_text, redirect_to
from partybrand.core.ids import is_id
from partybrand.themes import selectors
from partybrand.themes.access import access_candidate, access_workshop
from partybrand.themes.checks import workshop_avoid
from partybrand.themes.checks_glue import check_texts
from partybrand.themes.choices import CandidateSource
from partybrand.themes.forms import DraftForm, GenerateForm, phrases_text
from partybrand.themes.services import workshops as services


def _candidate_choice(workshop, raw):
    if not is_id(raw):
        return None
    return workshop.candidates.filter(pk=int(raw)).first()


def _generate(request, workshop, context):
    form = GenerateForm(request.POST)
    context["generate_form"] = form
    if not form.is_valid():
        context["error"] = "请检查：" + form_error_text(form)
        return
    brand = workshop.brand
    drafts = assistant_candidates(
        actor=request.user,
        org=brand.org,
        brand=brand,
        keywords=form.cleaned_data["keywords"],
        count=form.cleaned_data["count"],
        avoid=workshop_avoid(workshop),
    )
    request.session[_drafts_key(workshop)] = {
        "drafts": [asdict(d) for d in drafts],
        "dropped": [asdict(d) for d in drafts.dropped],
        "source": drafts.source,
    }
    _show_drafts(workshop, context, list(drafts), drafts.dropped, drafts.source)


def _drafts_key(workshop) -> str:
    return f"themes_assistant_drafts_{workshop.pk}"


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
    if not saved:
        return
    try:
        drafts = [CandidateDraft(**d) for d in saved["drafts"]]
        dropped = [DroppedDraft(**d) for d in saved["dropped"]]
    except (KeyError, TypeError):
        return
    taken = set(workshop.candidates.values_list("key", flat=True))
    drafts = [d for d in drafts if services.theme_key(d.name) not in taken]
    _show_drafts(workshop, context, drafts, dropped, saved.get("source", ""))


def _chosen(request, workshop, context, what: str):
    """The candidate picked on the page and what the provider may know of the organisation;
    None (with the error on the page) when no candidate of this workshop was picked."""
    candidate = _candidate_choice(workshop, request.POST.get("candidate"))
    if candidate is None:
        context["error"] = f"请选择要{what}的候选。"
        return None
    ctx = org_context(org=workshop.brand.org, brand=workshop.brand)
    typed = f"{candidate.name}\n{candidate.slogan}\n{candidate.meaning}\n{ctx.culture}"
    guard_member_names(typed, org=workshop.brand.org, provider=get_provider())
    return candidate, ctx


def _explain(request, workshop, context):
    if (chosen := _chosen(request, workshop, context, "解释")) is None:
        return
    candidate, ctx = chosen
    draft = get_provider().explain_meaning(candidate.name, candidate.slogan, ctx)
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
    if (chosen := _chosen(request, workshop, context, "点评")) is None:
        return
    candidate, ctx = chosen
    context.update(
        critique=get_provider().critique(candidate.name, candidate.slogan, ctx),
        critique_for=candidate,
    )


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
                action(request, workshop, context)
            except ProviderError as exc:
                context["error"] = f"AI 助手暂时无法回答：{exc.message_zh}"
    return _assistant_page(request, workshop, context)


def _assistant_page(request, workshop, context: dict):
    """The assistant's page with what `context` holds (drafts, a meaning, a critique, an error);
    the drafts generated last are shown again unless new ones were asked for."""
    context = {
        "workshop": workshop,
        "brand": workshop.brand,
        "candidates": workshop.candidates.order_by("id"),
        "generate_form": GenerateForm(),
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

"""The round's results: every entry's expert score (mean or trimmed mean of the submitted
sheets, divergence flagged), the vote weighted in as the round says, a ranking with stated tie
rules (TIE_RULES), tiers awarded within their quotas (an entry over a full quota drops to the next
tier it reaches, or out), and the chair's confirmation that locks every sheet and releases the
results to the panel. For a 复评 round each entry's outcome follows from the tier it reaches
against the brand's tier, and the committee may set another with a reason."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.brands.choices import TIER_ORDER
from partybrand.core import clock
from partybrand.rounds.choices import EntryStatus, RoundKind, RoundOutcome, RoundStatus
from partybrand.rounds.models import Entry, Round, RoundTier, ScoreSheet, Vote
from partybrand.rounds.panel_choices import PanelAudit
from partybrand.rounds.services.common import audit, locked_round
from partybrand.rounds.services.panel import SCORABLE, _require_runner
from partybrand.rounds.services.scoring import combine, lock_sheets

IN_RESULTS = (EntryStatus.PRESCREEN_PASSED, EntryStatus.SCORED, EntryStatus.RANKED)


def _sort_key(entry: Entry, lowest: dict):
    return (
        -(entry.final_score or Decimal("-1")),
        -(entry.expert_score or Decimal("-1")),
        -(lowest.get(entry.pk) or Decimal("-1")),
        entry.submitted_at or clock.now(),
        entry.pk,
    )


def award_tiers(ranked: list[Entry], tiers: list[RoundTier]) -> dict[int, RoundTier | None]:
    """Tiers by rank: each entry, best first, gets the highest tier whose lowest score it
    reaches and whose quota is not yet full; otherwise none."""
    left = {t.pk: t.quota for t in tiers}
    awarded: dict[int, RoundTier | None] = {}
    for entry in ranked:
        awarded[entry.pk] = None
        if entry.final_score is None:
            continue
        for tier in tiers:
            if entry.final_score >= tier.min_score and left[tier.pk] > 0:
                left[tier.pk] -= 1
                awarded[entry.pk] = tier
                break
    return awarded


def rereview_outcome(entry: Entry, tier: RoundTier | None) -> str:
    """What a 复评 decides from the tier reached against the brand's tier."""
    if tier is None or not tier.brand_tier:
        return RoundOutcome.REVOKE if tier is None else RoundOutcome.KEEP
    have = TIER_ORDER.index(entry.brand.tier) if entry.brand.tier in TIER_ORDER else 0
    reach = TIER_ORDER.index(tier.brand_tier)
    if reach > have:
        return RoundOutcome.UPGRADE
    if reach < have:
        return RoundOutcome.DOWNGRADE
    return RoundOutcome.KEEP


def compute_refusal(round_: Round) -> str:
    """Why the results cannot be computed now ("" when they can)."""
    if round_.status not in (RoundStatus.REVIEWING, RoundStatus.ROADSHOW):
        return f"评选处于“{round_.get_status_display()}”阶段，不能计算评审结果。"
    if round_.results_confirmed_at:
        return "评审结果已确认。"
    return ""


@transaction.atomic
def results_compute(*, actor, round: Round, progress=None) -> list[Entry]:
    """Compute every entry's scores, rank and tier (again, until the chair confirms).
    `progress(done, total)` hears how far it has got (the background job's progress)."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    if refusal := compute_refusal(round_):
        raise ValidationError(refusal)
    entries = list(
        Entry.objects.filter(round=round_, status__in=IN_RESULTS).select_related("brand")
    )
    totals: dict[int, list] = {}
    for entry_id, total in ScoreSheet.objects.filter(
        round=round_, submitted_at__isnull=False
    ).values_list("entry_id", "total"):
        totals.setdefault(entry_id, []).append(total)
    votes: dict[int, int] = {}
    if round_.vote_enabled:
        for entry_id in Vote.objects.filter(round=round_).values_list("entry_id", flat=True):
            votes[entry_id] = votes.get(entry_id, 0) + 1
    most = max(votes.values(), default=0)
    # The vote is never forced: when nobody voted it counts for nothing, rather than taking
    # its weight off every entry's expert score.
    weight = Decimal(round_.vote_weight) if round_.vote_enabled and most else Decimal("0")
    for n, entry in enumerate(entries, start=1):
        if progress is not None and (n % 500 == 0 or n == len(entries)):
            progress(n, len(entries))
        entry.expert_score, entry.divergent = combine(
            totals.get(entry.pk, []), round_.scoring_rule, round_.divergence_threshold
        )
        entry.sheet_count = len(totals.get(entry.pk, []))
        entry.vote_count = votes.get(entry.pk, 0)
        entry.vote_score = (
            (Decimal(100) * entry.vote_count / most).quantize(Decimal("0.01"))
            if round_.vote_enabled and most
            else None
        )
        if entry.expert_score is None:
            entry.final_score = None
        else:
            entry.final_score = (
                entry.expert_score * (1 - weight) + (entry.vote_score or Decimal("0")) * weight
            ).quantize(Decimal("0.01"))
    lowest = {k: min(v) for k, v in totals.items()}
    ranked = sorted(entries, key=lambda e: _sort_key(e, lowest))
    awarded = award_tiers(ranked, list(round_.tiers.order_by("rank")))
    for n, entry in enumerate(ranked, start=1):
        entry.rank = n if entry.final_score is not None else None
        entry.awarded_tier = awarded[entry.pk]
        entry.status = EntryStatus.RANKED if entry.final_score is not None else entry.status
        if round_.kind == RoundKind.REREVIEW and entry.final_score is not None:
            entry.outcome = rereview_outcome(entry, entry.awarded_tier)
    Entry.objects.bulk_update(
        ranked,
        [
            "expert_score",
            "divergent",
            "sheet_count",
            "vote_count",
            "vote_score",
            "final_score",
            "rank",
            "awarded_tier",
            "status",
            "outcome",
        ],
        batch_size=1000,
    )
    audit(
        actor,
        PanelAudit.RESULTS_COMPUTE,
        round_,
        round_.committee.path,
        {
            "ranked": sum(1 for e in ranked if e.rank),
            "awarded": sum(1 for e in ranked if e.awarded_tier),
            "divergent": sum(1 for e in ranked if e.divergent),
            "short": sum(1 for e in ranked if e.rank and e.sheet_count < round_.min_sheets),
        },
    )
    return ranked


@transaction.atomic
def outcome_set(*, actor, entry: Entry, outcome: str, reason: str, deadline: date | None = None):
    """The committee sets a 复评 entry's outcome other than the one computed, with a reason."""
    round_ = locked_round(entry.round)
    _require_runner(actor, round_)
    if round_.kind != RoundKind.REREVIEW:
        raise ValidationError("只有复评批次需要复评结论。")
    if round_.status not in (RoundStatus.REVIEWING, RoundStatus.ROADSHOW, RoundStatus.PUBLICIZING):
        raise ValidationError("复评结论只能在命名前调整。")
    if outcome not in RoundOutcome.values:
        raise ValidationError({"outcome": "请选择复评结论。"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "调整复评结论需要说明理由。"})
    if outcome == RoundOutcome.RECTIFY and (deadline is None or deadline <= clock.today()):
        raise ValidationError({"deadline": "限期整改需要填写今天之后的整改期限。"})
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("brand", "org")
        .get(pk=entry.pk)
    )
    source = entry.outcome
    entry.outcome = outcome
    entry.rectify_deadline = deadline if outcome == RoundOutcome.RECTIFY else None
    entry.save(update_fields=["outcome", "rectify_deadline", "updated_at"])
    audit(
        actor,
        PanelAudit.RESULTS_CONFIRM,
        entry,
        entry.org.path,
        {"outcome": [source, outcome]},
        reason,
    )
    return entry


def short_entries(round_: Round):
    """Ranked entries with fewer submitted sheets than the round's minimum."""
    return Entry.objects.filter(
        round=round_, status=EntryStatus.RANKED, sheet_count__lt=round_.min_sheets
    ).select_related("brand")


def divergent_entries(round_: Round):
    return Entry.objects.filter(
        round=round_, status=EntryStatus.RANKED, divergent=True
    ).select_related("brand")


def confirm_warnings(round_: Round) -> list[str]:
    """What the chair must weigh before confirming, in Chinese: entries scored by fewer experts
    than the round asks, and entries whose experts diverge. Empty when nothing needs a reason."""
    warnings = []
    # Only the names and counts printed: not every column of the entries and their brands.
    short = list(short_entries(round_).values_list("brand__name", "sheet_count")[:20])
    if short:
        names = "、".join(f"{name}（{count}份）" for name, count in short)
        warnings.append(f"有效评分表不足 {round_.min_sheets} 份：{names}。")
    divergent = list(divergent_entries(round_).values_list("brand__name", flat=True)[:20])
    if divergent:
        names = "、".join(divergent)
        warnings.append(
            f"专家评分相差超过 {round_.divergence_threshold.normalize():f} 分：{names}。"
        )
    return warnings


@transaction.atomic
def results_confirm(*, actor, round: Round, reason: str = "") -> Round:
    """The chair confirms the ranking: every sheet locks and the results are released to the
    panel (each expert then sees the others' sheets). Entries scored by fewer experts than the
    round's minimum, or whose experts diverge, are confirmed only with the chair's reason (else
    the chair waits for more sheets, or has them reviewed, and computes again)."""
    round_ = locked_round(round)
    _require_runner(actor, round_)
    if round_.results_confirmed_at:
        raise ValidationError("评审结果已确认。")
    if not Entry.objects.filter(round=round_, status=EntryStatus.RANKED).exists():
        raise ValidationError("请先计算评审结果。")
    unscored = Entry.objects.filter(round=round_, status__in=SCORABLE).exclude(
        status=EntryStatus.RANKED
    )
    if unscored.exists():
        names = "、".join(unscored.values_list("brand__name", flat=True)[:5])
        raise ValidationError(f"还有申报没有有效评分：{names}。")
    warnings = confirm_warnings(round_)
    reason = (reason or "").strip()
    if warnings and not reason:
        raise ValidationError(
            {
                "reason": " ".join(warnings)
                + "请等待专家补充评分或复核后重新计算；如确需确认，请填写理由。"
            }
        )
    now = clock.now()
    lock_sheets(ScoreSheet.objects.filter(round=round_), now)
    round_.results_confirmed_at = now
    round_.results_confirmed_by = actor
    round_.results_released_at = now
    round_.save(
        update_fields=[
            "results_confirmed_at",
            "results_confirmed_by",
            "results_released_at",
            "updated_at",
        ]
    )
    audit(
        actor,
        PanelAudit.RESULTS_CONFIRM,
        round_,
        round_.committee.path,
        {
            "ranked": Entry.objects.filter(round=round_, status=EntryStatus.RANKED).count(),
            "short": [e.brand.name for e in short_entries(round_)[:50]],
            "divergent": [e.brand.name for e in divergent_entries(round_)[:50]],
        },
        reason if warnings else "",
    )
    return round_

"""What the assessment services share: locking the assessment row, the checks on who acts, and
checking typed score rows (self-scores and reviewers' scores are entered the same way)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from partybrand.assessments import scoring
from partybrand.assessments.access import (
    NOT_EDITOR,
    NOT_MANAGER,
    can_manage_review,
    can_self_assess,
)
from partybrand.assessments.choices import EDITABLE
from partybrand.assessments.models import Assessment
from partybrand.textsim.normalize import clean_text

NOTE_MAX = 2000


def locked(assessment: Assessment) -> Assessment:
    """The assessment read again under a row lock (call inside a transaction)."""
    return (
        Assessment.objects.select_for_update().select_related("org", "system").get(pk=assessment.pk)
    )


def require_self_edit(actor, assessment: Assessment) -> None:
    if not can_self_assess(actor, assessment):
        raise PermissionDenied(NOT_EDITOR)
    if assessment.status not in EDITABLE:
        raise ValidationError(f"测评{assessment.get_status_display()}，不能修改自评。")


def require_manager(actor, assessment: Assessment) -> None:
    if not can_manage_review(actor, assessment):
        raise PermissionDenied(NOT_MANAGER)


def _clean_row(indicator, row: dict) -> dict:
    """Validate one entered row: value, note/comment, veto flag and reason."""
    out = {}
    raw = row.get("value")
    if raw not in (None, ""):
        out["score"] = scoring.score_from_input(indicator, raw)
    elif not indicator.points:
        out["score"] = Decimal(0)  # a veto item worth no points
    else:
        out["score"] = None
    out["text"] = clean_text(row.get("text") or "").strip()[:NOTE_MAX]
    veto = bool(row.get("veto"))
    reason = clean_text(row.get("veto_reason") or "").strip()[:200]
    if veto and not indicator.is_veto:
        raise ValidationError(f"{indicator.code} {indicator.name}：该指标不是一票否决项。")
    if veto and not reason:
        raise ValidationError(f"{indicator.code} {indicator.name}：触发一票否决须写明原因。")
    out["veto"], out["veto_reason"] = veto, reason if veto else ""
    return out


def clean_rows(indicators: dict, rows: dict, *, outside: str) -> dict:
    """Every posted row checked before anything is saved: one bad value saves nothing, and
    every bad value is named. `indicators` maps the ids that may be filled to indicators."""
    cleaned, errors = {}, []
    for key, row in rows.items():
        indicator = indicators.get(int(key))
        if indicator is None:
            raise ValidationError(outside)
        try:
            cleaned[indicator.pk] = _clean_row(indicator, row)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned

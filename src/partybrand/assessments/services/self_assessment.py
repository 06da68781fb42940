"""The branch's side of an assessment: starting one, self-scores, evidence files and submitting
to the level above. Each checks who acts, writes one audit row and runs in one transaction."""

import re
import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from partybrand.assessments import scoring
from partybrand.assessments.access import NOT_EDITOR
from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment, Evidence, ItemScore
from partybrand.assessments.services.common import clean_rows, locked, require_self_edit
from partybrand.assessments.tree import indicator_tree
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.uploads import check_evidence_files
from partybrand.core.versioning import check_version
from partybrand.indicators.choices import SystemStatus
from partybrand.orgs.roles import Cap, can
from partybrand.textsim.normalize import clean_text

MAX_EVIDENCE = 10  # per item
YEAR_PERIOD = re.compile(r"^\s*(\d{4})\s*年度?\s*$")
S = AssessmentStatus


def _published(system, org) -> None:
    """A published system that applies to the organisation: a platform template, or the own
    system of a committee at or above it."""
    if system.status != SystemStatus.PUBLISHED:
        raise ValidationError({"system": "只能使用已发布的指标体系进行测评。"})
    owner = system.owner
    if owner is not None and not org.path.startswith(owner.path):
        raise ValidationError(
            {"system": f"“{system.name}”是{owner.name}的指标体系，不适用于{org.name}。"}
        )


def period_bounds(period: str) -> tuple[date, date] | None:
    match = YEAR_PERIOD.match(period)
    if not match:
        return None
    year = int(match.group(1))
    return date(year, 1, 1), date(year, 12, 31)


@transaction.atomic
def assessment_start(
    *, actor, org, system, period: str, period_start=None, period_end=None
) -> Assessment:
    """Open a self-assessment of `org` against a published system for a period."""
    _published(system, org)

    if not can(actor, Cap.EDIT_BRAND, org.path):
        raise PermissionDenied(NOT_EDITOR)
    period = clean_text(period or "").strip()
    if not period:
        raise ValidationError({"period": "请填写测评周期，如“2026年度”。"})
    if period_start is None or period_end is None:
        bounds = period_bounds(period)
        if bounds is None:
            raise ValidationError({"period_start": "请填写测评周期的起止日期。"})
        period_start, period_end = bounds
    if period_end < period_start:
        raise ValidationError({"period_end": "结束日期不能早于开始日期。"})
    # One per family and period (whatever the version): results aggregate by family code.
    if Assessment.objects.filter(system__code=system.code, org=org, period=period).exists():
        raise ValidationError({"period": f"{org.name}已有{period}的该项测评。"})
    tree = indicator_tree(system)
    if not tree.leaves:
        raise ValidationError({"system": "该指标体系没有可评分的指标。"})
    assessment = Assessment.objects.create(
        system=system,
        org=org,
        period=period,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    # Items worth no points (一票否决 items) score 0 by themselves; only their veto flag counts.
    ItemScore.objects.bulk_create(
        [
            ItemScore(
                assessment=assessment, indicator=i, self_score=Decimal(0) if not i.points else None
            )
            for i in tree.leaves
        ]
    )
    audit_record(
        actor=actor,
        action="assessment_start",
        obj=assessment,
        org_path=org.path,
        changes={"system": str(system), "period": period},
    )
    return assessment


@transaction.atomic
def self_scores_save(
    *, actor, assessment: Assessment, rows: dict, version: int | None = None
) -> int:
    """Save self-scores: rows maps indicator id -> {value, text, veto, veto_reason}. Every row
    is checked first; one bad value saves nothing. Returns how many items changed. The score
    sheet is the assessment's record: one opened before someone else's save (`version`) is
    refused, whose old values would otherwise overwrite the other's scores."""
    assessment = locked(assessment)
    check_version(assessment, version)
    require_self_edit(actor, assessment)
    items = {i.indicator_id: i for i in assessment.items.select_related("indicator")}
    cleaned = clean_rows(
        {pk: i.indicator for pk, i in items.items()}, rows, outside="所填指标不属于该测评。"
    )
    changed = []
    for indicator_id, data in cleaned.items():
        item = items[indicator_id]
        new = (data["score"], data["text"], data["veto"], data["veto_reason"])
        if new != (item.self_score, item.note, item.veto_triggered, item.veto_reason):
            item.self_score, item.note, item.veto_triggered, item.veto_reason = new
            changed.append(item)
    if changed:
        ItemScore.objects.bulk_update(
            changed, ["self_score", "note", "veto_triggered", "veto_reason", "updated_at"]
        )
        total = sum((i.self_score or 0 for i in items.values()), Decimal(0))
        assessment.self_total = scoring.q(total)
        assessment.save(update_fields=["self_total", "updated_at"])
        audit_record(
            actor=actor,
            action="assessment_self_score",
            obj=assessment,
            org_path=assessment.org.path,
            changes={i.indicator.code: scoring.fmt(i.self_score) for i in changed}
            | {"self_total": scoring.fmt(assessment.self_total)},
        )
    return len(changed)


@transaction.atomic
def evidence_add(*, actor, item: ItemScore, uploads) -> list[str]:
    """Evidence files for one item; see `evidence_add_all`."""
    if not uploads:
        raise ValidationError("请选择要上传的文件。")
    return evidence_add_all(actor=actor, assessment=item.assessment, uploads={item: uploads})


def _checked_uploads(item: ItemScore, uploads) -> list:
    if item.evidence.count() + len(uploads) > MAX_EVIDENCE:
        raise ValidationError(f"{item.indicator}：每项指标最多上传 {MAX_EVIDENCE} 份佐证材料。")
    return check_evidence_files(uploads, max_bytes=settings.ATTACHMENT_MAX_BYTES)


@transaction.atomic
def evidence_add_all(*, actor, assessment: Assessment, uploads: dict) -> list[str]:
    """Evidence files for several items of one assessment ({item: [uploads]}). Every file is
    checked (content, size, count per item) before any is stored, so a refused file leaves no
    other file behind. One audit row per item."""
    assessment = locked(assessment)
    require_self_edit(actor, assessment)
    wanted = {item: files for item, files in uploads.items() if files}
    if any(item.assessment_id != assessment.pk for item in wanted):
        raise ValidationError("所选测评项不属于该测评。")
    checked = {item: _checked_uploads(item, files) for item, files in wanted.items()}
    titles = []
    for item, files in checked.items():
        for title, file in files:
            evidence = Evidence(
                item=item,
                title=title,
                content_type=file.content_type,
                size=file.size,
                uploaded_by=actor,
            )
            name = f"{uuid.uuid4().hex[:12]}.{file.extension}"
            evidence.file.save(name, file.content, save=False)
            evidence.save()
        audit_record(
            actor=actor,
            action="assessment_evidence_add",
            obj=assessment,
            org_path=assessment.org.path,
            changes={"indicator": str(item.indicator), "evidence": [t for t, _ in files]},
        )
        titles += [t for t, _ in files]
    return titles


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    assessment = locked(evidence.item.assessment)
    require_self_edit(actor, assessment)
    audit_record(
        actor=actor,
        action="assessment_evidence_delete",
        obj=assessment,
        org_path=assessment.org.path,
        changes={"indicator": str(evidence.item.indicator), "evidence": evidence.title},
    )
    stored = evidence.file
    evidence.delete()
    storage, name = stored.storage, stored.name
    transaction.on_commit(lambda: storage.delete(name))


def submit_problems(assessment: Assessment) -> list[str]:
    """Why the assessment cannot be submitted yet, in Chinese; empty when it can."""
    items = scoring.by_code(
        assessment.items.select_related("indicator").prefetch_related("evidence")
    )
    unscored = [i.indicator for i in items if i.self_score is None and i.indicator.points]
    # A 一票否决 item never blocks: with no incident there is nothing to prove, and a reported
    # incident is checked by the reviewers (its evidence is asked for, not required).
    no_evidence = [
        i.indicator
        for i in items
        if i.indicator.evidence_required and not i.indicator.is_veto and not i.evidence.all()
    ]
    problems = []
    if unscored:
        problems.append("以下指标尚未自评：" + "、".join(str(i) for i in unscored))
    if no_evidence:
        problems.append(
            "以下指标须上传佐证材料后才能提交：" + "、".join(str(i) for i in no_evidence)
        )
    return problems


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    assessment = locked(assessment)
    require_self_edit(actor, assessment)
    problems = submit_problems(assessment)
    if problems:
        raise ValidationError(problems)
    source = assessment.status
    reviewers = assessment.assignments.exists()
    assessment.status = S.REVIEWING if reviewers else S.SUBMITTED
    assessment.submitted_at = clock.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment_submit",
        obj=assessment,
        org_path=assessment.org.path,
        changes={"status": [source, assessment.status], "self_total": assessment.self_total},
    )
    return assessment

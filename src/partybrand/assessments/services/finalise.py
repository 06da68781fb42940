"""Finalising an assessment (what finalising would give, the final scores, 一票否决 and stars,
and the stored 一级 totals the results pages aggregate), and the committee's standardisation
threshold the results are measured against. Each change writes one audit row."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from partybrand.assessments import scoring
from partybrand.assessments.access import can_set_policy
from partybrand.assessments.choices import AssessmentStatus, AssignmentStatus
from partybrand.assessments.models import (
    Assessment,
    DimensionScore,
    ItemScore,
    ReviewScore,
    StandardisationPolicy,
)
from partybrand.assessments.services.common import locked, require_manager
from partybrand.assessments.tree import Tree, indicator_tree
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.versioning import check_version

S = AssessmentStatus


@dataclass
class Preview:
    """What finalising would give: per item, the total, the stars and what stands in the way."""

    items: list  # ItemResult per leaf, in order
    total: Decimal
    stars: int
    veto: bool
    divergent: list
    missing: list  # leaves without any reviewer score
    pending: list  # reviewers who have not completed
    dimensions: list  # (level-1 indicator, score, max)


def finalise_preview(assessment: Assessment, tree: Tree | None = None) -> Preview:
    system = assessment.system
    tree = tree or indicator_tree(system)
    results = {leaf.pk: scoring.ItemResult(indicator=leaf) for leaf in tree.leaves}
    assignments = list(assessment.assignments.select_related("reviewer"))
    for score in ReviewScore.objects.filter(assignment__assessment=assessment):
        result = results.get(score.indicator_id)
        if result is None:
            continue
        result.scores.append(score.score)
        if score.veto_triggered:
            result.veto = True
            result.veto_reasons.append(score.veto_reason)
    threshold = Decimal(system.divergence_threshold)
    total = Decimal(0)
    for result in results.values():
        if result.scores:
            result.final = scoring.final_of(result.scores, system.final_rule)
            result.divergent = len(result.scores) > 1 and result.gap > threshold
            total += result.final
        elif not result.indicator.points:
            result.final = Decimal(0)  # a veto item: no points, only its flag counts
    dims = []
    for top in tree.dimensions:
        score = sum(
            (r.final or 0 for pk, r in results.items() if tree.top_of[pk].pk == top.pk), Decimal(0)
        )
        dims.append((top, scoring.q(score), Decimal(top.points)))
    veto = any(r.veto for r in results.values())
    thresholds = [(s.stars, s.min_score) for s in system.stars.all()]
    total = scoring.q(total)
    items = [results[leaf.pk] for leaf in tree.leaves]
    return Preview(
        items=items,
        total=total,
        stars=scoring.stars_for(total, thresholds, veto=veto),
        veto=veto,
        divergent=[r for r in items if r.divergent],
        missing=[r.indicator for r in items if r.final is None],
        pending=[a.reviewer for a in assignments if a.status != AssignmentStatus.DONE],
        dimensions=dims,
    )


def _store_results(assessment: Assessment, preview: Preview) -> None:
    """Each item's final score and divergence flag, and the 一级 totals the results pages
    aggregate."""
    items = {i.indicator_id: i for i in assessment.items.all()}
    for result in preview.items:
        item = items[result.indicator.pk]
        item.final_score, item.divergent = result.final, result.divergent
    ItemScore.objects.bulk_update(items.values(), ["final_score", "divergent"])
    assessment.dimensions.all().delete()
    DimensionScore.objects.bulk_create(
        [
            DimensionScore(
                assessment=assessment,
                org_id=assessment.org_id,
                indicator=top,
                system_code=assessment.system.code,
                period=assessment.period,
                code=top.code,
                name=top.name,
                position=top.position,
                score=score,
                max_score=maximum,
                percent=scoring.q(score * 100 / maximum) if maximum else Decimal(0),
            )
            for top, score, maximum in preview.dimensions
            if maximum  # the 一票否决 group carries no points: not a dimension of the radar
        ]
    )


@transaction.atomic
def assessment_finalise(
    *, actor, assessment: Assessment, acknowledge_divergence: bool = False
) -> Assessment:
    """Compute the final scores by the system's rule, store them and the 一级 totals, apply
    一票否决 and derive the star level."""
    assessment = locked(assessment)
    require_manager(actor, assessment)
    if assessment.status != S.REVIEWING:
        raise ValidationError("只有评审中的测评可以评定。")
    tree = indicator_tree(assessment.system)
    preview = finalise_preview(assessment, tree)
    if not assessment.assignments.exists():
        raise ValidationError("请先指派评审人。")
    if preview.pending:
        names = "、".join(u.display_name or u.username for u in preview.pending)
        raise ValidationError(f"以下评审人尚未提交评审：{names}")
    if preview.missing:
        raise ValidationError("以下指标尚无评审评分：" + "、".join(str(i) for i in preview.missing))
    if preview.divergent and not acknowledge_divergence:
        raise ValidationError(
            "以下指标专家评分分歧较大，请核实后勾选“已核实分歧”再评定："
            + "、".join(str(r.indicator) for r in preview.divergent)
        )
    _store_results(assessment, preview)
    assessment.final_score = preview.total
    assessment.stars = preview.stars
    assessment.veto_triggered = preview.veto
    assessment.status = S.FINALISED
    assessment.finalised_at = clock.now()
    assessment.save(
        update_fields=[
            "final_score",
            "stars",
            "veto_triggered",
            "status",
            "finalised_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="assessment_finalise",
        obj=assessment,
        org_path=assessment.org.path,
        changes={
            "final_score": scoring.fmt(preview.total),
            "stars": preview.stars,
            "veto": preview.veto,
            "divergent": [str(r.indicator) for r in preview.divergent],
        },
    )
    return assessment


# --- committee threshold --------------------------------------------------------------------


@transaction.atomic
def policy_set(
    *, actor, org, system_code: str, min_score, version: int | None = None
) -> StandardisationPolicy:
    """A committee's minimum standardisation score for brands in its subtree. `version` is the
    one the form was opened at (0: there was no threshold yet)."""
    if not can_set_policy(actor, org):
        raise PermissionDenied("只有本级党组织的管理员或党建工作部可以设置达标线。")
    value = scoring.to_decimal(min_score, "达标分数线")
    if not Decimal(0) <= value <= Decimal(1000):
        raise ValidationError({"min_score": "达标分数线应在 0 到 1000 之间。"})
    if not system_code:
        raise ValidationError({"system_code": "请选择指标体系。"})
    policy, created = StandardisationPolicy.objects.select_for_update().get_or_create(
        org=org, system_code=system_code, defaults={"min_score": value, "updated_by": actor}
    )
    if not created:  # someone set it since the form was opened: refused
        check_version(policy, version)
    old = None if created else policy.min_score
    if not created:
        policy.min_score, policy.updated_by = value, actor
        policy.save(update_fields=["min_score", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="assessment_policy_set",
        obj=policy,
        org_path=org.path,
        changes={"system_code": system_code, "min_score": [scoring.fmt(old), scoring.fmt(value)]},
    )
    return policy

"""Every change to a theme workshop: starting it, candidates and their checks, and survey imports.

Voting and scoring are in services_votes.py, the decision, publicity and adoption in
services_decision.py. Each service takes `actor` (and `now=` where time matters), runs in one
transaction and writes an audit row.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.brands.models import Brand
from partybrand.brands.services import ensure_editable
from partybrand.core import clock
from partybrand.core.audit import audit_record, field_changes
from partybrand.core.versioning import check_version
from partybrand.surveys.models import Survey
from partybrand.surveys.selectors import name_proposals
from partybrand.textsim.normalize import clean_text, normalize
from partybrand.themes.checks_glue import snapshot
from partybrand.themes.choices import CandidateSource, WorkshopStage
from partybrand.themes.models import Candidate, SurveyImport, Workshop

NAME_MAX, SLOGAN_MAX, MEANING_MAX, PHRASES_MAX = 30, 100, 2000, 12
ADDING_STAGES = {WorkshopStage.COLLECTING, WorkshopStage.REVIEWING}
MEMBER_STAGES = {WorkshopStage.COLLECTING}


def _audit(actor, action: str, obj, workshop: Workshop, changes: dict, comment: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        org_path=workshop.brand.org.path,
        changes=changes,
        comment=comment,
    )


def locked_workshop(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().select_related("brand__org").get(pk=workshop.pk)


def theme_key(name: str) -> str:
    """Names equal after normalising (width, traditional forms, spaces, punctuation) are one."""
    return normalize(name)[:60]


@transaction.atomic
def workshop_start(*, actor, brand: Brand) -> Workshop:
    """Open the brand's theme workshop for proposals (one per brand)."""
    ensure_editable(brand)
    workshop, created = Workshop.objects.get_or_create(brand=brand, defaults={"created_by": actor})
    if created:
        audit_record(
            actor=actor,
            action="theme_workshop_start",
            obj=workshop,
            org_path=brand.org.path,
            changes={"brand": brand.name},
        )
    return workshop


def clean_phrases(phrases) -> list[list[str]]:
    cleaned = []
    for phrase, explanation in phrases or []:
        phrase, explanation = clean_text(phrase).strip(), clean_text(explanation).strip()
        if not phrase and not explanation:
            continue
        if not phrase or not explanation:
            raise ValidationError({"phrases": "每条释义都需要填写词句和释义。"})
        if len(phrase) > 30:
            raise ValidationError({"phrases": f"词句“{phrase[:10]}…”过长：不超过 30 个字。"})
        cleaned.append([phrase, explanation])
    if len(cleaned) > PHRASES_MAX:
        raise ValidationError({"phrases": f"逐句释义不超过 {PHRASES_MAX} 条。"})
    return cleaned


def _clean_fields(fields: dict) -> dict:
    data = {}
    for name, limit, label in (
        ("name", NAME_MAX, "名称"),
        ("slogan", SLOGAN_MAX, "口号"),
        ("meaning", MEANING_MAX, "内涵释义"),
    ):
        if name in fields:
            value = clean_text(fields[name] or "").strip()
            if len(value) > limit:
                raise ValidationError(
                    {name: f"{label}不超过 {limit} 个字（当前 {len(value)} 个字）。"}
                )
            data[name] = value
    if "name" in data and not data["name"]:
        raise ValidationError({"name": "请填写品牌名称。"})
    if "name" in data and not theme_key(data["name"]):
        raise ValidationError({"name": "名称应包含汉字、字母或数字。"})
    if "phrases" in fields:
        data["phrases"] = clean_phrases(fields["phrases"])
    return data


def _refuse_closed(workshop: Workshop, stages, what: str) -> None:
    if workshop.stage not in stages:
        allowed = "、".join(WorkshopStage(s).label for s in WorkshopStage.values if s in stages)
        raise ValidationError(
            f"主题征集处于“{workshop.get_stage_display()}”阶段，不能{what}（仅限{allowed}阶段）。"
        )


def _with_check(candidate: Candidate, *, now=None) -> None:
    candidate.check_report = snapshot(candidate)
    candidate.checked_at = now or clock.now()


def _second(actor, existing: Candidate, workshop: Workshop, source: str, count: int):
    """A name proposed again (after normalising): one more proposer, not a new candidate."""
    existing.proposer_count += count
    existing.save(update_fields=["proposer_count", "updated_at"])
    _audit(
        actor,
        "theme_candidate_second",
        existing,
        workshop,
        {"name": existing.name, "source": source, "proposer_count": existing.proposer_count},
    )
    return existing


@transaction.atomic
def candidate_add(
    *,
    actor,
    workshop: Workshop,
    name: str,
    slogan: str = "",
    meaning: str = "",
    phrases=(),
    source: str = CandidateSource.STAFF,
    survey: Survey | None = None,
    proposer_count: int = 1,
    check: bool = True,
    now=None,
) -> tuple[Candidate, bool]:
    """Add a candidate; a name already proposed (after normalising) counts one more proposer
    instead. Returns (candidate, created)."""
    workshop = locked_workshop(workshop)
    ensure_editable(workshop.brand)
    stages = MEMBER_STAGES if source == CandidateSource.MEMBER else ADDING_STAGES
    _refuse_closed(workshop, stages, "再提出候选")
    if source not in CandidateSource.values:
        raise ValidationError({"source": "来源不正确。"})
    data = _clean_fields({"name": name, "slogan": slogan, "meaning": meaning, "phrases": phrases})
    key = theme_key(data["name"])
    existing = Candidate.objects.select_for_update().filter(workshop=workshop, key=key).first()
    if existing is not None:
        return _second(actor, existing, workshop, source, proposer_count), False
    candidate = Candidate(
        workshop=workshop,
        key=key,
        source=source,
        proposed_by=actor if actor is not None and actor.is_authenticated else None,
        proposer_count=proposer_count,
        survey=survey,
        **data,
    )
    if check:
        _with_check(candidate, now=now)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as exc:  # the same name at the same moment by someone else
        raise ValidationError({"name": f"“{data['name']}”刚刚已被提出，请刷新后查看。"}) from exc
    _audit(
        actor,
        "theme_candidate_add",
        candidate,
        workshop,
        {"name": candidate.name, "slogan": candidate.slogan, "source": source},
    )
    return candidate, True


def _locked_candidate(candidate: Candidate) -> Candidate:
    return (
        Candidate.objects.select_for_update()
        .select_related("workshop__brand__org")
        .get(pk=candidate.pk)
    )


def _refuse_voted_rename(candidate: Candidate, data: dict) -> None:
    """Members voted for this name and slogan: changing them would change what they voted for.
    The 内涵释义 may still be written."""
    renamed = [f for f in ("name", "slogan") if f in data and data[f] != getattr(candidate, f)]
    if renamed and candidate.votes.exists():
        raise ValidationError(
            {renamed[0]: "该候选已有党员投票，名称和口号不能再修改；如需调整，请作为新的候选提出。"}
        )


@transaction.atomic
def candidate_update(
    *, actor, candidate: Candidate, now=None, version: int | None = None, **fields
) -> Candidate:
    """Edit a candidate's text; the automatic checks are run again when name, slogan or
    meaning change. A form opened before someone else's save is refused (`version`)."""
    candidate = _locked_candidate(candidate)
    check_version(candidate, version)
    workshop = candidate.workshop
    ensure_editable(workshop.brand)
    _refuse_closed(workshop, ADDING_STAGES, "修改候选")
    data = _clean_fields(fields)
    _refuse_voted_rename(candidate, data)
    if "name" in data:
        key = theme_key(data["name"])
        clash = Candidate.objects.filter(workshop=workshop, key=key).exclude(pk=candidate.pk)
        if clash.exists():
            raise ValidationError({"name": f"已有同名候选“{data['name']}”。"})
        data["key"] = key
    changes = field_changes(candidate, data)
    if not changes:
        return candidate
    update = [*changes]
    if {"name", "slogan", "meaning"} & set(changes):
        _with_check(candidate, now=now)
        update += ["check_report", "checked_at"]
    candidate.save(update_fields=[*update, "updated_at"])
    changes.pop("key", None)
    _audit(actor, "theme_candidate_update", candidate, workshop, changes)
    return candidate


@transaction.atomic
def candidate_recheck(*, actor, candidate: Candidate, now=None) -> Candidate:
    """Run the automatic checks again (重新检测): other brands may have changed since."""
    candidate = _locked_candidate(candidate)
    _with_check(candidate, now=now)
    candidate.save(update_fields=["check_report", "checked_at", "updated_at"])
    report = candidate.check_report or {}
    _audit(
        actor,
        "theme_candidate_recheck",
        candidate,
        candidate.workshop,
        {"name": candidate.name, "passed": report.get("passed")},
    )
    return candidate


def fill_missing_checks(candidates, *, now=None) -> None:
    """Checks of candidates added without them (the demo data, bulk imports) are computed the
    first time someone looks. Derived data, not a decision: no audit row."""
    for candidate in candidates:
        if candidate.check_report is None:
            _with_check(candidate, now=now)
            Candidate.objects.filter(pk=candidate.pk, check_report__isnull=True).update(
                check_report=candidate.check_report, checked_at=candidate.checked_at
            )


@transaction.atomic
def candidate_shortlist(*, actor, candidate: Candidate, shortlisted: bool) -> Candidate:
    candidate = _locked_candidate(candidate)
    _refuse_closed(candidate.workshop, ADDING_STAGES, "调整入围")
    if candidate.shortlisted == shortlisted:
        return candidate
    candidate.shortlisted = shortlisted
    candidate.save(update_fields=["shortlisted", "updated_at"])
    _audit(
        actor,
        "theme_candidate_shortlist",
        candidate,
        candidate.workshop,
        {"name": candidate.name, "shortlisted": shortlisted},
    )
    return candidate


@transaction.atomic
def candidate_delete(*, actor, candidate: Candidate) -> None:
    candidate = _locked_candidate(candidate)
    workshop = candidate.workshop
    _refuse_closed(workshop, {WorkshopStage.COLLECTING}, "删除候选")
    _audit(actor, "theme_candidate_delete", candidate, workshop, {"name": candidate.name})
    candidate.delete()


def _survey_fits(workshop: Workshop, survey: Survey) -> bool:
    if survey.brand_id is not None:
        return survey.brand_id == workshop.brand_id
    return workshop.brand.org.path.startswith(survey.org.path) or survey.org.path.startswith(
        workshop.brand.org.path
    )


@transaction.atomic
def survey_import(*, actor, workshop: Workshop, survey: Survey, now=None) -> dict:
    """Take in a survey's name proposals in one go: names equal after normalising become one
    candidate whose proposer count is the number of people who proposed it. A survey is taken
    in once. Returns {"added": n, "merged": n, "proposals": n}."""
    workshop = locked_workshop(workshop)
    ensure_editable(workshop.brand)
    _refuse_closed(workshop, ADDING_STAGES, "导入问卷")
    if not _survey_fits(workshop, survey):
        raise ValidationError("只能导入本品牌或本组织发起的问卷。")
    if SurveyImport.objects.filter(workshop=workshop, survey=survey).exists():
        raise ValidationError(f"问卷“{survey.title}”已导入过，不再重复计数。")
    groups: dict[str, dict] = {}
    proposals = name_proposals(survey)
    for row in proposals:
        name = clean_text(row["name"]).strip()[:NAME_MAX]
        key = theme_key(name)
        if not key:
            continue
        group = groups.setdefault(key, {"name": name, "slogan": "", "meaning": "", "count": 0})
        group["count"] += 1
        if not group["slogan"]:
            group["slogan"] = clean_text(row["slogan"]).strip()[:SLOGAN_MAX]
        if not group["meaning"]:
            group["meaning"] = clean_text(row["reason"]).strip()[:MEANING_MAX]
    if not groups:
        raise ValidationError(f"问卷“{survey.title}”还没有品牌名称建议。")
    added = merged = 0
    for group in groups.values():
        _, created = candidate_add(
            actor=actor,
            workshop=workshop,
            name=group["name"],
            slogan=group["slogan"],
            meaning=group["meaning"],
            source=CandidateSource.SURVEY,
            survey=survey,
            proposer_count=group["count"],
            check=False,  # computed when the workshop page is first opened (fill_missing_checks)
        )
        added += created
        merged += not created
    SurveyImport.objects.create(
        workshop=workshop, survey=survey, proposals=len(proposals), imported_by=actor
    )
    result = {"added": added, "merged": merged, "proposals": len(proposals)}
    _audit(actor, "theme_survey_import", workshop, workshop, {"survey": survey.title, **result})
    return result

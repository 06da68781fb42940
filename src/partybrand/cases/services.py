"""Every change to cases, 汇编 and 新闻稿. Each checks its input, runs in one transaction (the
case's row locked where reviewers and authors may race) and writes an audit row; the texts go
through the documents layer, which keeps them as versions and audits them too."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.cases import kinds
from partybrand.cases.choices import (
    BODY_SECTIONS,
    EDITABLE,
    PUBLIC,
    AdoptionLevel,
    CaseAction,
    CasesAudit,
    CaseSection,
    CasesNotice,
    CaseState,
    NewsSection,
)
from partybrand.cases.facts import draft_texts
from partybrand.cases.models import (
    DEFAULT_MAX_CHARS,
    CaseLimit,
    CasePhoto,
    CaseReport,
    CaseStep,
    Compilation,
    CompilationEntry,
    NewsRelease,
    TypicalCase,
)
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.quotes import quoted
from partybrand.core.versioning import check_version, touch
from partybrand.documents import services as documents
from partybrand.documents.models import Document
from partybrand.documents.registry import BuildContext
from partybrand.notices.services import notify
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, users_with
from partybrand.orgs.tree import ancestor_paths
from partybrand.promotion.models import Activity
from partybrand.promotion.services import check_photos
from partybrand.textsim.normalize import clean_text

MIN_PHOTOS = 2
MAX_PHOTOS = 9
MAX_CASES_IN_BOOK = 100
MIN_LIMIT, MAX_LIMIT = 500, 20000


def _text(value) -> str:
    return clean_text(value or "").strip()


def body_length(texts: dict[str, str]) -> int:
    """The characters of a case's body (its four parts, 附录 aside), spaces and line breaks not
    counted: what the page's live count shows."""
    return sum(len("".join((texts.get(str(key)) or "").split())) for key in BODY_SECTIONS)


def case_limit(org: Organization) -> int:
    """The body limit in force for an organisation's cases: the nearest committee's setting at
    or above it, else 3,000."""
    paths = [*ancestor_paths(org.path), org.path]
    row = (
        CaseLimit.objects.filter(org__path__in=paths)
        .order_by("-org__path")
        .values_list("max_chars", flat=True)
        .first()
    )
    return row or DEFAULT_MAX_CHARS


def case_texts(case: TypicalCase) -> dict[str, str]:
    return documents.latest_texts(documents.document_for(kinds.CASE_KIND, case))


def _check_authors(org: Organization, authors) -> list:
    authors = list(authors)
    if not authors:
        raise ValidationError({"authors": "请选择至少一名作者。"})
    if any(not (a.is_active and a.org.path.startswith(org.path)) for a in authors):
        raise ValidationError({"authors": "作者须是本组织名册上的党员。"})
    return authors


def _check_title(title: str) -> str:
    title = _text(title)
    if not title:
        raise ValidationError({"title": "请填写案例标题。"})
    if len(title) > 60:
        raise ValidationError({"title": "案例标题不超过 60 字。"})
    return title


def _case_url(case: TypicalCase) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def _lock(case: TypicalCase) -> TypicalCase:
    return (
        TypicalCase.objects.select_for_update(of=("self",))
        .select_related("org", "brand")
        .get(pk=case.pk)
    )


@transaction.atomic
def case_create(*, actor, brand: Brand, title: str, authors=()) -> TypicalCase:
    """A new draft case of the brand's organisation."""
    title = _check_title(title)
    authors = _check_authors(brand.org, authors)
    case = TypicalCase.objects.create(org=brand.org, brand=brand, title=title, created_by=actor)
    case.authors.set(authors)
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_CREATE,
        obj=case,
        org_path=brand.org.path,
        changes={"brand": brand.name, "title": title, "authors": [a.name for a in authors]},
    )
    return case


def _editable(case: TypicalCase) -> None:
    if case.state not in EDITABLE:
        raise ValidationError("该案例已提交，退回后才能修改。")


@transaction.atomic
def case_update(
    *,
    actor,
    case: TypicalCase,
    title: str | None = None,
    authors=None,
    texts: dict[str, str] | None = None,
    version: int | None = None,
    comment: str = "",
) -> TypicalCase:
    """Change a draft or returned case: its title, its authors, its parts (a new version of its
    document; `version` is the document's version the page was opened at, an older one refused)."""
    case = _lock(case)
    _editable(case)
    document = documents.document_for(kinds.CASE_KIND, case)
    if document is not None:  # its version stands for the whole case: title, authors, parts
        document = Document.objects.select_for_update().get(pk=document.pk)
        check_version(document, version)
    changes: dict = {}
    if title is not None:
        title = _check_title(title)
        if title != case.title:
            changes["title"] = [case.title, title]
            case.title = title
    if authors is not None:
        authors = _check_authors(case.org, authors)
        before = sorted(a.name for a in case.authors.all())
        after = sorted(a.name for a in authors)
        if before != after:
            changes["authors"] = [before, after]
            case.authors.set(authors)
    if texts is not None:
        texts = {key: clean_text(value or "").strip() for key, value in texts.items()}
        before_texts = case_texts(case)
        changed = sorted(k for k, v in texts.items() if v != before_texts.get(k, ""))
        if changed:
            documents.document_edit(
                actor=actor,
                kind=kinds.CASE_KIND,
                subject_obj=case,
                texts=texts,
                comment=comment,
                version=version,
            )
            changes["sections"] = changed
    if not changes:
        return case
    if "sections" not in changes:  # a page opened before the new title or authors is stale too
        touch(documents.document_ensure(actor=actor, kind=kinds.CASE_KIND, subject_obj=case))
    case.save(update_fields=["title", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_UPDATE,
        obj=case,
        org_path=case.org.path,
        changes=changes,
    )
    return case


@transaction.atomic
def case_draft(*, actor, case: TypicalCase) -> list[str]:
    """从平台数据起草: every part still empty written from the platform's facts (KPI changes,
    verified tasks, carrier results); parts already written are kept. Returns the parts
    written."""
    case = _lock(case)
    _editable(case)
    facts = kinds.case_facts(case, BuildContext(actor=actor, today=clock.today()))
    drafted = draft_texts(facts, case_texts(case))
    if not drafted:
        raise ValidationError("各部分均已填写，或平台暂无可用数据，未起草。")
    documents.document_edit(
        actor=actor,
        kind=kinds.CASE_KIND,
        subject_obj=case,
        texts=drafted,
        comment="从平台数据起草",
    )
    case.save(update_fields=["updated_at"])
    written = [key for key in CaseSection.values if key in drafted]
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_DRAFT,
        obj=case,
        org_path=case.org.path,
        changes={"sections": written},
    )
    return written


@transaction.atomic
def case_photo_add(*, actor, case: TypicalCase, photos, caption: str = "") -> list[CasePhoto]:
    """Photos of the case (PNG or JPEG, decoded as every image; all accepted or none), each
    captioned `caption` (the case's title when none is written, never the file's name)."""
    case = _lock(case)
    _editable(case)
    photos = list(photos)
    if not photos:
        raise ValidationError({"photos": "请选择照片。"})
    if case.photos.count() + len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": f"每个案例最多 {MAX_PHOTOS} 张照片。"})
    saved = []
    for title, file in check_photos(photos):
        photo = CasePhoto(
            case=case,
            title=title,
            caption=caption.strip(),
            content_type=file.content_type,
            size=file.size,
            uploaded_by=actor,
        )
        photo.file.save(f"{uuid.uuid4().hex[:12]}.{file.extension}", file.content, save=False)
        photo.save()
        saved.append(photo)
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_PHOTO_ADD,
        obj=case,
        org_path=case.org.path,
        changes={"photos": [p.title for p in saved]},
    )
    return saved


@transaction.atomic
def case_photo_caption(*, actor, photo: CasePhoto, caption: str) -> CasePhoto:
    """What a photo shows, in the writer's words: printed under it as 图N … on the page, in the
    case's .docx/.pdf and in the 汇编. Left empty, the case's title stands in."""
    case = _lock(photo.case)
    _editable(case)
    photo = CasePhoto.objects.select_for_update(of=("self",)).get(pk=photo.pk)
    before = photo.caption
    photo.caption = caption.strip()
    photo.save(update_fields=["caption"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_PHOTO_CAPTION,
        obj=case,
        org_path=case.org.path,
        changes={"caption": [before, photo.caption]},
    )
    return photo


@transaction.atomic
def case_photo_remove(*, actor, photo: CasePhoto) -> None:
    case = _lock(photo.case)
    _editable(case)
    title = photo.title
    photo.file.delete(save=False)
    photo.delete()
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_PHOTO_REMOVE,
        obj=case,
        org_path=case.org.path,
        changes={"photos": [title]},
    )


def _step(case, actor, action, to_state, comment="") -> CaseStep:
    step = CaseStep.objects.create(
        case=case,
        action=action,
        from_state=case.state,
        to_state=to_state,
        comment=comment,
        actor=actor,
    )
    case.state = to_state
    return step


def _people_of(case: TypicalCase):
    """Who wrote the case: its creator and the authors who have an account."""
    users = {case.created_by_id: case.created_by} if case.created_by_id else {}
    for author in case.authors.select_related("user"):
        if author.user_id:
            users[author.user_id] = author.user
    return list(users.values())


def reviewers_of(case: TypicalCase, cap: Cap):
    """The people of the nearest level above the case's organisation holding `cap`."""
    for path in reversed(ancestor_paths(case.org.path)):
        people = list(users_with(cap, [path]))
        if people:
            return people
    return []


def _tell(people, case, step, kind, title, body="") -> None:
    for user in people:
        notify(
            user=user,
            kind=kind,
            key=f"cases:{kind}:{step.pk}:{user.pk}",
            title=title,
            body=body[:200],
            url=_case_url(case),
            org_path=case.org.path,
        )


def check_ready(case: TypicalCase) -> None:
    """What a case needs before it goes up: every part written, the body within the limit, at
    least two photos and an author."""
    texts = case_texts(case)
    missing = [str(label) for key, label in _body_labels() if not (texts.get(key) or "").strip()]
    if missing:
        raise ValidationError(f"请先填写：{'、'.join(missing)}。")
    limit = case_limit(case.org)
    length = body_length(texts)
    if length > limit:
        raise ValidationError(f"正文{length}字，超过上限{limit}字，请精简后再提交。")
    if case.photos.count() < MIN_PHOTOS:
        raise ValidationError(f"请至少上传{MIN_PHOTOS}张照片。")
    if not case.authors.exists():
        raise ValidationError("请选择作者。")


def _body_labels():
    from_choices = dict(CaseSection.choices)
    return [(str(key), from_choices[key]) for key in BODY_SECTIONS]


@transaction.atomic
def case_submit(*, actor, case: TypicalCase) -> TypicalCase:
    """The branch sends the case to the level above."""
    case = _lock(case)
    if case.state not in EDITABLE:
        raise ValidationError("只有草稿或退回修改的案例可以提交。")
    check_ready(case)
    step = _step(case, actor, CaseAction.SUBMIT, CaseState.SUBMITTED)
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_SUBMIT,
        obj=case,
        org_path=case.org.path,
        changes={"state": [step.from_state, step.to_state]},
    )
    _tell(
        reviewers_of(case, Cap.REVIEW_CASES),
        case,
        step,
        CasesNotice.CASE_TO_REVIEW,
        f"{case.org.name}提交了典型案例{quoted(case.title)}，请审核",
    )
    return case


@transaction.atomic
def case_forward(*, actor, case: TypicalCase, comment: str = "") -> TypicalCase:
    """The level above passes the case on to the group committee."""
    case = _lock(case)
    if case.state != CaseState.SUBMITTED:
        raise ValidationError("只有待上级审核的案例可以报送党委。")
    comment = _text(comment)
    step = _step(case, actor, CaseAction.FORWARD, CaseState.FORWARDED, comment)
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_FORWARD,
        obj=case,
        org_path=case.org.path,
        changes={"state": [step.from_state, step.to_state]},
        comment=comment,
    )
    _tell(
        [u for u in reviewers_of(case, Cap.PUBLISH_CASES) if u.pk != actor.pk],
        case,
        step,
        CasesNotice.CASE_TO_REVIEW,
        f"典型案例{quoted(case.title)}（{case.org.name}）待党委审定",
        comment,
    )
    return case


@transaction.atomic
def case_return(*, actor, case: TypicalCase, comment: str) -> TypicalCase:
    """The level above or the committee sends the case back with what must change."""
    case = _lock(case)
    if case.state not in (CaseState.SUBMITTED, CaseState.FORWARDED):
        raise ValidationError("只有待审核或待审定的案例可以退回。")
    comment = _text(comment)
    if not comment:
        raise ValidationError({"comment": "退回时请写明修改意见。"})
    step = _step(case, actor, CaseAction.RETURN, CaseState.RETURNED, comment)
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_RETURN,
        obj=case,
        org_path=case.org.path,
        changes={"state": [step.from_state, step.to_state]},
        comment=comment,
    )
    _tell(
        _people_of(case),
        case,
        step,
        CasesNotice.CASE_RETURNED,
        f"典型案例{quoted(case.title)}被退回修改",
        comment,
    )
    return case


@transaction.atomic
def case_publish(*, actor, case: TypicalCase, comment: str = "") -> TypicalCase:
    """The group committee publishes the case inside the group."""
    case = _lock(case)
    if case.state != CaseState.FORWARDED:
        raise ValidationError("只有待党委审定的案例可以发布。")
    check_ready(case)
    comment = _text(comment)
    step = _step(case, actor, CaseAction.PUBLISH, CaseState.PUBLISHED, comment)
    case.published_on = clock.today()
    case.save(update_fields=["state", "published_on", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_PUBLISH,
        obj=case,
        org_path=case.org.path,
        changes={"state": [step.from_state, step.to_state]},
        comment=comment,
    )
    _tell(
        _people_of(case),
        case,
        step,
        CasesNotice.CASE_PUBLISHED,
        f"典型案例{quoted(case.title)}已发布",
    )
    return case


@transaction.atomic
def case_report(*, actor, case: TypicalCase, reported_to: str, reported_on) -> CaseReport:
    """A published case sent upward: to whom and when."""
    case = _lock(case)
    if case.state not in PUBLIC:
        raise ValidationError("案例发布后才能向上级报送。")
    reported_to = _text(reported_to)
    if not reported_to:
        raise ValidationError({"reported_to": "请填写报送对象。"})
    if len(reported_to) > 100:
        raise ValidationError({"reported_to": "报送对象不超过 100 字。"})
    if reported_on > clock.today():
        raise ValidationError({"reported_on": "报送日期不能晚于今天。"})
    if case.published_on and reported_on < case.published_on:
        raise ValidationError({"reported_on": "报送日期不能早于发布日期。"})
    report = CaseReport.objects.create(
        case=case, reported_to=reported_to, reported_on=reported_on, recorded_by=actor
    )
    to_state = CaseState.ADOPTED if case.state == CaseState.ADOPTED else CaseState.REPORTED
    step = _step(case, actor, CaseAction.REPORT, to_state, f"报送{reported_to}")
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_REPORT,
        obj=case,
        org_path=case.org.path,
        changes={
            "state": [step.from_state, step.to_state],
            "reported_to": reported_to,
            "reported_on": reported_on.isoformat(),
        },
    )
    return report


def _adoption_words(adopted: bool | None, level: str) -> str:
    if adopted is None:
        return "待记录"
    if not adopted:
        return "未采用"
    return f"已采用（{dict(AdoptionLevel.choices).get(level, '')}级）"


@transaction.atomic
def case_adopt(
    *, actor, report: CaseReport, adopted: bool, level: str = "", adopted_on=None, note: str = ""
) -> CaseReport:
    """Whether the body the case was sent to adopted it, and at what level. A recorded answer
    may be corrected later (未采用 adopted after all, or adopted at another level); the case is
    已采用 while any of its reports is adopted."""
    case = _lock(report.case)
    report = CaseReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    note = _text(note)[:200]
    if adopted:
        if level not in AdoptionLevel.values:
            raise ValidationError({"level": "请选择采用层级。"})
        if adopted_on is None:
            raise ValidationError({"adopted_on": "请填写采用日期。"})
        if adopted_on > clock.today():
            raise ValidationError({"adopted_on": "采用日期不能晚于今天。"})
        if adopted_on < report.reported_on:
            raise ValidationError({"adopted_on": "采用日期不能早于报送日期。"})
    else:
        level, adopted_on = "", None
    before = (report.adopted, report.level, report.adopted_on, report.adopted_note)
    if before == (adopted, level, adopted_on, note):
        return report
    correcting = report.adopted is not None
    was = _adoption_words(report.adopted, report.level)
    report.adopted, report.level, report.adopted_on, report.adopted_note = (
        adopted,
        level,
        adopted_on,
        note,
    )
    report.save(update_fields=["adopted", "level", "adopted_on", "adopted_note"])
    any_adopted = adopted or case.reports.exclude(pk=report.pk).filter(adopted=True).exists()
    to_state = CaseState.ADOPTED if any_adopted else CaseState.REPORTED
    label = dict(AdoptionLevel.choices).get(level, "")
    said = f"{report.reported_to}采用（{label}级）" if adopted else f"{report.reported_to}未采用"
    if correcting:
        said = f"更正采用情况（原为{was}）：{said}"
    step = _step(case, actor, CaseAction.ADOPT, to_state, said + (f"：{note}" if note else ""))
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_ADOPT,
        obj=case,
        org_path=case.org.path,
        changes={
            "state": [step.from_state, step.to_state],
            "reported_to": report.reported_to,
            "adopted": [was, _adoption_words(adopted, level)],
            "level": str(label),
        },
        comment="更正采用情况" if correcting else "",
    )
    if adopted and (before[0] is not True or before[1] != level):
        _tell(
            _people_of(case),
            case,
            step,
            CasesNotice.CASE_ADOPTED,
            f"典型案例{quoted(case.title)}被{report.reported_to}采用（{label}级）",
        )
    return report


@transaction.atomic
def case_limit_set(*, actor, org: Organization, max_chars: int) -> CaseLimit:
    """How long the bodies of the committee's cases may be."""
    if not MIN_LIMIT <= max_chars <= MAX_LIMIT:
        raise ValidationError({"max_chars": f"字数上限应在 {MIN_LIMIT}—{MAX_LIMIT} 之间。"})
    row, _ = CaseLimit.objects.select_for_update().get_or_create(org=org)
    before = row.max_chars
    row.max_chars = max_chars
    row.save(update_fields=["max_chars", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.CASE_LIMIT_SET,
        obj=row,
        org_path=org.path,
        changes={"max_chars": [before, max_chars]},
    )
    return row


def _check_book(org: Organization, cases) -> list[TypicalCase]:
    """The cases as they stand now (their states read again), in the order given."""
    order = list(dict.fromkeys(c.pk for c in cases))
    fresh = TypicalCase.objects.select_related("org").in_bulk(order)
    cases = [fresh[pk] for pk in order if pk in fresh]
    if not cases:
        raise ValidationError({"cases": "请至少选择一个已发布的案例。"})
    if len(cases) > MAX_CASES_IN_BOOK:
        raise ValidationError({"cases": f"一本汇编最多收录 {MAX_CASES_IN_BOOK} 个案例。"})
    for case in cases:
        if case.state not in PUBLIC:
            raise ValidationError({"cases": f"{quoted(case.title)}尚未发布，不能收录。"})
        if not case.org.path.startswith(org.path):
            raise ValidationError({"cases": f"{quoted(case.title)}不属于本单位。"})
    return cases


def _set_entries(compilation: Compilation, cases) -> None:
    compilation.entries.all().delete()
    CompilationEntry.objects.bulk_create(
        [
            CompilationEntry(compilation=compilation, case=case, position=n)
            for n, case in enumerate(cases, start=1)
        ]
    )


@transaction.atomic
def compilation_create(*, actor, org: Organization, title: str, cases) -> Compilation:
    """A 案例汇编 of the committee: published cases of its subtree in the order given."""
    title = _text(title)
    if not title:
        raise ValidationError({"title": "请填写汇编名称。"})
    cases = _check_book(org, cases)
    compilation = Compilation.objects.create(org=org, title=title[:60], created_by=actor)
    _set_entries(compilation, cases)
    audit_record(
        actor=actor,
        action=CasesAudit.COMPILATION_CREATE,
        obj=compilation,
        org_path=org.path,
        changes={"title": compilation.title, "cases": [c.title for c in cases]},
    )
    return compilation


@transaction.atomic
def compilation_update(
    *,
    actor,
    compilation: Compilation,
    title: str | None = None,
    cases=None,
    version: int | None = None,
) -> Compilation:
    """Rename the book, or choose and order its cases again. `version` is the one the form or
    API client started from: a book changed since is refused (core/versioning.py)."""
    compilation = (
        Compilation.objects.select_for_update(of=("self",))
        .select_related("org")
        .get(pk=compilation.pk)
    )
    check_version(compilation, version)
    changes: dict = {}
    if title is not None:
        title = _text(title)[:60]
        if not title:
            raise ValidationError({"title": "请填写汇编名称。"})
        if title != compilation.title:
            changes["title"] = [compilation.title, title]
            compilation.title = title
    if cases is not None:
        cases = _check_book(compilation.org, cases)
        before = [
            e.case.title for e in compilation.entries.select_related("case").order_by("position")
        ]
        after = [c.title for c in cases]
        if before != after:
            changes["cases"] = [before, after]
            _set_entries(compilation, cases)
    if not changes:
        return compilation
    compilation.save(update_fields=["title", "updated_at"])
    audit_record(
        actor=actor,
        action=CasesAudit.COMPILATION_UPDATE,
        obj=compilation,
        org_path=compilation.org.path,
        changes=changes,
    )
    return compilation


NEWS_FIELDS = ("headline", "happened_on", "place", "people", "event", "result")


def _clean_news(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in NEWS_FIELDS}
    for name in ("headline", "place", "people", "event", "result"):
        if name in data:
            data[name] = _text(data[name])
    if "headline" in data and not data["headline"]:
        raise ValidationError({"headline": "请填写标题。"})
    if "event" in data and not data["event"]:
        raise ValidationError({"event": "请写明事件。"})
    if data.get("happened_on") and data["happened_on"] > clock.today():
        raise ValidationError({"happened_on": "时间不能晚于今天。"})
    return data


def news_from_activity(activity: Activity) -> dict:
    """What a 新闻稿 of an activity starts from: its day, place, people and results."""
    carrier = activity.carrier
    count = activity.participants.count()
    results = "，".join(f"{r['label']}{r['number']}{r.get('unit', '')}" for r in activity.results)
    return {
        "headline": f"{carrier.name}：{activity.content.split('。')[0][:40]}",
        "happened_on": activity.held_on,
        "place": activity.place,
        "people": f"{carrier.name}{count}名党员" if count else carrier.name,
        "event": activity.content.split("。")[0][:300],
        "result": results[:300],
    }


@transaction.atomic
def news_create(*, actor, brand: Brand, activity: Activity | None = None, **fields) -> NewsRelease:
    """A 新闻稿 of the brand, from one of its activities or an event told in the fields."""
    if activity is not None and activity.carrier.brand_id != brand.pk:
        raise ValidationError({"activity": "所选活动不属于该品牌。"})
    data = _clean_news(fields)
    for name in ("headline", "event", "happened_on"):
        if not data.get(name):
            raise ValidationError({name: "请填写标题、时间和事件。"})
    news = NewsRelease(org=brand.org, brand=brand, activity=activity, created_by=actor, **data)
    news.full_clean()
    news.save()
    audit_record(
        actor=actor,
        action=CasesAudit.NEWS_CREATE,
        obj=news,
        org_path=brand.org.path,
        changes={
            "headline": news.headline,
            "activity": str(activity) if activity else "",
        },
    )
    return news


@transaction.atomic
def news_update(
    *, actor, news: NewsRelease, texts=None, version: int | None = None, **fields
) -> NewsRelease:
    """Change a 新闻稿's lead facts, or its 导语 and 正文 (a new version of its document)."""
    news = (
        NewsRelease.objects.select_for_update(of=("self",))
        .select_related("org", "brand")
        .get(pk=news.pk)
    )
    data = _clean_news(fields)
    changes: dict = {}
    for name, value in data.items():
        if getattr(news, name) != value:
            changes[name] = [str(getattr(news, name)), str(value)]
            setattr(news, name, value)
    if texts is not None:
        texts = {
            k: clean_text(v or "").strip() for k, v in texts.items() if k in NewsSection.values
        }
        before = documents.latest_texts(documents.document_for(kinds.NEWS_KIND, news))
        changed = sorted(k for k, v in texts.items() if v != before.get(k))
        if changed:
            documents.document_edit(
                actor=actor, kind=kinds.NEWS_KIND, subject_obj=news, texts=texts, version=version
            )
            changes["sections"] = changed
    if not changes:
        return news
    news.full_clean()
    news.save()
    audit_record(
        actor=actor,
        action=CasesAudit.NEWS_UPDATE,
        obj=news,
        org_path=news.org.path,
        changes=changes,
    )
    return news

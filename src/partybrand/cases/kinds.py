"""The documents of this app, on the documents layer: a typical case ("typical-case"), the 案例汇编
("case-compilation") and a 新闻稿 ("news-release"), with the subjects they are about. Each case and
each 新闻稿 keeps its texts as the document's sections; the photos and the 目录 come from the data
and are rebuilt on every export."""

from __future__ import annotations

import re

from partybrand.cases.access import access_case, access_compilation, access_news
from partybrand.cases.choices import CaseSection, NewsSection
from partybrand.cases.facts import brand_facts
from partybrand.cases.models import Compilation, NewsRelease, TypicalCase
from partybrand.core import clock
from partybrand.core.quotes import quoted
from partybrand.documents.building import apply_texts
from partybrand.documents.models import Document, DocumentVersion
from partybrand.documents.registry import BuildContext, DocumentKind, Subject
from partybrand.documents.spec import (
    Column,
    DocumentSpec,
    Heading,
    Image,
    PageBreak,
    Para,
    Section,
    Table,
)

CASE_KIND_CODE = "typical-case"
COMPILATION_KIND_CODE = "case-compilation"
NEWS_KIND_CODE = "news-release"
PHOTO_MM = 120
CAPTION_WHAT = 30  # characters of the activity's content a caption takes


def _photo_blocks(photos, *, prefix: str = "图", caption: str = "") -> list:
    """The photos at print width, each captioned 图1, 图2 … with `caption` when given, else the
    photo's own (a case photo's caption, never a file's name)."""
    blocks: list = []
    for index, photo in enumerate(photos, start=1):
        try:
            with photo.file.open("rb") as handle:
                data = handle.read()
        except OSError:  # a file lost from storage leaves its place empty, not the document
            continue
        said = caption or photo.shown_caption
        blocks.append(Image(data=data, width_mm=PHOTO_MM, caption=f"{prefix}{index} {said}"))
    return blocks


def activity_caption(activity) -> str:
    """A 新闻稿 photo's caption from its activity — when, who, where, what — never the name
    the file had on someone's phone: 2026年9月3日，检修一班党员示范岗在1号机组党员带队排查隐患."""
    what = re.split(r"[，。；！？,;]", activity.content.strip(), maxsplit=1)[0][:CAPTION_WHAT]
    where = _where(activity.place, what)
    return f"{clock.chinese_date(activity.held_on)}，{activity.carrier.name}{where}{what}"


def _where(place: str, what: str) -> str:
    """“在1号机组”, unless what was done names the place already: never “在1号机组党员带队排查
    1号机组检修隐患”."""
    return f"在{place}" if place and place not in what else ""


def _authors(case: TypicalCase) -> str:
    return "、".join(m.name for m in case.authors.all())


def case_sections(case: TypicalCase, *, numbered: bool = True) -> list[Section]:
    """A case's parts, empty until written, then its photos (from the data)."""
    # the 附录 is optional: left empty it prints no heading, yet its edit box is labelled 附录
    sections = [
        Section(
            str(key),
            str(label),
            [],
            numbered=numbered and key != CaseSection.APPENDIX,
            optional=key == CaseSection.APPENDIX,
        )
        for key, label in CaseSection.choices
    ]
    photos = _photo_blocks(case.photos.order_by("uploaded_at", "id"))
    if photos:
        sections.insert(
            len(sections) - 1, Section("photos", "图片", photos, numbered=False, editable=False)
        )
    return sections


def build_case(case: TypicalCase, ctx: BuildContext) -> DocumentSpec:
    del ctx
    return DocumentSpec(
        layout="paper",
        title=case.title,
        subtitle=f"（{case.org.name}）",
        preamble=[Para(f"作者：{_authors(case)}", indent=False, align="center")]
        if case.authors.exists()
        else [],
        sections=case_sections(case),
    )


def case_facts(case: TypicalCase, ctx: BuildContext) -> dict[str, list[str]]:
    del ctx
    return {str(key): sentences for key, sentences in brand_facts(case.brand).items()}


def latest_case_texts(cases) -> dict[int, dict[str, str]]:
    """The latest texts of many cases in two queries: {case pk: {section key: text}}."""
    documents = dict(
        Document.objects.filter(
            kind=CASE_KIND_CODE, subject="case", subject_pk__in=[c.pk for c in cases]
        ).values_list("pk", "subject_pk")
    )
    texts: dict[int, dict[str, str]] = {}
    for version in DocumentVersion.objects.filter(document_id__in=documents).order_by(
        "document_id", "-number"
    ):
        texts.setdefault(documents[version.document_id], dict(version.sections))
    return texts


def build_compilation(compilation: Compilation, ctx: BuildContext) -> DocumentSpec:
    """The book: a cover, 目录, a 前言 the committee writes (left out when it wrote none), then
    every case in the order chosen, each starting on a new page with its unit, authors, parts
    and photos."""
    entries = list(
        compilation.entries.select_related("case__org")
        .prefetch_related("case__authors", "case__photos")
        .order_by("position", "id")
    )
    cases = [e.case for e in entries]
    texts = latest_case_texts(cases)
    cover = Section(
        "cover",
        "",
        [
            Para(compilation.org.name, indent=False, align="center"),
            Para(clock.chinese_date(ctx.today), indent=False, align="center"),
            PageBreak(),
        ],
        numbered=False,
        editable=False,
    )
    contents = Section(
        "contents",
        "目录",
        [
            Table(
                columns=[
                    Column("序号", 14, "center"),
                    Column("案例"),
                    Column("单位", 46),
                ],
                rows=[[str(n), case.title, case.org.name] for n, case in enumerate(cases, start=1)],
                page_refs=[f"case-{case.pk}" for case in cases],
            )
        ]
        if cases
        else [Para("（尚未收录案例）", indent=False)],
        numbered=False,
        editable=False,
    )
    # no 前言 heading when the committee wrote none
    sections = [cover, contents, Section("preface", "前言", [], numbered=False, optional=True)]
    for case in cases:
        # each case's title heads a new page: the break closes the part before it
        sections[-1].blocks.append(PageBreak())
        body = case_body(case, texts.get(case.pk, {}))
        # numbered 一、二、…: each case's parts count （一）（二）… afresh
        sections.append(
            Section(f"case-{case.pk}", case.title, body, editable=False, bookmarked=True)
        )
    return DocumentSpec(
        layout="paper",
        title=compilation.title,
        subtitle="典型案例汇编",
        sections=sections,
    )


def case_body(case: TypicalCase, texts: dict[str, str]) -> list:
    """A case inside the book: its unit and authors, each part under its own heading, its
    photos."""
    spec = DocumentSpec(layout="paper", title=case.title, sections=case_sections(case))
    spec = apply_texts(spec, texts)
    blocks: list = [Para(f"{case.org.name}　{_authors(case)}", indent=False, align="center")]
    for section in spec.sections:
        if not section.blocks:
            continue
        if section.key != "photos":
            blocks.append(Heading(section.title, level=2))
        blocks += [b for b in section.blocks if not isinstance(b, Heading)]
    return blocks


def news_lead(news: NewsRelease) -> str:
    """The lead: 时间、地点、人物、事件、结果 in one sentence."""
    where = _where(news.place, news.event)
    people = news.people or news.org.name
    result = f"，{news.result.rstrip('。')}" if news.result else ""
    when = clock.chinese_date(news.happened_on)
    return f"{when}，{people}{where}{news.event.rstrip('。')}{result}。"


def news_facts(news: NewsRelease, ctx: BuildContext) -> dict[str, list[str]]:
    """The lead in one sentence; the body's sentences from the activity (who organised it,
    what was done, its results in numbers, how many took part) and the brand it serves."""
    del ctx
    body = []
    activity = news.activity
    if activity is not None:
        carrier = activity.carrier
        said = f"此次活动由{carrier.get_kind_display()}{quoted(carrier.name)}组织开展，"
        body.append(said + activity.content.rstrip("。") + "。")
        results = "、".join(
            f"{row['label']}{row['number']}{row.get('unit', '')}" for row in activity.results
        )
        count = activity.participants.count()
        if results or count:
            joined = f"共有{count}名党员参加" if count else ""
            if results:
                joined += ("，" if joined else "") + f"活动中{results}"
            body.append(joined + "。")
    body.append(f"这是{news.org.name}深化{quoted(news.brand.name)}党建品牌建设的具体实践。")
    return {NewsSection.LEAD: [news_lead(news)], NewsSection.BODY: body}


def build_news(news: NewsRelease, ctx: BuildContext) -> DocumentSpec:
    facts = news_facts(news, ctx)
    photos = news.activity.photos.order_by("uploaded_at", "id") if news.activity else []
    sections = [
        Section(NewsSection.LEAD, "", [Para(t) for t in facts[NewsSection.LEAD]], numbered=False),
        Section(NewsSection.BODY, "", [Para("".join(facts[NewsSection.BODY]))], numbered=False),
    ]
    caption = activity_caption(news.activity) if news.activity else ""
    images = _photo_blocks(photos, caption=caption)
    if images:
        sections.append(Section("photos", "", images, numbered=False, editable=False))
    return DocumentSpec(
        layout="paper",
        title=news.headline,
        sections=sections,
        signature=news.org.name,
        signed_on=news.happened_on,
    )


CASE_SUBJECT = Subject(
    name="case",
    label="典型案例",
    load=lambda user, pk, for_edit: access_case(user, pk, for_edit=for_edit),
    org_of=lambda case: case.org,
    title_of=lambda case: case.title,
)
COMPILATION_SUBJECT = Subject(
    name="compilation",
    label="案例汇编",
    load=lambda user, pk, for_edit: access_compilation(user, pk, for_edit=for_edit),
    org_of=lambda compilation: compilation.org,
    title_of=lambda compilation: compilation.title,
)
NEWS_SUBJECT = Subject(
    name="news",
    label="新闻稿",
    load=lambda user, pk, for_edit: access_news(user, pk, for_edit=for_edit),
    org_of=lambda news: news.org,
    title_of=lambda news: news.headline,
)
CASE_KIND = DocumentKind(
    code=CASE_KIND_CODE,
    title="典型案例",
    subject="case",
    layout="paper",
    build=build_case,
    description="标题、摘要、背景与起因、做法与经过、成效及启示（平台数据）、图片、附录",
    facts=case_facts,
)
COMPILATION_KIND = DocumentKind(
    code=COMPILATION_KIND_CODE,
    title="典型案例汇编",
    subject="compilation",
    layout="paper",
    build=build_compilation,
    description="封面、目录、前言和按顺序收录的已发布典型案例（含图片）",
)
NEWS_KIND = DocumentKind(
    code=NEWS_KIND_CODE,
    title="新闻稿",
    subject="news",
    layout="paper",
    build=build_news,
    description="标题、导语（时间、地点、人物、事件、结果）、正文和活动照片",
    facts=news_facts,
)
SUBJECTS = [CASE_SUBJECT, COMPILATION_SUBJECT, NEWS_SUBJECT]
KINDS = [CASE_KIND, COMPILATION_KIND, NEWS_KIND]

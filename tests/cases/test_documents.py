"""What the case documents say when opened: a case's .docx, the 汇编 as a book (cover, 目录, the
cases in the chosen order, each with its photos), a 新闻稿 with its lead and photos, and the
offline draft from the platform's data."""

import io
import re
from datetime import date

import docx
import pypdf
from django.urls import reverse

from partybrand.brands.services import kpi_create, kpi_record_value
from partybrand.cases import kinds, services
from partybrand.cases.choices import CaseState
from partybrand.core import clock
from partybrand.documents.pdf import docx_to_pdf
from partybrand.documents.registry import BuildContext, kind_for
from partybrand.documents.services import document_edit, document_export
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from tests.cases.builders import make_case
from tests.helpers import client_for
from tests.permissions.cases.cases import activity


def _open(response):
    assert response.status_code == 200, response.content[:300]
    return docx.Document(io.BytesIO(response.content))


def _outline(document, level: int) -> list[str]:
    found = []
    for para in document.paragraphs:
        lvl = para._p.find(".//{*}outlineLvl")
        if lvl is not None and lvl.get(docx.oxml.ns.qn("w:val")) == str(level):
            found.append(para.text)
    return found


def test_a_case_exports_its_parts_and_photos(world):
    case = make_case(world)
    url = reverse("documents:document_docx", args=["case", case.pk, "typical-case"])
    document = _open(client_for(world.member).get(url))
    headings = _outline(document, 0)
    assert headings == ["一、摘要", "二、背景与起因", "三、做法与经过", "四、成效及启示", "图片"]
    assert len(document.inline_shapes) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "作者：李党员" in text and "逐台核对检修工艺卡" in text


def test_the_compilation_is_a_book_of_the_cases_in_the_chosen_order(world):
    cases = [make_case(world, CaseState.PUBLISHED, title=f"案例{n}") for n in (1, 2, 3)]
    compilation = services.compilation_create(
        actor=world.staff,
        org=world.committee_a,
        title="甲公司典型案例汇编",
        cases=[cases[2], cases[0], cases[1]],
    )
    url = reverse(
        "documents:document_docx", args=["compilation", compilation.pk, "case-compilation"]
    )
    document = _open(client_for(world.member).get(url))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "甲公司典型案例汇编"
    assert "甲公司党委" in text
    assert _outline(document, 0) == ["目录", "一、案例3", "二、案例1", "三、案例2"]
    parts = _outline(document, 1)
    assert parts[:4] == ["（一）摘要", "（二）背景与起因", "（三）做法与经过", "（四）成效及启示"]
    assert parts[4] == "（一）摘要"  # the next case counts its parts afresh
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    # the page numbers are fields Word and LibreOffice fill in as they lay the pages out
    assert rows == [
        ["序号", "案例", "单位", "页码"],
        ["1", "案例3", "支部A", ""],
        ["2", "案例1", "支部A", ""],
        ["3", "案例2", "支部A", ""],
    ]
    assert len(document.inline_shapes) == 6  # two photos a case

    # in the PDF each case's row in the 目录 gives the page the case starts on
    pdf = pypdf.PdfReader(io.BytesIO(docx_to_pdf(client_for(world.member).get(url).content)))
    pages = ["".join(page.extract_text().split()) for page in pdf.pages]
    starts = {
        title: next(n for n, page in enumerate(pages, 1) if f"、{title}支部A" in page)
        for title in ("案例3", "案例1", "案例2")
    }
    assert starts["案例3"] < starts["案例1"] < starts["案例2"]
    contents = next(page for page in pages if page.startswith("目录") or "目录序号" in page)
    for n, title in enumerate(["案例3", "案例1", "案例2"], start=1):
        assert f"{n}{title}支部A{starts[title]}" in contents, (contents, starts)


def test_the_book_prints_a_foreword_only_when_one_was_written(world):
    case = make_case(world, CaseState.PUBLISHED, title="案例1")
    compilation = services.compilation_create(
        actor=world.staff, org=world.committee_a, title="甲公司典型案例汇编", cases=[case]
    )
    kind = kind_for("case-compilation")

    def book():
        content = document_export(actor=world.staff, kind=kind, subject_obj=compilation)
        document = docx.Document(io.BytesIO(content))
        pdf = pypdf.PdfReader(io.BytesIO(docx_to_pdf(content)))
        return document, "".join("".join(p.extract_text().split()) for p in pdf.pages)

    document, pdf_text = book()
    assert _outline(document, 0) == ["目录", "一、案例1"]
    assert "前言" not in "".join(p.text for p in document.paragraphs)
    assert "前言" not in pdf_text and "目录" in pdf_text and "一、案例1" in pdf_text
    # the committee still finds the 前言 to write on the document's page
    page = client_for(world.staff).get(
        reverse("documents:document_detail", args=["compilation", compilation.pk, kind.code])
    )
    assert "前言" in page.content.decode()

    document_edit(
        actor=world.staff,
        kind=kind,
        subject_obj=compilation,
        texts={"preface": "本书收录甲公司党建品牌典型案例。"},
    )
    document, pdf_text = book()
    assert _outline(document, 0) == ["目录", "前言", "一、案例1"]
    assert "前言本书收录甲公司党建品牌典型案例。" in pdf_text


def test_the_order_is_changed_by_posting_the_boxes_in_another_order(world):
    one, two = (make_case(world, CaseState.PUBLISHED, title=t) for t in ("甲", "乙"))
    compilation = services.compilation_create(
        actor=world.staff, org=world.committee_a, title="汇编", cases=[one, two]
    )
    response = client_for(world.staff).post(
        reverse("cases:compilation_edit", args=[compilation.pk]),
        {"title": "汇编", "cases": [two.pk, one.pk]},
    )
    assert response.status_code == 302
    order = list(compilation.entries.values_list("case__title", flat=True))
    assert order == ["乙", "甲"]


def test_only_published_cases_go_into_a_book(world):
    draft = make_case(world)
    response = client_for(world.staff).post(
        reverse("cases:compilation_create"), {"title": "汇编", "cases": [draft.pk]}
    )
    assert response.status_code == 400
    assert not compilation_exists()


def compilation_exists():
    from partybrand.cases.models import Compilation

    return Compilation.objects.exists()


def test_a_news_release_from_an_activity_has_its_lead_and_photos(world):
    act = activity(world)
    page = client_for(world.secretary).get(
        reverse("cases:news_create", args=[world.brand.pk]) + f"?activity={act.pk}"
    )
    assert "党员带队排查隐患" in page.content.decode()
    fields = services.news_from_activity(act)
    news = services.news_create(actor=world.secretary, brand=world.brand, activity=act, **fields)
    url = reverse("documents:document_docx", args=["news", news.pk, "news-release"])
    document = _open(client_for(world.member).get(url))
    text = [p.text for p in document.paragraphs if p.text]
    assert text[0] == news.headline
    lead = text[1]
    day = clock.chinese_date(act.held_on)
    assert lead.startswith(day) and "1号机组" in lead and "排查隐患12项" in lead
    assert len(document.inline_shapes) == 1
    # the photo is captioned from the activity, never with the uploaded file's name
    assert f"图1 {day}，检修一班党员示范岗在1号机组党员带队排查隐患" in text
    assert not any("排查.png" in t or t.endswith(" 排查") for t in text)


def test_a_news_release_names_the_place_once_when_the_activity_already_names_it(world):
    act = activity(world)
    act.content = "党员带队排查1号机组检修隐患，逐台核对检修工艺卡。"
    act.save(update_fields=["content"])
    fields = services.news_from_activity(act)
    news = services.news_create(actor=world.secretary, brand=world.brand, activity=act, **fields)
    content = document_export(actor=world.staff, kind=kind_for("news-release"), subject_obj=news)
    text = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text]
    lead, caption = text[1], next(t for t in text if t.startswith("图1"))
    assert "党员带队排查1号机组检修隐患" in lead and lead.count("1号机组") == 1
    assert caption.endswith("检修一班党员示范岗党员带队排查1号机组检修隐患")


def test_drafting_from_the_platform_fills_the_empty_parts_from_its_facts(world):
    kpi = kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="设备缺陷消除率",
        unit="%",
        baseline=80,
        baseline_on=date(2024, 1, 1),
        target=95,
    )
    kpi_record_value(actor=world.secretary, kpi=kpi, measured_on=date(2024, 6, 30), value=92)
    activity(world)
    case = make_case(world, texts=False, photos=0)
    services.case_update(actor=world.secretary, case=case, texts={"summary": "自己写的摘要。"})
    written = services.case_draft(actor=world.secretary, case=case)
    assert written == ["background", "practice", "results"]
    texts = services.case_texts(case)
    assert texts["summary"] == "自己写的摘要。"
    assert (
        "“设备缺陷消除率”由2024年1月1日的80%变为2024年6月30日的92%，提高12个百分点。"
        in texts["results"]
    )
    assert "“检修一班党员示范岗”累计排查隐患12项。" in texts["results"]
    assert "党员示范岗“检修一班党员示范岗”" in texts["practice"]
    facts = kinds.CASE_KIND.facts(case, None)
    assert set(facts) == {"summary", "background", "practice", "results"}


def test_a_rate_moves_by_percentage_points_and_a_count_by_its_unit_and_share(world):
    """One helper phrases every KPI change: the case's facts and the drafting help of the brand's
    documents (the work summary's 取得成效) say the same."""
    rate = kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="客户满意率",
        unit="%",
        baseline=80,
        baseline_on=date(2024, 1, 1),
        target=90,
    )
    kpi_record_value(actor=world.secretary, kpi=rate, measured_on=date(2024, 6, 30), value="84.36")
    count = kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="合理化建议",
        unit="条",
        baseline=120,
        baseline_on=date(2024, 1, 1),
        target=200,
    )
    kpi_record_value(actor=world.secretary, kpi=count, measured_on=date(2024, 6, 30), value=150)
    case = make_case(world, texts=False, photos=0)
    services.case_draft(actor=world.secretary, case=case)
    results = services.case_texts(case)["results"]
    assert "的84.36%，提高4.36个百分点。" in results
    assert "提高4.36%" not in results
    assert "的150条，提高30条（增长25%）。" in results
    ctx = BuildContext(actor=world.secretary, today=date(2024, 7, 1))
    summary = kind_for("work-summary").facts(world.brand, ctx)
    said = "".join(summary["results"])
    assert "客户满意率由80%提升到84.36%，提高4.36个百分点" in said
    assert "合理化建议由120条提升到150条，提高30条（增长25%）" in said


def test_case_photos_carry_the_writers_caption_never_the_file_name(world):
    case = make_case(world, photos=2)  # uploaded as 现场1.png, 现场2.png
    first = case.photos.order_by("uploaded_at", "id").first()
    detail = reverse("cases:case_detail", args=[case.pk])
    page = client_for(world.member).get(detail).content.decode()
    # unwritten, each photo is captioned with the case's title, not the name the file had
    assert f"图1 {case.title}" in page and f"图2 {case.title}" in page
    assert "现场1" not in page

    # a reader cannot caption; the writer can, on the edit page
    caption_url = reverse("cases:photo_caption", args=[first.pk])
    client_for(world.member).post(caption_url, {"caption": "随便写的"})
    first.refresh_from_db()
    assert first.caption == ""
    edit = client_for(world.secretary).get(reverse("cases:case_edit", args=[case.pk]))
    assert caption_url in edit.content.decode()
    response = client_for(world.secretary).post(caption_url, {"caption": "党员逐台核对检修工艺卡"})
    assert response.status_code == 302
    assert "图1 党员逐台核对检修工艺卡" in client_for(world.member).get(detail).content.decode()

    # the caption is printed under the photo in the case's .docx and PDF
    content = document_export(actor=world.staff, kind=kind_for("typical-case"), subject_obj=case)
    text = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert "图1 党员逐台核对检修工艺卡" in text and f"图2 {case.title}" in text
    assert not any("现场" in line for line in text if line.startswith("图"))
    pdf = pypdf.PdfReader(io.BytesIO(docx_to_pdf(content)))
    pdf_text = "".join("".join(p.extract_text().split()) for p in pdf.pages)
    assert "图1党员逐台核对检修工艺卡" in pdf_text

    # and in the 汇编 the case is compiled into
    services.case_submit(actor=world.secretary, case=case)
    services.case_forward(actor=world.mid_admin, case=case)
    services.case_publish(actor=world.staff, case=case)
    compilation = services.compilation_create(
        actor=world.staff, org=world.committee_a, title="甲公司典型案例汇编", cases=[case]
    )
    book = document_export(
        actor=world.staff, kind=kind_for("case-compilation"), subject_obj=compilation
    )
    book_text = [p.text for p in docx.Document(io.BytesIO(book)).paragraphs]
    assert "图1 党员逐台核对检修工艺卡" in book_text


def test_an_empty_appendix_prints_no_heading_yet_is_edited_as_the_appendix(world):
    case = make_case(world)  # its 附录 left empty
    kind = kind_for("typical-case")
    content = document_export(actor=world.staff, kind=kind, subject_obj=case)
    assert "附录" not in _outline(docx.Document(io.BytesIO(content)), 0)
    page = client_for(world.secretary).get(
        reverse("documents:document_detail", args=["case", case.pk, kind.code])
    )
    html = page.content.decode()
    labels = re.findall(r'<label class="form-label fw-semibold"[^>]*>([^<]*)</label>', html)
    assert labels[-2:] == ["附录", "修改说明"] and "开头" not in labels

    document_edit(
        actor=world.secretary,
        kind=kind,
        subject_obj=case,
        texts={"appendix": "检修工艺卡（样表）见附表。"},
    )
    content = document_export(actor=world.staff, kind=kind, subject_obj=case)
    document = docx.Document(io.BytesIO(content))
    assert _outline(document, 0)[-1] == "附录"
    assert "检修工艺卡（样表）见附表。" in [p.text for p in document.paragraphs]


def test_a_news_release_is_rendered_as_a_pdf_from_its_page(
    world, django_capture_on_commit_callbacks
):
    act = activity(world)
    fields = services.news_from_activity(act)
    news = services.news_create(actor=world.secretary, brand=world.brand, activity=act, **fields)
    reader = client_for(world.member)
    page = reader.get(reverse("cases:news_detail", args=[news.pk])).content.decode()
    pdf_url = reverse("documents:document_pdf", args=["news", news.pk, "news-release"])
    assert f'action="{pdf_url}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        started = reader.post(pdf_url)
    job = Job.objects.get(kind=JobKind.DOCUMENT_RENDER)
    assert started["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    got = reader.get(reverse("jobs:job_download", args=[job.pk]))
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(got.streaming_content)))
    text = "".join("".join(p.extract_text().split()) for p in pdf.pages)
    assert "".join(news.headline.split()) in text and "1号机组" in text

"""A plan's task list exported to .xlsx and .docx: both parse, and a title never turns into a
formula."""

import datetime
import io

from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from partybrand.core import clock
from partybrand.plans import services
from tests.helpers import client_for

D = datetime.timedelta


def test_exports_parse(world, plan):
    client = client_for(world.member)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("plans:export_xlsx", args=[plan.pk])).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "阶段", "任务名称") and len(rows) == 2 + 17
    first = rows[2]
    assert first[2] == "开展党员群众问卷调查" and first[5] == "李党员" and first[10] == "赵支委"
    assert first[13] == "逾期"
    doc = Document(io.BytesIO(client.get(reverse("plans:export_docx", args=[plan.pk])).content))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "三定任务清单" in body and "关口标准" in body
    table = doc.tables[0]
    assert table.rows[0].cells[3].text == "责任人" and len(table.rows) == 18
    assert "问卷回收率" in table.rows[1].cells[2].text


def test_task_list_xlsx_never_turns_a_title_into_a_formula(world, plan):
    from openpyxl import load_workbook

    services.plan_update(actor=world.secretary, plan=plan, title='=HYPERLINK("http://x","点我")')
    response = client_for(world.member).get(reverse("plans:export_xlsx", args=[plan.pk]))
    cell = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active["A1"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_word_task_table_fits_the_type_area_and_the_signature_follows_text(world, plan):
    from docx.shared import Mm

    content = client_for(world.member).get(reverse("plans:export_docx", args=[plan.pk])).content
    doc = Document(io.BytesIO(content))
    table = doc.tables[0]
    widths = [round(column.width / Mm(1)) for column in table.columns]
    assert sum(widths) == 156 and widths[0] == 10 and widths[4] >= 34
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None  # narrow cell margins: "序号" and "2026年12月31日" on one line
    assert table.rows[1].cells[4].text == "2026年3月22日"
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[-2:] == ["支部A", clock.day_text(clock.today())]
    assert texts[-3].startswith("各责任人按完成时限推进任务")  # the 落款 is not left alone
    assert "·" not in "\n".join(texts)

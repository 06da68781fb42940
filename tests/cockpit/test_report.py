"""The cockpit's 分析报告 as the committee staff reads it: a .docx on the documents layer whose
headings follow the cockpit and whose figures are the cockpit's own, a PDF that reads the same,
paragraphs the staff may rewrite while the tables stay the data's, and the cockpit's rule for
who may read it."""

import io

import docx
import pypdf
import pytest
from django.urls import reverse

from partybrand.brands.services import brand_create
from partybrand.cockpit import compute, selectors
from partybrand.documents.pdf import docx_to_pdf
from partybrand.documents.registry import kind_for
from partybrand.orgs.choices import OrgKind
from tests.factories import make_org
from tests.helpers import assert_queries_flat, login

pytestmark = pytest.mark.django_db
CAPTIONS = [
    "党支部品牌覆盖情况",
    "品牌创建阶段和层级",
    "评选结果汇总",
    "最近的评选批次",
    "品牌健康度分布",
    "健康度分项平均",
    "健康度最低的品牌",
    "平均健康度月度变化",
    "所属党组织品牌创建情况",
]


def _docx(client, org):
    url = reverse("documents:document_docx", args=["cockpit", org.pk, "cockpit-report"])
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.content


def _outline(document, level: int) -> list[str]:
    found = []
    for para in document.paragraphs:
        lvl = para._p.find(".//{*}outlineLvl")
        if lvl is not None and lvl.get(docx.oxml.ns.qn("w:val")) == str(level):
            found.append(para.text)
    return found


def _table(document, caption: str) -> list[list[str]]:
    texts = [p.text for p in document.paragraphs]
    assert caption in texts, texts
    index = [t for t in texts if t in CAPTIONS].index(caption)
    return [[cell.text for cell in row.cells] for row in document.tables[index].rows]


def test_the_report_states_the_cockpits_figures_under_its_headings(world):
    compute.recompute()
    content = _docx(login(world, "staff"), world.group)
    document = docx.Document(io.BytesIO(content))
    assert document.paragraphs[0].text == "测试集团党委党建品牌创建情况分析报告"
    assert _outline(document, 0) == [
        "一、品牌覆盖情况",
        "二、创建进程和品牌层级",
        "三、评选结果",
        "四、品牌健康度",
        "五、月度趋势",
        "六、所属党组织情况",
        "七、存在的问题和下一步建议",
    ]
    data = selectors.summary(world.group)
    cov = data["coverage"]
    coverage = _table(document, "党支部品牌覆盖情况")
    assert coverage[1:] == [
        ["有已命名品牌", str(cov["named"]), "0%"],
        ["品牌创建中", str(cov["creating"]), "50%"],
        ["尚无品牌", str(cov["none"]), "50%"],
        ["合计", str(cov["branches"]), "100%"],
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    # coverage counts branches: “branches that have a named brand”, said so
    assert f"共有党支部{cov['branches']}个，其中有已命名党建品牌的{cov['named']}个" in text
    average = data["health"]["average"]
    assert f"共有党建品牌{data['brands']}个，平均健康度{average:g}分。" in text
    funnel = {row[0]: row[1] for row in _table(document, "品牌创建阶段和层级")[1:]}
    for step in data["funnel"]:
        assert funnel[step["label"]] == str(step["count"])
    bands = _table(document, "品牌健康度分布")[1:]
    # the document writes no space between a figure and Chinese: 60分以下
    assert bands == [
        [b["label"].replace(" ", ""), str(b["count"])] for b in data["health"]["bands"]
    ]
    lowest = _table(document, "健康度最低的品牌")
    health = selectors.lowest(world.group)[0]
    assert lowest[1][1:4] == ["红色引擎", "支部A", f"{float(health.score):g}"]
    assert lowest[1][4] == "；".join(row["text"] for row in health.lowers[:2])
    units = _table(document, "所属党组织品牌创建情况")
    kids = selectors.children(world.group)
    assert [row[0] for row in units[1:]] == [c.short_name or c.name for c, _r in kids]
    assert [row[1] for row in units[1:]] == [str(r.branches if r else 0) for _c, r in kids]
    assert "一是推动尚无品牌的1个党支部启动品牌创建" in text  # advice from the figures
    # drafting help gets the same facts, unnumbered: its writer numbers them its own way
    facts = kind_for("cockpit-report").facts(world.group, None)
    assert facts["advice"][0].startswith("推动尚无品牌的1个党支部")

    pdf = pypdf.PdfReader(io.BytesIO(docx_to_pdf(content)))
    read = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    assert "一、品牌覆盖情况" in read and "红色引擎" in read and "健康度最低的品牌" in read


def test_the_staff_rewrite_a_paragraph_and_the_tables_stay_the_datas(world):
    compute.recompute()
    client = login(world, "staff")
    url = reverse("documents:document_edit", args=["cockpit", world.group.pk, "cockpit-report"])
    response = client.post(url, {"section_advice": "下一步重点抓好乙公司党委的品牌创建。"})
    assert response.status_code == 302
    document = docx.Document(io.BytesIO(_docx(client, world.group)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "下一步重点抓好乙公司党委的品牌创建。" in text
    assert "党支部品牌覆盖情况" in text


def test_the_cockpit_links_to_the_report_and_a_member_may_not_read_it(world):
    compute.recompute()
    page = login(world, "staff").get(reverse("cockpit:org", args=[world.group.pk]))
    report = reverse(
        "documents:document_detail", args=["cockpit", world.group.pk, "cockpit-report"]
    )
    assert report in page.content.decode()
    # written as a 公文 is: the checker finds nothing to correct in what the report generates
    detail = login(world, "staff").get(report).content.decode()
    assert "未发现常见公文格式问题。" in detail
    branch_report = reverse(
        "documents:document_docx", args=["cockpit", world.branch_a.pk, "cockpit-report"]
    )
    assert login(world, "member").get(branch_report).status_code == 403  # sees it, not its cockpit
    assert login(world, "outsider").get(branch_report).status_code == 404
    assert login(world, "staff").get(branch_report).status_code == 200


def test_the_report_takes_the_same_queries_for_few_or_many_brands(world):
    compute.recompute()
    client = login(world, "staff")
    url = reverse("documents:document_docx", args=["cockpit", world.group.pk, "cockpit-report"])

    def more():
        for i in range(6):
            org = make_org(world.committee_b, f"新增支部{i}", OrgKind.BRANCH, f"TX{i}")
            brand_create(actor=world.staff, org=org, name=f"新品牌{i}", slogan="")
        compute.recompute()

    client.get(url)  # the first export also creates the document's row
    assert_queries_flat(more, lambda: client.get(url))

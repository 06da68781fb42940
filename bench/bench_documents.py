"""The document layer's cost: a .docx of a many-section 公文 (30 sections of headings, paragraphs
and a 20-row table each, two appendices) against an empty python-docx document saved in the
same run, and its PDF by LibreOffice headless (the chosen engine; each conversion starts
soffice with a profile of its own).

`make bench` runs it; results also go to bench/out/documents.json. Options: --runs N (.docx
renders, default 15), --pdf-runs N (default 3).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from docx import Document  # noqa: E402

from partybrand.documents.layout import render_docx  # noqa: E402
from partybrand.documents.pdf import docx_to_pdf, engine  # noqa: E402
from partybrand.documents.spec import (  # noqa: E402
    Column,
    DocumentSpec,
    Heading,
    Imprint,
    Masthead,
    Para,
    Section,
    Table,
)

OUT = ROOT / "bench" / "out" / "documents.json"
TEXT = (
    "坚持以高质量党建引领保障企业高质量发展，推动党建工作与生产经营深度融合，形成可检验的工作成效。"
)


def section(n: int) -> Section:
    blocks: list = []
    for sub in range(3):
        blocks.append(Heading(f"第{sub + 1}项重点工作", 2))
        blocks += [Para(TEXT * 3) for _ in range(3)]
    blocks.append(
        Table(
            columns=[
                Column("序号", 14, "center"),
                Column("任务"),
                Column("责任人", 24),
                Column("完成时限", 34, "center"),
            ],  # fmt: skip
            rows=[[str(r), TEXT[:30], "张三", "2027年3月31日"] for r in range(1, 21)],
            caption=f"第{n}部分任务分工",
        )
    )
    return Section(key=f"s{n}", title=f"第{n}部分", blocks=blocks)


def spec() -> DocumentSpec:
    day = date(2026, 12, 6)
    return DocumentSpec(
        layout="gongwen",
        title="关于印发党建品牌创建实施方案的通知",
        recipients="各二级党委、直属党支部：",
        sections=[section(n) for n in range(1, 31)],
        attachments=["实施方案", "任务清单"],
        signature="中共测试集团有限公司委员会",
        signed_on=day,
        seal=True,
        masthead=Masthead(
            issuer_mark="中共测试集团有限公司委员会文件", number="测试党委〔2026〕3号"
        ),
        imprint=Imprint(
            printer="中共测试集团有限公司委员会党建工作部", print_date=day, cc=["纪委"]
        ),
        appendices=[
            DocumentSpec(
                layout="paper", title="实施方案", sections=[section(n) for n in range(1, 6)]
            ),
            DocumentSpec(layout="paper", title="任务清单", sections=[section(1)]),
        ],
    )


def timed(call, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def empty_docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    document = spec()
    content = render_docx(document)
    empty = timed(empty_docx, args.runs)
    docx = timed(lambda: render_docx(document), args.runs)
    result = {
        "sections": len(document.sections),
        "docx_bytes": len(content),
        "docx_median_s": statistics.median(docx),
        "docx_p95_s": p95(docx),
        "empty_docx_median_s": statistics.median(empty),
        "ratio_to_empty": statistics.median(docx) / statistics.median(empty),
    }
    print(
        f"文书 .docx（{result['sections']} 部分，{len(content) / 1024:.0f} KB）："
        f"中位 {result['docx_median_s'] * 1000:.0f} ms，p95 {result['docx_p95_s'] * 1000:.0f} ms；"
        f"空白 python-docx 文档 {result['empty_docx_median_s'] * 1000:.1f} ms，"
        f"倍数 {result['ratio_to_empty']:.1f}"
    )
    if engine() and args.pdf_runs:
        pdfs: list[bytes] = []
        pdf_times = timed(lambda: pdfs.append(docx_to_pdf(content)), args.pdf_runs)
        pages = len(pypdf.PdfReader(io.BytesIO(pdfs[-1])).pages)
        result |= {
            "pdf_engine": "LibreOffice headless (soffice --convert-to pdf)",
            "pdf_pages": pages,
            "pdf_median_s": statistics.median(pdf_times),
            "pdf_max_s": max(pdf_times),
        }
        print(
            f"PDF（LibreOffice，{pages} 页）：中位 {result['pdf_median_s']:.1f} s，"
            f"最长 {result['pdf_max_s']:.1f} s"
        )
    else:
        print("不测 PDF（未安装 LibreOffice，或 --pdf-runs 0）。")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

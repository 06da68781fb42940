"""The positioning report's file name; its content is the document spec of positioning/report.py,
laid out by the documents layer."""


def summary_filename(brand) -> str:
    return f"{brand.name}-品牌定位报告.docx"

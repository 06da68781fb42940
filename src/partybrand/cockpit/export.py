"""The cockpit's figures as a .xlsx (core/sheets.py): 概况, 下级组织, 健康度最低的品牌."""

from partybrand.cockpit import selectors
from partybrand.cockpit.choices import Part
from partybrand.core import sheets


def cockpit_workbook(org) -> bytes:
    data = selectors.summary(org)
    book = sheets.new_workbook()
    sheet = book.active
    sheet.title = "概况"
    sheets.append(sheet, ["项目", "数值"], style=sheets.header)
    cov = data["coverage"]
    rows = [
        ("党支部", cov["branches"]),
        ("有已命名品牌的支部", cov["named"]),
        ("品牌创建中的支部", cov["creating"]),
        ("尚无品牌的支部", cov["none"]),
        ("品牌总数", data["brands"]),
        ("已命名品牌", data["named_brands"]),
        ("平均健康度", data["health"]["average"]),
    ]
    rows += [(f"阶段：{f['label']}", f["count"]) for f in data["funnel"]]
    rows += [(f"层级：{t['label']}", t["count"]) for t in data["tiers"]]
    rows += [(f"健康度 {b['label']}", b["count"]) for b in data["health"]["bands"]]
    rows += [(f"分项平均：{p['label']}", p["average"]) for p in data["health"]["parts"]]
    rows += [(f"省份：{p['label']}（品牌数）", p["brands"]) for p in data["provinces"]]
    for row in rows:
        sheets.append(sheet, row)
    sheets.page_setup(sheet, header_row=1, widths=[28, 14])

    kids = book.create_sheet("下级组织")
    head = [
        "组织",
        "党支部",
        "有已命名品牌的支部",
        "品牌创建中的支部",
        "尚无品牌的支部",
        "品牌数",
        "平均健康度",
    ]
    head += [p.label for p in Part]
    sheets.append(kids, head, style=sheets.header)
    for child, r in selectors.children(org):
        parts = (r.part_avgs or {}) if r else {}
        sheets.append(
            kids,
            [
                child.name,
                r.branches if r else 0,
                r.branches_named if r else 0,
                r.branches_creating if r else 0,
                r.branches_none if r else 0,
                r.brands if r else 0,
                float(r.health_avg) if r and r.health_avg is not None else None,
                *[parts.get(p.value) for p in Part],
            ],
        )
    sheets.page_setup(kids, header_row=1, widths=[30, 8, 12, 12, 12, 8, 10, *[8] * len(Part)])

    low = book.create_sheet("健康度最低的品牌")
    sheets.append(
        low, ["品牌", "所属组织", "健康度", *[p.label for p in Part]], style=sheets.header
    )
    for h in selectors.health_rows(org)[:200]:
        sheets.append(
            low,
            [h.brand.name, h.brand.org.name, float(h.score), *[h.parts[p.value] for p in Part]],
        )
    sheets.page_setup(low, header_row=1, widths=[24, 30, 10, *[8] * len(Part)])
    return sheets.to_bytes(book)

"""The cockpit's figures as a .xlsx (core/sheets.py): 概况, 下级组织, 健康度最低的品牌, 评选结果."""

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
    rr = data["rounds"]
    rows += [
        (f"{rr['year'] or '本'}年度参评", rr["entries_year"]),
        (f"{rr['year'] or '本'}年度验收评选获命名", rr["named_year"]),
        ("累计参评", rr["entries"]),
        ("累计验收评选获命名", rr["named"]),
    ]
    rows += [(f"获命名等次：{t['label']}", t["count"]) for t in rr["tiers"]]
    rows += [(f"复评结论：{o['label']}", o["count"]) for o in rr["outcomes"]]
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
        "参评",
        "验收评选获命名",
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
                r.round_entries if r else 0,
                r.round_named if r else 0,
                float(r.health_avg) if r and r.health_avg is not None else None,
                *[parts.get(p.value) for p in Part],
            ],
        )
    sheets.page_setup(
        kids, header_row=1, widths=[30, 8, 12, 12, 12, 8, 8, 10, 10, *[8] * len(Part)]
    )

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

    held = book.create_sheet("评选结果")
    sheets.append(
        held,
        ["评选批次", "年度", "类型", "参评", "结果", "结果项数", *[t["label"] for t in rr["tiers"]]]
        + [f"复评{o['label']}" for o in rr["outcomes"]],
        style=sheets.header,
    )
    for one in rr["recent"]:
        sheets.append(
            held,
            [
                one["title"],
                one["year"],
                one["kind_label"],
                one["entries"],
                one["result_label"],
                one["named"],
                *[t["count"] for t in one["tiers"]],
                *[o["count"] for o in one["outcomes"]],
            ],
        )
    sheets.page_setup(
        held, header_row=1, widths=[34, 8, 12, 8, 14, 10, *[10] * (len(rr["tiers"]) + 5)]
    )
    return sheets.to_bytes(book)

"""申报书: what a branch sends up to apply for its brand, with the level above's 推荐意见 left
for that level to fill, and the commitment of truth and originality with the copy check."""

from __future__ import annotations

from partybrand.brands.models import Brand
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Para, Section, Table
from partybrand.documents.tidy import tidy_spec
from partybrand.orgs.selectors import secretary_name
from partybrand.themes.checks import FLAG_SCORE
from partybrand.themes.disclosure import WITHHELD_NAME
from partybrand.workbench.documents import facts
from partybrand.workbench.documents.common import (
    honour_lines,
    kpi_count,
    kpi_table,
    theme_blocks,
)
from partybrand.workbench.documents.logo import logo_image
from partybrand.workbench.documents.text import day, num, quoted, rate, sentence, todo

FACT_COLUMNS = [Column("项目", 44), Column("内容", 112)]  # "所在单位及主责主业" on one line


def build_application(brand: Brand, ctx: BuildContext) -> DocumentSpec:
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=f"{quoted(brand.name)}党建品牌申报书",
            sections=[
                Section("facts", "基本情况", _facts(brand)),
                Section(
                    "theme",
                    "品牌名称、口号及释义",
                    theme_blocks(brand, list(brand.phrases.all()), notes=False),
                ),
                Section("logo", "品牌标识及释义", _logo(brand)),
                Section("method", "品牌工作法", _method(brand)),
                Section("carriers", "品牌载体", _carriers()),
                Section("results", "创建成效", _results(brand)),
                Section("honours", "所获荣誉", _honours(brand)),
                Section("innovation", "创新点", _innovation(brand)),
                Section("recommendation", "上级党组织推荐意见", _recommendation(brand)),
                Section("commitment", "真实性和原创性承诺", _commitment(brand)),
            ],
            signature=brand.org.name,
            signed_on=ctx.today,
        )
    )


def _facts(brand: Brand) -> list:
    org = brand.org
    members, probationary = facts.member_count(org)
    secretary = secretary_name(org)
    upper = facts.upper_committee(org)
    count = f"{members}名" if members else todo("党员名册尚未录入平台，请填写党员人数")
    if probationary:
        count += f"（其中预备党员{probationary}名）"
    rows = [
        ["党组织名称", org.name],
        ["组织类别", org.get_kind_display()],
        ["上级党组织", upper.name if upper else "—"],
        ["党组织书记", secretary or todo("书记姓名")],
        ["党员人数", count],
        ["所在单位及主责主业", org.business or todo("所在单位及主责主业")],
        ["品牌名称", brand.name],
        ["品牌层级", brand.get_level_display()],
        ["品牌等级", brand.get_tier_display()],
    ]
    return [Table(columns=FACT_COLUMNS, rows=rows)]


def _logo(brand: Brand) -> list:
    blocks: list = []
    image = logo_image(brand)
    if image is not None:
        blocks.append(image)
    elif brand.logo:
        blocks.append(Para(todo("品牌标识为矢量文件，请在此处插入标识图片")))
    else:
        blocks.append(Para(todo("品牌标识尚未上传")))
    if brand.logo_meaning:
        blocks.append(Para(sentence(brand.logo_meaning), bold_lead="标识释义。"))
    else:
        blocks.append(Para(todo("标识释义尚未填写，请说明标识的构成元素、色彩及寓意")))
    return blocks


def _method(brand: Brand) -> list:
    methods = facts.methods(brand)
    if not methods:
        return [Para(todo("品牌工作法尚未提炼，请写明工作法的名称、主要步骤和适用场景"))]
    blocks: list = []
    for practice in methods:
        since = f"自{practice.since}年起，" if practice.since else ""
        blocks.append(Para(since + sentence(practice.description), bold_lead=f"{practice.name}。"))
        if practice.effect:
            blocks.append(Para(sentence(practice.effect), bold_lead="取得成效："))
    return blocks


def _carriers() -> list:
    return [
        Para(
            todo(
                "请写明品牌依托的载体（如党员责任区、党员示范岗、党员突击队）的名称、"
                "覆盖人数、主要活动和成效"
            )
        )
    ]


def _results(brand: Brand) -> list:
    lines = facts.kpi_lines(brand)
    if not lines:
        return [Para(todo("成效指标尚未设置，请在品牌档案中填写指标的基线值、目标值和实际值"))]
    reached = sum(1 for line in lines if line.reached)
    text = f"品牌{kpi_count(lines)}"
    if reached:
        text += f"，达标率{rate(reached, len(lines))}"
    return [Para(text + "。"), kpi_table(lines)]


def _honours(brand: Brand) -> list:
    lines = honour_lines(brand)
    if not lines:
        return [Para("品牌创建以来暂未获得荣誉。")]
    return [Para(line + "。") for line in lines]


def _innovation(brand: Brand) -> list:
    """What the branch wrote of how the brand is tied to the business, its culture and the
    Party's line (said here once, not also under the theme), or a request for it."""
    points = [
        ("融入中心工作。", brand.integration_note),
        ("彰显文化特色。", brand.cultural_note),
        ("突出政治引领。", brand.political_note),
    ]
    blocks: list = [Para(sentence(text), bold_lead=lead) for lead, text in points if text]
    if not blocks:
        blocks.append(Para(todo("请概括品牌在理念、方法、载体或机制上的创新之处，一般不超过3条")))
    return blocks


def _recommendation(brand: Brand) -> list:
    upper = facts.upper_committee(brand.org)
    who = upper.name if upper else "上级党组织"
    return [
        Para(f"（此栏由{who}填写推荐意见）", indent=False),
        Para(""),
        Para("负责人（签字）：　　　　　　党组织（盖章）", align="right", indent=False),
        Para("年　　月　　日", align="right", indent=False),
    ]


def _commitment(brand: Brand) -> list:
    text = (
        f"本党组织郑重承诺：本申报书所填内容及所附材料真实、准确；"
        f"品牌名称{quoted(brand.name)}、口号、释义及标识均为本党组织原创，"
        "不存在抄袭、套用其他单位党建品牌的情况。如有不实，愿承担相应责任。"
    )
    return [Para(text), Para(_copy_check(brand), bold_lead="查重结果。")]


def _copy_check(brand: Brand) -> str:
    check = facts.theme_check(brand)
    if check is None:
        return todo("品牌名称尚未经平台查重，请在品牌主题征集中完成检测后重新导出")
    when = f"{day(check.checked_on)}经平台查重" if check.checked_on else "经平台查重"
    line = f"{num(round(FLAG_SCORE * 100))}%"
    if check.nearest_score is None:
        return f"品牌名称及口号{when}，未发现相近的已有党建品牌。"
    score = f"{num(round(check.nearest_score * 100))}%"
    if check.nearest_name == WITHHELD_NAME:  # another organisation's brand not yet public
        nearest = "与其他组织一个尚未公开的品牌"
    elif check.nearest_owner:
        nearest = f"与{check.nearest_owner}的{quoted(check.nearest_name)}"
    else:
        nearest = f"与{quoted(check.nearest_name)}"
    if check.unique and check.nearest_score < FLAG_SCORE:
        return (
            f"品牌名称及口号{when}，{nearest}相似度最高，为{score}，"
            f"低于相近判定线{line}，独特性检测通过。"
        )
    if check.unique:  # near only in a common phrase (千篇一律), which is not a copy
        return (
            f"品牌名称及口号{when}，{nearest}相似度为{score}，相同之处仅为常见提法，"
            "不计为雷同，独特性检测通过。"
        )
    return (
        f"品牌名称及口号{when}，{nearest}相似度为{score}，"
        f"达到相近判定线{line}，独特性检测未通过，须说明区别或修改名称。"
    )

"""The layout of the indicator table as .xlsx, shared by import (xlsx_import.py) and export
(xlsx_export.py), and the template's 说明 and 示例 sheets.

Layout of the sheet “指标体系” (export writes it, import reads it, so files round-trip):

    体系名称 | 党支部标准化规范化建设评价标准          ← information rows: a label in column A,
    类别     | 党支部标准化规范化建设                    the value in column B (any order;
    总分     | 100                                       only 体系名称 and 总分 are required)
    最终得分规则 | 去掉一个最高分和一个最低分后取平均
    分歧提示阈值 | 2
    星级标准 | 五星级党支部≥95；四星级党支部≥90；…
    体系说明 | …
    (blank)
    编码 | 一级指标 | 二级指标 | 三级指标 | 分值 | 计分方式 | 评分标准 | 佐证材料 | 评价方式
         | 一票否决
    1    | 基本组织设置 |        |          | 15   | 扣分     | …
    1.1  |          | 支部设置合规 |      | 5    | 扣分     | …

A row names one indicator: its level is the right-most filled name column. Cells to its left
may stay blank (merged cells) or repeat the current 一级/二级 name. Nothing is saved unless
every row is right; every problem is reported with its Excel row number.
"""

from partybrand.indicators.choices import AssessMethod, FinalRule, ScoringMethod, SystemKind

SHEET = "指标体系"
NOTES_SHEET = "说明"
EXAMPLE_SHEET = "示例"

CODE, L1, L2, L3 = "编码", "一级指标", "二级指标", "三级指标"
POINTS, METHOD, GUIDE, EVIDENCE, ASSESS, VETO = (
    "分值",
    "计分方式",
    "评分标准",
    "佐证材料",
    "评价方式",
    "一票否决",
)
COLUMNS = [CODE, L1, L2, L3, POINTS, METHOD, GUIDE, EVIDENCE, ASSESS, VETO]
WIDTHS = [8, 18, 26, 22, 8, 10, 60, 30, 20, 24]
ALIASES = {
    "序号": CODE,
    "指标编码": CODE,
    "编号": CODE,
    "一级": L1,
    "一级指标（分值）": L1,
    "考评项目": L1,
    "二级": L2,
    "考评内容": L2,
    "三级": L3,
    "分数": POINTS,
    "标准分": POINTS,
    "分值（分）": POINTS,
    "计分方式（加分/扣分）": METHOD,
    "计分方法": METHOD,
    "评分标准": GUIDE,
    "评分细则": GUIDE,
    "考评标准": GUIDE,
    "评分办法": GUIDE,
    "佐证材料": EVIDENCE,
    "佐证材料要求": EVIDENCE,
    "考评方式": ASSESS,
    "考核方式": ASSESS,
    "评价方法": ASSESS,
    "一票否决项": VETO,
    "否决项": VETO,
}
LEVEL_COLUMNS = [L1, L2, L3]

META_NAME, META_CODE, META_KIND, META_TOTAL = "体系名称", "体系编码", "类别", "总分"
META_RULE, META_DIVERGENCE, META_STARS, META_DESCRIPTION = (
    "最终得分规则",
    "分歧提示阈值",
    "星级标准",
    "体系说明",
)
META_ALIASES = {
    "名称": META_NAME,
    "指标体系名称": META_NAME,
    "编码": META_CODE,
    "体系类别": META_KIND,
    "满分": META_TOTAL,
    "总分值": META_TOTAL,
    "得分规则": META_RULE,
    "最终得分": META_RULE,
    "分歧阈值": META_DIVERGENCE,
    "星级": META_STARS,
    "星级评定": META_STARS,
    "说明": META_DESCRIPTION,
}
META_KEYS = [
    META_NAME,
    META_CODE,
    META_KIND,
    META_TOTAL,
    META_RULE,
    META_DIVERGENCE,
    META_STARS,
    META_DESCRIPTION,
]


def example_meta():
    return [
        (META_NAME, "示例：党支部标准化规范化建设评价标准"),
        (META_KIND, SystemKind.STANDARDISATION.label),
        (META_TOTAL, 100),
        (META_RULE, FinalRule.TRIMMED_MEAN.label),
        (META_STARS, "五星级党支部≥95；四星级党支部≥90；三星级党支部≥80"),
    ]


def example_rows(template) -> list:
    labels = dict(AssessMethod.choices)
    rows = []
    for first in template["indicators"][:2]:
        rows.append(
            (1, [first["code"], first["name"], "", "", first["points"], "扣分", "", "", "", ""])
        )
        for second in first["children"]:
            rows.append(
                (
                    2,
                    [
                        second["code"],
                        "",
                        second["name"],
                        "",
                        f"{second['points']}分",
                        ScoringMethod(second["scoring_method"]).label,
                        second["guide"],
                        second["evidence_note"],
                        "、".join(labels[m] for m in second["methods"]),
                        "",
                    ],
                )
            )
    return rows


NOTES = [
    ("指标体系导入模板说明", ""),
    (
        "用途",
        "用本模板整理一套指标体系（如党支部标准化规范化建设评价标准、党建品牌评价标准），"
        "在“指标体系”页面导入。导入后生成一个草稿版本，可在页面上继续修改，分值核对无误后发布。",
    ),
    (
        "工作表",
        "在“指标体系”工作表中填写；“示例”工作表是填写样例，不会被导入；本“说明”工作表不会被导入。",
    ),
    (
        "体系信息",
        "表头上方逐行填写：A 列为项目名称，B 列为内容。体系名称、总分必填；类别填“党支部标准化"
        "规范化建设”“党建品牌评价”或“其他”；最终得分规则填“专家评分取平均”或“去掉一个最高分和"
        "一个最低分后取平均”；分歧提示阈值为同一指标专家打分相差多少分时提示分歧；体系编码可不填"
        "（英文字母、数字和 -，用于识别同一体系的不同版本）。表格第一行可以是标题"
        "（如“附件1：××党支部考评表”），未填写体系名称时用标题作体系名称。",
    ),
    (
        "星级标准",
        "在“星级标准”一行填写，例如：五星级党支部≥95；四星级党支部≥90；三星级党支部≥80。"
        "也可以每个星级单独一行：A 列“五星级”，B 列 95。星级越高最低得分越高，且不超过总分。",
    ),
    (
        "指标表头",
        "编码 | 一级指标 | 二级指标 | 三级指标 | 分值 | 计分方式 | 评分标准 | 佐证材料 | "
        "评价方式 | 一票否决。必须有“一级指标”和“分值”列，其余列可省略。",
    ),
    (
        "逐行填写",
        "每行一个指标：一级指标行只填“一级指标”列；二级指标行填“二级指标”列，左侧的一级指标可以"
        "留空（合并单元格也可以），也可以重复填写所属一级指标的名称；三级指标同理。也可以不单独写"
        "一级指标行，在二级指标行的一级指标列写“基本组织设置（15分）”。",
    ),
    (
        "编码",
        "可不填，系统按顺序生成 1、1.1、1.1.1；填写时在整张表中不能重复。",
    ),
    (
        "分值",
        "填数字，可写“10”“10.0”“10分”“0.5”。每个一级指标的分值必须等于其下二级指标分值之和，"
        "二级与三级同理；全部一级指标之和必须等于总分。一级指标行不填分值时，取其下指标之和。"
        "一票否决项可以是 0 分，其他计分项不能为 0 分。",
    ),
    (
        "计分方式",
        "加分：从 0 分起按评分标准得分，最高为该项分值；扣分：从该项分值起按评分标准扣分，"
        "扣完为止（不出现负分）。不填视为加分。",
    ),
    ("评分标准", "写明得分或扣分的具体标准，专家评分时逐项显示。"),
    ("佐证材料", "写明需要提供的佐证材料；不需要时留空或填“无”。"),
    (
        "评价方式",
        "可填一个或多个，用顿号分隔：查资料、查台账、现场查看、民主测评、平台数据。",
    ),
    (
        "一票否决",
        "是一票否决项时填“是”或写明否决情形（如“发生重大安全生产责任事故的，一票否决”）；"
        "否则留空或填“否”。",
    ),
    (
        "导入规则",
        "全部检查通过才导入，任何一行有错都不会导入，并逐条列出错误所在的行号（如“第 7 行：…”），"
        "修改后重新导入即可。导出的指标体系文件与本模板格式相同，可修改后再导入为新版本。",
    ),
]

"""品牌手册 (VI): the logo and its meaning, the standard colours and fonts, how the logo is
combined, misused and applied, and the rules for the Party emblem and flag."""

from __future__ import annotations

import re

from partybrand.brands.models import Brand
from partybrand.core import palette
from partybrand.documents.registry import BuildContext
from partybrand.documents.spec import Column, DocumentSpec, Heading, Para, Section, Table
from partybrand.documents.tidy import tidy_spec
from partybrand.workbench.documents.common import SERIAL_MM, theme_blocks
from partybrand.workbench.documents.logo import logo_image
from partybrand.workbench.documents.text import quoted, sentence, todo

HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
GOLD = "#FFD700"
USES = ("主色：标识主体、标题和重点信息", "辅色：标识点缀和装饰线条", "辅助色：底色和留白")
COLOUR_COLUMNS = [
    Column("序号", SERIAL_MM, "center"),
    Column("颜色", 30),
    Column("色值（HEX）", 30, "center"),
    Column("RGB", 36, "center"),
    Column("用途", 47),
]
FONTS = [
    ("品牌名称及标题", "方正小标宋简体"),
    ("正文", "仿宋_GB2312"),
    ("一级标题及标识辅助文字", "黑体"),
    ("二级标题", "楷体_GB2312"),
]


def build_vi_manual(brand: Brand, ctx: BuildContext) -> DocumentSpec:
    return tidy_spec(
        DocumentSpec(
            layout="paper",
            title=f"{quoted(brand.name)}党建品牌视觉识别手册",
            sections=[
                Section("logo", "品牌标识及释义", _logo(brand)),
                Section("colours", "标准色", _colours(brand)),
                Section("fonts", "标准字体", _fonts(brand)),
                Section("combinations", "标识组合规范", _combinations(brand)),
                Section("misuse", "错误使用示例", _misuse()),
                Section("applications", "应用规范", _applications(brand)),
                Section("party-marks", "党徽党旗使用要求", _party_marks()),
            ],
            signature=brand.org.name,
            signed_on=ctx.today,
        )
    )


def _logo(brand: Brand) -> list:
    blocks: list = []
    image = logo_image(brand, width_mm=60)
    blocks.append(image if image else Para(todo("品牌标识尚未上传")))
    if brand.logo_meaning:
        blocks.append(Para(sentence(brand.logo_meaning), bold_lead="标识释义。"))
    else:
        blocks.append(Para(todo("标识释义尚未填写，请说明标识的构成元素、色彩及寓意")))
    blocks.append(Heading("品牌理念"))
    blocks += theme_blocks(brand, list(brand.phrases.all()), notes=False)
    return blocks


def colours_of(brand: Brand) -> list[tuple[str, str, str]]:
    """(name, hex, use) of the brand's standard colours: those written on the brand record with
    their values, else the platform's party red and gold."""
    found: list[tuple[str, str, str]] = []
    text = brand.standard_colors or ""
    for match in HEX.finditer(text):
        before = re.split(r"[，,、；;：:\s]+", text[: match.start()].strip())
        name = before[-1] if before and before[-1] else f"标准色{len(found) + 1}"
        found.append((name, match.group().upper(), USES[min(len(found), len(USES) - 1)]))
    if found:
        return found
    return [
        ("党旗红", palette.RED.upper(), "标识主色、标题、重点信息"),
        ("金色", GOLD, "标识辅色、点缀"),
    ]


def _rgb(value: str) -> str:
    r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    return f"R{r} G{g} B{b}"


def _colours(brand: Brand) -> list:
    colours = colours_of(brand)
    rows = [
        [str(n), name, value, _rgb(value), use] for n, (name, value, use) in enumerate(colours, 1)
    ]
    blocks: list = [
        Para("品牌标准色是品牌识别的重要元素，各类应用须使用下列标准色值，不得随意更改。"),
        Table(columns=COLOUR_COLUMNS, rows=rows),
    ]
    if not HEX.search(brand.standard_colors or ""):
        note = f"品牌档案填写的标准色为“{brand.standard_colors}”，" if brand.standard_colors else ""
        blocks.append(
            Para(
                note + "上表暂按平台党建标准色列出。" + todo("请在品牌档案中填写标准色的名称和色值")
            )
        )
    return blocks


def _fonts(brand: Brand) -> list:
    blocks: list = []
    if brand.standard_fonts:
        blocks.append(Para(f"品牌标准字体为{sentence(brand.standard_fonts)}"))
    blocks.append(
        Para("；".join(f"{use}使用{font}" for use, font in FONTS) + "。", bold_lead="文字材料。")
    )
    blocks.append(
        Para("标识中的文字不得替换为其他字体，不得加粗、倾斜、描边或拉伸。", bold_lead="使用要求。")
    )
    return blocks


def _combinations(brand: Brand) -> list:
    return [
        Heading("横式组合"),
        Para(
            f"标识居左，品牌名称{quoted(brand.name)}居右，名称高度与标识高度之比为1∶2，二者间距为标识宽度的四分之一。"
        ),
        Heading("竖式组合"),
        Para("标识居上，品牌名称居下居中，名称宽度不超过标识宽度的1.5倍。"),
        Heading("与单位名称组合"),
        Para(f"与{brand.org.name}名称同时使用时，单位名称置于品牌组合下方，字号小于品牌名称。"),
        Heading("安全空间与最小尺寸"),
        Para(
            "标识四周须留出不小于标识宽度四分之一的空白；印刷品中标识宽度不小于15毫米，屏幕显示不小于64像素。"
        ),
    ]


def _misuse() -> list:
    rules = [
        "不得拉伸、压扁、倾斜或旋转标识",
        "不得改变标识的颜色、比例和各元素的相对位置",
        "不得在标识上添加阴影、描边、渐变等效果",
        "不得将标识置于杂乱或对比度不足的背景上",
        "不得截取标识的局部单独使用",
        "不得将标识与商业标志、广告图案组合使用",
    ]
    return [Para(rule + "。") for rule in rules]


def _applications(brand: Brand) -> list:
    return [
        Heading("党建阵地"),
        Para("党员活动室、党建文化墙、党员责任区和党员示范岗标牌统一使用品牌标识和标准色。"),
        Heading("办公用品和文件材料"),
        Para("工作证、笔记本、文件袋、PPT模板和工作简报按本手册规范使用品牌组合。"),
        Heading("新媒体"),
        Para("网站、微信公众号和宣传视频片头片尾使用品牌标识，保持色彩和比例一致。"),
        Heading("活动物料"),
        Para(
            f"{quoted(brand.name)}主题活动的横幅、背景板、旗帜和服装按本手册制作，制作前报支部委员会审核。"
        ),
    ]


def _party_marks() -> list:
    rules = [
        "党徽党旗的使用须严格执行《中国共产党党徽党旗条例》，保持其庄严和尊严",
        "不得对党徽党旗进行变形、改色、裁切、拆分或添加其他图案文字",
        "党徽党旗不得与商业标志、品牌标识混合组成新的图形，不得用于商标和商业广告",
        "党徽党旗不得作为背景装饰、底纹或点缀图案使用",
        "党徽党旗与品牌标识同时出现时，党徽党旗置于显著、尊崇的位置，品牌标识不得高于或大于党徽党旗",
        "使用党徽党旗图案须采用标准样式和标准色，不得使用自行绘制的图案",
    ]
    return [Para(rule + "。") for rule in rules]

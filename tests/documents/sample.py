"""A 公文 with every part the layout draws, and the .docx read back as XML."""

import io
import zipfile
from datetime import date

from lxml import etree

from partybrand.documents.spec import (
    Column,
    DocumentSpec,
    Heading,
    Imprint,
    Masthead,
    Para,
    Section,
    Table,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def sections(count: int = 4) -> list[Section]:
    result = []
    for n in range(1, count + 1):
        blocks = [
            Para(
                "为深入贯彻落实党的二十大精神，推动党建工作与生产经营深度融合，决定开展创建工作。"
            ),
            Heading("工作目标", 2),
            Para("到2026年底，培育命名一批特色鲜明、成效显著的党建品牌。"),
            Heading("分级创建", 3),
            Para("各二级党委每年推荐不超过3个品牌。"),
            Heading("细化要求", 4),
            Para("严格按照时间节点推进。"),
        ]
        result.append(Section(key=f"part{n}", title=f"第{n}部分", blocks=blocks))
    result[min(1, count - 1)].blocks.append(
        Table(
            columns=[
                Column("序号", 14, "center"),
                Column("工作任务"),
                Column("责任单位", 60),
                Column("完成时限", 70, "center"),  # 144 mm given: shared ones squeezed in
            ],
            rows=[
                [str(n), "制定品牌创建实施方案", "各二级党委", "2026年3月31日"] for n in range(1, 8)
            ],
            caption="任务分工表",
        )
    )
    return result


def notice(**changes) -> DocumentSpec:
    spec = DocumentSpec(
        layout="gongwen",
        title="关于开展党建品牌创建工作的通知",
        recipients="各二级党委、直属党支部：",
        sections=sections(),
        attachments=["党建品牌创建实施方案", "推荐名额分配表"],
        signature="中共测试集团有限公司委员会",
        signed_on=date(2026, 9, 3),
        seal=True,
        note="（联系人：张三；电话：12345678）",
        masthead=Masthead(
            issuer_mark="中共测试集团有限公司委员会文件", number="测试党委〔2026〕3号"
        ),
        imprint=Imprint(
            printer="中共测试集团有限公司委员会党建工作部",
            print_date=date(2026, 9, 3),
            cc=["集团公司纪委"],
        ),
        appendices=[
            DocumentSpec(layout="paper", title="党建品牌创建实施方案", sections=sections(2)),
            DocumentSpec(layout="paper", title="推荐名额分配表", sections=sections(1)),
        ],
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def paper() -> DocumentSpec:
    return DocumentSpec(
        layout="paper",
        title="红色引擎党建品牌创建实施方案",
        sections=sections(),
        signature="支部A",
        signed_on=date(2026, 12, 6),
    )


def parts(content: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def text_of(element) -> str:
    return "".join(element.itertext())

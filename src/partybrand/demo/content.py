"""Brand texts of the group and its subsidiaries, KPI templates, honours and logo drawing."""

import math

from partybrand.brands.choices import HonourLevel, KpiDirection

UP, DOWN = KpiDirection.UP, KpiDirection.DOWN
STANDARD_COLORS = "党徽红 #C8102E；金色 #FFD700；白色 #FFFFFF"
STANDARD_FONTS = "品牌名称用方正小标宋简体，辅助文字用思源黑体"
USAGE_RULES = (
    "标识不得拉伸变形、改变标准色或添加其他元素；在红色背景上使用反白稿；"
    "用于党员活动室、党员示范岗、宣传册和新媒体时，最小宽度不小于 20 毫米。"
)

# The group brand and one brand per subsidiary; "unit" is the owning unit's key in orgdata.
TOP_BRANDS = [
    {
        "unit": "group",
        "name": "华信之光",
        "slogan": "党建引领聚合力 光耀华信创一流",
        "meaning": "“华信之光”寓意以党的光辉照亮企业发展之路，以电力之光点亮千家万户，以党员之光"
        "汇聚干事创业的强大合力，是集团“1+5+N”党建品牌矩阵的统领品牌。",
        "phrases": [
            ("党的光辉", "坚持党的全面领导，把党的领导融入公司治理各环节"),
            ("电力之光", "服务国家能源安全战略，保障电力安全可靠供应"),
            ("党员之光", "党员亮身份、当先锋、作表率，一名党员就是一面旗帜"),
            ("创新之光", "以科技创新和管理创新推动集团高质量发展"),
        ],
        "culture": "呼应集团“光明、担当、创新”的企业精神和“点亮美好生活”的企业使命",
        "focus": "集团高质量发展",
        "kpis": "group",
        "char": "华",
    },
    {
        "unit": "power",
        "name": "红色动力",
        "slogan": "党建聚能量 发电保供应",
        "meaning": "以党建“红色动力”驱动发电主业，发挥党组织在安全生产、节能降耗和能源保供中的"
        "引领作用。",
        "phrases": [
            ("红色", "传承红色基因，坚定理想信念"),
            ("动力", "党建赋能生产，激发队伍内生动力"),
            ("聚能", "聚党员之能、聚职工之智、聚发展之力"),
        ],
        "culture": "吸收金陵“敢为人先”的地域文化和电厂“安全第一、争创一流”的传统",
        "focus": "安全稳定发电和节能降耗",
        "kpis": "ops",
        "char": "动",
    },
    {
        "unit": "grid",
        "name": "铁军攻坚",
        "slogan": "电网建设铁军 工程攻坚先锋",
        "meaning": "传承电力建设“铁军”精神，在重大输变电工程中建强党组织、立起党员旗帜，攻坚克难、"
        "保质保期。",
        "phrases": [
            ("铁军", "纪律严明、作风过硬，召之即来、来之能战"),
            ("攻坚", "急难险重冲在前，重大工程显担当"),
            ("先锋", "党员项目部、党员突击队走在最前面"),
        ],
        "culture": "延续岭南“务实、开放”的文化与电建队伍“逢山开路、遇水架桥”的光荣传统",
        "focus": "输变电工程建设",
        "kpis": "build",
        "char": "铁",
    },
    {
        "unit": "renew",
        "name": "绿色先锋",
        "slogan": "绿色发展 先锋领航",
        "meaning": "在风电、光伏一线践行“绿水青山就是金山银山”理念，党员争当绿色发展的先锋，"
        "助力“双碳”目标实现。",
        "phrases": [
            ("绿色", "践行新发展理念，服务“双碳”目标"),
            ("先锋", "党员在项目建设和场站运维中打头阵"),
            ("领航", "以党建领航新能源规模化、高质量发展"),
        ],
        "culture": "融入草原“团结、坚韧”的文化和新能源人“追风逐日”的特质",
        "focus": "新能源项目建设和场站运维",
        "kpis": "renew",
        "char": "绿",
    },
    {
        "unit": "supply",
        "name": "阳光物资",
        "slogan": "阳光采购 廉洁供应 保障有力",
        "meaning": "以“阳光”为底色，推动物资采购全流程公开透明，以廉洁供应和高效保障服务集团主业。",
        "phrases": [
            ("阳光", "公开透明，让权力在阳光下运行"),
            ("廉洁", "守住纪律底线，打造清廉物资"),
            ("保障", "应急保障及时有力，配送服务精准高效"),
        ],
        "culture": "弘扬集团“清风华信”廉洁文化",
        "focus": "物资采购与供应保障",
        "kpis": "supply",
        "char": "阳",
    },
    {
        "unit": "service",
        "name": "电暖万家",
        "slogan": "用心用情 电暖万家",
        "meaning": "坚持人民电业为人民，把党组织的温暖和优质服务送到千家万户，让客户用上放心电、"
        "舒心电。",
        "phrases": [
            ("用心", "把客户的事当成自己的事"),
            ("用情", "党员服务队走进社区、走进企业"),
            ("电暖", "可靠供电、优质服务温暖人心"),
            ("万家", "服务经济社会发展和人民美好生活"),
        ],
        "culture": "融合江南“精致、温婉”的人文气质与“人民电业为人民”的服务宗旨",
        "focus": "供电服务和客户满意",
        "kpis": "sales",
        "char": "暖",
    },
]

# KPI templates: (name, unit, direction, baseline, target, description).
SAFE_DAYS = ("安全生产天数", "天", UP, 1460, 2190, "连续安全生产天数，按自然日累计")
KPI_TEMPLATES = {
    "group": [
        ("党支部标准化规范化建设达标率", "%", UP, 82, 100, "集团所属党支部达标比例"),
        ("命名党建品牌数量", "个", UP, 4, 20, "集团命名的各级党建品牌累计数量"),
        ("职工群众满意度", "%", UP, 89.5, 95, "年度职工群众满意度测评"),
    ],
    "ops": [
        ("机组等效可用系数", "%", UP, 92.1, 94.5, "全厂机组平均"),
        ("供电煤耗", "克/千瓦时", DOWN, 305.6, 298, "全厂平均供电标准煤耗"),
        ("非计划停运次数", "次/年", DOWN, 4, 1, "按年度滚动统计"),
        SAFE_DAYS,
    ],
    "maint": [
        ("设备缺陷消除率", "%", UP, 92.5, 98, "当期缺陷按期消除比例"),
        ("检修一次成功率", "%", UP, 95.2, 99, "检修后设备一次投运成功比例"),
        ("非计划停运次数", "次/年", DOWN, 3, 0, "因检修质量导致的非计划停运"),
        SAFE_DAYS,
    ],
    "fuel": [
        ("入厂入炉煤热值差", "千焦/千克", DOWN, 418, 250, "月度平均"),
        ("燃料管理费用", "元/吨", DOWN, 12.8, 10.5, "吨煤管理费用"),
        ("职工满意度", "分", UP, 86, 93, "百分制问卷测评"),
    ],
    "build": [
        ("工程一次验收合格率", "%", UP, 96.5, 100, "单位工程一次验收合格比例"),
        ("工期节点按期完成率", "%", UP, 88, 98, "里程碑节点按期完成比例"),
        ("质量缺陷整改及时率", "%", UP, 90, 99, "质量缺陷按期闭环比例"),
        SAFE_DAYS,
    ],
    "design": [
        ("设计成品一次校审通过率", "%", UP, 91, 97, "图纸与说明书一次通过校审比例"),
        ("设计变更率", "%", DOWN, 6.5, 3, "因设计原因产生的变更占比"),
        ("专利及软件著作权", "项/年", UP, 3, 10, "当年授权数量"),
    ],
    "renew": [
        ("风机可利用率", "%", UP, 96.2, 98.5, "场站风机平均可利用率"),
        ("故障平均修复时长", "小时", DOWN, 18.5, 8, "单次故障从报修到恢复的平均时长"),
        ("弃风弃光率", "%", DOWN, 6.8, 3.5, "受限电量占可发电量比例"),
        SAFE_DAYS,
    ],
    "solar": [
        ("光伏电站综合效率", "%", UP, 78.5, 83, "系统效率 PR 值"),
        ("组件故障平均修复时长", "小时", DOWN, 26, 12, "从告警到恢复的平均时长"),
        ("治沙种草面积", "亩", UP, 1200, 5000, "光伏板下累计治沙种草面积"),
    ],
    "supply": [
        ("物资配送及时率", "%", UP, 93.5, 99, "按约定时间送达比例"),
        ("采购计划完成率", "%", UP, 90, 98, "年度采购计划完成比例"),
        ("库存周转天数", "天", DOWN, 62, 40, "平均库存周转天数"),
        ("供应商满意度", "分", UP, 85, 93, "百分制问卷测评"),
    ],
    "qa": [
        ("到货物资抽检合格率", "%", UP, 97.2, 99.5, "抽检批次合格比例"),
        ("质量问题闭环整改率", "%", UP, 88, 100, "质量问题按期闭环比例"),
        SAFE_DAYS,
    ],
    "sales": [
        ("供电可靠率", "%", UP, 99.94, 99.98, "城网用户平均供电可靠率 RS-1"),
        ("客户满意度", "分", UP, 91.5, 96, "第三方客户满意度测评"),
        ("故障抢修平均时长", "小时", DOWN, 2.6, 1.5, "从接单到恢复送电的平均时长"),
        ("客户投诉工单", "件/月", DOWN, 38, 15, "月度有效投诉工单数"),
    ],
    "energy": [
        ("累计为客户节约电量", "万千瓦时", UP, 120, 600, "节能改造项目累计节电量"),
        ("综合能源项目签约额", "万元", UP, 1800, 5000, "年度累计签约额"),
        ("客户满意度", "分", UP, 90, 96, "项目回访测评"),
    ],
    "office": [
        ("基层事项平均办结时长", "个工作日", DOWN, 6.5, 3, "基层请示事项从受理到办结"),
        ("基层党员满意度", "%", UP, 88, 96, "机关作风民主测评"),
        ("制度执行检查合格率", "%", UP, 90, 98, "季度制度执行检查"),
    ],
}

# Honour titles by level; "{unit}" is the short name of the owning company.
HONOURS = {
    HonourLevel.NATIONAL: [
        ("全国工人先锋号", "中华全国总工会"),
        ("全国五一劳动奖状", "中华全国总工会"),
        ("全国青年文明号", "共青团中央"),
    ],
    HonourLevel.PROVINCIAL: [
        ("中央企业先进基层党组织", "国务院国资委党委"),
        ("中央企业青年文明号", "国务院国资委"),
        ("省级工人先锋号", "省总工会"),
    ],
    HonourLevel.GROUP: [
        ("华信集团先进基层党组织", "华信能源集团有限公司党委"),
        ("华信集团优秀党建品牌", "华信能源集团有限公司党委"),
        ("华信集团安全生产先进集体", "华信能源集团有限公司"),
    ],
    HonourLevel.COMPANY: [
        ("{unit}红旗党支部", "{unit}党委"),
        ("{unit}先进基层党组织", "{unit}党委"),
        ("{unit}安全生产先进集体", "{unit}"),
    ],
}


def notes(spec: dict, kpi_names: list[str]) -> dict:
    """The 政治味 / 文化味 / 融合味 notes of a brand, written from its spec."""
    name, focus = spec["name"], spec["focus"]
    return {
        "political_note": f"坚持以习近平新时代中国特色社会主义思想为指导，把“{name}”作为落实"
        f"“第一议题”制度、党建引领{focus}的具体抓手，党员亮身份、作表率，把党组织建成坚强"
        "战斗堡垒。",
        "cultural_note": f"{spec['culture']}；品牌名称简洁上口、寓意鲜明，便于职工记忆和传播，"
        + (
            "统领集团各级党建品牌。"
            if spec.get("unit") == "group"
            else "与集团“华信之光”品牌一脉相承。"
        ),
        "integration_note": f"围绕{focus}这一中心任务，以{'、'.join(kpi_names)}等指标检验品牌"
        "成效，做到党建工作与生产经营同谋划、同部署、同考核。",
        "logo_meaning": f"标识以党徽红为主色、金色为辅色，中心“{spec['char']}”字取自品牌名称，"
        "外形寓意党组织的凝聚力和党员的先锋作用。",
    }


def _star(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy - radius * math.sin(angle):.1f}")
    return " ".join(points)


def logo_svg(char: str, variant: int) -> bytes:
    """A small logo in party red and gold: a badge, a star or a flag with one character."""
    red, gold = "#C8102E", "#FFD700"
    text = (
        f'<text x="100" y="{{y}}" font-size="{{size}}" font-family="SimHei, sans-serif" '
        f'font-weight="bold" text-anchor="middle" fill="{{fill}}">{char}</text>'
    )
    if variant == 0:
        body = (
            f'<circle cx="100" cy="100" r="92" fill="{red}" stroke="{gold}" stroke-width="8"/>'
            f'<polygon points="{_star(100, 48, 22, 9)}" fill="{gold}"/>'
            + text.format(y=148, size=72, fill=gold)
        )
    elif variant == 1:
        body = (
            f'<rect x="8" y="8" width="184" height="184" rx="28" fill="{red}"/>'
            f'<polygon points="{_star(100, 104, 86, 34)}" fill="{gold}"/>'
            + text.format(y=126, size=56, fill=red)
        )
    else:
        body = (
            f'<rect x="26" y="20" width="8" height="168" fill="{gold}"/>'
            f'<path d="M34 24 C80 4 120 44 176 24 L176 124 C120 144 80 104 34 124 Z" '
            f'fill="{red}"/>'
            f'<polygon points="{_star(66, 56, 16, 6)}" fill="{gold}"/>'
            + text.format(y=104, size=52, fill=gold)
        )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" '
        f'viewBox="0 0 200 200"><title>{char}</title>{body}</svg>'
    )
    return svg.encode("utf-8")

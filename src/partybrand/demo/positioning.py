"""Demo stock-taking for a handful of the demo brands: practices that already work, strengths
and weaknesses, and two positioning conclusions. Saved through the services, as a branch would."""

from partybrand.brands.choices import BrandStatus
from partybrand.positioning.services import conclusion_save, practice_create, swot_create

# brand name -> practices (name, since, 做法, 成效, 工作法 candidate), points (side, category,
# text, note), and the conclusion ("" for none).
STOCK_TAKING = {
    "匠心检修": {
        "practices": [
            (
                "“三个一”安全工作法",
                2020,
                "每天班前一次安全提醒、每周一次党员带队隐患排查、每月一次检修案例复盘。",
                "连续 1200 天无人身伤害事故，隐患整改率保持 100%。",
                True,
            ),
            (
                "班组“微课堂”",
                2021,
                "每周班前会由党员骨干讲一个检修技术要点，讲稿和视频汇编成册。",
                "累计开讲 96 期，青工技能鉴定通过率由 78% 提高到 93%。",
                True,
            ),
            (
                "党员“设备包机制”",
                2019,
                "每名党员认领 2–3 台重点设备，负责日常巡检、缺陷跟踪和检修质量把关。",
                "重点设备缺陷消除及时率提高到 98%。",
                False,
            ),
        ],
        "swot": [
            (
                "strength",
                "team",
                "技术骨干集中",
                "党员中高级工及以上占 82%，4 人获公司技术能手称号。",
            ),
            (
                "strength",
                "culture",
                "“修一台、精一台”传统深厚",
                "老一辈检修人的工匠精神在班组口口相传。",
            ),
            (
                "weakness",
                "business",
                "做法与指标挂钩不够",
                "活动记录多，成效数据少，缺少与设备可靠性指标的对应。",
            ),
            ("weakness", "support", "阵地建设薄弱", "班组学习室兼作工具间，展示内容多年未更新。"),
            ("opportunity", "business", "机组深度调峰改造", "改造项目多，为党员攻坚提供了舞台。"),
        ],
        "conclusion": (
            "立足设备检修主责主业，以“匠心”为品牌内核，把“三个一”安全工作法和班组“微课堂”"
            "提炼为品牌工作法。\n与同类“工匠”品牌相比，突出“修一台、精一台”的检修传统和设备"
            "可靠性指标，做到品牌成效可量化、可对比。"
        ),
    },
    "智慧绿能": {
        "practices": [
            (
                "集控“一屏通”党员示范岗",
                2022,
                "党员值班员牵头整合风、光、储监控画面，实现一屏监视、一键调阅。",
                "场站监盘人员由 12 人减至 6 人，告警响应时间缩短 40%。",
                True,
            ),
            (
                "数字化运维“揭榜挂帅”",
                2023,
                "每季度发布数字化运维难题清单，党员领衔揭榜攻关。",
                "完成 7 项小改小革，其中 2 项获公司创新成果奖。",
                False,
            ),
        ],
        "swot": [
            ("strength", "team", "青年党员比例高", "35 岁以下党员占 70%，学习新技术积极。"),
            ("weakness", "systems", "三会一课形式单一", "轮班制下集中学习难，线上学习质量不高。"),
            ("threat", "business", "新能源场站快速扩容", "管理场站数一年增加一倍，人员紧张。"),
        ],
        "conclusion": "",
    },
    "红色值守": {
        "practices": [
            (
                "“一值一家”谈心谈话",
                2018,
                "值长和党员每月与每名值班员谈心一次，掌握思想动态和家庭困难。",
                "班组人员流失率由 9% 降至 2%。",
                True,
            ),
            (
                "党员“精准操作”示范",
                2019,
                "重大操作由党员担任监护人，操作票全部实行双重审核。",
                "连续五年无误操作事件。",
                True,
            ),
        ],
        "swot": [
            ("strength", "culture", "班组凝聚力强", "“一值一家”的班组文化获集团推广。"),
            ("weakness", "team", "倒班制下学习时间碎片化", ""),
        ],
        "conclusion": (
            "以“红色值守”守护机组安全运行，把“一值一家”谈心谈话和党员精准操作示范作为品牌"
            "工作法的两翼，突出运行岗位“守”的特色，与检修、燃料等支部品牌形成差异。"
        ),
    },
    "安全守护": {
        "practices": [
            (
                "党员安全监督岗",
                2017,
                "每个作业现场设一名党员安全监督员，佩戴标识、现场纠违。",
                "作业现场违章率下降 65%。",
                True,
            ),
            (
                "安全“说清楚”讲评",
                2021,
                "发生未遂事件后，当事班组在例会上讲清经过、原因和措施。",
                "",
                False,
            ),
        ],
        "swot": [
            ("strength", "tasks", "监督岗覆盖全部作业现场", ""),
            ("weakness", "support", "安全数据分散在多个系统", "统计依赖手工报送。"),
        ],
        "conclusion": "",
    },
    "抢修尖兵": {
        "practices": [
            (
                "“15 分钟到达”抢修承诺",
                2020,
                "城区抢修党员突击队 24 小时待命，承诺 15 分钟到达现场。",
                "城区平均到达时间由 28 分钟缩短至 14 分钟。",
                True,
            ),
            (
                "抢修“回头看”",
                2022,
                "复电后 48 小时内回访用户，排查同类隐患。",
                "同一区域重复停电投诉下降一半。",
                False,
            ),
        ],
        "swot": [
            ("strength", "tasks", "抢修响应快", ""),
            ("weakness", "culture", "品牌宣传不足", "用户知道抢修快，不知道背后的党员突击队。"),
        ],
        "conclusion": "",
    },
}


def seed_stock_taking(brands) -> int:
    """Fill the stock-taking of the demo brands listed above; returns how many were filled."""
    by_name = {brand.name: brand for brand in brands}
    filled = 0
    for name, spec in STOCK_TAKING.items():
        brand = by_name.get(name)
        if brand is None or brand.status == BrandStatus.REVOKED:
            continue
        owner = brand.created_by
        for title, since, description, effect, candidate in spec["practices"]:
            practice_create(
                actor=owner,
                brand=brand,
                name=title,
                since=since,
                description=description,
                effect=effect,
                is_method_candidate=candidate,
            )
        for side, category, text, note in spec["swot"]:
            swot_create(
                actor=owner, brand=brand, side=side, category=category, text=text, note=note
            )
        if spec["conclusion"]:
            conclusion_save(actor=owner, brand=brand, conclusion=spec["conclusion"])
        filled += 1
    return filled

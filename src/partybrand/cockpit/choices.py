"""Choices of the cockpit: the parts of the brand health index and the audit actions."""

from django.db import models


class Part(models.TextChoices):
    BASICS = "basics", "基础"
    MECHANISM = "mechanism", "机制"
    RESULTS = "results", "成效"
    PARTICIPATION = "participation", "参与"
    INFLUENCE = "influence", "影响"
    IDENTITY = "identity", "标识"


PART_HELP = {
    Part.BASICS: (
        "最近一次标准化测评得分对照本级党委达标线：达标得 60 分以上，"
        "低于达标线按比例折算，触发一票否决为 0。"
    ),
    Part.MECHANISM: (
        "创建任务按期验收的比例（50%）、未逾期的比例（30%）、复盘整改事项销号的比例（20%）。"
    ),
    Part.RESULTS: "各成效指标最新实际值从基线向目标推进的程度，取平均。",
    Part.PARTICIPATION: (
        "党员参加活动载体的比例（60%）、近一年载体活动次数（20%，4 次为满）、"
        "问卷实名参与率（20%）。"
    ),
    Part.INFLUENCE: (
        "荣誉按级别计分，并计入宣传台账、典型案例上报采用、评选结果等来源；合计封顶 100。"
    ),
    Part.IDENTITY: (
        "内涵释义、关键词释义、品牌标识、视觉规范（标准色、标准字体、使用规范）各占 25 分。"
    ),
}

DEFAULT_WEIGHTS = {
    Part.BASICS.value: 20,
    Part.MECHANISM.value: 20,
    Part.RESULTS.value: 20,
    Part.PARTICIPATION.value: 15,
    Part.INFLUENCE.value: 10,
    Part.IDENTITY.value: 15,
}

# The health distribution's bands, lowest first: (label, lowest score in it).
BANDS = (("60 分以下", 0), ("60–69", 60), ("70–79", 70), ("80–89", 80), ("90 分以上", 90))


class CockpitAudit(models.TextChoices):
    WEIGHTS_SET = "health_weights_set", "设置品牌健康度权重"
    RECOMPUTE = "health_recompute", "重新计算品牌健康度"


# What the 命名决定 of a round means for an entry it lists, by the kind of round.
ROUND_RESULT_LABELS = {
    "acceptance": "获命名",
    "approval": "通过立项",
    "midterm": "通过中期检查",
    "rereview": "作出复评结论",
}

"""Plausible synthetic party-building brand names and slogans, for tests and benchmarks.

Built from word lists in the patterns real brands use (地名/行业 + 先锋, 四字短语·行业先锋,
红色引擎工程, 凝心聚力 担当作为, “1+3+N”党建工作体系), deterministic for a given seed. The
names deliberately share the common vocabulary of real brands (先锋, 领航, 党旗, 红色...), so an
index full of them is a hard background for near-duplicate search.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator

from partybrand.textsim.normalize import normalize


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLACES = _words(
    "黄河 长江 珠江 淮河 泰山 秦岭 太行 燕山 天山 昆仑 东海 南海 渤海 "
    "江淮 湘江 赣江 闽江 岭南 塞北 江南 巴蜀 齐鲁 三秦 燕赵 荆楚 中原 "
    "关东 陇原 滇池 洱海 漓江 西湖 太湖 鄱阳 洞庭 钱塘 黄山 峨眉 庐山 "
    "武夷 长白 祁连 贺兰 阴山 大别 井冈 延河 汉江 嘉陵 乌江 松花 辽河 "
    "海河 运河 浦江 鹭岛 榕城 蓉城 星城 泉城 冰城 鹏城 羊城 春城 "
)
INDUSTRIES = _words(
    "电力 电网 铁路 公路 港口 航运 石化 煤电 钢铁 金融 税务 邮政 通信 "
    "能源 水务 燃气 建工 交建 矿业 粮储 医疗 教育 物业 社区 园区 机关 "
    "财务 审计 法务 营销 客服 运维 检修 调度 安监 环保 科研 设计 物流 "
    "仓储 信息 后勤 工会 团委 纪检 人资 采购 质检 计量 培训 "
)
IMAGES = _words(
    "红色 金色 蓝色 绿色 橙色 星火 灯塔 旗帜 火炬 初心 匠心 同心 暖心 "
    "清风 阳光 春风 红心 赤诚 丹心 星光 磐石 长城 彩虹 晨曦 朝阳 银杏 "
    "翠竹 青松 红梅 雄鹰 骏马 钢铁 扬帆 远航 启航 筑梦 追梦 奋楫 先行 "
    "争先 领跑 聚力 凝心 铸魂 "
)
CORES = _words(
    "先锋 堡垒 引擎 旗帜 标兵 尖兵 铁军 卫士 使者 家园 驿站 港湾 桥梁 "
    "纽带 明灯 灯塔 火炬 力量 担当 风采 名片 阵地 课堂 书屋 讲堂 工坊 "
    "先行 领航 护航 引领 赋能 聚力 同行 脊梁 坐标 方阵 号角 航标 哨所 "
    "前哨 熔炉 摇篮 沃土 "
)
SUFFIXES = _words(
    "工作室 服务队 突击队 先锋队 志愿队 工作法 示范岗 责任区 联盟 工程 "
    "计划 行动 模式 体系 品牌 之家 驿站 课堂 中心 基地 矩阵 共同体 "
)
PHRASES = _words(
    "党建引领 凝心聚力 担当作为 奋勇争先 守正创新 服务为民 红旗飘扬 党旗领航 "
    "砥砺前行 勇毅前行 追梦启航 筑梦远航 红心向党 初心如磐 使命在肩 提质增效 "
    "创新驱动 融合发展 共建共享 廉洁从业 安全发展 绿色低碳 数智赋能 精益求精 "
    "至诚服务 点亮万家 守护光明 畅通无阻 匠心筑梦 实干兴企 强根铸魂 固本培元 "
    "聚才兴业 攻坚克难 敢为人先 开拓进取 笃行致远 和合共生 同心同向 惠民利企 "
    "筑牢堡垒 建功立业 争创一流 追求卓越 以文化人 润物无声 春风化雨 薪火相传 "
    "星火燎原 众志成城 百炼成钢 赓续血脉 铁肩担当 逐梦深蓝 向新而行 向上向善 "
    "知行合一 德润人心 廉韵清风 暖心服务 "
)
NUMERALS = _words("一 二 三 四 五 六 七 八 九 十 ")
VIRTUES = _words("心 力 融 创 强 学 比 赛 带 促 联 争 优 进 抓 ")


class SyntheticBrands:
    """Random brand names (and sometimes slogans) in the patterns of real ones."""

    def __init__(self, seed: int = 20240501) -> None:
        self.rng = random.Random(seed)

    def name(self) -> str:
        r, c = self.rng.random(), self.rng.choice
        if r < 0.22:
            return c(PLACES + INDUSTRIES) + c(CORES)
        if r < 0.44:
            return c(IMAGES) + c(CORES) + (c(SUFFIXES) if self.rng.random() < 0.6 else "")
        if r < 0.64:
            return c(PHRASES) + c(("·", " ", "", "——")) + c(PLACES + INDUSTRIES) + c(CORES)
        if r < 0.82:
            return c(PLACES) + c(INDUSTRIES) + c(SUFFIXES)
        if r < 0.92:
            first, second = self.rng.sample(PHRASES, 2)
            return first + c(("·", " ", "，")) + second  # noqa: RUF001
        if r < 0.97:
            n = self.rng.sample(NUMERALS, 2)
            v = self.rng.sample(VIRTUES, 2)
            return f"{n[0]}{v[0]}{n[1]}{v[1]}" + (c(SUFFIXES) if self.rng.random() < 0.5 else "")
        formula = "+".join(str(self.rng.randint(1, 9)) for _ in range(2)) + "+N"
        return f"“{formula}”" + c(("党建工作体系", "党建品牌矩阵", "工作法", "服务模式"))

    def slogan(self) -> str:
        first, second = self.rng.sample(PHRASES, 2)
        return f"{first}，{second}"  # noqa: RUF001

    def owner(self) -> str:
        place, industry = self.rng.choice(PLACES), self.rng.choice(INDUSTRIES)
        return f"{place}{industry}公司第{self.rng.randint(1, 40)}党支部"

    def brands(
        self, count: int, *, exclude: Iterable[str] = (), slogan_rate: float = 0.35
    ) -> Iterator[tuple[str, str, str]]:
        """`count` distinct (name, slogan, owner) triples; names whose comparison form is in
        `exclude` (or repeats an earlier one) are skipped."""
        seen = {normalize(text) for text in exclude}
        made = 0
        while made < count:
            name = self.name()
            key = normalize(name)
            if key in seen:
                continue
            seen.add(key)
            slogan = self.slogan() if self.rng.random() < slogan_rate else ""
            made += 1
            yield name, slogan, self.owner()

"""The organisation's own material a draft may use, each word with where it came from:
主责主业, culture notes, the survey keywords of its 定位, honours and KPI names."""

import re
from dataclasses import dataclass

from partybrand.assistant.offline.profile import quoted_phrases
from partybrand.textsim.segment import words

BUSINESS, CULTURE, KEYWORDS, HONOURS, KPIS = "主责主业", "企业文化", "调研关键词", "荣誉", "指标"
REGION = "地域文化"
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_QUOTED = re.compile(r"[“「\"『]([^”」\"』]{2,24})[”」\"』]")
_PARTS = re.compile(r"[、，,；;\s/]+")
# Words every 主责主业 uses: they say nothing about this organisation's work.
_GENERIC_TEXT = """
负责 工作 管理 服务 保障 安全 相关 单位 公司 开展 承担 主要 业务 任务 全面 日常 生产 建设 运营
技术 发展 提供 落实 各类 组织 推进 部门 职工 员工 中心 项目 全厂 全市 全省 有限 集团 分公司
所属 下属 质量 设备 维护 运行 实施 保证 确保 做好 持续 提升 加强 系统 工程 专业 综合 基层 一线
党员 支部 党委 党建 年度 目标 重点 重要 各项 稳定 地区 区域 市场 客户 用户 人员 队伍 班组 车间
岗位 作业 能力 水平 体系 机制 制度 某市 某县 某省 本市 全国 第一 第二 人民 主辅 承包 我们 坚持
秉持 始终 一所 一家 以上 其中 包括 承办 占比 用工 国内 省内 市内 辖区 万吨 千米 公里 亿元 年均
省级 市级 国家级 示范 先进 集体 奖状 标杆 优秀 称号 五一 劳动 模范 工人 先锋号 红旗 文明 青年 巾帼
荣誉 表彰 十佳 一等奖 二等奖 三等奖 进步 星级 达标 完成率 合格率 指标 比率 同比 考核 得分 排名
"""
GENERIC = frozenset(_GENERIC_TEXT.split())


@dataclass(frozen=True)
class Material:
    """What the organisation says about itself. Only text: no people, no contacts."""

    business: str = ""
    name: str = ""
    culture: str = ""
    keywords: tuple[str, ...] = ()
    honours: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    region: str = ""

    def texts(self) -> list[tuple[str, str]]:
        """(text, source) for every piece of material, in order of authority."""
        found = [(self.business, BUSINESS), (self.culture, CULTURE)]
        found += [(k, KEYWORDS) for k in self.keywords]
        found += [(h, HONOURS) for h in self.honours] + [(k, KPIS) for k in self.kpis]
        return [(t, s) for t, s in found if t]


@dataclass(frozen=True)
class OwnWord:
    text: str
    source: str


def own_words(material: Material, size: int = 2) -> list[OwnWord]:
    """Words of the given length from the organisation's material, first source first:
    survey keywords as given, the others segmented, without words every 主责主业 uses."""
    found: dict[str, OwnWord] = {}
    for keyword in material.keywords:
        for part in keyword.split():
            if len(part) == size and _HAN.match(part) and part not in GENERIC:
                found.setdefault(part, OwnWord(part, KEYWORDS))
    quoted = " ".join(w.text for w in quoted_words(material.culture))
    for text, source in material.texts():
        if source == KEYWORDS:
            continue
        if source == CULTURE:  # only what the notes put in quotation marks: 院训, 司训 …
            text = quoted
        for word in words(text):
            if len(word) == size and _HAN.match(word) and word not in GENERIC:
                found.setdefault(word, OwnWord(word, source))
    return list(found.values())


def quoted_words(culture: str) -> list[OwnWord]:
    return [OwnWord(p, CULTURE) for q in _QUOTED.findall(culture or "") for p in _PARTS.split(q)]


def own_phrases(material: Material) -> list[OwnWord]:
    """Four-character phrases the organisation quotes in its culture notes (“一值一家”) and
    four-character honours or keywords."""
    found = [OwnWord(t.text, CULTURE) for t in quoted_phrases(material.culture)]
    for text, source in ((k, KEYWORDS) for k in material.keywords):
        if len(text) == 4 and _HAN.match(text):
            found.append(OwnWord(text, source))
    unique: dict[str, OwnWord] = {}
    for word in found:
        unique.setdefault(word.text, word)
    return list(unique.values())

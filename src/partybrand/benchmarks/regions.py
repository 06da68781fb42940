"""Provinces (省级行政区) and their cities, to tell where a reported brand comes from.

Public reports name the owner ("甘肃省正宁县（县直党组织）", "国网湖州供电公司", "四川师范大学")
but rarely the region; `derive_region` reads the province out of that text. Region values are
always a province's full name, so the filter offers one entry per province.
"""

import re
from functools import cache

# Full name → short forms people write (山东电建, 川渝共建, 国网浙江…).
PROVINCES: dict[str, tuple[str, ...]] = {
    "北京市": ("北京",),
    "天津市": ("天津",),
    "上海市": ("上海",),
    "重庆市": ("重庆",),
    "河北省": ("河北",),
    "山西省": ("山西",),
    "辽宁省": ("辽宁",),
    "吉林省": ("吉林",),
    "黑龙江省": ("黑龙江",),
    "江苏省": ("江苏",),
    "浙江省": ("浙江",),
    "安徽省": ("安徽",),
    "福建省": ("福建",),
    "江西省": ("江西",),
    "山东省": ("山东",),
    "河南省": ("河南",),
    "湖北省": ("湖北",),
    "湖南省": ("湖南",),
    "广东省": ("广东",),
    "海南省": ("海南",),
    "四川省": ("四川",),
    "贵州省": ("贵州",),
    "云南省": ("云南",),
    "陕西省": ("陕西",),
    "甘肃省": ("甘肃",),
    "青海省": ("青海",),
    "台湾省": ("台湾",),
    "内蒙古自治区": ("内蒙古", "内蒙"),
    "广西壮族自治区": ("广西",),
    "西藏自治区": ("西藏",),
    "宁夏回族自治区": ("宁夏",),
    "新疆维吾尔自治区": ("新疆",),
    "香港特别行政区": ("香港",),
    "澳门特别行政区": ("澳门",),
}

# Prefecture-level cities and prefectures (and a few directly administered county-level cities),
# by province. Written as their names are used without 市/州/地区/盟.
CITIES: dict[str, str] = {
    "河北省": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安",
    "山西省": "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    "辽宁省": "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛",
    "吉林省": "长春 四平 辽源 通化 白山 松原 白城 延边",
    "黑龙江省": "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 "
    "大兴安岭",
    "江苏省": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 张家港 "
    "昆山 江阴 宜兴",
    "浙江省": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 乐清 安吉 龙泉",
    "安徽省": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 "
    "宣城 霍山",
    "福建省": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "江西省": "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    "山东省": "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 "
    "菏泽 莱芜",
    "河南省": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 "
    "信阳 周口 驻马店 济源",
    "湖北省": "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 "
    "天门 神农架",
    "湖南省": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 城陵矶",
    "广东省": "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 "
    "清远 东莞 中山 潮州 揭阳 云浮",
    "广西壮族自治区": "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    "海南省": "海口 三亚 三沙 儋州",
    "四川省": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 "
    "雅安 巴中 资阳 阿坝 甘孜 凉山",
    "贵州省": "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南",
    "云南省": "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆",
    "西藏自治区": "拉萨 日喀则 昌都 林芝 山南 那曲 阿里",
    "陕西省": "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 柞水",
    "甘肃省": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南 正宁",
    "青海省": "西宁 海东 海北 黄南 海南州 果洛 玉树 海西",
    "宁夏回族自治区": "银川 石嘴山 吴忠 固原 中卫",
    "新疆维吾尔自治区": "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 "
    "克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子 若羌",
    "内蒙古自治区": "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 "
    "锡林郭勒 阿拉善 兴和",
}

# Short province forms only count where a name starts with them (or right after 国网, 中国…):
# "海南" inside "辽河油田…海南作业区" is an oil field's work area, not the province.
_PREFIXES = ("国网", "国家电网", "中国移动", "中国联通", "中国电信", "中国", "中共")
_SINGLE = 1  # one-character forms (鲁, 川…) only when the text starts with them


@cache
def _matchers() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    full = [(name, name) for name in PROVINCES]
    short = [(form, name) for name, forms in PROVINCES.items() for form in forms]
    cities = [(city, province) for province, text in CITIES.items() for city in text.split()]
    return full, short, cities


def normalise_region(text: str) -> str:
    """A region written by the user, as a province's full name when it is recognisable."""
    text = re.sub(r"\s+", "", text or "")
    if not text:
        return ""
    return derive_region(text) or text


def derive_region(org_text: str) -> str:
    """The province an organisation's name points to, or "" when it does not say."""
    text = re.sub(r"\s+", "", org_text or "")
    if not text:
        return ""
    full, short, cities = _matchers()
    # (where, longer first, province): the earliest mention wins; at one place the longer name
    # (海南州 of 青海 over the province 海南).
    found: list[tuple[int, int, str]] = []
    for form, province in full + cities:
        at = text.find(form)
        if at >= 0:
            found.append((at, -len(form), province))
    for form, province in short:
        at = _at_start(text, form)
        if at >= 0:
            found.append((at, -len(form), province))
    return min(found)[2] if found else ""


def _at_start(text: str, form: str) -> int:
    if text.startswith(form):
        return 0
    for prefix in _PREFIXES:
        if text.startswith(prefix + form):
            return len(prefix)
    return -1

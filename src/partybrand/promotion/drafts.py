"""The first drafts of a launch's 主持词 and 讲话稿, and its default venue checklist, written from
the brand record (name, slogan, 内涵释义 by phrase, logo meaning, carriers, honours). They are
drafts the secretary rewrites; they name no member."""

from partybrand.core import clock
from partybrand.core.quotes import quoted

DEFAULT_CHECKLIST = [
    "会场布置：背景板、品牌标识、横幅",
    "音响、话筒、投影及品牌宣传片调试",
    "品牌手册、宣传折页印制",
    "嘉宾邀请与座次安排",
    "揭牌仪式用品（牌匾、红绸）",
    "签到表与参会人员名单",
    "摄影摄像及新闻稿撰写",
    "会后宣传渠道（网站、公众号、宣传栏）确认",
]


def _phrases(brand) -> list[str]:
    return [f"{quoted(p.phrase)}，{p.explanation.strip()}" for p in brand.phrases.all() if p.phrase]


def _when(launch) -> str:
    when = clock.chinese_date(launch.held_on) if launch.held_on else ""
    if launch.start_time:
        when += f"{launch.start_time:%H:%M}"
    return when


def host_script(brand, launch) -> str:
    """The host's words: opening, each agenda item in turn, closing."""
    org = brand.org.name
    lines = [
        "尊敬的各位领导、各位来宾，同志们：",
        f"大家好！今天，我们在{launch.venue or '这里'}隆重举行{quoted(brand.name)}党建品牌发布会。"
        f"出席今天发布会的有上级党组织领导、特邀嘉宾以及{org}的党员代表。",
    ]
    items = [row.get("item", "") for row in launch.agenda or [] if row.get("item")]
    ordinals = "一二三四五六七八九十"
    for i, item in enumerate(items[:10]):
        lines.append(f"下面进行发布会第{ordinals[i]}项：{item}。")
    if not items:
        lines.append("下面，请品牌负责同志介绍品牌的创建过程、名称、标识、理念和内涵。")
    lines.append(
        f"同志们，{quoted(brand.name)}品牌的发布不是终点，而是新的起点。让我们以此次发布会为契机，"
        "把品牌理念落实到每一个岗位、每一项工作中。发布会到此结束，谢谢大家！"
    )
    return "\n".join(lines)


def speech(brand) -> str:
    """The brand owner's speech: how the brand came about, its name and slogan, its meaning
    phrase by phrase, its logo, how it is carried into work, what comes next."""
    lines = [
        "各位领导、同志们：",
        f"今天，{brand.org.name}{quoted(brand.name)}党建品牌正式发布。借此机会，"
        "我向大家介绍品牌的创建过程、理念内涵和下一步打算。",
        "一、品牌的创建过程。我们坚持问需于党员群众，通过问卷调研、座谈走访、内部梳理和标杆对比，"
        "找准品牌定位，经党员大会讨论确定品牌名称和标识。",
    ]
    idea = f"二、品牌的名称与理念。品牌名称为{quoted(brand.name)}"
    idea += f"，品牌口号为{quoted(brand.slogan)}。" if brand.slogan else "。"
    if brand.meaning:
        idea += brand.meaning.strip()
    lines.append(idea)
    phrases = _phrases(brand)
    if phrases:
        lines.append("品牌内涵：" + "；".join(phrases) + "。")
    if brand.logo_meaning:
        lines.append("三、品牌的标识。" + brand.logo_meaning.strip())
    carriers = list(brand.carriers.all())
    if carriers:
        kinds = "、".join(dict.fromkeys(c.get_kind_display() for c in carriers))
        lines.append(
            f"四、品牌的载体。我们依托{kinds}等{len(carriers)}个活动载体，"
            "让党员亮身份、亮承诺、亮标识，把品牌融入生产经营一线。"
        )
    honours = [h.title for h in brand.honours.all()][:5]
    if honours:
        lines.append("品牌创建以来，先后获得" + "、".join(honours) + "等荣誉。")
    lines.append(
        "下一步，我们将持续完善品牌建设机制，以标准化规范化建设夯实基础，以可量化的工作成效检验"
        f"品牌，推动{quoted(brand.name)}品牌叫得响、立得住、传得开。谢谢大家！"
    )
    return "\n".join(lines)


def publicity_plan(brand) -> str:
    return "\n".join(
        [
            f"会前：在门户网站、微信公众号发布{quoted(brand.name)}品牌发布会预告。",
            "会中：摄影摄像全程记录，撰写新闻稿。",
            "会后：新闻稿在网站、公众号、宣传栏发布，向上级党组织报送工作信息，"
            "联系行业媒体刊发报道；各项推介登记入推介台账。",
        ]
    )

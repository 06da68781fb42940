"""Demo 推介: activity carriers (a 示范岗, a 突击队 and a 服务队 of three branch brands with their
members, a few activities with results in numbers, and the committee's recognition of the
示范岗), the launches of named brands (one recorded, one planned) and their publicity ledger
across directions and levels. Saved through the services, as the branches and the committee
would."""

import io
from datetime import time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.orgs.roles import Cap, users_with
from partybrand.promotion.choices import Adoption, RecognitionDecision
from partybrand.promotion.services import (
    activity_add,
    carrier_create,
    launch_hold,
    launch_plan,
    launch_record,
    publicity_add,
    publicity_adopt,
    recognition_record,
)

# (secretary, kind, name, area, commitment, activities: (days ago, place, content, results))
CARRIERS = [
    (
        "secretary1",
        "post",
        "检修一班党员示范岗",
        "1号机组检修现场",
        "检修质量我把关，安全隐患我排查，技术难题我攻关。",
        [
            (
                40,
                "1号机组汽机房",
                "党员带队开展机组检修前隐患排查，逐台核对检修工艺卡。",
                [("排查隐患", "12", "项"), ("当场整改", "10", "项")],
            ),
            (
                12,
                "检修一班学习室",
                "“微课堂”讲解给水泵密封更换要点，现场演示并答疑。",
                [("参训青工", "18", "人"), ("技能考核通过", "16", "人")],
            ),
        ],
    ),
    (
        "secretary2",
        "commando",
        "运行党员突击队",
        "机组深度调峰改造",
        "急难险重任务党员先上，调峰改造不误一天工期。",
        [
            (
                25,
                "2号机组集控室",
                "连续三个夜班配合深度调峰试验，记录运行参数并提出优化建议。",
                [("优化建议", "6", "条"), ("节约标煤", "35.5", "吨")],
            ),
        ],
    ),
    (
        "secretary3",
        "service",
        "运行一值党员服务队",
        "电厂周边社区及值班现场",
        "班前班后党员服务，职工和周边群众的用电诉求件件有回音。",
        [
            (
                18,
                "电厂周边幸福里社区",
                "党员利用轮休进社区开展安全用电宣传，为独居老人免费检查家用线路。",
                [("走访住户", "86", "户"), ("消除用电隐患", "9", "处")],
            ),
        ],
    ),
]


def seed_carriers(*, demo) -> None:
    users = demo.users
    if "office" not in users:
        return
    first = None
    for username, kind, name, area, commitment, activities in CARRIERS:
        secretary = users.get(username)
        if secretary is None:
            continue
        assignment = secretary.role_assignments.select_related("org").first()
        brand = Brand.objects.filter(org=assignment.org).select_related("org").first()
        if brand is None:
            continue
        roll = demo.members.get(brand.org_id, [])
        carrier = carrier_create(
            actor=secretary,
            brand=brand,
            kind=kind,
            name=name,
            leader=roll[0] if roll else None,
            members=roll[:6],
            area=area,
            commitment=commitment,
            starts_on=demo.today - timedelta(days=120),
            display=["identity", "commitment", "sign"],
        )
        for days, place, content, results in activities:
            activity_add(
                actor=secretary,
                carrier=carrier,
                held_on=demo.today - timedelta(days=days),
                place=place,
                content=content,
                participants=roll[:5],
                results=[{"label": a, "number": n, "unit": u} for a, n, u in results],
            )
        first = first or carrier
    if first is not None:
        recognition_record(
            actor=users["office"],
            carrier=first,
            title="党员示范岗",
            criteria="承诺公开、活动经常、成效可量化，群众认可。",
            decision=RecognitionDecision.GRANTED,
            comment="隐患排查和技能传帮带成效明显，予以命名。",
            decided_on=demo.today - timedelta(days=3),
            plaque_on=demo.today - timedelta(days=1),
            recheck_on=demo.today + timedelta(days=365),
        )


# (channel, level, days ago, title, outlet, reach): what a named brand's ledger shows.
PUBLICITY = [
    ("wechat", "company", 150, "{brand}：把支部建在项目上", "", 3200),
    ("website", "group", 120, "{brand}党建品牌建设纪实", "集团门户网站", 1800),
    ("board", "team", 95, "{brand}品牌理念上墙", "", None),
    ("journal", "company", 70, "以{brand}品牌引领中心工作", "公司《党建通讯》", 900),
    ("report", "group", 60, "{brand}工作法经验材料", "", None),
    ("report", "company", 20, "{brand}典型做法", "", None),
    ("media", "provincial", 45, "{brand}：党员突击在一线", "中国电力报", 26000),
    (
        "article",
        "national",
        35,
        "国企基层党建品牌化建设的实践与思考——以{brand}为例",
        "《党建研究》",
        None,
    ),
    ("award", "group", 10, "{brand}获评集团优秀党建品牌", "集团党委", None),
]


def _photo(colour=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("发布会现场.jpg", buffer.getvalue(), content_type="image/jpeg")


def _promoter(brand, fallback):
    return users_with(Cap.PROMOTE_BRANDS, [brand.org.path]).first() or fallback


def seed_publicity(*, demo) -> None:
    """Launches and the publicity ledger of the named brands: the first launch recorded with its
    photo and media report, the second planned with its participants told; ledger entries in
    every direction and level, the upward ones adopted or waiting at the committee above."""
    office = demo.users.get("office")
    if office is None:
        return
    brands = list(
        Brand.objects.filter(status=BrandStatus.NAMED, org__parent__isnull=False)
        .select_related("org__parent")
        .order_by("-org__path")[:4]
    )
    recorded = None
    for i, brand in enumerate(brands):
        actor = _promoter(brand, office)
        roll = demo.members.get(brand.org_id, [])
        if i == 0:
            recorded = launch_plan(
                actor=actor,
                brand=brand,
                held_on=demo.today - timedelta(days=40),
                start_time=time(9, 30),
                venue=f"{brand.org.name}党员活动室",
                participants=roll[:10],
                guests="集团党委党建工作部负责同志\n地方媒体记者",
                agenda=LAUNCH_AGENDA,
            )
            recorded = launch_hold(actor=actor, launch=recorded)
            recorded = launch_record(
                actor=actor,
                launch=recorded,
                attendance=len(roll[:10]) + 12,
                summary="发布会揭晓品牌名称和标识，解读品牌内涵，为党员示范岗授牌；"
                "与会人员观看品牌宣传片，党员代表作表态发言。",
                photos=[_photo()],
            )
        elif i == 1:
            launch_plan(
                actor=actor,
                brand=brand,
                held_on=demo.today + timedelta(days=14),
                start_time=time(14, 30),
                venue=f"{brand.org.name}会议室",
                participants=roll[:8],
                agenda=LAUNCH_AGENDA,
            )
        for channel, level, days, title, outlet, reach in PUBLICITY[i % 2 :: 1 + i % 2]:
            upward = channel == "report"
            entry = publicity_add(
                actor=actor,
                brand=brand,
                channel=channel,
                level=level,
                published_on=demo.today - timedelta(days=days + i * 3),
                title=title.format(brand=brand.name),
                outlet=outlet,
                url=f"https://news.example.com/{brand.pk}/{days}",
                reach=reach,
                reported_to=brand.org.parent if upward else None,
                launch=recorded if (recorded and i == 0 and channel == "media") else None,
            )
            if upward and days > 30:
                receiver = users_with(Cap.ADOPT_PUBLICITY, [brand.org.parent.path]).first()
                publicity_adopt(
                    actor=receiver or office,
                    entry=entry,
                    adoption=Adoption.ADOPTED,
                    level=level,
                    adopted_on=entry.published_on + timedelta(days=7),
                    note="编入工作简报。",
                )


LAUNCH_AGENDA = [
    {"time": "09:30", "item": "主持人介绍与会领导和嘉宾", "speaker": "主持人"},
    {"time": "09:35", "item": "播放品牌宣传片", "speaker": ""},
    {"time": "09:45", "item": "品牌发布与内涵解读", "speaker": "支部书记"},
    {"time": "10:05", "item": "揭牌仪式", "speaker": "上级党组织负责同志"},
    {"time": "10:15", "item": "党员代表表态发言", "speaker": "党员代表"},
    {"time": "10:25", "item": "上级党组织负责同志讲话", "speaker": ""},
]

"""Demo activity carriers (推介 ①): a 示范岗, a 突击队 and a 服务队 of three branch brands with
their members, a few activities with results in numbers, and the committee's recognition of the
示范岗. Saved through the services, as the branches and the committee would."""

from datetime import timedelta

from partybrand.brands.models import Brand
from partybrand.promotion.choices import RecognitionDecision
from partybrand.promotion.services import activity_add, carrier_create, recognition_record

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
        "客户服务党员服务队",
        "城区供电营业厅",
        "办电一次不跑，服务承诺件件兑现。",
        [
            (
                18,
                "幸福里社区",
                "进社区开展安全用电宣传和老旧线路免费检查。",
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

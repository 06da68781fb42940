"""Demo typical cases (推介 ②): twelve cases, each filed under the branch brand whose work it
tells, in every state of their way up — drafts, one waiting at the company, one at the group,
one returned with comments, published ones, one reported upward and two adopted (one at 省部
level) — with two captioned photos each; a 汇编 of the published cases; a 新闻稿 from a
carrier's activity. Saved through the services, as the branches, the committees above and the
group committee would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from partybrand.brands.models import Brand
from partybrand.cases import services
from partybrand.cases.choices import CaseState
from partybrand.demo.branch_content import BRANCH_BRANDS
from partybrand.orgs.roles import Cap
from partybrand.promotion.models import Activity

# Each case with the branch brand it tells of, its state and adoption level, what its branch
# did (做法, one line a step), what came of it (成效) and its two photos' captions: the content
# is the brand's own work, so a case never reads as another branch's.
CASES = [
    {
        "brand": "匠心检修",
        "title": "“三亮”示范岗让检修质量看得见",
        "state": CaseState.ADOPTED,
        "level": "province",
        "practice": "一是在检修现场设立党员示范岗，党员亮身份、亮承诺、亮标识，"
        "承诺内容在班组公开。\n"
        "二是党员逐台核对检修工艺卡，关键工序由党员签字把关。\n"
        "三是每月召开检修质量讲评会，把返工问题逐条列入整改清单。",
        "results": "示范岗运行一年来，机组检修一次合格率明显提升，设备缺陷按期消除，"
        "检修返工次数大幅减少。实践表明，让党员在关键工序上站出来，检修质量就看得见、管得住。",
        "photos": ("党员示范岗检修现场", "检修质量讲评会"),
    },
    {
        "brand": "匠心检修",
        "title": "攻关项目破解给水泵密封难题",
        "state": CaseState.FORWARDED,
        "level": "",
        "practice": "一是党员牵头成立给水泵密封攻关项目，明确攻关目标和完成时限。\n"
        "二是攻关组逐次拆检分析泄漏原因，改进密封件选型和安装工艺。\n"
        "三是把改进后的工艺写进作业指导书，在检修班组推广。",
        "results": "攻关后给水泵密封泄漏缺陷明显减少，检修周期延长，节约备件费用。"
        "攻关项目让党员在解决设备顽疾中发挥了骨干作用。",
        "photos": ("给水泵密封拆检", "攻关组分析会"),
    },
    {
        "brand": "匠心检修",
        "title": "以品牌创建带动班组降本增效",
        "state": CaseState.RETURNED,
        "level": "",
        "practice": "一是围绕检修物资消耗设立党员责任区，逐项核定备件定额。\n"
        "二是开展修旧利废活动，党员带头修复可再利用的备件。\n"
        "三是每季度公布班组降本情况，接受职工监督。",
        "results": "班组备件消耗同比下降，修旧利废节约了一定费用。",
        "photos": ("修旧利废现场", "班组降本公示栏"),
    },
    {
        "brand": "匠心检修",
        "title": "“匠心检修”品牌的三年实践",
        "state": CaseState.DRAFT,
        "level": "",
        "practice": "一是提炼“精益检修、匠心守护”的品牌理念，统一班组品牌标识。\n"
        "二是开设“微课堂”，由党员骨干带徒传技。\n"
        "三是建立检修质量台账，按月复盘。",
        "results": "三年来班组先后培养多名技术骨干，检修质量持续稳定。",
        "photos": ("“微课堂”授课", "品牌标识上墙"),
    },
    {
        "brand": "红色值守",
        "title": "深度调峰中的党员值守突击队",
        "state": CaseState.PUBLISHED,
        "level": "",
        "practice": "一是机组参与深度调峰期间，运行一值组建党员值守突击队，党员担任主值。\n"
        "二是针对低负荷燃烧不稳，突击队编制操作卡，精心监盘、精准调整。\n"
        "三是每次调峰后开展复盘，把经验写进运行规程补充条款。",
        "results": "深度调峰期间机组未发生非计划停运，调峰能力得到电网调度认可。"
        "突击队让党员在最吃劲的岗位上守住了安全底线。",
        "photos": ("集控室党员监盘", "调峰复盘会"),
    },
    {
        "brand": "红色值守",
        "title": "党建与业务融合的集控运行经验",
        "state": CaseState.DRAFT,
        "level": "",
        "practice": "一是把支部主题党日与运行分析会结合召开。\n"
        "二是党员岗位标识进集控室，亮身份接受监督。\n"
        "三是在“四班三倒”中开展“一值一家”谈心谈话。",
        "results": "运行一值连续多年保持安全运行记录，值内职工凝聚力增强。",
        "photos": ("集控室党员岗位标识", "主题党日与运行分析会"),
    },
    {
        "brand": "燃动先锋",
        "title": "党员责任区守护燃料输送线",
        "state": CaseState.PUBLISHED,
        "level": "",
        "practice": "一是把输煤栈桥和皮带划分为党员责任区，责任到人、标识上墙。\n"
        "二是党员每班巡查皮带跑偏、撒煤等隐患，发现问题当班处理。\n"
        "三是把燃料验收和掺配关键环节纳入党员把关清单。",
        "results": "责任区设立后，输煤系统故障停运次数减少，燃料掺配更加精准，入炉煤成本下降。",
        "photos": ("输煤栈桥党员责任区", "燃料验收把关"),
    },
    {
        "brand": "红色引擎",
        "title": "“红色引擎”让机关服务基层少跑腿",
        "state": CaseState.PUBLISHED,
        "level": "",
        "practice": "一是机关党员每月到基层班组蹲点，收集需要机关解决的问题。\n"
        "二是建立问题清单，明确承办部门和办结时限，办结情况公开。\n"
        "三是把基层评价作为机关部门作风考核的重要内容。",
        "results": "一年来机关为基层办结了一批实际问题，基层办事材料精简，跑腿次数明显减少。",
        "photos": ("机关党员基层蹲点", "问题清单督办会"),
    },
    {
        "brand": "安全守护",
        "title": "党建引领安全生产“零违章”班组建设",
        "state": CaseState.PUBLISHED,
        "level": "",
        "practice": "一是在作业现场设立党员安全监督岗，党员佩戴标识监督作业安全。\n"
        "二是开展“我要安全、我会安全、我能安全”主题活动，人人讲安全。\n"
        "三是对违章行为实行班组内公示和帮教。",
        "results": "创建“零违章”班组以来，现场违章明显减少，安全监督覆盖每个作业面。",
        "photos": ("党员安全监督岗", "安全主题活动"),
    },
    {
        "brand": "追风先锋",
        "title": "“微课堂”带出风电青工技能梯队",
        "state": CaseState.ADOPTED,
        "level": "company",
        "practice": "一是风电场党员骨干开设“微课堂”，利用冬季检修间隙讲授风机低温运维。\n"
        "二是党员与青工结成师徒对子，在风机登塔作业中带徒传技。\n"
        "三是把典型故障处理写成案例卡，供青工随时学习。",
        "results": "青工独立处理风机故障的能力明显提高，场站在高寒季节保持多发满发。",
        "photos": ("“微课堂”讲授风机运维", "党员带徒登塔作业"),
    },
    {
        "brand": "电靓万家",
        "title": "供电服务“一次不跑”背后的党员服务队",
        "state": CaseState.REPORTED,
        "level": "",
        "practice": "一是营销服务中心组建党员服务队，为小微企业提供上门办电服务。\n"
        "二是梳理办电环节和材料，推动线上办理、一次办结。\n"
        "三是服务队定期回访客户，收集意见改进服务。",
        "results": "办电时间明显缩短，客户满意度持续提升，“一次不跑”成为服务品牌。",
        "photos": ("党员服务队上门办电", "客户回访"),
    },
    {
        "brand": "声声暖心",
        "title": "热线党员服务进社区，用电安全到万家",
        "state": CaseState.SUBMITTED,
        "level": "",
        "practice": "一是客户服务中心党员把热线中的高频问题整理成用电安全提示。\n"
        "二是党员服务队走进社区，为老年居民检查家庭用电线路。\n"
        "三是热线回访服务对象，跟踪问题解决情况。",
        "results": "社区居民用电安全知识普及面扩大，相关热线咨询量下降。",
        "photos": ("党员走进社区讲解用电安全", "入户检查用电线路"),
    },
]
COLOURS = [(190, 30, 45), (212, 160, 23), (60, 90, 150), (40, 130, 90)]


def demo_photo(n: int, title: str) -> SimpleUploadedFile:
    """A plain picture standing in for a photo of the work (bands of the palette)."""
    image = Image.new("RGB", (640, 400), (245, 240, 232))
    draw = ImageDraw.Draw(image)
    colour = COLOURS[n % len(COLOURS)]
    draw.rectangle((0, 300, 640, 400), fill=colour)
    draw.ellipse((240 + 20 * (n % 5), 80, 400 + 20 * (n % 5), 240), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(f"{title}.png", buffer.getvalue(), "image/png")


def _texts(brand: Brand, spec: dict) -> dict[str, str]:
    """The case's parts, told by the brand's own branch about its own work."""
    org = brand.org.name
    slogan = f"“{brand.slogan}”" if brand.slogan else f"“{brand.name}”"
    return {
        "summary": f"{org}以“{brand.name}”党建品牌为抓手，在{spec['focus']}中推动党员"
        "当先锋、作表率，把党建工作的成效体现在业务实绩上。",
        "background": f"{org}承担{spec['focus']}任务，过去党建和业务“两张皮”的问题比较突出。"
        f"支部在品牌创建中提出{slogan}，{spec['culture']}，着力让党员在岗位上站出来、亮出来。",
        "practice": spec["practice"],
        "results": spec["results"],
        "appendix": "",
    }


def seed_cases(*, demo, brands) -> None:
    users = demo.users
    office = users.get("office")
    if office is None:
        return
    writers = {}
    for name, user in users.items():
        if name.startswith("secretary"):
            org = user.role_assignments.select_related("org").first().org
            writers[org.pk] = user
    by_name = {b.name: b for b in brands if b.org_id in writers}
    specs = {spec["name"]: spec for spec in BRANCH_BRANDS}
    public = []
    for index, case_spec in enumerate(CASES):
        brand = by_name.get(case_spec["brand"])
        if brand is None:
            continue
        title, state, level = case_spec["title"], case_spec["state"], case_spec["level"]
        writer = writers[brand.org_id]
        roll = demo.members.get(brand.org_id, [])
        case = services.case_create(
            actor=writer, brand=brand, title=title, authors=roll[:2] or roll
        )
        texts = _texts(brand, {**specs[brand.name], **case_spec})
        services.case_update(actor=writer, case=case, texts=texts)
        for n, caption in enumerate(case_spec["photos"], start=1):
            services.case_photo_add(
                actor=writer,
                case=case,
                photos=[demo_photo(index + n, f"IMG_{index:02d}{n}")],
                caption=caption,
            )
        if state == CaseState.DRAFT:
            continue
        services.case_submit(actor=writer, case=case)
        reviewer = (services.reviewers_of(case, Cap.REVIEW_CASES) or [office])[0]
        if state == CaseState.SUBMITTED:
            continue
        if state == CaseState.RETURNED:
            services.case_return(
                actor=reviewer,
                case=case,
                comment="“做法与经过”写得较笼统，请补充降本增效的具体举措和数据；"
                "“成效及启示”请引用平台上的指标变化。",
            )
            continue
        services.case_forward(actor=reviewer, case=case, comment="材料真实，建议发布。")
        if state == CaseState.FORWARDED:
            continue
        services.case_publish(actor=office, case=case, comment="同意在集团内部发布。")
        public.append(case)
        if state == CaseState.PUBLISHED:
            continue
        to = "国资委党委" if level == "province" else "集团党建工作部《党建动态》"
        report = services.case_report(
            actor=office, case=case, reported_to=to, reported_on=demo.today
        )
        if state == CaseState.ADOPTED:
            services.case_adopt(
                actor=office,
                report=report,
                adopted=True,
                level=level,
                adopted_on=demo.today,
                note="作为国企党建品牌典型案例刊发" if level == "province" else "刊发于内刊",
            )
    if public:
        services.compilation_create(
            actor=office,
            org=demo.root,
            title=f"{demo.today.year}年度党建品牌典型案例汇编",
            cases=public,
        )
    # a 新闻稿 from an activity with photos, whose captions tell what they show
    activities = Activity.objects.select_related("carrier__brand").order_by("id")
    activity = activities.filter(photos__isnull=False).first() or activities.first()
    writer = writers.get(activity.carrier.org_id) if activity else None
    if activity is not None and writer is not None:
        services.news_create(
            actor=writer,
            brand=activity.carrier.brand,
            activity=activity,
            **services.news_from_activity(activity),
        )

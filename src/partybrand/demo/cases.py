"""Demo typical cases (推介 ②): twelve cases of the branch brands in every state of their way up
— drafts, one waiting at the company, one at the group, one returned with comments, published
ones, one reported upward and two adopted (one at 省部 level) — with two photos each; a 汇编 of
the published cases; a 新闻稿 from a carrier's activity. Saved through the services, as the
branches, the committees above and the group committee would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from partybrand.brands.models import Brand
from partybrand.cases import services
from partybrand.cases.choices import CaseState
from partybrand.orgs.roles import Cap
from partybrand.promotion.models import Activity

# (title, state, adoption level) in the order the branch brands come
CASES = [
    ("“三亮”示范岗让检修质量看得见", CaseState.ADOPTED, "province"),
    ("深度调峰改造中的党员突击队", CaseState.PUBLISHED, ""),
    ("供电服务“一次不跑”背后的党员服务队", CaseState.REPORTED, ""),
    ("党建引领安全生产“零违章”班组建设", CaseState.PUBLISHED, ""),
    ("“微课堂”带出青工技能梯队", CaseState.ADOPTED, "company"),
    ("党员责任区守护燃料输送线", CaseState.PUBLISHED, ""),
    ("攻关项目破解给水泵密封难题", CaseState.FORWARDED, ""),
    ("党员服务进社区，用电安全到万家", CaseState.SUBMITTED, ""),
    ("以品牌创建带动班组降本增效", CaseState.RETURNED, ""),
    ("“匠心检修”品牌的三年实践", CaseState.DRAFT, ""),
    ("党建与业务融合的集控运行经验", CaseState.DRAFT, ""),
    ("“红色引擎”驱动技改项目提速", CaseState.PUBLISHED, ""),
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


def _texts(brand: Brand) -> dict[str, str]:
    org = brand.org.name
    return {
        "summary": f"{org}以“{brand.name}”党建品牌为抓手，推动党员在岗位上当先锋、作表率，"
        "把党建工作的成效体现在安全生产和服务群众的实绩上。",
        "background": f"{org}承担的生产任务重、青年员工多，过去党建和业务“两张皮”的问题比较突出。"
        f"支部在品牌创建中提出“{brand.slogan or brand.name}”，着力让党员在岗位上站出来、"
        "亮出来。",
        "practice": "一是党员亮身份、亮承诺、亮标识，承诺内容在班组公开，接受群众监督。\n"
        "二是围绕生产难点设立党员责任区和攻关项目，每月复盘一次进展。\n"
        "三是开设“微课堂”，由党员骨干带徒传技，把好经验写进作业指导书。",
        "results": "一年来，支部承担的重点任务全部按期完成并通过验收，"
        "设备缺陷消除率和客户满意度稳步提升，多名党员被评为岗位能手。"
        "实践表明，党建品牌只有扎根岗位、量化成效，才能真正得到群众认可。",
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
    pairs = [(b, writers[b.org_id]) for b in brands if b.org_id in writers]
    if not pairs:
        return
    public = []
    for index, (title, state, level) in enumerate(CASES):
        # secretary1's branch keeps a returned case and a draft too, to follow the whole way
        mine = title in ("以品牌创建带动班组降本增效", "“匠心检修”品牌的三年实践")
        brand, writer = pairs[0 if mine else index % len(pairs)]
        roll = demo.members.get(brand.org_id, [])
        case = services.case_create(
            actor=writer, brand=brand, title=title, authors=roll[:2] or roll
        )
        services.case_update(actor=writer, case=case, texts=_texts(brand))
        services.case_photo_add(
            actor=writer,
            case=case,
            photos=[demo_photo(index + n, f"{title[:8]}现场{n}") for n in (1, 2)],
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
    activity = Activity.objects.select_related("carrier__brand").order_by("id").first()
    writer = writers.get(activity.carrier.org_id) if activity else None
    if activity is not None and writer is not None:
        services.news_create(
            actor=writer,
            brand=activity.carrier.brand,
            activity=activity,
            **services.news_from_activity(activity),
        )

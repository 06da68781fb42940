"""The entry requirements of a round, checked automatically and shown to the entrant as a
checklist: each line ✓ or ✗ with what was found, how to fix it and a link to the work.

The "五有" of published recognition criteria (有名称、有标识、有内涵、有载体、有影响) and what a
committee adds: KPIs with a baseline, a plan running, the latest standardisation score at or
above the committee's 达标线, the copy check passed, months of operation, and no re-entry at a
tier the brand already holds."""

from dataclasses import asdict, dataclass
from datetime import date

from django.urls import reverse

from partybrand.assessments.selectors import below_standard, latest_standardisation, nearest_policy
from partybrand.brands.choices import AttachmentKind, BrandStatus
from partybrand.brands.models import Brand, BrandEvent
from partybrand.core import clock
from partybrand.plans.choices import PlanStatus
from partybrand.plans.models import Plan
from partybrand.promotion.choices import CarrierState
from partybrand.rounds.choices import RequirementKey as K
from partybrand.rounds.choices import RoundKind
from partybrand.themes.checks import too_similar

# Requirements that do not apply to a kind of round unless the committee turns them on: a brand
# entering 立项评审 has no plan, score or months yet.
NOT_BY_DEFAULT = {
    RoundKind.APPROVAL: {K.PLAN, K.STANDARD, K.MONTHS, K.CARRIERS, K.INFLUENCE, K.KPIS},
    RoundKind.REREVIEW: {K.NOT_NAMED},
}


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    ok: bool
    found: str  # what the check found, in Chinese
    fix: str = ""  # how to put it right (empty when ok)
    url: str = ""  # where the work is done

    def as_json(self) -> dict:
        return asdict(self)


def applies(round_, key: str) -> bool:
    explicit = (round_.requirements or {}).get(key)
    if explicit is not None:
        return bool(explicit)
    return key not in NOT_BY_DEFAULT.get(round_.kind, set())


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def running_since(brand: Brand) -> date | None:
    """When the brand started running: its 立项, or its creation when it has none."""
    approved = (
        BrandEvent.objects.filter(brand=brand, action="approve").order_by("created_at").first()
    )
    moment = approved.created_at if approved else brand.created_at
    return clock.day_of(moment) if moment else None


def check_brand(round_, brand: Brand, tier=None, *, today: date | None = None) -> list[Requirement]:
    """Every requirement that applies to the round, checked for the brand now."""
    checks = _checks(round_, brand, tier, today or clock.today())
    rows = [check() for key, check in checks.items() if applies(round_, key)]
    stage = _stage(round_, brand)
    return [stage, *rows] if stage else rows


def check_keys(brand: Brand, keys) -> list[Requirement]:
    """The requirements `keys` checked for the brand now, outside any round (the brand
    lifecycle's preconditions); MONTHS and NOT_NAMED, which need a round, are not among them."""
    checks = _checks(None, brand, None, clock.today())
    return [checks[key]() for key in keys]


def _checks(round_, brand: Brand, tier, today: date) -> dict:
    detail = reverse("brands:brand_detail", args=[brand.pk])
    return {
        K.NAME: lambda: _name(brand, detail),
        K.MEANING: lambda: _meaning(brand, detail),
        K.LOGO: lambda: _logo(brand, detail),
        K.CARRIERS: lambda: _carriers(brand),
        K.INFLUENCE: lambda: _influence(brand, detail),
        K.KPIS: lambda: _kpis(brand, detail),
        K.PLAN: lambda: _plan(brand),
        K.STANDARD: lambda: _standard(brand),
        K.COPY_CHECK: lambda: _copy(brand),
        K.MONTHS: lambda: _months(round_, brand, today, detail),
        K.NOT_NAMED: lambda: _not_named(brand, tier, detail),
    }


# The lifecycle stage a brand must have reached to enter each kind of round: the round's 命名决定
# moves the brand on from there (naming.py), so a brand elsewhere in its lifecycle would be
# judged and listed, then named nowhere.
ENTRY_STAGES = {
    RoundKind.APPROVAL: (
        {BrandStatus.REVIEWING},
        "请先提交品牌申报，经上级党组织初审通过后再申报立项评审。",
    ),
    RoundKind.MIDTERM: ({BrandStatus.MIDTERM}, "品牌进入“中期检查”阶段后再申报。"),
    RoundKind.ACCEPTANCE: (
        {BrandStatus.ACCEPTING},
        "请在品牌页“生命周期操作”中申请验收，品牌进入“验收评选”阶段后再申报。",
    ),
    RoundKind.REREVIEW: ({BrandStatus.NAMED, BrandStatus.RECTIFYING}, "只有已命名的品牌参加复评。"),
}


def _stage(round_, brand: Brand) -> Requirement | None:
    if round_ is None or round_.kind not in ENTRY_STAGES:
        return None
    stages, fix = ENTRY_STAGES[RoundKind(round_.kind)]
    ok = brand.status in stages
    wanted = "或".join(f"“{BrandStatus(s).label}”" for s in sorted(stages))
    return Requirement(
        "stage",
        f"品牌处于{wanted}阶段",
        ok,
        f"品牌当前处于“{brand.get_status_display()}”阶段",
        "" if ok else fix,
        reverse("brands:brand_detail", args=[brand.pk]),
    )


def all_met(rows: list[Requirement]) -> bool:
    return all(row.ok for row in rows)


def _row(key, ok, found, fix, url) -> Requirement:
    return Requirement(key.value, key.label, ok, found, "" if ok else fix, url)


def _name(brand, url):
    return _row(
        K.NAME,
        bool(brand.name and brand.slogan),
        f"名称“{brand.name}”，口号“{brand.slogan or '（未填）'}”",
        "请在品牌页填写品牌名称和口号。",
        url,
    )


def _meaning(brand, url):
    phrases = list(brand.phrases.all())
    missing = [p.phrase for p in phrases if not p.explanation.strip()]
    ok = bool(brand.meaning.strip()) and bool(phrases) and not missing
    if not brand.meaning.strip():
        found = "内涵释义（总述）未填写"
    elif not phrases:
        found = "尚未逐句释义"
    elif missing:
        found = "以下词句缺少释义：" + "、".join(missing)
    else:
        found = f"总述及 {len(phrases)} 条词句释义齐全"
    return _row(K.MEANING, ok, found, "请在品牌页补全内涵释义，逐句说明含义。", url)


def _logo(brand, url):
    ok = bool(brand.logo) and bool(brand.logo_meaning.strip())
    found = "已上传标识并说明释义" if ok else ("标识释义未填写" if brand.logo else "尚未上传标识")
    return _row(K.LOGO, ok, found, "请上传品牌标识并填写标识释义。", url)


def _carriers(brand):
    count = brand.carriers.filter(state=CarrierState.ACTIVE).count()
    url = reverse("promotion:carrier_create", args=[brand.pk])
    return _row(
        K.CARRIERS,
        count > 0,
        f"运行中的活动载体 {count} 个",
        "请至少建立一个党员责任区、示范岗或突击队等活动载体。",
        url,
    )


def _influence(brand, url):
    honours = brand.honours.count()
    spread = brand.attachments.filter(kind__in=[AttachmentKind.CASE, AttachmentKind.NEWS]).count()
    return _row(
        K.INFLUENCE,
        honours + spread > 0,
        f"荣誉 {honours} 项，典型案例和新闻稿 {spread} 件",
        "请登记所获荣誉，或上传典型案例、新闻稿。",
        url,
    )


def _kpis(brand, url):
    count = brand.kpis.count()
    return _row(
        K.KPIS,
        count > 0,
        f"已设定 {count} 项有基线的业务指标（KPI）",
        "请至少设定一项带基线值和目标值的业务指标。",
        url,
    )


def _plan(brand):
    running = Plan.objects.filter(brand=brand, status=PlanStatus.ACTIVE).first()
    url = (
        reverse("plans:plan_detail", args=[running.pk]) if running else reverse("plans:plan_create")
    )
    found = f"创建计划“{running.title}”执行中" if running else "没有执行中的创建计划"
    return _row(K.PLAN, running is not None, found, "请制定品牌创建计划并启动执行。", url)


def _standard(brand):
    assessment = latest_standardisation(brand.org)
    url = reverse("assessments:my_list")
    if assessment is None:
        return _row(
            K.STANDARD,
            False,
            "没有已完成的标准化评估",
            "请先完成本支部的标准化规范化建设评估。",
            url,
        )
    policy = nearest_policy(brand.org, assessment.system.code)
    line = f"（达标线 {policy.min_score}）" if policy else "（上级未设达标线）"
    found = f"最近一次评估 {assessment.final_score} 分{line}"
    if assessment.veto_triggered:
        found += "，触发一票否决"
    ok = not below_standard(assessment, policy)
    return _row(
        K.STANDARD,
        ok,
        found,
        "标准化评估未达标：先补齐基础工作，达标后再申报。",
        reverse("assessments:detail", args=[assessment.pk]),
    )


def _copy(brand):
    reason = too_similar(brand=brand)(brand.name, brand.slogan) if brand.name else "未填写名称"
    url = reverse("themes:workshop_list")
    return _row(
        K.COPY_CHECK,
        not reason,
        reason or "查重通过，没有雷同的品牌",
        "名称与已有品牌雷同，请通过主题征集修改名称。",
        url,
    )


def _months(round_, brand, today, url):
    since = running_since(brand)
    months = months_between(since, today) if since else 0
    ok = months >= round_.min_months
    found = (
        f"自{clock.chinese_date(since)}起运行 {months} 个月（要求不少于 {round_.min_months} 个月）"
        if since
        else "尚未运行"
    )
    return _row(K.MONTHS, ok, found, f"品牌运行满 {round_.min_months} 个月后方可申报。", url)


def _not_named(brand, tier, url):
    held = brand.status in (BrandStatus.NAMED, BrandStatus.RECTIFYING) and brand.tier
    same = bool(held and tier is not None and tier.brand_tier and tier.brand_tier == brand.tier)
    found = f"已命名为{brand.get_tier_display()}" if held else "尚未获得命名"
    if same:
        found += "，不能以同一等次再次申报"
    return _row(K.NOT_NAMED, not same, found, "已获命名的品牌只能申报更高等次。", url)

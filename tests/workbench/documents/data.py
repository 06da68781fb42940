"""A brand with something in every part of its record, made through the apps' services: theme
and logo, KPIs with values, an honour, a 工作法, a template plan with its task force and two
verified tasks, a 复盘 with an open rectification item, and a finalised assessment with the
expert's comments."""

import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.brands import services as brand_services
from partybrand.plans import services as plan_services
from partybrand.positioning import services as positioning_services
from tests.permissions.cases.assessments import reviewing, rows_for
from tests.permissions.cases.supervision import make_item, make_meeting
from tests.plans.helpers import template_plan

SCORES = {"1.1": 12, "1.2": 4, "2.1": 27, "2.2": 6}  # 12 + 16 + 27 + 24 = 79 of 100
COMMENT = "三会一课记录基本完整，个别月份缺少会议记录"


def png_logo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 22, 29)).save(out, "PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def fill_theme(w):
    brand = brand_services.brand_update(
        actor=w.secretary,
        brand=w.brand,
        slogan="党建红引领发展蓝",
        meaning="以党建引领为核心，激发基层党组织战斗力",
        logo_meaning="标识以党旗红为主色，外环寓意团结，中心五角星寓意方向。",
        standard_colors="党旗红 #C8102E、金色 #FFD700",
        integration_note="把支部建在项目上，党员带头攻坚生产难题。",
    )
    brand_services.brand_set_phrases(
        actor=w.secretary,
        brand=brand,
        phrases=[("红色", "坚守初心使命"), ("引擎", "驱动生产经营提质增效")],
    )
    return brand_services.brand_set_logo(actor=w.secretary, brand=brand, upload=png_logo())


def add_results(w):
    kpi = brand_services.kpi_create(
        actor=w.secretary,
        brand=w.brand,
        name="设备完好率",
        unit="%",
        baseline=Decimal("85"),
        baseline_on=date(2026, 1, 5),
        target=Decimal("95"),
    )
    brand_services.kpi_record_value(
        actor=w.secretary, kpi=kpi, measured_on=date(2026, 9, 3), value=Decimal("96.5")
    )
    brand_services.kpi_create(
        actor=w.secretary,
        brand=w.brand,
        name="安全隐患整改天数",
        unit="天",
        direction="down",
        baseline=Decimal("12"),
        baseline_on=date(2026, 1, 5),
        target=Decimal("5"),
    )
    brand_services.honour_add(
        actor=w.secretary,
        brand=w.brand,
        title="先进基层党组织",
        level="group",
        year=2025,
        issuer="测试集团党委",
    )
    positioning_services.practice_create(
        actor=w.secretary,
        brand=w.brand,
        name="“三个一”安全工作法",
        description="每天一次安全提醒、每周一次隐患排查、每月一次案例复盘",
        since=2023,
        is_method_candidate=True,
    )


def run_plan(w):
    plan = template_plan(w)
    plan_services.force_member_add(
        actor=w.secretary, plan=plan, user=w.secretary, role="leader", duty="全面负责品牌创建"
    )
    plan_services.force_member_add(
        actor=w.secretary, plan=plan, user=w.branch_committee, role="member", duty="任务督办"
    )
    for task in plan.tasks.order_by("start", "id")[:2]:
        plan_services.task_report(actor=w.member, task=task, percent=100, text="已完成")
        task.refresh_from_db()
        plan_services.task_verify(actor=w.branch_committee, task=task)
    meeting = make_meeting(w, plan)
    make_item(w, meeting)
    return plan


def assess(w):
    a, assignment = reviewing(w)
    rows = rows_for(a.system, SCORES)
    first = next(iter(rows))
    rows[first]["text"] = COMMENT
    services_review.review_scores_save(actor=w.expert, assignment=assignment, rows=rows)
    services_review.review_complete(actor=w.expert, assignment=assignment)
    return services_finalise.assessment_finalise(actor=w.mid_admin, assessment=a)


def full_brand(w):
    """支部A's brand with every part filled in; returns it read again."""
    fill_theme(w)
    add_results(w)
    run_plan(w)
    assess(w)
    w.brand.refresh_from_db()
    return w.brand

"""Demo data of this app, loaded by `seed_demo` after the brands exist: the indicator templates,
finalised 2025年度 standardisation assessments for most branches and 2024年度 ones for a few
(so trends show), some below the group's line and one vetoed, one branch still self-assessing,
one under review by two experts, and the group committee's threshold.

Finalised results are bulk-inserted (they are history: scores, per-item finals and per-dimension
totals, with one audit row); the two live assessments run through the services."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from partybrand.assessments.choices import AssessmentStatus
from partybrand.assessments.models import Assessment, DimensionScore, ItemScore
from partybrand.assessments.scoring import q, stars_for
from partybrand.assessments.services import finalise as services_finalise
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.assessments.tree import indicator_tree
from partybrand.core import clock
from partybrand.core.audit import audit_record
from partybrand.core.models import User
from partybrand.demo.branch_content import BRANCH_BRANDS
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import IndicatorSystem
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign

STANDARD = "branch-standard"
THRESHOLD = Decimal("70")
HALF = Decimal("0.5")
NOTES = {
    "3.1": "全年召开支委会12次、党员大会4次、党课4次，记录齐全。",
    "3.2": "每月固定第一个周五开展主题党日，结合安全生产开展“党员安全示范岗”活动。",
    "4.2": "全年安全生产无事故，检修计划完成率100%。",
}
CJK_FONT = "STSong-Light"  # one of reportlab's built-in Chinese fonts, nothing to install
COMMENTS = ["记录完整，材料规范", "个别会议记录签到不全", "台账更新不及时", "佐证材料较充分"]


def _evidence_pdf(title: str) -> bytes:
    """A one-page PDF naming the proof: uploads are opened, so the demo's proofs are real PDFs."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    buffer = io.BytesIO()
    page = Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.setFont(CJK_FONT, 18)
    page.drawString(72, 760, title)
    page.setFont(CJK_FONT, 11)
    page.drawString(72, 730, "（演示数据：佐证材料扫描件）")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _round_half(value: Decimal) -> Decimal:
    return (value / HALF).to_integral_value() * HALF


def _item_scores(rng, tree, quality: float) -> dict:
    """A branch's final score per leaf: around `quality` of the points, in half points."""
    scores = {}
    for leaf in tree.leaves:
        points = Decimal(leaf.points)
        if not points:
            scores[leaf.pk] = Decimal(0)
            continue
        share = min(1.0, max(0.0, quality + rng.uniform(-0.12, 0.1)))
        scores[leaf.pk] = min(points, _round_half(points * Decimal(str(share))))
    return scores


def _expert2(demo) -> User:
    user = User.objects.filter(username="expert2").first() or User.objects.create(
        username="expert2", display_name="林晓峰", password=demo.password_hash
    )
    role_assign(actor=demo.admin, user=user, org=demo.root, role=Role.EXPERT)
    demo.users["expert2"] = user
    return user


def _finalised_rows(demo, system, tree, branches, period, start, quality_of):
    """Bulk-insert finalised assessments of `branches` for one period."""
    thresholds = [(s.stars, s.min_score) for s in system.stars.all()]
    veto_leaf = next(leaf for leaf in tree.leaves if leaf.is_veto)
    finalised_at = clock.at(date(start.year + 1, 1, 20), 10, 0)
    rows, plans = [], []
    for branch, veto in branches:
        scores = _item_scores(demo.rng, tree, quality_of(branch))
        total = q(sum(scores.values(), Decimal(0)))
        stars = stars_for(total, thresholds, veto=veto)
        rows.append(
            Assessment(
                system=system,
                org=branch.org,
                period=period,
                period_start=start,
                period_end=start.replace(month=12, day=31),
                status=AssessmentStatus.FINALISED,
                self_total=q(
                    min(system.total_points, total + Decimal(demo.rng.choice([0, 1, 2, 3])))
                ),
                final_score=total,
                stars=stars,
                veto_triggered=veto,
                submitted_at=finalised_at - timedelta(days=20),
                finalised_at=finalised_at,
                created_by=demo.admin,
            )
        )
        plans.append((scores, veto))
    Assessment.objects.bulk_create(rows)
    if any(a.pk is None for a in rows):  # databases that do not return keys on bulk insert
        ids = dict(
            Assessment.objects.filter(system=system, period=period).values_list("org_id", "pk")
        )
        for a in rows:
            a.pk = a.id = ids[a.org_id]
    items, dims = [], []
    for a, (scores, veto) in zip(rows, plans, strict=True):
        for leaf in tree.leaves:
            final = scores[leaf.pk]
            self_score = min(Decimal(leaf.points), final + (HALF if demo.rng.random() < 0.3 else 0))
            items.append(
                ItemScore(
                    assessment=a,
                    indicator=leaf,
                    self_score=self_score,
                    final_score=final,
                    note=NOTES.get(leaf.code, ""),
                    veto_triggered=veto and leaf.pk == veto_leaf.pk,
                    veto_reason="年内发生一起重大安全生产责任事故"
                    if veto and leaf.pk == veto_leaf.pk
                    else "",
                )
            )
        for top in tree.dimensions:
            maximum = Decimal(top.points)
            if not maximum:
                continue
            score = q(
                sum((scores[pk] for pk, t in tree.top_of.items() if t.pk == top.pk), Decimal(0))
            )
            dims.append(
                DimensionScore(
                    assessment=a,
                    org_id=a.org_id,
                    indicator=top,
                    system_code=system.code,
                    period=period,
                    code=top.code,
                    name=top.name,
                    position=top.position,
                    score=score,
                    max_score=maximum,
                    percent=q(score * 100 / maximum),
                )
            )
    ItemScore.objects.bulk_create(items, batch_size=2000)
    DimensionScore.objects.bulk_create(dims, batch_size=2000)
    return rows


def seed_demo_data(*, demo, brands) -> None:
    load_templates(actor=demo.admin)
    system = IndicatorSystem.objects.get(code=STANDARD, version=1)
    tree = indicator_tree(system)
    expert1, expert2 = demo.users["expert1"], _expert2(demo)
    office = demo.users["office"]
    secretaries = {spec["org"]: f"secretary{i}" for i, spec in enumerate(BRANCH_BRANDS, start=1)}
    names = sorted(demo.branches, key=lambda n: demo.branches[n].org.path)
    drafting = BRANCH_BRANDS[1]["org"]  # secretary2: 2025 still being self-assessed
    reviewing = BRANCH_BRANDS[2]["org"]  # secretary3: 2025 under review by two experts
    live = {drafting, reviewing}
    # Branch quality: most are solid, some weak; a few with secretaries' brands are strong.
    quality = {n: demo.rng.choice([0.95, 0.9, 0.88, 0.85, 0.8, 0.75, 0.62]) for n in names}
    quality[BRANCH_BRANDS[0]["org"]] = 0.93
    vetoed = next(n for n in names if n not in live and n not in secretaries)
    rows_2025 = _finalised_rows(
        demo,
        system,
        tree,
        [(demo.branches[n], n == vetoed) for n in names if n not in live],
        "2025年度",
        demo.today.replace(year=2025, month=1, day=1),
        lambda b: quality[b.org.name],
    )
    earlier = [n for n in names if n in secretaries][:6] + names[:4]
    rows_2024 = _finalised_rows(
        demo,
        system,
        tree,
        [(demo.branches[n], False) for n in dict.fromkeys(earlier)],
        "2024年度",
        demo.today.replace(year=2024, month=1, day=1),
        lambda b: quality[b.org.name] - 0.06,
    )
    audit_record(
        actor=demo.admin,
        action="assessment_demo_import",
        obj=demo.root,
        org_path=demo.root.path,
        changes={"2025年度": len(rows_2025), "2024年度": len(rows_2024)},
        comment="加载演示数据：党支部标准化规范化建设测评结果。",
    )
    services_finalise.policy_set(
        actor=demo.users["committee"], org=demo.root, system_code=STANDARD, min_score=THRESHOLD
    )
    _drafting(demo, system, tree, drafting, secretaries)
    _reviewing(demo, system, tree, reviewing, secretaries, office, expert1, expert2)


def _self_rows(demo, tree, *, share: float, only=None) -> dict:
    rows = {}
    for leaf in tree.leaves:
        if only is not None and leaf.code not in only:
            continue
        points = Decimal(leaf.points)
        if not points:
            continue
        earned = min(
            points, _round_half(points * Decimal(str(share + demo.rng.uniform(-0.08, 0.05))))
        )
        value = points - earned if leaf.scoring_method == "deduct" else earned
        rows[leaf.pk] = {"value": str(value), "text": NOTES.get(leaf.code, "")}
    return rows


def _drafting(demo, system, tree, name, secretaries) -> None:
    secretary = demo.users[secretaries[name]]
    a = services_self.assessment_start(
        actor=secretary, org=demo.branches[name].org, system=system, period="2025年度"
    )
    services_self.self_scores_save(
        actor=secretary,
        assessment=a,
        rows=_self_rows(
            demo, tree, share=0.9, only={"1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2"}
        ),
    )


def _reviewing(demo, system, tree, name, secretaries, office, expert1, expert2) -> None:

    secretary = demo.users[secretaries[name]]
    a = services_self.assessment_start(
        actor=secretary, org=demo.branches[name].org, system=system, period="2025年度"
    )
    services_self.self_scores_save(
        actor=secretary, assessment=a, rows=_self_rows(demo, tree, share=0.92)
    )
    for item in a.items.select_related("indicator").filter(indicator__evidence_required=True):
        title = f"{item.indicator.code}{item.indicator.evidence_note[:20] or '佐证材料'}.pdf"
        services_self.evidence_add(
            actor=secretary,
            item=item,
            uploads=[
                SimpleUploadedFile(title, _evidence_pdf(title[:-4]), content_type="application/pdf")
            ],
        )
    services_self.assessment_submit(actor=secretary, assessment=a)
    first = services_review.reviewer_assign(actor=office, assessment=a, reviewer=expert1)
    services_review.reviewer_assign(actor=office, assessment=a, reviewer=expert2)
    rows = _self_rows(demo, tree, share=0.86)
    for row in rows.values():
        row["text"] = demo.rng.choice(COMMENTS)
    services_review.review_scores_save(actor=expert1, assignment=first, rows=rows)
    services_review.review_complete(actor=expert1, assignment=first)
    # expert2 (林晓峰) has not scored yet: the review is in progress.

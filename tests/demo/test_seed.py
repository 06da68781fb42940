"""The `seed_demo` command: a believable demo enterprise, loaded once, with working logins."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from partybrand.brands.choices import BrandLevel, BrandStatus, BrandTier
from partybrand.brands.models import Brand, BrandEvent, Kpi
from partybrand.cases.models import TypicalCase
from partybrand.cases.services import case_texts
from partybrand.cockpit import selectors as cockpit_selectors
from partybrand.cockpit.models import OrgRollup
from partybrand.core.models import AuditLog, User
from partybrand.documents.models import Document
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_edit
from partybrand.orgs.choices import MemberStatus, OrgKind, Role
from partybrand.orgs.models import Member, Organization, RoleAssignment
from partybrand.orgs.validators import PHONE_RE, validate_id_number
from partybrand.promotion.models import Carrier, Launch, PublicityEntry, Recognition
from tests.factories import make_org

pytestmark = pytest.mark.slow(seconds=60)


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "orgs": Organization.objects.count(),
        "members": Member.objects.count(),
        "brands": Brand.objects.count(),
        "users": User.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "events": BrandEvent.objects.count(),
    }


def test_seed_builds_the_demo_enterprise(db):
    output = seed()

    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    assert kinds[OrgKind.GROUP_COMMITTEE] == 1
    assert kinds[OrgKind.COMMITTEE] >= 4
    assert kinds[OrgKind.GENERAL_BRANCH] >= 12
    assert kinds[OrgKind.BRANCH] >= 64
    assert kinds[OrgKind.GROUP] >= 3
    assert kinds[OrgKind.TEAM] == 3
    root = Organization.objects.get(kind=OrgKind.GROUP_COMMITTEE)
    assert root.subtree().count() == sum(kinds.values())
    for org in Organization.objects.exclude(pk=root.pk).select_related("parent"):
        assert org.path.startswith(org.parent.path) and org.depth == org.parent.depth + 1
    for team in Organization.objects.filter(kind=OrgKind.TEAM):
        assert team.team_members.count() >= 20

    members = list(Member.objects.all())
    assert len(members) >= 1500
    sizes = Counter(m.org_id for m in members)
    branch_ids = set(Organization.objects.filter(kind=OrgKind.BRANCH).values_list("pk", flat=True))
    assert set(sizes) == branch_ids
    assert all(15 <= size <= 40 for size in sizes.values())
    probationary = sum(m.status == MemberStatus.PROBATIONARY for m in members) / len(members)
    assert 0.04 < probationary < 0.12
    for m in members[::37]:
        validate_id_number(m.id_number)
        assert m.id_number[6:14] == m.birth_date.strftime("%Y%m%d")
        assert PHONE_RE.match(m.phone)
        assert 1965 <= m.birth_date.year <= 2000
        assert m.join_date >= m.birth_date.replace(year=m.birth_date.year + 18) - timedelta(1)
        assert 2 <= len(m.name) <= 4 and m.job_title
    assert len({m.id_number for m in members}) == len(members)

    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    assert User.objects.get(username="admin").is_superuser
    secretary = User.objects.get(username="secretary1")
    assert secretary.member.org.brands.exists() and secretary.display_name == secretary.member.name
    assert User.objects.get(username="member1").member.org == secretary.member.org

    brands = list(Brand.objects.select_related("parent", "org"))
    assert len(brands) >= 24
    assert {b.status for b in brands} == set(BrandStatus.values)
    named_tiers = {b.tier for b in brands if b.status == BrandStatus.NAMED}
    assert named_tiers == set(BrandTier.values)
    group_brand = next(b for b in brands if b.level == BrandLevel.GROUP)
    assert group_brand.parent is None and group_brand.status == BrandStatus.NAMED
    assert group_brand.tier == BrandTier.FLAGSHIP and group_brand.org == root
    companies = [b for b in brands if b.level == BrandLevel.COMPANY]
    assert len(companies) >= 4 and all(b.parent == group_brand for b in companies)
    for brand in brands:
        if brand.level == BrandLevel.BRANCH:
            assert brand.parent.level in (BrandLevel.COMPANY, BrandLevel.GROUP)
            assert brand.org.is_within(brand.parent.org)
        assert 3 <= brand.phrases.count() <= 4
        assert 2 <= brand.kpis.count() <= 3 and brand.honours.exists()
        assert brand.logo and brand.logo_content_type == "image/svg+xml"
        if brand.status == BrandStatus.NAMED:
            assert brand.doc_no and brand.named_on >= brand.publicity_ends_on
        times = list(brand.events.order_by("id").values_list("created_at", flat=True))
        assert times == sorted(times) and times[-1] <= timezone.now()
    for kpi in Kpi.objects.all():
        assert 4 <= kpi.values.count() <= 8
    rereviews = BrandEvent.objects.filter(action="rereview").values_list("data", flat=True)
    outcome_names = {data["outcome"] for data in rereviews}
    assert {"upgrade", "rectify", "revoke"} <= outcome_names
    rectifying = Brand.objects.get(status=BrandStatus.RECTIFYING)
    assert rectifying.rectify_deadline > timezone.localdate()

    carriers = list(Carrier.objects.select_related("org"))
    assert len(carriers) >= 3 and all(
        c.activities.exists() and c.members.exists() for c in carriers
    )
    # a carrier does its own branch's work: a power plant's 运行 crew serves no 供电营业厅
    for carrier in carriers:
        if "营销" not in carrier.org.name and "客户" not in carrier.org.name:
            assert "营业厅" not in carrier.area and "客户" not in carrier.name, carrier.name
    recognised = Recognition.objects.get(decision="granted")
    assert recognised.carrier.kind == "post" and recognised.recheck_on > timezone.localdate()
    launches = Counter(Launch.objects.values_list("state", flat=True))
    assert launches == {"recorded": 1, "planned": 1}
    assert Launch.objects.get(state="recorded").photos.count() == 1
    ledger = PublicityEntry.objects.all()
    assert {e.direction for e in ledger} == {"inside", "upward", "outward"}
    assert {e.level for e in ledger} == {"team", "company", "group", "provincial", "national"}
    assert {e.adoption for e in ledger if e.direction == "upward"} == {"adopted", "pending"}
    assert Brand.objects.filter(status=BrandStatus.NAMED).count() >= 3  # the showcase's brands

    # every typical case tells its own brand's work: filed under the brand it names, written by
    # that brand's branch, its photos captioned with what they show
    cases = list(TypicalCase.objects.select_related("brand__org", "org"))
    assert len(cases) == 12
    for case in cases:
        texts = case_texts(case)
        assert case.org == case.brand.org
        assert f"以“{case.brand.name}”党建品牌为抓手" in texts["summary"]
        assert texts["summary"].startswith(case.org.name)
        quoted_names = set(re.findall(r"“([^”]+)”", case.title)) & set(
            Brand.objects.values_list("name", flat=True)
        )
        assert quoted_names <= {case.brand.name}, (case.title, case.brand.name)
        # each photo is captioned with what it shows, never with its file's name
        for photo in case.photos.all():
            assert photo.caption and photo.caption != photo.title and "IMG" not in photo.caption
    assert TypicalCase.objects.get(title="“红色引擎”让机关服务基层少跑腿").brand.name == "红色引擎"

    # a 年度工作总结 whose 取得成效 is the assistant's draft, accepted from the platform's facts
    accepted = AuditLog.objects.get(action="assistant_section_draft_accepted")
    summary = Document.objects.get(kind="work-summary")
    assert accepted.object_id == str(summary.pk) and accepted.changes["section"] == "取得成效"
    assert "完成率" in summary.versions.get().sections["results"]

    # a year of the health index: the group's monthly trend and a named brand's history move,
    # and end at today's computed values
    trend = cockpit_selectors.trend(root)
    assert len(trend) == 12
    assert trend[-1]["avg"] == float(OrgRollup.objects.get(org=root).health_avg)
    assert len({point["avg"] for point in trend}) > 6
    named = Brand.objects.filter(status=BrandStatus.NAMED, health__isnull=False).first()
    history = cockpit_selectors.brand_history(named.pk)
    assert len(history) == 12 and history[-1]["score"] == float(named.health.score)
    assert len({point["score"] for point in history}) > 4
    for brand in Brand.objects.filter(health__isnull=False):  # nothing before the brand began
        first = cockpit_selectors.brand_history(brand.pk)[0]["day"]
        assert first >= timezone.localtime(brand.created_at).date().replace(day=1).isoformat()

    assert AuditLog.objects.filter(action="demo_import").count() == 1
    assert "secretary1" in output and "http://127.0.0.1:" in output and "demo12345" in output


def test_seed_twice_does_not_duplicate_and_reset_reloads(db):
    seed()
    first = snapshot()
    output = seed()
    assert "演示数据已存在，跳过加载（使用 --reset 重新生成）" in output
    assert "committee" in output  # the logins are printed again
    assert snapshot() == first
    seed(reset=True)
    assert snapshot() == first
    assert AuditLog.objects.filter(action="demo_import").count() == 1
    # Using the demo (signing in, changing things in it) keeps it a demo that may be reset; an
    # organisation the demo did not make does not.
    assert Client().login(username="secretary1", password="demo12345")
    root = Organization.objects.get(code="HXNY")
    make_org(None, "真实集团党委", OrgKind.GROUP_COMMITTEE, "REAL")
    with pytest.raises(CommandError, match="组织 1 个（真实集团党委 等）"):
        seed(reset=True)
    assert Organization.objects.filter(code="REAL").exists() and root.subtree().exists()


def test_reset_clears_the_documents_written_in_the_demo(db):
    seed()
    root = Organization.objects.get(code="HXNY")
    secretary = User.objects.get(username="committee")
    document_edit(
        actor=secretary,
        kind=kind_for("deployment-notice"),
        subject_obj=root,
        texts={"aims": "坚持党建引领。"},
    )
    seed(reset=True)
    # What remains is what the reloaded demo makes itself (its rounds' 通知, 申报书 and the 复评's
    # 命名决定, an accepted draft, its typical cases' texts), not the notice written above.
    made = {"round-notice", "application", "round-naming"}
    assert not Document.objects.filter(kind="deployment-notice").exists()
    assert not Document.objects.filter(versions__editor=secretary).exclude(kind__in=made).exists()
    assert Organization.objects.filter(code="HXNY").exists()


def test_reset_and_load_refuse_a_database_holding_other_data(world):
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        seed(reset=True)
    message = str(refused.value)
    assert "组织 6 个（测试集团党委、甲公司党委、甲公司机关党总支 等）" in message
    assert "账号 8 个" in message and "审计记录" in message
    assert "--force-non-demo-data" in message
    with pytest.raises(CommandError, match="加载演示数据会加入密码公开的演示账号"):
        seed()
    assert snapshot() == before and not Organization.objects.filter(code="HXNY").exists()
    # Told explicitly, the reset clears it and loads the demo.
    seed(reset=True, force=True)
    assert not Organization.objects.filter(code="T0").exists()
    assert Organization.objects.filter(code="HXNY").exists()


def test_demo_users_log_in_with_demo_password(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Huaxin-demo-2026")
    output = seed()
    assert "Huaxin-demo-2026" in output
    for username in ("admin", "secretary1", "office", "expert1"):
        client = Client()
        assert client.login(username=username, password="Huaxin-demo-2026"), username
        # demo logins go straight in: no forced password change
        assert client.get("/").status_code == 200, username
    assert not Client().login(username="secretary1", password="demo12345")
    # most members have no login yet, so 账号管理 can show giving logins in bulk
    office = User.objects.get(username="office")
    branch = Member.objects.get(user__username="secretary1").org
    assert branch.members.filter(user__isnull=True, is_active=True).count() >= 10
    page = Client()
    page.login(username="office", password="Huaxin-demo-2026")
    listed = page.get("/accounts/members/", {"org": branch.pk})
    assert listed.status_code == 200 and office.is_active
    assert listed.content.decode().count('name="members"') >= 10


def test_seed_refuses_when_demo_usernames_are_taken(db):
    User.objects.create_user("secretary1", password="someone-else-123")
    with pytest.raises(CommandError, match="secretary1"):
        seed()
    with pytest.raises(CommandError, match="账号 1 个（secretary1 等）"):
        seed(reset=True)
    assert not Organization.objects.exists() and User.objects.filter(username="secretary1")


def test_demo_brands_have_benchmark_comparisons(db):
    from partybrand.benchmarks.models import Comparison

    call_command("seed_demo", stdout=StringIO())
    assert Comparison.objects.count() >= 5
    assert Comparison.objects.filter(brand__name="匠心检修").count() == 2

"""Indicator systems: the rules that decide whether a table adds up, publishing and freezing,
new versions, the shipped templates and who sees what."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from partybrand.core.models import AuditLog
from partybrand.indicators import services, validation
from partybrand.indicators.access import access_system, visible_systems
from partybrand.indicators.data.templates import TEMPLATES
from partybrand.indicators.loader import load_templates
from partybrand.indicators.models import Indicator, IndicatorSystem, StarLevel
from tests.permissions.cases.indicators import make_system

pytestmark = pytest.mark.django_db


def messages_of(system):
    return [p.message for p in validation.problems(system)]


def test_a_table_that_adds_up_publishes_and_is_then_frozen(world):
    system = make_system(world)
    assert messages_of(system) == []
    services.system_publish(actor=world.committee_admin, system=system)
    system.refresh_from_db()
    assert system.status == "published" and system.published_by == world.committee_admin
    item = system.indicators.get(code="2.1")
    with pytest.raises(ValidationError, match="新建版本"):
        services.indicator_update(actor=world.committee_admin, indicator=item, points="25")
    with pytest.raises(ValidationError):
        services.indicator_add(actor=world.committee_admin, system=system, name="新增", points=1)
    with pytest.raises(ValidationError):
        services.system_update(actor=world.committee_admin, system=system, name="改名")
    # The models refuse too, for code that bypasses the services.
    item.points = Decimal("25")
    with pytest.raises(ValidationError):
        item.save()
    with pytest.raises(ValidationError):
        item.delete()
    system.name = "改名"
    with pytest.raises(ValidationError):
        system.save()
    with pytest.raises(ValidationError):
        StarLevel.objects.filter(system=system).first().delete()
    assert Indicator.objects.get(pk=item.pk).points == Decimal("30")
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"indicator_system_create", "indicator_add", "indicator_system_publish"} <= actions


def test_publish_is_refused_with_every_problem_named(world):
    system = make_system(world)
    admin = world.committee_admin
    services.indicator_update(actor=admin, indicator=system.indicators.get(code="2.1"), points="28")
    leaf = services.indicator_add(
        actor=admin, system=system, parent=system.indicators.get(code="1"), name="空项", points=0
    )
    services.system_update(
        actor=admin, system=system, stars=[(4, "90", ""), (5, "85", ""), (3, "120", "")]
    )
    with pytest.raises(services.PublishRefused) as refused:
        services.system_publish(actor=admin, system=system)
    found = refused.value.messages
    assert "一级指标“2 组织生活”分值 60 分，其下二级指标合计 58 分，相差 2 分。" in found
    assert "一级指标合计 100 分" not in " ".join(found)  # 一级 still add up to the total
    assert f"二级指标“{leaf.code} 空项”分值为 0 分；只有一票否决项可以不计分值。" in found
    assert any("3 星的最低得分 120 分超过体系总分 100 分" in m for m in found)
    assert any("5 星最低 85 分" in m for m in found)
    system.refresh_from_db()
    assert system.status == "draft"


def test_veto_items_may_carry_zero_points_and_totals_are_checked(world):
    system = make_system(world)
    admin = world.committee_admin
    veto = services.indicator_add(
        actor=admin, system=system, name="一票否决事项", points=0, is_veto=True
    )
    services.indicator_add(
        actor=admin,
        system=system,
        parent=veto,
        name="发生重大安全生产责任事故",
        points=0,
        is_veto=True,
        veto_note="一票否决",
    )
    assert messages_of(system) == []
    system = services.system_update(actor=admin, system=system, total_points="95")
    assert messages_of(system) == ["一级指标合计 100 分，与体系总分 95 分相差 5 分。"]


def test_three_levels_and_codes(world):
    system = make_system(world)
    admin = world.committee_admin
    second = system.indicators.get(code="1.1")
    third = services.indicator_add(
        actor=admin, system=system, parent=second, name="委员配备", points=12
    )
    assert third.code == "1.1.1" and third.level == 3
    assert "二级指标“1.1 支委会健全”分值 20 分，其下三级指标合计 12 分，相差 8 分。" in messages_of(
        system
    )
    with pytest.raises(ValidationError, match="最多支持三级"):
        services.indicator_add(actor=admin, system=system, parent=third, name="四级", points=1)
    with pytest.raises(ValidationError, match="已被使用"):
        services.indicator_add(actor=admin, system=system, code="1.1", name="重复", points=1)


def test_move_reorders_siblings(world):
    system = make_system(world)
    first = system.indicators.get(code="1")
    services.indicator_move(actor=world.committee_admin, indicator=first, direction="down")
    order = list(
        system.indicators.filter(level=1).order_by("position").values_list("code", flat=True)
    )
    assert order == ["2", "1"]
    # Moving the last one further down changes nothing.
    services.indicator_move(actor=world.committee_admin, indicator=first, direction="down")
    order = list(
        system.indicators.filter(level=1).order_by("position").values_list("code", flat=True)
    )
    assert order == ["2", "1"]


def test_delete_takes_the_children(world):
    system = make_system(world)
    services.indicator_delete(
        actor=world.committee_admin, indicator=system.indicators.get(code="1")
    )
    assert sorted(system.indicators.values_list("code", flat=True)) == ["2", "2.1", "2.2"]
    assert messages_of(system) == ["一级指标合计 60 分，与体系总分 100 分相差 40 分。"]


def test_new_version_copies_the_tree_as_a_draft(world):
    published = make_system(world, publish=True)
    admin = world.committee_admin
    new = services.system_new_version(actor=admin, from_system=published)
    assert (new.code, new.version, new.status) == (published.code, 2, "draft")
    assert new.derived_from == published and new.owner == world.committee_a
    assert list(new.indicators.values_list("code", "points")) == list(
        published.indicators.values_list("code", "points")
    )
    assert new.indicators.get(code="2.1").parent.code == "2"
    assert new.stars.count() == 3
    with pytest.raises(ValidationError, match="未发布的草稿"):
        services.system_new_version(actor=admin, from_system=published)
    services.indicator_update(actor=admin, indicator=new.indicators.get(code="2.1"), points="25")
    assert published.indicators.get(code="2.1").points == Decimal("30")
    services.system_retire(actor=admin, system=published)
    published.refresh_from_db()
    assert published.status == "retired"


def test_shipped_templates_add_up_and_load_once():
    loaded = load_templates()
    assert [s.code for s in loaded] == ["branch-standard", "brand-evaluation"]
    assert all(s.status == "published" and s.version == 1 and s.owner is None for s in loaded)
    standard = loaded[0]
    firsts = list(standard.indicators.filter(level=1).values_list("name", "points"))
    assert firsts[:5] == [
        ("基本组织设置", Decimal("15")),
        ("基本队伍建设", Decimal("20")),
        ("基本制度运行", Decimal("25")),
        ("基本任务落实", Decimal("25")),
        ("基本保障配套", Decimal("15")),
    ]
    assert standard.indicators.filter(is_veto=True, points=0).count() == 3
    assert list(standard.stars.order_by("-stars").values_list("min_score", flat=True)) == [
        95,
        90,
        80,
        70,
        60,
    ]
    leaves = [i for i in standard.indicators.all() if i.is_leaf and not i.is_veto]
    assert all(i.guide and i.methods for i in leaves)
    brand = loaded[1]
    assert brand.indicators.get(name="成效与影响").points == Decimal("30")
    assert load_templates() == []
    call_command("load_indicator_templates")
    assert IndicatorSystem.objects.count() == 2
    assert len(TEMPLATES) == 2


def test_visibility(world):
    templates = load_templates()
    draft = make_system(world, name="草稿标准")
    published = make_system(world, publish=True, name="已发布标准")

    def names(user):
        return set(visible_systems(user).values_list("name", flat=True))

    template_names = {s.name for s in templates}
    assert names(world.member) == template_names | {"已发布标准"}
    assert names(world.expert) == template_names | {"已发布标准"}  # never drafts
    assert names(world.mid_admin) == template_names | {"已发布标准", "草稿标准"}
    assert names(world.committee_admin) == template_names | {"已发布标准", "草稿标准"}
    assert names(world.outsider) == template_names
    with pytest.raises(Http404):
        access_system(world.outsider, published.pk)
    with pytest.raises(Http404):
        access_system(world.member, draft.pk)
    with pytest.raises(PermissionDenied):
        access_system(world.mid_admin, draft.pk, for_edit=True)
    with pytest.raises(PermissionDenied, match="平台模板"):
        access_system(world.committee_admin, templates[0].pk, for_edit=True)
    assert access_system(world.committee_admin, draft.pk, for_edit=True) == draft


def test_copy_of_a_template_belongs_to_the_committee(world):
    template = load_templates()[1]
    copy = services.system_copy(
        actor=world.committee_admin, from_system=template, owner=world.committee_a
    )
    assert copy.status == "draft" and copy.owner == world.committee_a
    assert copy.code != template.code and copy.derived_from == template
    assert copy.indicators.count() == template.indicators.count()
    assert validation.problems(copy) == []

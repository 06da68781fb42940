"""The reads of indicator systems on their own: which systems each persona gets from the list
(the page's and the API's) and its filters, a system's versions and star levels, and the points
hint of an item; an outsider gets nothing of another committee's."""

from decimal import Decimal

from partybrand.indicators import selectors, services
from partybrand.indicators.loader import load_templates
from tests.permissions.cases.indicators import make_system


def test_systems_are_scoped_drafts_only_for_managing_roles_above(world):
    standard, brand = load_templates()
    draft = make_system(world, name="草稿标准")
    published = make_system(world, publish=True, name="已发布标准")
    assert set(selectors.systems(world.member)) == {standard, brand, published}
    assert set(selectors.systems(world.mid_admin)) == {standard, brand, published, draft}
    assert set(selectors.systems(world.committee_admin)) == {standard, brand, published, draft}
    assert set(selectors.systems(world.outsider)) == {standard, brand}  # 乙公司 is elsewhere
    assert set(selectors.systems(world.expert)) == {standard, brand, published}


def test_systems_narrow_by_kind_status_words_and_code(world):
    standard, brand = load_templates()
    draft = make_system(world, name="草稿标准")
    admin = world.committee_admin
    assert list(selectors.systems(admin, kind="brand")) == [brand]
    assert list(selectors.systems(admin, status="draft")) == [draft]
    assert list(selectors.systems(admin, q="草稿")) == [draft]
    assert list(selectors.systems(admin, code=standard.code)) == [standard]
    assert set(selectors.systems(admin, kind="bogus", status="bogus")) == {standard, brand, draft}


def test_system_list_counts_indicators_per_row(world):
    draft = make_system(world)
    rows = list(selectors.system_list(world.mid_admin, status="draft"))
    assert rows == [draft] and rows[0].item_count == 6  # 2 一级 and 4 二级
    assert list(selectors.system_list(world.member, status="draft")) == []


def test_family_lists_the_versions_the_user_may_read(world):
    first = make_system(world, publish=True)
    second = services.system_new_version(actor=world.committee_admin, from_system=first)
    assert list(selectors.system_family(world.mid_admin, first)) == [second, first]
    assert list(selectors.system_family(world.member, first)) == [first]  # drafts hidden
    assert list(selectors.system_family(world.outsider, first)) == []


def test_star_levels_and_the_points_hint(world):
    system = make_system(world)
    assert [s.stars for s in selectors.star_levels(system)] == [3, 4, 5]
    item = system.indicators.get(code="2.1")
    assert selectors.points_hint(item) == {
        "whole": Decimal("60"),
        "others": Decimal("30"),
        "fits": Decimal("30"),
        "count": 1,
    }
    first = system.indicators.get(code="1")
    assert selectors.points_hint(first)["fits"] == Decimal("40")  # of the total 100

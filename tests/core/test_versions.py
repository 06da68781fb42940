"""Versioned rows (core/versioning.py): every save raises the version, and a save made from an
old version changes nothing, however close together the two saves come.

The race runs real threads against the test database (a file on SQLite, PostgreSQL when the
suite runs with DATABASE_URL), the first save holding its transaction a moment so the second
arrives while it is still open."""

import time

import pytest
from django.db import transaction

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_update
from partybrand.core.versioning import (
    ANY,
    Stale,
    bumped,
    check_version,
    etag,
    if_match_versions,
    save_if_current,
)
from tests.factories import build_world
from tests.helpers import race

HOLD = 0.4  # seconds the first save keeps its transaction open


@pytest.fixture
def racing_world(transactional_db):
    return build_world()


def test_two_simultaneous_service_saves_from_one_version_give_one_success_one_refusal(
    racing_world,
):
    w = racing_world
    version = Brand.objects.get(pk=w.brand.pk).version

    def save(actor, **fields):
        def call():
            with transaction.atomic():
                brand = brand_update(actor=actor, brand=w.brand, version=version, **fields)
                time.sleep(HOLD)
            return brand

        return call

    results = race(
        save(w.secretary, slogan="党建引领 动力澎湃"), save(w.branch_committee, name="红色先锋")
    )

    saved = [r for r in results if isinstance(r, Brand)]
    refused = [r for r in results if isinstance(r, Stale)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert refused[0].expected == version and refused[0].current == version + 1
    brand = Brand.objects.get(pk=w.brand.pk)
    assert brand.version == version + 1
    # Exactly one of the two changes is in the row, never the other's stale value over it.
    assert (brand.name, brand.slogan) in {
        ("红色引擎", "党建引领 动力澎湃"),
        ("红色先锋", "党建引领"),
    }


def test_two_saves_of_one_read_cannot_both_win_even_without_a_lock(world):
    first = Brand.objects.get(pk=world.brand.pk)
    second = Brand.objects.get(pk=world.brand.pk)
    first.slogan = "先到的口号"
    first.save(update_fields=["slogan"])
    second.name = "后到的名称"
    with pytest.raises(Stale) as refused, transaction.atomic():
        second.save(update_fields=["name"])
    assert refused.value.current == first.version
    assert second.version == refused.value.expected  # the instance is left as it was read
    brand = Brand.objects.get(pk=world.brand.pk)
    assert (brand.name, brand.slogan, brand.version) == ("红色引擎", "先到的口号", first.version)


def test_every_save_raises_the_version_by_one(world):
    brand = Brand.objects.get(pk=world.brand.pk)
    start = brand.version
    brand.save()
    brand.save(update_fields=["slogan"])
    assert brand.version == start + 2
    assert Brand.objects.get(pk=brand.pk).version == start + 2
    Brand.objects.filter(pk=brand.pk).update(**bumped(Brand, slogan="批量"))
    assert Brand.objects.get(pk=brand.pk).version == start + 3
    assert Brand(org=world.branch_a, name="新品牌", level="branch").version == 1


def test_a_service_refuses_an_old_version_before_changing_anything(world):
    brand = Brand.objects.get(pk=world.brand.pk)
    with pytest.raises(Stale):
        brand_update(actor=world.secretary, brand=brand, version=brand.version + 1, name="x")
    assert Brand.objects.get(pk=brand.pk).name == "红色引擎"
    save_if_current(brand, brand.version, ["slogan"])  # the current version goes through
    check_version(brand, None)  # no version given: nothing to compare


def test_if_match_names_versions_by_their_entity_tags(world):
    brand = Brand.objects.get(pk=world.brand.pk)
    assert etag(brand) == f'"v{brand.version}"'
    assert if_match_versions(None) is None
    assert if_match_versions("*") is ANY
    assert if_match_versions('"v3", W/"v4"') == {3, 4}
    assert if_match_versions('"abc"') == set() == if_match_versions("")

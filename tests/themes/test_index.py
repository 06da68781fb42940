"""The platform's similarity index: kept current as brands and benchmarks change, rebuilt by a
command, and shared by several workers through the database stamp and the index file."""

import io

import pytest
from django.core.management import call_command

from partybrand.benchmarks.imports import import_shared_benchmarks
from partybrand.benchmarks.services import benchmark_create, benchmark_delete
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create, brand_update
from partybrand.textsim.mapped import open_current
from partybrand.themes import index as theme_index
from partybrand.themes.checks import check_theme
from partybrand.themes.index import (
    IndexHolder,
    bump_stamp,
    current_index,
    holder,
    index_entries,
)


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


def names(index) -> dict[str, str]:
    return {entry.key: entry.name for entry in index.entries()}


def test_a_new_brand_appears_a_renamed_one_changes_and_a_deleted_one_goes(
    world, django_capture_on_commit_callbacks
):
    current_index()  # this process holds an index: the signals update it in place
    with django_capture_on_commit_callbacks(execute=True):
        brand = brand_create(
            actor=world.secretary, org=world.branch_a, name="银线先锋", slogan="守护光明"
        )
    key = f"brand:{brand.pk}"
    # applied by the signal after commit, before any resync
    assert holder()._index.get(key).name == "银线先锋"
    assert current_index().get(key).owner == "支部A"
    top = check_theme("银线先峰").nearest[0]
    assert (top.key, top.name, top.flagged) == (key, "银线先锋", True)

    with django_capture_on_commit_callbacks(execute=True):
        brand_update(actor=world.secretary, brand=brand, name="光明使者")
    assert current_index().get(key).name == "光明使者"
    assert "银线先锋" not in names(current_index()).values()
    assert all(n.key != key for n in check_theme("银线先锋").nearest)

    with django_capture_on_commit_callbacks(execute=True):
        Brand.objects.filter(pk=brand.pk).delete()
    assert key not in current_index()
    assert all(n.key != key for n in check_theme("光明使者").nearest)


def test_benchmark_changes_reach_the_index(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        benchmark = benchmark_create(actor=world.staff, name="海韵党旗红", org="某港务集团")
    key = f"benchmark:{benchmark.pk}"
    assert current_index().get(key).owner == "某港务集团"
    assert check_theme("海韵党旗紅").nearest[0].key == key
    with django_capture_on_commit_callbacks(execute=True):
        benchmark_delete(actor=world.staff, benchmark=benchmark)
    assert key not in current_index()


def test_bulk_import_is_picked_up_and_encoded_in_one_batch(world, django_assert_max_num_queries):
    current_index()
    import_shared_benchmarks(actor=None)  # bulk_create: no signals at all
    index = current_index()
    keys = [k for k in names(index) if k.startswith("benchmark:")]
    assert len([k for k in keys if "~" not in k]) == 131
    # compound names (长征路上党旗红 银西铁路当先锋) also have a row per part
    assert holder().last_sync["changes"] == len(keys) > 131
    # an unchanged database costs only the stamp (three aggregate queries), no re-encoding
    with django_assert_max_num_queries(3):
        assert current_index() is index
    assert check_theme("凤凰金球").nearest[0].name == "凤凰金秋"


def test_rebuild_command_writes_the_file(world, settings):
    out = io.StringIO()
    call_command("rebuild_theme_index", stdout=out)
    assert "已重建品牌相似度索引：共 1 条" in out.getvalue()
    assert settings.THEME_INDEX_PATH.is_file()
    assert names(current_index()) == {f"brand:{world.brand.pk}": "红色引擎"}


def test_two_workers_stay_in_sync(world, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "shared" / "index.pkl"
    first, second = IndexHolder(path), IndexHolder(path)
    first.current()
    assert path.is_file()
    second.current()
    assert second.last_sync["loaded_file"] and second.last_sync["changes"] == 0  # no encoding

    # a change committed in "another worker" (signals there, none here)
    with django_capture_on_commit_callbacks(execute=True):
        brand = brand_create(actor=world.secretary, org=world.branch_a, name="匠心护网")
    key = f"brand:{brand.pk}"
    assert key not in first._index and key not in second._index
    assert second.current().get(key).name == "匠心护网"
    assert first.current().get(key).name == "匠心护网"

    # a rename that even the timestamps miss: the other worker's signal bumps the shared stamp
    Brand.objects.filter(pk=brand.pk).update(name="匠心护线")
    assert second.current().get(key).name == "匠心护网"  # nothing told it yet
    bump_stamp()
    assert second.current().get(key).name == "匠心护线"
    assert second.last_sync["changes"] == 1


def test_a_worker_reloads_the_file_another_one_wrote(world, tmp_path):
    path = tmp_path / "shared" / "index.pkl"
    first, second = IndexHolder(path), IndexHolder(path)
    first.current()
    second.current()
    import_shared_benchmarks(actor=None)
    first.current()  # encodes the 131 new entries and writes the file
    second.current()
    assert second.last_sync == {**second.last_sync, "loaded_file": True, "changes": 0}
    assert len(second.current()) == len(index_entries())  # 132 entries and the parts


def test_a_broken_file_is_ignored_and_replaced(world, settings):
    settings.THEME_INDEX_PATH.parent.mkdir(parents=True)
    settings.THEME_INDEX_PATH.write_bytes(b"not an index")
    fresh = IndexHolder()
    assert names(fresh.current()) == {f"brand:{world.brand.pk}": "红色引擎"}
    assert open_current(settings.THEME_INDEX_PATH)  # rewritten, loadable


def test_saves_that_touch_no_indexed_field_tell_nobody(world, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    before = cache.get(theme_index.STAMP_KEY, 0)
    with django_capture_on_commit_callbacks(execute=True):
        world.brand.save(update_fields=["status", "updated_at"])
    assert cache.get(theme_index.STAMP_KEY, 0) == before
    with django_capture_on_commit_callbacks(execute=True):
        brand_update(actor=world.secretary, brand=world.brand, slogan="党建引领 发展先行")
    assert cache.get(theme_index.STAMP_KEY, 0) == before + 1
    assert current_index().get(f"brand:{world.brand.pk}").slogan == "党建引领 发展先行"


def test_the_default_file_is_per_database_under_the_data_directory(settings, tmp_path):
    del settings.THEME_INDEX_PATH
    settings.DATA_DIR = tmp_path / "var"
    path = theme_index.index_path()
    assert path.parent == tmp_path / "var" / "theme-index"
    assert path.name.startswith("index-") and path.suffix == ".current"

"""The text-similarity engine: pairwise scores with reasons, the index and its storage."""

import csv
import pickle
import subprocess
import sys

import pytest

from partybrand.textsim import vectors
from partybrand.textsim.embedding import NgramEmbedder, default_embedder
from partybrand.textsim.engine import Entry, Match, SimilarityIndex, similarity
from partybrand.textsim.normalize import normalize, to_simplified
from partybrand.textsim.store import IndexFormatError
from partybrand.textsim.synthetic import SyntheticBrands
from tests.helpers import REPO

BENCHMARKS = REPO / ("src/partybrand/benchmarks/data/benchmark_brands.csv")
FLAG = 0.45


@pytest.fixture(scope="session")
def model():
    """The sentence encoder, loaded once per process and shared by every test."""
    return default_embedder()


@pytest.fixture(scope="module")
def real_names():
    with BENCHMARKS.open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


def score(a, b, a_slogan="", b_slogan=""):
    return similarity(a, a_slogan, b, b_slogan)


def test_traditional_characters_become_simplified_and_simplified_text_is_left_alone(real_names):
    assert to_simplified("黨建引領·紅色驛站") == "党建引领·红色驿站"
    assert normalize("黨建引領 · 紅色驛站") == "党建引领红色驿站"
    assert [to_simplified(name) for name in real_names] == real_names


def test_homophones_are_close_and_say_they_sound_the_same(model):
    value, reasons = score("红帆", "宏帆")
    assert value >= FLAG
    assert reasons[0].startswith("读音相同") and "红帆 / 宏帆" in reasons[0]


def test_reordered_parts_are_recognised(model):
    value, reasons = score("红色引擎·绿色发展", "绿色发展红色引擎")
    assert value >= 0.8
    assert "语序调换" in reasons


def test_traditional_spelling_of_a_name_is_the_same_name(model):
    value, reasons = score("忠誠黨辦·服務先鋒", "忠诚党办·服务先锋")
    assert value == 1.0
    assert reasons == ("繁简转换后相同",)


def test_one_word_changed_is_close_by_letter_and_by_meaning(model):
    value, reasons = score("党旗引航", "党旗领航")
    assert value >= 0.6
    assert any(reason.startswith("字面相近：党旗引航 / 党旗领航") for reason in reasons)
    assert any(reason.startswith("语义相近（0.9") for reason in reasons)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("红色引擎", "蓝天白云"),
        ("堡垒工程", "智慧财务"),
        ("红色驿站", "绿色港湾"),
        ("银发先锋", "数字金融"),
        ("忠诚党办·服务先锋", "乡村振兴工作站"),
        ("阳光天平", "大漠驼铃"),
        ("幸福党建", "安全生产铁军"),
        ("凤凰金秋", "码头工匠"),
        ("清风新烟", "北斗导航"),
        ("一路清廉·一路平安", "科技创新工作室"),
        ("先锋", "廉洁文化长廊"),
        ("红船共产党员服务队", "书香机关"),
    ],
)
def test_clearly_unrelated_names_stay_below_the_flag(model, a, b):
    value, _ = score(a, b)
    assert value < FLAG


def test_the_name_counts_more_than_the_slogan(model):
    same_name, _ = score("红船共产党员服务队", "红船共产党员服务队", "红船精神", "守护光明")
    same_slogan, reasons = score("红船共产党员服务队", "阳光审判", "红船精神", "红船精神")
    assert same_name >= 0.7
    assert same_slogan < FLAG
    assert "口号相同" in reasons


def test_a_slogan_on_one_side_only_does_not_change_the_score(model):
    with_slogan, _ = score("银龄驿站", "银铃驿站", "", "老有所为")
    without, _ = score("银龄驿站", "银铃驿站")
    assert with_slogan == without


def test_the_index_adds_replaces_removes_and_excludes_entries(model):
    index = SimilarityIndex()
    index.add(Entry("brand:1", "红色引擎", owner="第一党支部"))
    index.add(Entry("brand:2", "银龄驿站"))
    assert len(index) == 2
    assert [m.entry.key for m in index.query("红色引擎")] == ["brand:1"]
    index.add(Entry("brand:1", "凤凰金秋"))  # a brand renamed
    assert len(index) == 2
    assert index.query("红色引擎") == []
    assert index.query("金秋凤凰")[0].entry == Entry("brand:1", "凤凰金秋")
    assert index.query("金秋凤凰", exclude_keys={"brand:1"}) == []
    index.remove("brand:1")
    index.remove("brand:unknown")
    assert len(index) == 1 and "brand:1" not in index
    assert index.query("金秋凤凰") == []


def test_query_lists_nearest_first_within_limit_and_min_score(model, real_names):
    index = SimilarityIndex()
    index.add_many(Entry(f"benchmark:{i}", name) for i, name in enumerate(real_names))
    matches = index.query("风展红旗·资管先锋", limit=3)
    assert matches[0].entry.name == "风展红旗·资管标兵"
    assert len(matches) <= 3
    assert all(isinstance(m, Match) and m.score >= FLAG and m.reasons for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert len(index.exhaustive("风展红旗·资管先锋", limit=50)) == 50
    pairwise, reasons = similarity("风展红旗·资管先锋", "", "风展红旗·资管标兵", "")
    assert matches[0].score == pytest.approx(pairwise, abs=1e-3)
    assert matches[0].reasons == reasons


def test_a_saved_index_reloads_with_the_same_answers(model, real_names, tmp_path):
    index = SimilarityIndex()
    index.add_many(Entry(f"benchmark:{i}", name) for i, name in enumerate(real_names))
    index.remove("benchmark:0")
    index.save(tmp_path / "index.pickle")
    loaded = SimilarityIndex.load(tmp_path / "index.pickle")
    assert len(loaded) == len(index) == len(real_names) - 1
    for query in ("川渝共建·机关先锋", "壩上田間黨旗紅", "銀髮先鋒", "红色亿站"):
        assert loaded.query(query) == index.query(query)
    loaded.add(Entry("brand:9", "红帆"))
    assert loaded.query("宏帆")[0].entry.key == "brand:9"


def test_an_index_file_of_another_version_is_refused(model, tmp_path):
    index = SimilarityIndex()
    index.add(Entry("brand:1", "红帆"))
    path = tmp_path / "index.pickle"
    index.save(path)
    state = pickle.loads(path.read_bytes())  # noqa: S301 - written by this test
    state["version"] += 1
    path.write_bytes(pickle.dumps(state))
    with pytest.raises(IndexFormatError, match="rebuild"):
        SimilarityIndex.load(path)


def test_without_the_model_the_engine_still_finds_variants():
    index = SimilarityIndex(use_embeddings=False)
    assert isinstance(index.embedder, NgramEmbedder)
    index.add_many(
        [Entry("a", "党建引领·市监为民"), Entry("b", "红色驿站"), Entry("c", "银发先锋")]
    )
    assert index.query("黨建引領·市監為民")[0].entry.key == "a"
    assert index.query("市监为民·党建引领")[0].entry.key == "a"
    assert index.query("红色忆站")[0].entry.key == "b"
    assert index.query("蓝天白云") == []


def test_large_indexes_search_projected_vectors_and_survive_mass_removal(monkeypatch):
    monkeypatch.setattr(vectors, "PROJECT_FROM", 300)
    index = SimilarityIndex(use_embeddings=False)
    synthetic = SyntheticBrands(seed=5).brands(900, exclude=["党建引领·市监为民"])
    index.add_many(Entry(f"s:{i}", name, slogan) for i, (name, slogan, _) in enumerate(synthetic))
    index.add(Entry("target", "党建引领·市监为民"))
    assert index._vectors.basis is not None
    for i in range(700):  # more removed than kept: the index compacts itself
        index.remove(f"s:{i}")
    assert len(index) == 201
    assert len(index._entries) < 901  # compacted
    assert index.query("黨建引領·市監為民")[0].entry.key == "target"
    assert all(m.entry.key not in {"s:1", "s:2"} for m in index.query("x", min_score=0))


def test_the_text_engine_does_not_import_django():
    code = (
        "import sys; import partybrand.textsim.engine, partybrand.textsim.synthetic; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    src = REPO / "src"
    result = subprocess.run([sys.executable, "-c", code], cwd=src, check=False, timeout=60)
    assert result.returncode == 0


def test_one_character_off_ranks_above_names_that_only_share_the_theme_word():
    index = SimilarityIndex()
    names = ["红色引擎", "红色动力", "红色驿站", "红色先锋"]
    index.add_many(Entry(key=f"b:{i}", name=n, slogan="", owner="") for i, n in enumerate(names))
    for typed in ("红色引挚", "红色之擎"):
        top = index.query(typed, "", limit=3)
        assert top[0].entry.name == "红色引擎" and top[0].score >= 0.6, (typed, top)
        assert "字面相近" in top[0].reasons[0]


def test_names_added_in_a_batch_are_found_as_when_added_one_by_one():
    """A batch's candidate hashes come from each distinct shingle once (the million-name build
    spent a quarter of its time copying a MinHash per name); they must be the very hashes a
    name gets alone, or a name added in bulk would not be found by its homophones."""
    from partybrand.textsim.candidates import BandTable, char_shingles, sound_shingles
    from partybrand.textsim.features import text_features

    names = [name for name, *_ in SyntheticBrands(seed=3).brands(800)]
    features = [text_features(text) for text in [*names, "", "红色引擎", "宏色引擎"]]
    table = BandTable()
    for shingled in (char_shingles, sound_shingles):
        sets = [shingled(f) for f in features]
        one_by_one = [table.hashes(grams).tolist() for grams in sets]
        assert table.hashes_many(sets).tolist() == one_by_one
    assert not any(table.hashes_many([set()]).ravel())  # nothing to index for an empty name

"""The shared (memory-mapped) index answers exactly as the in-memory one for the same names,
before and after changes held beside it, and after those changes are written as a new
generation."""

import subprocess
import sys

import pytest

from partybrand.textsim.embedding import NgramEmbedder
from partybrand.textsim.engine import Entry, SimilarityIndex
from partybrand.textsim.mapped import MappedIndex, current_generation, open_current, publish
from partybrand.textsim.store import IndexFormatError
from partybrand.textsim.synthetic import SyntheticBrands
from tests.helpers import REPO

SIZE = 5000  # above vectors.PROJECT_FROM: the projected nearest-vector search is used too
CHANGES = [
    Entry("new:1", "红色引擎工作室", "凝心聚力 担当作为", "某公司党委"),
    Entry("new:2", "黄河先峰服务队", "", "某支部"),
    Entry("synthetic:3", "星火燎原先锋岗", "守护光明", "改名的支部"),
]


@pytest.fixture(scope="module")
def names():
    brands = SyntheticBrands().brands(SIZE)
    return [Entry(f"synthetic:{i}", *fields) for i, fields in enumerate(brands)]


@pytest.fixture(scope="module")
def queries(names):
    return [entry.name for entry in names[:400:9]] + [
        "红色引擎",
        "黄河先锋服务队",
        "星火燎原先锋",
        "红心向党·暖心服务",
    ]


def in_memory(entries):
    index = SimilarityIndex(embedder=NgramEmbedder())
    index.add_many(entries)
    return index


def answers(index, queries, slogan=""):
    return [
        [(m.entry, m.score, m.reasons) for m in index.query(q, slogan, limit=10, min_score=0.0)]
        for q in queries
    ]


def changed(index):
    index.add_many(CHANGES)
    index.remove("synthetic:5")
    index.remove("new:2")
    return index


def test_the_mapped_index_ranks_scores_and_explains_as_the_in_memory_one(names, queries, tmp_path):
    reference = in_memory(names)
    folder = publish(reference, tmp_path / "index.current")
    mapped = MappedIndex.open(folder, embedder=NgramEmbedder())
    assert len(mapped) == SIZE
    assert answers(mapped, queries) == answers(reference, queries)
    assert answers(mapped, queries[:5], "凝心聚力") == answers(reference, queries[:5], "凝心聚力")
    assert mapped.exhaustive("红色引擎", limit=5) == reference.exhaustive("红色引擎", limit=5)
    assert mapped.get("synthetic:7") == names[7]


def test_changes_held_beside_the_generation_and_written_into_the_next_answer_the_same(
    names, queries, tmp_path
):
    reference = changed(in_memory(names))
    pointer = tmp_path / "index.current"
    publish(in_memory(names), pointer)
    mapped = changed(open_current(pointer, embedder=NgramEmbedder()))
    assert mapped.held_changes == 5  # three rows added (one removed again), two base rows gone
    assert answers(mapped, queries) == answers(reference, queries)
    assert mapped.get("synthetic:3").name == "星火燎原先锋岗"
    assert "synthetic:5" not in mapped and "new:2" not in mapped

    publish(mapped, pointer)
    written = open_current(pointer, embedder=NgramEmbedder())
    assert written.held_changes == 0 and len(written) == len(reference) == SIZE
    assert answers(written, queries) == answers(reference, queries)


def test_sync_holds_exactly_the_wanted_entries_and_counts_the_difference(names, tmp_path):
    pointer = tmp_path / "index.current"
    publish(in_memory(names[:300]), pointer)
    mapped = open_current(pointer, embedder=NgramEmbedder())
    wanted = [e for e in names[:300] if e.key not in ("synthetic:3", "synthetic:5")] + CHANGES
    assert mapped.sync(wanted) == 4  # two new, one renamed, one removed
    assert mapped.sync(wanted) == 0
    assert sorted(e.key for e in mapped.entries()) == sorted(e.key for e in wanted)
    assert mapped.get("new:2") == CHANGES[1]


def test_another_process_opens_the_same_generation_and_finds_the_same_names(names, tmp_path):
    pointer = tmp_path / "index.current"
    publish(in_memory(names[:300]), pointer)
    code = (
        "import sys; from partybrand.textsim.mapped import open_current; "
        "from partybrand.textsim.embedding import NgramEmbedder; "
        "index = open_current(sys.argv[1], embedder=NgramEmbedder()); "
        "print(index.query(sys.argv[2], limit=1)[0].entry.key)"
    )
    command = [sys.executable, "-c", code, str(pointer), names[42].name]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)  # noqa: S603
    assert output.stdout.strip() == in_memory(names[:300]).query(names[42].name)[0].entry.key


def test_a_pointer_naming_no_generation_is_refused(tmp_path):
    pointer = tmp_path / "index.current"
    pointer.write_text("not an index")
    with pytest.raises(IndexFormatError):
        open_current(pointer)
    pointer.write_text("../elsewhere")
    assert current_generation(pointer) is None

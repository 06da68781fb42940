"""The text-similarity benchmark: the engine against brute force on 100,000 names.

`make bench` runs it after the spine and survey benchmarks. No Django, no database. It builds a
`SimilarityIndex` of the 131 real names in the benchmark library plus synthetic names and
slogans (partybrand.textsim.synthetic) up to 100,000 entries, saves and reloads it, and then
asks every name of the labelled near-duplicate set (tests/data/near_duplicates.csv: reworded,
reordered, homophone and traditional-character variants of real names, and unrelated controls)
three ways:
- the engine: `query` (LSH candidates + nearest sentence vectors, scored in full);
- brute force with rapidfuzz: Levenshtein similarity of the name against every entry;
- brute force with the engine's own scoring: `exhaustive`, every entry scored in full.
It prints build time, the memory of the index (loaded in a fresh process), median and p95 query
times, the speed ratios, per-kind recall@1 and recall@5 of the original, and the engine's recall
against the exhaustive reference (a query counts when the engine's top 5 holds the exhaustive
top 1). Results also go to bench/out/textsim.json.

Options: --size N (entries, default 100000), --exhaustive N (labelled queries also answered
by exhaustive scoring, default all).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import ctypes
import gc
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from partybrand.textsim.embedding import default_embedder  # noqa: E402
from partybrand.textsim.engine import Entry, SimilarityIndex  # noqa: E402
from partybrand.textsim.normalize import normalize  # noqa: E402
from partybrand.textsim.synthetic import SyntheticBrands  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
RESULT_FILE = OUT_DIR / "textsim.json"
INDEX_FILE = OUT_DIR / "textsim-index.pickle"
BENCHMARK_FILE = ROOT / "src" / "partybrand" / "benchmarks" / "data" / "benchmark_brands.csv"
LABELLED_FILE = ROOT / "tests" / "data" / "near_duplicates.csv"
MIN_SCORE = 0.45


def log(message: str) -> None:
    print(message, flush=True)


def rss_mb() -> float:
    """Resident memory, after returning freed heap pages to the system (glibc malloc_trim)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_of_loaded_index() -> float:
    """RSS growth of a fresh process loading the saved index (no model, no build leftovers)."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from bench.bench_textsim import rss_mb; "
        "from partybrand.textsim.engine import SimilarityIndex; before = rss_mb(); "
        "index = SimilarityIndex.load(sys.argv[2]); print(rss_mb() - before)"
    )
    command = [sys.executable, "-c", code, str(ROOT), str(INDEX_FILE)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
    return round(float(output.stdout.strip().splitlines()[-1]), 1)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
    }


def build(size: int, labelled: list[dict[str, str]]) -> tuple[SimilarityIndex, dict]:
    real = read_csv(BENCHMARK_FILE)
    entries = [
        Entry(f"benchmark:{i}", row["name"], row["slogan_or_theme"], row["org"])
        for i, row in enumerate(real)
    ]
    # the background must not contain the labelled names themselves (a synthetic copy of a
    # variant would rightly beat its original)
    exclude = [row["name"] for row in real] + [row["name"] for row in labelled]
    synthetic = SyntheticBrands().brands(size - len(entries), exclude=exclude)
    entries += [Entry(f"synthetic:{i}", *fields) for i, fields in enumerate(synthetic)]
    _, load_ms = timed(default_embedder)
    model_mb = rss_mb()
    index = SimilarityIndex()
    _, build_ms = timed(index.add_many, entries)
    facts = {
        "entries": len(index),
        "with_slogan": sum(1 for entry in entries if entry.slogan),
        "model_load_s": round(load_ms / 1000, 2),
        "model_rss_mb": round(model_mb, 1),
        "build_s": round(build_ms / 1000, 1),
        "vectors_mb": round(index._vectors.vectors.nbytes / 2**20, 1),
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    _, save_ms = timed(index.save, INDEX_FILE)
    del index
    loaded, reload_ms = timed(SimilarityIndex.load, INDEX_FILE)
    facts.update(
        save_s=round(save_ms / 1000, 1),
        reload_s=round(reload_ms / 1000, 1),
        file_mb=round(INDEX_FILE.stat().st_size / 2**20, 1),
        index_memory_mb=memory_of_loaded_index(),
    )
    return loaded, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--exhaustive", type=int, default=None)
    args = parser.parse_args()
    labelled = read_csv(LABELLED_FILE)
    log(f"textsim: building an index of {args.size:,} names (131 real + synthetic)...")
    index, facts = build(args.size, labelled)
    log(
        f"  model load {facts['model_load_s']} s (process RSS with the model "
        f"{facts['model_rss_mb']} MB); build {facts['build_s']} s ({facts['entries']:,} entries, "
        f"{facts['with_slogan']:,} with a slogan); save {facts['save_s']} s, "
        f"file {facts['file_mb']} MB; reload {facts['reload_s']} s"
    )
    log(
        f"  memory of the loaded index: {facts['index_memory_mb']} MB "
        f"(of which sentence vectors {facts['vectors_mb']} MB as float16)"
    )
    entries = index.entries()
    forms = [normalize(entry.name) for entry in entries]
    queries = labelled
    exhaustive_count = len(queries) if args.exhaustive is None else args.exhaustive
    engine_ms, fuzz_ms, full_ms = [], [], []
    hits1, hits5 = defaultdict(list), defaultdict(list)
    agree, fuzz_agree, controls_flagged = [], [], 0
    for number, row in enumerate(queries):
        matches, ms = timed(index.query, row["name"], limit=5, min_score=0.0)
        engine_ms.append(ms)
        fuzz_top, ms = timed(
            process.extract,
            normalize(row["name"]),
            forms,
            scorer=Levenshtein.normalized_similarity,
            limit=5,
        )
        fuzz_ms.append(ms)
        names = [match.entry.name for match in matches]
        if row["kind"] == "control":
            controls_flagged += bool(matches) and matches[0].score >= MIN_SCORE
        else:
            hits1[row["kind"]].append(bool(names) and names[0] == row["original"])
            hits5[row["kind"]].append(row["original"] in names)
        if number < exhaustive_count:
            reference, ms = timed(index.exhaustive, row["name"], limit=1)
            full_ms.append(ms)
            best = reference[0]
            # a control's exhaustive best is usually an irrelevant low score: it counts only
            # when it would be flagged
            if row["kind"] != "control" or best.score >= MIN_SCORE:
                agree.append(best.entry.key in {match.entry.key for match in matches})
                fuzz_keys = {entries[position].key for _, _, position in fuzz_top}
                fuzz_agree.append(best.entry.key in fuzz_keys)
    report(facts, engine_ms, fuzz_ms, full_ms, hits1, hits5, agree, fuzz_agree, controls_flagged)
    return 0


def report(facts, engine_ms, fuzz_ms, full_ms, hits1, hits5, agree, fuzz_agree, flagged) -> None:
    engine, fuzz, full = percentiles(engine_ms), percentiles(fuzz_ms), percentiles(full_ms)
    controls = len(engine_ms) - sum(len(v) for v in hits1.values())
    result = {
        **facts,
        "queries": len(engine_ms),
        "engine": engine,
        "bruteforce_rapidfuzz": fuzz,
        "bruteforce_exhaustive": {**full, "queries": len(full_ms)},
        "speedup_vs_rapidfuzz": round(fuzz["median_ms"] / engine["median_ms"], 1),
        "speedup_vs_exhaustive": round(full["median_ms"] / engine["median_ms"], 1),
        "recall_vs_exhaustive": round(sum(agree) / len(agree), 3),
        "rapidfuzz_recall_vs_exhaustive": round(sum(fuzz_agree) / len(fuzz_agree), 3),
        "recall_queries": len(agree),
        "recall_at_1": {k: round(sum(v) / len(v), 3) for k, v in hits1.items()},
        "recall_at_5": {k: round(sum(v) / len(v), 3) for k, v in hits5.items()},
        "controls": controls,
        "controls_flagged": int(flagged),
    }
    every = [hit for values in hits1.values() for hit in values]
    result["recall_at_1"]["all"] = round(sum(every) / len(every), 3)
    log(f"  {len(engine_ms)} labelled queries ({controls} unrelated controls)")
    for label, key in (
        ("engine (query)", "engine"),
        ("brute force, rapidfuzz over every name", "bruteforce_rapidfuzz"),
        ("brute force, engine scoring of every entry", "bruteforce_exhaustive"),
    ):
        times = result[key]
        log(f"  {label:<44} median {times['median_ms']:>8} ms   p95 {times['p95_ms']:>8} ms")
    log(
        f"  speed ratio: {result['speedup_vs_rapidfuzz']}x faster than rapidfuzz brute force, "
        f"{result['speedup_vs_exhaustive']}x faster than exhaustive scoring"
    )
    log(
        f"  recall against exhaustive scoring (top 1 in the engine's top 5): "
        f"{result['recall_vs_exhaustive']} over {len(agree)} queries "
        f"(rapidfuzz alone: {result['rapidfuzz_recall_vs_exhaustive']})"
    )
    log(f"  original ranked first (recall@1): {result['recall_at_1']}")
    log(f"  original in the top 5 (recall@5): {result['recall_at_5']}")
    log(f"  unrelated controls with a match >= {MIN_SCORE}: {flagged} of {controls}")
    RESULT_FILE.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"  results in {RESULT_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())

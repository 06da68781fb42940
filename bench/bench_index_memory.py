"""Memory of the similarity index per web process: the shared generation against the old copy
per process, at 100,000 and 1,000,000 names.

`make bench` runs it after the text-similarity benchmark. No Django, no database. For each size
it builds an index of the 131 real library names plus synthetic names and slogans
(partybrand.textsim.synthetic), writes it as a generation folder (the new design) and, at
100,000, as the old pickle, then starts TWO separate processes per design that each open the
index and answer every name of the labelled near-duplicate set (tests/data/near_duplicates.csv),
as two gunicorn workers would. While both are alive it reads each one's USS (private pages) and
PSS (proportional share of the pages it maps) from /proc/<pid>/smaps_rollup, and subtracts what
the same process held before opening the index (interpreter, libraries, sentence encoder).

It prints, per size and design: build time (encoding + writing), file size, the memory
attributable to the index per process (USS and PSS, both processes), query latency median and
p95, and the ratios new/old. The old design at 1,000,000 names is estimated from 100,000 × 10
(its copy per process would need more than 3 GB each; the estimate is marked as such).

Built indexes are cached under bench/out/index-<size>-<content hash>/ (the hash covers the
names, the encoder, the engine's format and weights), so a repeated run skips the build (about
11 minutes for 1,000,000 names on one core) and reports the build time measured when it was
made. Options: --size small|full (small, what `make bench` runs: 100,000 names; full, `make bench
BENCH_SIZE=full`: 100,000 and 1,000,000), --sizes N,N (any sizes), --rebuild (ignore the cache).
Results also go to bench/out/index_memory.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from partybrand.textsim import mapped  # noqa: E402
from partybrand.textsim.embedding import NgramEmbedder, default_embedder  # noqa: E402
from partybrand.textsim.engine import Entry  # noqa: E402
from partybrand.textsim.normalize import normalize  # noqa: E402
from partybrand.textsim.store import scoring_signature  # noqa: E402
from partybrand.textsim.synthetic import SyntheticBrands  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
RESULT_FILE = OUT_DIR / "index_memory.json"
BENCHMARK_FILE = ROOT / "src" / "partybrand" / "benchmarks" / "data" / "benchmark_brands.csv"
LABELLED_FILE = ROOT / "tests" / "data" / "near_duplicates.csv"
OLD_DESIGN_UP_TO = 100_000
# Names indexed at each --size: small (make bench) leaves out the million, whose build is by far
# the longest step of the whole run (it is cached once made: bench/out/index-1000000-…).
SIZES = {"small": "100000", "full": "100000,1000000"}
DISTINCT = 150_000  # the synthetic generator runs out of distinct names near 190,000

WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1] + "/src")
from partybrand.textsim.embedding import NgramEmbedder, default_embedder
from partybrand.textsim.engine import SimilarityIndex
from partybrand.textsim.features import text_features
from partybrand.textsim.mapped import open_current

def rollup():
    values = {}
    for line in open("/proc/self/smaps_rollup"):
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            values[parts[0].rstrip(":")] = int(parts[1])
    return values

design, path, queries, encoder = sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
embedder = NgramEmbedder() if encoder == "ngram" else default_embedder()
embedder.encode(["党建引领"])
text_features("党建引领·红色引擎")  # jieba's and pypinyin's dictionaries: not the index's
before = rollup()
started = time.perf_counter()
if design == "old":
    index = SimilarityIndex.load(path, embedder=embedder)
else:
    index = open_current(path, embedder=embedder)
opened = time.perf_counter() - started
times = []
for name in queries:
    start = time.perf_counter()
    index.query(name, limit=5, min_score=0.45)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"before": before, "open_s": opened, "times": times}), flush=True)
sys.stdin.readline()  # stay alive until the parent has read both processes' memory
"""


def log(message: str) -> None:
    print(message, flush=True)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def entries_of(size: int, labelled: list[dict[str, str]]) -> list[Entry]:
    real = read_csv(BENCHMARK_FILE)
    entries = [
        Entry(f"benchmark:{i}", row["name"], row["slogan_or_theme"], row["org"])
        for i, row in enumerate(real)
    ]
    exclude = [row["name"] for row in real] + [row["name"] for row in labelled]
    distinct = min(size - len(entries), DISTINCT)
    synthetic = list(SyntheticBrands().brands(distinct, exclude=exclude))
    entries += [Entry(f"synthetic:{i}", *fields) for i, fields in enumerate(synthetic)]
    seen = {normalize(text) for text in exclude} | {normalize(f[0]) for f in synthetic}
    generator = SyntheticBrands(seed=11)
    while len(entries) < size:
        # past the generator's distinct names: a company's name in front, as large groups do
        owner = generator.owner()
        name = owner.split("公司")[0] + "公司" + generator.name()
        if normalize(name) in seen:
            continue
        seen.add(normalize(name))
        slogan = generator.slogan() if generator.rng.random() < 0.35 else ""
        entries.append(Entry(f"synthetic:{len(entries)}", name, slogan, owner))
    return entries


def content_key(entries: list[Entry], embedder_name: str) -> str:
    digest = hashlib.sha256()
    digest.update(
        repr((mapped.FORMAT, mapped.VERSION, scoring_signature(), embedder_name)).encode()
    )
    for entry in entries:
        digest.update("\x1f".join((entry.key, entry.name, entry.slogan, entry.owner)).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()[:12]


def folder_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def encoder_of(name: str):
    return NgramEmbedder() if name == "ngram" else default_embedder()


def built(size: int, labelled, rebuild: bool, encoder: str) -> dict:
    """The cached build for this content, made now if missing."""
    entries = entries_of(size, labelled)
    embedder = encoder_of(encoder)
    place = OUT_DIR / f"index-{size}-{content_key(entries, embedder.name)}"
    facts_file = place / "build.json"
    if facts_file.is_file() and not rebuild:
        facts = json.loads(facts_file.read_text())
        log(f"  cached build in {place.relative_to(ROOT)} (measured when it was made)")
        return {**facts, "place": place}
    place.mkdir(parents=True, exist_ok=True)
    log(f"  encoding {size:,} names in batches of {mapped.BUILD_BATCH:,} ...")
    started = time.perf_counter()
    index = mapped.build_in_memory(entries, embedder=embedder)
    facts = {"entries": len(index), "encode_s": round(time.perf_counter() - started, 1)}
    started = time.perf_counter()
    generation = mapped.publish(index, place / "index.current")
    facts["write_generation_s"] = round(time.perf_counter() - started, 1)
    facts["generation_mb"] = folder_mb(generation)
    if size <= OLD_DESIGN_UP_TO:
        started = time.perf_counter()
        index.save(place / "old.pickle")
        facts["write_pickle_s"] = round(time.perf_counter() - started, 1)
        facts["pickle_mb"] = folder_mb(place / "old.pickle")
    del index
    facts_file.write_text(json.dumps(facts, indent=2))
    return {**facts, "place": place}


def rollup(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            values[parts[0].rstrip(":")] = int(parts[1])
    return values


def uss(values: dict[str, int]) -> int:
    return values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)


def two_workers(design: str, path: Path, queries: list[str], encoder: str) -> dict:
    """Two processes open the index and answer the queries; their memory while both live."""
    command = [
        sys.executable,
        "-c",
        WORKER,
        str(ROOT),
        design,
        str(path),
        json.dumps(queries),
        encoder,
    ]
    workers = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(2)
    ]
    reports = [json.loads(worker.stdout.readline()) for worker in workers]
    memory = []
    for worker, report in zip(workers, reports, strict=True):
        after, before = rollup(worker.pid), report["before"]
        memory.append(
            {
                "uss_mb": round((uss(after) - uss(before)) / 1024, 1),
                "pss_mb": round((after["Pss"] - before["Pss"]) / 1024, 1),
            }
        )
    for worker in workers:
        worker.stdin.write("\n")
        worker.stdin.close()
        worker.wait()
    times = sorted(t for report in reports for t in report["times"])
    return {
        "processes": memory,
        "open_s": round(max(report["open_s"] for report in reports), 2),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
    }


def next_generation(place: Path, size: int, encoder: str) -> dict:
    """Time writing the next generation from one process's generation + delta (2,000 changes:
    1,500 added, 500 removed), as a process does once its delta passes the limit."""
    index = mapped.open_current(place / "index.current", embedder=encoder_of(encoder))
    added = SyntheticBrands(seed=7).brands(1500)
    index.add_many(Entry(f"added:{i}", *fields) for i, fields in enumerate(added))
    for number in range(500):
        index.remove(f"synthetic:{number * (size // 600)}")
    held = index.held_changes
    pointer = place / "merge-check.current"
    started = time.perf_counter()
    folder = mapped.publish(index, pointer)
    seconds = round(time.perf_counter() - started, 1)
    shutil.rmtree(folder)
    pointer.unlink()
    return {"held_changes": held, "write_next_generation_s": seconds}


def ratio(new: float, old: float) -> float | None:
    return round(new / old, 3) if old else None


def measure(size: int, labelled, rebuild: bool, old_per_name: dict | None, encoder: str) -> dict:
    log(f"index memory: {size:,} names ({encoder} encoder)")
    facts = built(size, labelled, rebuild, encoder)
    place = facts.pop("place")
    queries = [row["name"] for row in labelled]
    result = {"size": size, "encoder": encoder, **facts}
    result["new"] = two_workers("new", place / "index.current", queries, encoder)
    result["next_generation"] = next_generation(place, size, encoder)
    if (place / "old.pickle").is_file():
        result["old"] = two_workers("old", place / "old.pickle", queries, encoder)
    elif old_per_name:
        scale = size / old_per_name["size"]
        result["old_estimated"] = {
            key: round(old_per_name[key] * scale, 1) for key in ("uss_mb", "pss_mb")
        }
    report(result)
    return result


def report(result: dict) -> None:
    new = result["new"]
    log(
        f"  build: encoding {result['encode_s']} s, writing the generation "
        f"{result['write_generation_s']} s ({result['generation_mb']} MB)"
        + (
            f"; old pickle written in {result['write_pickle_s']} s ({result['pickle_mb']} MB)"
            if "pickle_mb" in result
            else ""
        )
    )
    merge = result["next_generation"]
    log(
        f"  next generation from generation + {merge['held_changes']:,} held changes "
        f"(nothing re-encoded): written in {merge['write_next_generation_s']} s"
    )
    for design in ("new", "old"):
        if design in result:
            data = result[design]
            per = ", ".join(
                f"USS {p['uss_mb']} MB / PSS {p['pss_mb']} MB" for p in data["processes"]
            )
            log(
                f"  {design}: per process {per}; opened in {data['open_s']} s; "
                f"query median {data['median_ms']} ms, p95 {data['p95_ms']} ms"
            )
    old = result.get("old") or result.get("old_estimated")
    if old is None:
        return
    old_uss = old["processes"][0]["uss_mb"] if "processes" in old else old["uss_mb"]
    old_pss = old["processes"][0]["pss_mb"] if "processes" in old else old["pss_mb"]
    ratios = {
        "uss": ratio(new["processes"][0]["uss_mb"], old_uss),
        "pss": ratio(new["processes"][0]["pss_mb"], old_pss),
    }
    if "old" in result:
        ratios["median"] = ratio(new["median_ms"], old["median_ms"])
        ratios["p95"] = ratio(new["p95_ms"], old["p95_ms"])
        ratios["file"] = ratio(result["generation_mb"], result["pickle_mb"])
        ratios["write"] = ratio(result["write_generation_s"], result["write_pickle_s"])
    result["ratios_new_over_old"] = ratios
    estimated = "" if "old" in result else " (old design ESTIMATED from 100,000 × scale)"
    log(f"  new / old{estimated}: {ratios}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="names, comma-separated (overrides --size)")
    common.add_size_option(parser)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--encoder",
        choices=("use", "ngram"),
        default="use",
        help="ngram: the fallback encoder (same array sizes, no model: a quick build)",
    )
    args = parser.parse_args()
    sizes = args.sizes or SIZES[args.size]
    labelled = read_csv(LABELLED_FILE)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results, old_per_name = [], None
    for size in sorted(int(value) for value in sizes.split(",")):
        result = measure(size, labelled, args.rebuild, old_per_name, args.encoder)
        if "old" in result:
            old_per_name = {"size": size, **result["old"]["processes"][0]}
        results.append(result)
    RESULT_FILE.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"  results in {RESULT_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The forbidden-word lists measured: caught by category, false alarms on real brand names.

`make bench` runs it. No database. It reads the labelled set tests/data/forbidden_labelled.csv
(names that must be caught, with their category, and real-looking names that must pass) and
the benchmark library's real names, slogans and meanings
(src/partybrand/benchmarks/data/benchmark_brands.csv), and prints, per category, how many of
the names to catch were caught in that category, the false alarms (any finding, 禁用 or 慎用) on
the names that must pass and on the real library, and the time per text. Results also go to
bench/out/forbidden.json.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings_test")

import django  # noqa: E402

django.setup()

from partybrand.themes.forbidden import findings  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "forbidden_labelled.csv"
LIBRARY = ROOT / "src" / "partybrand" / "benchmarks" / "data" / "benchmark_brands.csv"
OUT = ROOT / "bench" / "out" / "forbidden.json"


def main() -> None:
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with LIBRARY.open(encoding="utf-8") as handle:
        library = [
            text
            for row in csv.DictReader(handle)
            for text in (row["name"], row["slogan_or_theme"], row["connotation"])
            if text
        ]
    bad = [(r["text"], r["category"]) for r in rows if r["category"]]
    clean = [r["text"] for r in rows if not r["category"]]
    started = time.perf_counter()
    total, caught = Counter(), Counter()
    for text, category in bad:
        total[category] += 1
        caught[category] += category in {f.category for f in findings(text)}
    alarms = [t for t in clean if findings(t)]
    library_alarms = [t for t in library if findings(t)]
    texts = len(bad) + len(clean) + len(library)
    per_text_ms = (time.perf_counter() - started) * 1000 / texts
    result = {
        "caught": {c: [caught[c], total[c]] for c in total},
        "caught_rate": sum(caught.values()) / len(bad),
        "false_alarm_rate": len(alarms) / len(clean),
        "false_alarms": alarms,
        "library_texts": len(library),
        "library_alarms": library_alarms,
        "ms_per_text": round(per_text_ms, 3),
    }
    print(f"Forbidden words: {len(bad)} names to catch, {len(clean)} real-looking names to pass")
    for category in total:
        print(f"  {category}: caught {caught[category]}/{total[category]}")
    print(f"  caught {result['caught_rate']:.1%} (target >= 95%)")
    print(f"  false alarms {result['false_alarm_rate']:.1%} (target <= 5%): {alarms}")
    print(f"  benchmark library: {len(library_alarms)} of {len(library)} texts with a finding")
    for text in library_alarms:
        print(f"    {text[:40]}: {[(f.term, f.category) for f in findings(text)]}")
    print(f"  {per_text_ms:.2f} ms per text")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

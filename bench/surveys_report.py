"""The survey benchmark's figures and checks: throughput and latency of a scenario, and whether
the database holds every accepted submission exactly once."""

from __future__ import annotations

from collections import Counter

from bench import common, surveys_data
from bench.common import log


def summarise(load: dict, duration: float) -> dict:
    begin, end = load["window"]
    records = load["records"]
    measured = [r for r in records if r[0] >= begin and r[0] < end]
    completed_ok = [r for r in records if 200 <= r[2] < 300 and begin <= r[0] + r[1] <= end]
    ok_latencies = [r[1] for r in measured if 200 <= r[2] < 300]
    statuses = Counter(r[2] for r in measured)
    timing = common.summary_ms(ok_latencies) if ok_latencies else {}
    return {
        "requests_per_s": round(len(completed_ok) / duration, 1),
        "median_ms": timing.get("median_ms"),
        "p95_ms": timing.get("p95_ms"),
        "max_ms": timing.get("max_ms"),
        "measured_requests": len(measured),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "all_requests": len(records),
        "all_accepted": sum(1 for r in records if 200 <= r[2] < 300),
        "connections_opened": load["connections"],
        "cpu_busy_before_pct": load["busy_before"],
        "error_samples": {str(k): v for k, v in load["samples"].items()},
    }


def print_scenario(label: str, s: dict) -> None:
    errors = {k: v for k, v in s["statuses"].items() if not k.startswith("2")}
    log(
        f"{label:<28} {s['requests_per_s']:>8.1f} /s   median {s['median_ms']:>7.1f} ms   "
        f"p95 {s['p95_ms']:>7.1f} ms   max {s['max_ms']:>7.1f} ms   "
        f"requests {s['measured_requests']:>6}   errors {errors or 'none'}"
    )
    log(
        f"    {s['all_requests']} requests in all (warm-up included) over "
        f"{s['connections_opened']} TCP connections; CPU busy with other work just before: "
        f"{s['cpu_busy_before_pct']}%"
    )
    for status, body in s["error_samples"].items():
        log(f"    first answer with status {status}: {body}")


def checks(survey_load: dict, rows: dict) -> list[tuple[bool, str]]:
    records = survey_load["records"]
    accepted = [r[3] for r in records if 200 <= r[2] < 300]
    unknown = {r[3] for r in records if r[2] == 0}  # no answer: may or may not be stored
    failed = [r for r in records if not 200 <= r[2] < 300]
    ids = rows["ids"]
    stored = set(ids)
    twice = {i: n for i, n in ids.items() if n > 1}
    lost = set(accepted) - stored
    extra = stored - set(accepted)
    answers_ok = set(rows["answers_per_response"]) <= {len(surveys_data.QUESTIONS)}
    return [
        (
            len(accepted) == len(set(accepted)),
            f"client ids sent are unique: {len(accepted)} accepted, {len(set(accepted))} distinct",
        ),
        (
            rows["responses"] == len(accepted),
            f"Response rows = accepted submissions: {rows['responses']} rows, "
            f"{len(accepted)} answered 2xx",
        ),
        (
            len(stored) == len(accepted) and not twice,
            f"distinct client ids stored = accepted: {len(stored)} distinct ids, "
            f"{len(twice)} stored more than once{' ' + str(list(twice)[:5]) if twice else ''}",
        ),
        (
            not lost and extra <= unknown,
            f"every accepted submission stored, nothing else: {len(lost)} lost"
            f"{' ' + str(sorted(lost)[:5]) if lost else ''}, {len(extra)} stored without a 2xx "
            f"({len(extra & unknown)} of them had no HTTP answer)",
        ),
        (
            answers_ok and rows["texts_without_one_id"] == 0,
            f"each response has {len(surveys_data.QUESTIONS)} answers: answers per response "
            f"{rows['answers_per_response']}, {rows['answers']} answer rows, "
            f"{rows['texts_without_one_id']} free-text answers without exactly one client id",
        ),
        (
            not failed,
            f"no submission refused or failed under load: {len(failed)} of {len(records)} "
            f"({dict(Counter(r[2] for r in failed)) or 'none'})",
        ),
    ]

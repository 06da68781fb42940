"""The task queue's figures for Prometheus, read from the jobs table at scrape time: the same
numbers whichever node is scraped and whichever broker carries the work.

- `partybrand_jobs{state}`: jobs per state (排队中 ones are the queue's depth);
- `partybrand_job_seconds{kind}`: a histogram of the time from start to end of the jobs finished
  in the last 24 hours (at most the newest 500).
"""

from __future__ import annotations

from collections import defaultdict

from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily

from partybrand.core.metrics import BUCKETS
from partybrand.jobs.selectors import queue_depth, recent_durations

DURATION_BUCKETS = (*BUCKETS, 60, 300, 900, 3600)


def collect_jobs():
    depth = GaugeMetricFamily("partybrand_jobs", "Background jobs per state", labels=["state"])
    for state, count in queue_depth().items():
        depth.add_metric([state], count)
    yield depth

    by_kind: dict[str, list[float]] = defaultdict(list)
    for row in recent_durations():
        by_kind[row["kind"]].append(row["seconds"])
    durations = HistogramMetricFamily(
        "partybrand_job_seconds",
        "Seconds from start to end of the jobs finished in the last 24 hours",
        labels=["kind"],
    )
    for kind, seconds in sorted(by_kind.items()):
        buckets = [(str(edge), sum(1 for s in seconds if s <= edge)) for edge in DURATION_BUCKETS]
        buckets.append(("+Inf", len(seconds)))
        durations.add_metric([kind], buckets, sum_value=sum(seconds))
    yield durations

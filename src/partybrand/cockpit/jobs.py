"""The health index recomputed as background work: the whole index (the daily run and the
`health-recompute` command), a committee's subtree after its weights change, one brand after an
event that changes its inputs (signals.py, debounced into one task per brand), and the brands
and rollups of a round after its 命名决定 (the entries' results are written in bulk)."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from partybrand.brands.models import Brand
from partybrand.cockpit import compute, rollup
from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import Outcome
from partybrand.orgs.tree import ancestor_paths, subtree_q
from partybrand.rounds.models import Entry

log = logging.getLogger(__name__)
STEPS = ("计算品牌健康度",)
DEBOUNCE_SECONDS = 10


def run_recompute(job: Job, progress: Progress) -> Outcome:
    path = job.params.get("org_path", "")
    ids = None
    if path:
        ids = list(Brand.objects.filter(subtree_q(path, "org__path")).values_list("pk", flat=True))
    count = compute.recompute(ids, progress=progress)
    return Outcome(f"已重新计算 {count} 个品牌的健康度。", {"brands": count})


def recompute_brand(brand_id: int) -> None:
    """One brand's index and the rollups of its organisation and those above."""
    path = Brand.objects.filter(pk=brand_id).values_list("org__path", flat=True).first()
    if path is None:
        return
    compute.recompute([brand_id], rollups=False)
    rollup.refresh([*ancestor_paths(path), path])


# Beyond this many organisations touched, a round's results refresh every rollup at once.
ROUND_PATHS_AT_ONCE = 2000


def recompute_round(round_id: int) -> None:
    """After a round's 命名决定: the index of each brand it listed (its influence reads round
    results) and the rollups over the organisations its entries came from, in one pass."""
    rows = list(
        Entry.objects.filter(round_id=round_id).values_list(
            "brand_id", "org__path", "brand__org__path"
        )
    )
    if not rows:
        return
    compute.recompute({brand_id for brand_id, _e, _b in rows}, rollups=False)
    paths: set[str] = set()
    for _brand, *own in rows:
        for path in own:
            paths.update([*ancestor_paths(path), path])
    rollup.refresh(None if len(paths) > ROUND_PATHS_AT_ONCE else sorted(paths))


@shared_task(name="partybrand.cockpit.round_results", acks_late=True)
def round_results_task(round_id: int) -> None:
    recompute_round(round_id)


def round_decided(round_id: int) -> None:
    """Called when a round's 命名决定 is issued: once it commits, its figures are refreshed (in
    the worker, or here when tasks run eagerly)."""
    if getattr(_paused, "depth", 0):
        return

    def later():
        try:
            if settings.CELERY_TASK_ALWAYS_EAGER:
                recompute_round(round_id)
            else:
                round_results_task.delay(round_id)
        except Exception:  # the broker away: the daily run catches up
            log.exception("round %s results not refreshed; the daily run will", round_id)

    transaction.on_commit(later)


@shared_task(name="partybrand.cockpit.brand_health", acks_late=True)
def brand_health_task(brand_id: int) -> None:
    cache.delete(f"cockpit:pending:{brand_id}")
    recompute_brand(brand_id)


def queue_brand(brand_id: int) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        recompute_brand(brand_id)
        return
    # Many saves of one brand within the window make one task.
    if not cache.add(f"cockpit:pending:{brand_id}", 1, timeout=DEBOUNCE_SECONDS * 6):
        return
    try:
        brand_health_task.apply_async((brand_id,), countdown=DEBOUNCE_SECONDS)
    except Exception:  # the broker away: the daily run catches up
        cache.delete(f"cockpit:pending:{brand_id}")
        log.warning("brand health of %s not queued; the daily run will compute it", brand_id)


_paused = threading.local()


@contextmanager
def events_paused():
    """Changes made inside queue no recomputation: for bulk loads (the demo) that compute the
    whole index once at the end."""
    _paused.depth = getattr(_paused, "depth", 0) + 1
    try:
        yield
    finally:
        _paused.depth -= 1


def brand_changed(brand_of) -> None:
    """Called by the signals: once the change commits, find its brand (`brand_of()`, so the
    request that made the change runs no query for it) and queue its recomputation."""
    if getattr(_paused, "depth", 0):
        return

    def later():
        # After the user's change committed: a failure here must not turn it into an error page.
        try:
            brand_id = brand_of()
            if brand_id:
                queue_brand(brand_id)
        except Exception:
            log.exception("brand health not recomputed after a change; the daily run will")

    transaction.on_commit(later)

"""Signals that keep the similarity index current (see themes/index.py for the design).

After a brand or benchmark is saved or deleted, and only once the transaction commits: bump the
shared version stamp (other workers resync on their next check) and, if this process already
holds an index, apply the one change to its in-memory delta (one sentence encoding, nothing
else re-encoded).
A process that has not answered a check yet does nothing more: its index is built lazily.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partybrand.benchmarks.models import Benchmark
from partybrand.brands.models import Brand
from partybrand.themes import index

# A save that touches none of these (a status change, a date) leaves the index as it is.
INDEXED = {"name", "slogan", "org", "org_id"}


def _indexed(update_fields) -> bool:
    return update_fields is None or bool(INDEXED & set(update_fields))


def _on_commit(*, upsert=None, remove=None) -> None:
    def apply() -> None:
        index.bump_stamp()
        index.holder().apply(upsert=upsert, remove=remove)

    transaction.on_commit(apply)


@receiver(post_save, sender=Brand, dispatch_uid="themes-index-brand-saved")
def brand_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _indexed(update_fields):
        return
    entry = index.brand_entry(instance) if index.holder().loaded else None
    _on_commit(upsert=entry)


@receiver(post_delete, sender=Brand, dispatch_uid="themes-index-brand-deleted")
def brand_deleted(sender, instance, **kwargs):
    _on_commit(remove=f"brand:{instance.pk}")


@receiver(post_save, sender=Benchmark, dispatch_uid="themes-index-benchmark-saved")
def benchmark_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _indexed(update_fields):
        return
    entry = index.benchmark_entry(instance) if index.holder().loaded else None
    _on_commit(upsert=entry)


@receiver(post_delete, sender=Benchmark, dispatch_uid="themes-index-benchmark-deleted")
def benchmark_deleted(sender, instance, **kwargs):
    _on_commit(remove=f"benchmark:{instance.pk}")

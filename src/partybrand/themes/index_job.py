"""The similarity index rebuilt as background work (registered in apps.py): the same one public
rebuild the `rebuild-theme-index` command and the daily beat task call, started by a
system administrator from 失败任务 and watched on the job's page."""

from __future__ import annotations

from partybrand.jobs.models import Job
from partybrand.jobs.progress import Progress
from partybrand.jobs.registry import Outcome
from partybrand.themes.index import holder

STEPS = ("重建索引",)


def run_index_rebuild(job: Job, progress: Progress) -> Outcome:
    progress(0, 1)
    index = holder().rebuild()
    entries = len(index)
    progress(1, 1)
    return Outcome(f"已重建品牌相似度索引：共 {entries} 条。", {"rows": entries})

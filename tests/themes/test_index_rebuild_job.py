"""The similarity index rebuilt as a task: the button on 失败任务 starts a job whose page tells
how many brands were indexed, and Celery beat runs the same rebuild every day."""

from django.conf import settings
from django.urls import reverse

from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.ops import tasks
from partybrand.themes.index import holder
from tests.helpers import client_for


def test_the_rebuild_button_runs_the_rebuild_as_a_job(world, django_capture_on_commit_callbacks):
    client = client_for(world.staff)
    assert "重建相似度索引" in client.get(reverse("ops_failed_jobs")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ops_theme_index_rebuild"), {"submission_token": "i-1"})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.state) == (JobKind.THEME_INDEX_REBUILD, JobState.DONE)
    entries = len(holder().current())
    assert entries > 0 and job.total == entries
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"已重建品牌相似度索引：共 {entries} 条。" in page


def test_beat_rebuilds_the_index_daily(world):
    entry = settings.CELERY_BEAT_SCHEDULE["rebuild_theme_index"]
    assert entry["task"] == tasks.rebuild_theme_index.name
    tasks.rebuild_theme_index()
    assert len(holder().current()) > 0

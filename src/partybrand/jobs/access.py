"""Who may see a job: its owner only; anyone else is told it does not exist."""

from django.http import Http404

from partybrand.core.ids import is_id
from partybrand.jobs.models import Job


def my_jobs(user):
    return Job.objects.filter(owner_id=user.pk) if user.is_authenticated else Job.objects.none()


def access_job(user, pk) -> Job:
    job = my_jobs(user).filter(pk=pk).first() if is_id(pk) else None
    if job is None:
        raise Http404("没有找到该后台任务。")
    return job

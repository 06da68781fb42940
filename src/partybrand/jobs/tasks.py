"""The Celery task that runs every kind of job (found by the worker through autodiscovery)."""

from celery import shared_task

from partybrand.jobs.execution import Retry, execute


@shared_task(bind=True, name="partybrand.jobs.run", acks_late=True, max_retries=None)
def run_job(self, job_id: int) -> None:
    while True:
        try:
            execute(job_id)
            return
        except Retry as retry:
            if not self.request.is_eager:
                raise self.retry(countdown=retry.delay, exc=retry.cause) from retry
            # Run in the request (tests): the next attempt follows at once.

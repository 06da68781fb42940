from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "partybrand.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The task queue's app is made once Django is set up, so tasks queued by the web
        # processes use its broker and queue (partybrand/celery.py). Not in the package's
        # __init__: textsim and the scripts that import it alone stay free of Django.
        from celery import signals

        from partybrand import celery  # noqa: F401
        from partybrand.core.audit_registry import register_actions, register_change_keys
        from partybrand.core.metrics import register_scrape_collector
        from partybrand.jobs import health, requests
        from partybrand.jobs.choices import AUDIT_CHANGE_KEYS, JobAudit
        from partybrand.jobs.metrics import collect_jobs

        register_actions(JobAudit)
        register_change_keys("jobs", AUDIT_CHANGE_KEYS)
        register_scrape_collector(collect_jobs)
        signals.before_task_publish.connect(requests.carry, weak=False)
        signals.task_prerun.connect(requests.bind, weak=False)
        signals.task_postrun.connect(requests.unbind, weak=False)
        signals.worker_ready.connect(health.start_heartbeat, weak=False)

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "partybrand.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from celery import signals

        from partybrand.core.audit_registry import register_actions, register_change_keys
        from partybrand.jobs import health, requests
        from partybrand.jobs.choices import AUDIT_CHANGE_KEYS, JobAudit

        register_actions(JobAudit)
        register_change_keys("jobs", AUDIT_CHANGE_KEYS)
        signals.before_task_publish.connect(requests.carry, weak=False)
        signals.task_prerun.connect(requests.bind, weak=False)
        signals.task_postrun.connect(requests.unbind, weak=False)
        signals.worker_ready.connect(health.start_heartbeat, weak=False)

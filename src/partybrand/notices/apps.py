from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "partybrand.notices"
    label = "notices"
    verbose_name = "消息提醒"

    def ready(self) -> None:
        from partybrand.jobs.signals import job_finished
        from partybrand.notices.jobs import JobNotice, job_finished_notice
        from partybrand.notices.registry import register_kinds

        register_kinds(JobNotice)
        job_finished.connect(job_finished_notice, dispatch_uid="notices.job_finished")

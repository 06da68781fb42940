from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "partybrand.notices"
    label = "notices"
    verbose_name = "消息提醒"

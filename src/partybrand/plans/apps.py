from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "partybrand.plans"
    label = "plans"
    verbose_name = "创建计划与任务"

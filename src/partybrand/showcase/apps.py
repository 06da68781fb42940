from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    name = "partybrand.showcase"
    label = "showcase"
    verbose_name = "品牌展示"

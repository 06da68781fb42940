from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "partybrand.benchmarks"
    label = "benchmarks"
    verbose_name = "标杆品牌库"

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "frontdoor.performance"
    verbose_name = "Performance dashboard"

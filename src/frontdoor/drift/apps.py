from django.apps import AppConfig


class DriftConfig(AppConfig):
    name = "frontdoor.drift"
    verbose_name = "Drift and complex-case panels"

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "frontdoor.supervision"
    verbose_name = "Supervision and management direction"

from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "frontdoor.missing"
    verbose_name = "Missing children and return home interviews"

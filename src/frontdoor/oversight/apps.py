from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "frontdoor.oversight"
    verbose_name = "Live oversight"

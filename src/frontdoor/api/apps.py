from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "frontdoor.api"
    verbose_name = "REST API"

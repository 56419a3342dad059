from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "frontdoor.complaints"
    verbose_name = "Children's complaints"

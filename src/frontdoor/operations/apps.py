from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "frontdoor.operations"
    verbose_name = "Operations: backup, restore and the security evidence"

from django.apps import AppConfig


class EarlyHelpConfig(AppConfig):
    name = "frontdoor.early_help"
    verbose_name = "Early help"

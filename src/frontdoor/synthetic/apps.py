from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "frontdoor.synthetic"
    verbose_name = "Synthetic data"

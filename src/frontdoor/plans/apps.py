from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "frontdoor.plans"
    verbose_name = "Children in need plans"

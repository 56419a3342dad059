from django.apps import AppConfig


class DomesticAbuseConfig(AppConfig):
    name = "frontdoor.domestic_abuse"
    verbose_name = "Domestic abuse notifications, MARAC and Operation Encompass"

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "frontdoor.organisations"
    verbose_name = "Authorities, teams and staff"

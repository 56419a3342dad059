from django.apps import AppConfig


class AllegationsConfig(AppConfig):
    name = "frontdoor.allegations"
    verbose_name = "Allegations against people who work with children"

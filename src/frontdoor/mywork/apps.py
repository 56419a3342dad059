from django.apps import AppConfig


class MyWorkConfig(AppConfig):
    name = "frontdoor.mywork"
    verbose_name = "My work"

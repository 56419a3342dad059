from django.apps import AppConfig


class CaseNotesConfig(AppConfig):
    name = "frontdoor.casenotes"
    verbose_name = "Case notes"

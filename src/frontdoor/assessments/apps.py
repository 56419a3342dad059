from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "frontdoor.assessments"
    verbose_name = "Assessments"

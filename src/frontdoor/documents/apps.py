from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "frontdoor.documents"
    verbose_name = "Documents"

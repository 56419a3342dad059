from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    verbose_name = "Access: record scope, restricted records, break-glass, subject access"

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "frontdoor.audit"

    def ready(self) -> None:
        from frontdoor.audit import checks  # noqa: F401 (registers the deploy check)

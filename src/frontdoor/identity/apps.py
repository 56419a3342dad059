from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "frontdoor.identity"
    verbose_name = "Duplicate register, merge and undo"

    def ready(self) -> None:
        from frontdoor.identity import services
        from frontdoor.notifications import periodic

        periodic.register("identity.duplicate_scan", services.duplicate_scan_daily)

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "frontdoor.workforce"
    verbose_name = "Workforce"

    def ready(self) -> None:
        # Each day's caseloads are captured on the notifications tick (notifications.periodic).
        from frontdoor.notifications import periodic
        from frontdoor.workforce import services

        periodic.register(services.JOB_NAME, services.capture_due)

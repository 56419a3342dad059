from django.apps import AppConfig


class MyWorkConfig(AppConfig):
    name = "frontdoor.mywork"
    verbose_name = "My work"

    def ready(self) -> None:
        # The breach scan runs on the notifications tick (notifications.periodic).
        from frontdoor.mywork import breaches
        from frontdoor.notifications import periodic

        periodic.register(breaches.JOB_NAME, breaches.scan)

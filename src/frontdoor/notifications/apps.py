from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "frontdoor.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The outbox's own periodic job; upper apps register theirs (e.g. the clock-breach scan) the
        # same way in their AppConfig.ready().
        from frontdoor.notifications import periodic, services

        periodic.register("notifications.digest", services.digests_send)

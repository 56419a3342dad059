from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    """The one place that knows every pathway and connects them (pathways.wiring)."""

    name = "frontdoor.pathways"
    label = "pathways"

    def ready(self) -> None:
        from frontdoor.pathways import wiring

        wiring.connect()

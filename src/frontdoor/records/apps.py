from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The child's record as a whole: the pages that gather from every pathway (the child's page and
    chronology, who has looked at the record, subject access, restrictions), so they sit above them."""

    name = "frontdoor.records"
    label = "records"

    def ready(self) -> None:
        # The header on pages of the pathways below, which cannot import records (core.record_header).
        from frontdoor.core import record_header
        from frontdoor.records import header

        record_header.connect(header.render)

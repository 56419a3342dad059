from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The child's record as a whole: the pages that gather from every pathway (the child's page and
    chronology, who has looked at the record, subject access, restrictions), so they sit above them."""

    name = "frontdoor.records"
    label = "records"

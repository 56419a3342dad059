from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "frontdoor.benchmarks"
    verbose_name = "Benchmarks: the DfE's published figures for England, regions and authorities"

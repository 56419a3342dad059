"""The DfE's published children-in-need figures as loaded (`frontdoor benchmarks load`): the release
(which files, their checksums, when), a value per area, year and measure, and each authority's ten
statistical neighbours with where the list comes from.

These are national statistics, the same for every authority on the deployment, so they belong to
no authority: each authority reads them through its own LA code (benchmarks.selectors), and its own
figures stay in its own records. A second load replaces the first (one Release at a time).
"""

from django.db import models


class Release(models.Model):
    loaded_at = models.DateTimeField()
    folder = models.CharField(max_length=500)
    # One entry per file read: {"table", "name", "sha256", "rows"}.
    files = models.JSONField(default=list)
    first_year = models.PositiveIntegerField()
    last_year = models.PositiveIntegerField()  # the year ending 31 March of the latest figures

    class Meta:
        ordering = ["-loaded_at", "-pk"]

    def __str__(self) -> str:
        return f"DfE children in need tables {self.first_year} to {self.last_year}"


class Level(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    LA = "la", "Local authority"


class PublishedValue(models.Model):
    """One published figure: a measure (benchmarks.measures) for one area in the year ending
    31 March `year`. None when the DfE withheld it (c, x, z, low)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    measure = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    level = models.CharField(max_length=8, choices=Level.choices)
    code = models.CharField(max_length=9)  # E92000001, E12000005, or the LA code "885"
    name = models.CharField(max_length=80)
    region_code = models.CharField(max_length=9, blank=True)
    value = models.DecimalField(max_digits=9, decimal_places=1, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "year", "code"], name="one_value_per_area_year"
            )
        ]
        indexes = [models.Index(fields=["release", "measure", "year"])]

    def __str__(self) -> str:
        return f"{self.measure} {self.year} {self.name}: {self.value}"


class NeighbourMethod(models.TextChoices):
    DFE = "dfe", "The DfE's children's services statistical neighbours"
    COMPUTED = "computed", "Computed by Frontdoor"


class NeighbourSet(models.Model):
    """An authority's statistical neighbours, with where they come from. The DfE's list was not
    found (docs/adr/0016), so every set loaded is computed by Frontdoor and says so."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="neighbour_sets")
    la_code = models.CharField(max_length=3)
    method = models.CharField(max_length=8, choices=NeighbourMethod.choices)
    source = models.TextField()  # the method and data, in words shown on the page
    year = models.PositiveIntegerField()  # the year of the data the neighbours were computed from

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "la_code"], name="one_neighbour_set_per_la")
        ]

    def __str__(self) -> str:
        return f"Neighbours of {self.la_code} ({self.get_method_display()})"


class Neighbour(models.Model):
    neighbour_set = models.ForeignKey(NeighbourSet, on_delete=models.CASCADE, related_name="neighbours")
    position = models.PositiveSmallIntegerField()  # 1 is the nearest
    la_code = models.CharField(max_length=3)
    name = models.CharField(max_length=80)
    distance = models.FloatField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["neighbour_set", "position"], name="one_neighbour_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

"""Statutory returns as generated: the file itself, who made it, and the DfE validator's verdict.

A ReturnFile keeps the bytes that were produced (so what was downloaded and what was checked are the
same file) and the people in it (an export is a read of every child in it: audit.AccessEvent).
"""

from django.conf import settings
from django.db import models


class ReturnKind(models.TextChoices):
    CIN_CENSUS = "cin_census", "Children in Need census"
    ANNEX_A = "annex_a", "Ofsted Annex A"


class ReturnFile(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ReturnKind.choices)
    # The census year's end (2026 for 2025-26), or the Annex A inspection date's year.
    year = models.PositiveIntegerField(null=True, blank=True)
    as_of = models.DateField(null=True, blank=True)  # Annex A: the date the six months run up to
    generated_at = models.DateTimeField()
    # None when written from the command line by the server's operator.
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    person_ids = models.JSONField(default=list)
    children = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)  # CINdetails episodes, or Annex A rows
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-generated_at", "-pk"]
        indexes = [models.Index(fields=["authority", "kind", "generated_at"])]

    def __str__(self) -> str:
        return self.file_name

    @property
    def size(self) -> int:
        return len(self.content)


class ValidationRun(models.Model):
    """One run of the DfE validator (csc-validator-be-cin) on a census file."""

    file = models.ForeignKey(ReturnFile, on_delete=models.CASCADE, related_name="validations")
    ran_at = models.DateTimeField()
    ruleset = models.CharField(max_length=16)
    validator = models.CharField(max_length=60)  # package and version
    seconds = models.FloatField()
    errors = models.PositiveIntegerField()
    queries = models.PositiveIntegerField()
    # Set when the validator could not run (not installed, crashed): no issues are then known.
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.ruleset} on {self.file_id}: {self.errors} errors, {self.queries} queries"


class ValidationIssue(models.Model):
    run = models.ForeignKey(ValidationRun, on_delete=models.CASCADE, related_name="issues")
    rule_code = models.CharField(max_length=8)
    rule_type = models.CharField(max_length=5)  # ERROR or QUERY
    message = models.TextField()
    la_child_id = models.CharField(max_length=40, blank=True)  # blank: an issue about the whole return
    # The child the LAchildID names, when it is one of this authority's people.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tables = models.CharField(max_length=120, blank=True)
    columns = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["rule_type", "rule_code", "la_child_id", "pk"]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.la_child_id}"

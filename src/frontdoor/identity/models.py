"""The duplicate register (likely pairs of records of one person) and merges that can be undone.

A merge keeps both Person rows: every row that named the merged person is moved to the survivor
and recorded (MergeLink: model, pk, field), so an unmerge moves exactly those rows back. Audit rows
cannot be updated (audit migrations 0003, 0004), so they keep naming the merged person and the
child's audit trail reads both through the merge (identity.selectors.audit_people).
"""

from django.conf import settings
from django.db import models


class DuplicatePair(models.Model):
    """Two people the periodic scan (identity.services.duplicate_scan) found likely to be one."""

    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        REJECTED = "rejected", "Not the same person"

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()  # match probability (people.linkage.score)
    weight = models.FloatField()  # match weight in bits
    band = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    found_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["authority", "status", "-score"])]

    def __str__(self) -> str:
        return f"Possible duplicate {self.first_id} / {self.second_id}"


class Merge(models.Model):
    """`merged` folded into `survivor`: the survivor's values before, and every row moved."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    survivor = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(DuplicatePair, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    survivor_before = models.JSONField()  # the survivor's fields the merge changed, as they were
    taken = models.JSONField(default=list)  # the fields whose value came from the merged person
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["survivor", "undone_at"]),
            models.Index(fields=["merged", "undone_at"]),
        ]

    def __str__(self) -> str:
        return f"Person {self.merged_id} merged into {self.survivor_id}"


class MergeLink(models.Model):
    """One row that named the merged person and now names the survivor."""

    merge = models.ForeignKey(Merge, on_delete=models.CASCADE, related_name="links")
    model = models.CharField(max_length=100)  # app_label.ModelName
    row = models.CharField(max_length=64)  # the row's primary key, as text
    field = models.CharField(max_length=100)  # the column's attname

    def __str__(self) -> str:
        return f"{self.model} {self.row}.{self.field}"

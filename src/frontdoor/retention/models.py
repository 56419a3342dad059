"""Each authority's retention schedule (local policy, versioned by the date it takes effect) and legal
holds. Defaults: security.md §3. The application computes review dates; it never deletes records."""

from django.conf import settings
from django.db import models


class RetentionSchedule(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField()
    # Children in need and front-door contacts: until 18, then this many years without activity (Devon).
    cin_years_after_inactivity = models.PositiveSmallIntegerField(default=3)
    # Child protection: years after closure (Northumberland, upheld in R (C) v Northumberland [2015]).
    cp_years_after_closure = models.PositiveSmallIntegerField(default=35)
    approved_by = models.CharField(max_length=120, blank=True)  # the records manager or DPO

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "effective_from"], name="retention_schedule_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Retention schedule from {self.effective_from:%d %b %Y}"


class LegalHold(models.Model):
    """Litigation, an inquiry or the CCRC: the record is not to be reviewed for disposal while held."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.CharField(max_length=200)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Legal hold on person {self.person_id}"

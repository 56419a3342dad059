"""The workforce over time (issue 20 §3): vacancies managers enter, and each day's caseload per worker.

Caseloads are a snapshot: what a worker holds today is not kept anywhere once it changes, except
in allocation history, which says nothing of who was in post. So each day's caseload per worker is
captured (`caseload_snapshot_capture`, on the notifications tick) and kept; past days can be filled
from allocation history (`frontdoor workforce_backfill`), and each row says which way it was made.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.organisations.models import Role


class Vacancy(models.Model):
    """A post a team is trying to fill: entered by a manager when it opens, closed when filled or
    withdrawn. Full-time equivalent, so that two part-time posts count as one full-time one."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="vacancies")
    role = models.CharField(max_length=32, choices=Role.choices)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    filled = models.BooleanField(default=False)  # closed because someone started, not withdrawn
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["-opened_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="vacancy_closes_after_opening",
            ),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="vacancy_fte_range"),
        ]
        indexes = [models.Index(fields=["authority", "opened_on"])]

    def __str__(self) -> str:
        return f"Vacancy {self.pk} in team {self.team_id}"


class SnapshotMethod(models.TextChoices):
    CAPTURED = "captured", "Captured on the day"
    BACKFILLED = "backfilled", "Rebuilt from allocation history"


class CaseloadSnapshot(models.Model):
    """One worker's open cases at the end of one day, in the team they were in that day."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, related_name="+")
    # Open children-in-need episodes allocated to the worker, and of those, children on a protection plan.
    cases = models.PositiveIntegerField(default=0)
    protection = models.PositiveIntegerField(default=0)
    method = models.CharField(max_length=12, choices=SnapshotMethod.choices)

    class Meta:
        ordering = ["day", "worker_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "day", "worker"], name="caseload_snapshot_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(protection__lte=F("cases")), name="caseload_protection_within"
            ),
        ]
        indexes = [models.Index(fields=["authority", "day"])]

    def __str__(self) -> str:
        return f"Caseload of {self.worker_id} on {self.day}"

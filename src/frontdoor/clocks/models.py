"""Clocks as data: each running clock stores its due time when it starts (and when a pause ends),
so dashboards ask the database "due today", "breached" and "working days taken" without computing
due times row by row. The arithmetic itself lives in clocks.calendar and clocks.rules (pure Python).
"""

from django.db import models


class BankHoliday(models.Model):
    """Extra non-working days administrators add (one-off holidays, years the library lacks),
    or library holidays they withdraw (is_working_day=True)."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    is_working_day = models.BooleanField(default=False)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y} {self.name}"


class CalendarDay(models.Model):
    """The England and Wales working-day calendar as a table SQL can join.

    working_day_index counts working days from the table's first day, so the working days between two
    dates are a subtraction of two indexes, in the database.
    """

    date = models.DateField(primary_key=True)
    is_working_day = models.BooleanField()
    working_day_index = models.IntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y} ({'working' if self.is_working_day else 'not working'})"


class StandardSetting(models.Model):
    """An authority's own length for a standard; defaults live in clocks.rules.DEFAULT_STANDARDS."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=48)
    unit = models.CharField(max_length=20)
    length = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "code"], name="standard_setting_unique")]

    def __str__(self) -> str:
        return f"{self.code}: {self.length} {self.unit.replace('_', ' ')}"


class Clock(models.Model):
    """One running (or finished) statutory clock for one piece of work about one child."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    standard = models.CharField(max_length=48)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="clocks"
    )
    subject_type = models.CharField(max_length=64)  # e.g. "contacts.contactchild"
    subject_id = models.BigIntegerField()
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    # For working-day standards, the working days taken (completion) in the authority's convention.
    working_days_taken = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            # Open clocks by due time; paused_at is in the index so "breached" never reads the table.
            models.Index(
                fields=["authority", "standard", "due_at", "paused_at"],
                name="clock_open_due",
                condition=models.Q(completed_at__isnull=True),
            ),
            models.Index(fields=["subject_type", "subject_id"], name="clock_subject"),
            # Partial, so the planner never prefers it for open-clock counts.
            models.Index(
                fields=["authority", "standard", "completed_at"],
                name="clock_completed",
                condition=models.Q(completed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard} due {self.due_at:%d %b %Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None

    @property
    def breached(self) -> bool:
        from django.utils import timezone

        return (self.completed_at or timezone.now()) > self.due_at

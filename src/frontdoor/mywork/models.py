"""An authority's lead time for "due soon" warnings (issue 15 §4): how long before a statutory
clock breaches its owner and their manager are told. Without a row the defaults apply."""

from django.db import models

DEFAULT_WORKING_DAYS = 1
DEFAULT_HOURS = 2


class BreachWarningSetting(models.Model):
    """Warn this long before a clock is due: working days for day and month timescales, hours for
    hour timescales (a contact decision's 24 hours, a return interview's 72)."""

    authority = models.OneToOneField("organisations.Authority", on_delete=models.CASCADE, related_name="+")
    working_days = models.PositiveSmallIntegerField(
        "working days before a day or month timescale is due", default=DEFAULT_WORKING_DAYS
    )
    hours = models.PositiveSmallIntegerField("hours before an hour timescale is due", default=DEFAULT_HOURS)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        "organisations.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Warn {self.working_days} working day(s) or {self.hours} hour(s) before"

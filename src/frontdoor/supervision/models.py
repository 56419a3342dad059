"""Supervision and management direction.

Each worker's supervision is recorded (date, supervisor, the children's cases discussed, the
reflection) and is due again 4 weeks later: a `supervision` clock (clocks/rules.py) runs from each
session. A management direction on a child's case has an owner and a due date (NOT NULL: no
direction without one) and stays on the owner's list until it is done.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Supervision(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions"
    )
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    cases_discussed = models.ManyToManyField("referrals.Referral", blank=True, related_name="supervisions")
    reflection = models.TextField()
    recorded_at = models.DateTimeField()
    # The next supervision's clock, started from this one (4 weeks, clocks/rules.py "supervision").
    next_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(worker=models.F("supervisor")), name="supervision_not_by_oneself"
            ),
        ]
        indexes = [models.Index(fields=["authority", "worker", "held_on"])]

    def __str__(self) -> str:
        return f"Supervision of {self.worker_id} on {self.held_on:%d %b %Y}"

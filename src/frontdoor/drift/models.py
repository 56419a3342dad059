"""Drift and complex-case panels (issue 19 §4).

A panel is held on a date with its attendees; for each child on the drift list it considers, it
records a decision, the reasons the child was listed at the time (words, so "what changed" can be
read later even when the rules' facts have moved on), and the date of the next review. The panel's
actions are tasks.Task rows whose source is the decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Panel(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    attendees = models.TextField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["authority", "held_on"])]

    def __str__(self) -> str:
        return f"Drift panel on {self.held_on:%d %b %Y}"


class PanelDecision(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="decisions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="+")
    # [{"code": ..., "words": ...}]: drift.rules.Reason as listed on the day of the panel.
    reasons = models.JSONField(default=list)
    # The same reasons' codes, comma-bracketed (",cin_open,not_visited,"): what the dashboard counts
    # by reason reads with a plain LIKE on every database (drift.rules.codes_field).
    reason_codes = models.CharField(max_length=120, blank=True)
    decision = models.TextField()
    next_review_on = models.DateField()
    held_on = models.DateField()  # the panel's date, copied so the constraint below can see it
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["panel", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "person"], name="drift_one_decision_per_child_per_panel"
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__gt=F("held_on")), name="drift_review_after_the_panel"
            ),
        ]
        indexes = [models.Index(fields=["authority", "person"])]

    def __str__(self) -> str:
        return f"Panel decision for {self.person_id} on {self.held_on:%d %b %Y}"

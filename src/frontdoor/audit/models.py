"""The audit trail: every write (AuditEvent) and every read of a child's record (AccessEvent).

Rows are only ever inserted, by audit.services, inside the transaction of the change they describe.
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    at = models.DateTimeField()
    action = models.CharField(max_length=64)  # e.g. "contact.recorded", "decision.made"
    subject_type = models.CharField(max_length=64)
    subject_id = models.BigIntegerField()
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, related_name="+")
    changes = models.JSONField(default=dict)  # {"field": [old, new]} or the values recorded

    class Meta:
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["person", "at"]),
            models.Index(fields=["authority", "at"]),
            models.Index(fields=["authority", "id"], name="audit_latest_per_authority"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_type}#{self.subject_id} at {self.at:%Y-%m-%d %H:%M}"


class AccessEvent(models.Model):
    """One person's record seen by one member of staff through one page or export."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=64)  # the page or export, e.g. "contact.detail"

    class Meta:
        indexes = [models.Index(fields=["person", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.actor_id} saw person {self.person_id} via {self.purpose} at {self.at:%Y-%m-%d %H:%M}"

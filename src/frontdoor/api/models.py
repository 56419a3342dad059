"""The API's own records: personal access tokens (stored as hashes) and the idempotency keys that
let a client retry a contact submission without creating a second contact."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal token another system presents for a member of staff. Only its SHA-256 is kept:
    the token itself is shown once, when issued. It stops working when revoked, and at once when its
    user is deactivated (checked on every request)."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)  # the first characters, to tell tokens apart in lists
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key for one POST /contacts, per user and authority: a retry with the
    same key returns the contact the first request created."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=100)
    # A hash of the request body: the same key with a different body is the client's mistake (422).
    request_hash = models.CharField(max_length=64)
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "user", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return f"Idempotency key {self.key} for {self.user_id}"

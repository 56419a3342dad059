"""The outbox: one in-app notification per recipient per event, its deliveries by email (each
attempt, the next try, the last error), and each person's choice of email per kind.

A notification's title and body are written to be safe to email: what happened and a link, never a
child's name or details (docs/user-guide/data-protection.md). Rows are written only by
notifications.services and notifications.outbox.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    CLOCK_DUE_SOON = "clock_due_soon", "A statutory clock is due soon"
    CLOCK_BREACHED = "clock_breached", "A statutory clock has breached"
    CHILD_MISSING = "child_missing", "A child is reported missing"
    PARTNER_CHECK_ANSWERED = "partner_check_answered", "A partner agency answered your check"
    TASK_OVERDUE = "task_overdue", "A task is overdue"
    PORTAL_REFERRAL_DECIDED = "portal_referral_decided", "A decision on your portal referral"
    BREAK_GLASS = "break_glass", "Break-glass access to a restricted record you own"
    PRACTICE_NOTE = "practice_note", "A practice note about a child's case"
    DIGEST = "digest", "The daily digest"


class Notification(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # What the event was (e.g. "clock:123:breached"): with recipient and kind, unique, so calling
    # notify() again for the same event, from a retry or a second worker, adds nothing.
    event_key = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300)  # a path in Frontdoor, e.g. /contacts/12/
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            # The header's unread count on every page: a partial index holds only unread rows.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.title}"


class Channel(models.TextChoices):
    EMAIL = "email", "Email now"
    # Held for the recipient's daily digest email: "sent" once the digest that carries it is written.
    DIGEST = "digest", "Daily digest"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="deliveries")
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.EmailField(blank=True)  # taken when the event happened
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField()
    # Which worker holds the delivery while it sends (until next_try_at, its lease, runs out).
    claim = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
        ]
        indexes = [models.Index(fields=["state", "channel", "next_try_at"], name="delivery_due")]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.channel} delivery of {self.notification_id}: {self.state}"


class EmailChoice(models.TextChoices):
    NOW = "now", "Email me each one as it happens"
    DIGEST = "digest", "Put them in one email a day"
    OFF = "off", "No email: show them in Frontdoor only"


class Preference(models.Model):
    """One person's choice of email for one kind; without a row, notifications.rules.default_email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    email = models.CharField(max_length=10, choices=EmailChoice.choices)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email}"

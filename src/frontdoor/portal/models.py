"""The partner referral portal: drafts a professional is still writing, what they referred (the
contact it became, with the details only the portal asks for), and how far they have read their
notifications.

A submitted referral IS a contact (contacts.Contact, channel "online form"), with its clocks
running from the moment of submission; PortalReferral only adds what the contact does not hold.
"""

from django.conf import settings
from django.db import models


class Draft(models.Model):
    """A referral being written: the answers as typed, unchecked, resumable by its owner only."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts")
    # Field name -> the values typed (a list, as a form posts them): shown back when the draft is resumed.
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "updated_at"])]

    def __str__(self) -> str:
        return f"Draft referral {self.pk}"

    @property
    def summary(self) -> str:
        """The child named first, or a placeholder, so a list of drafts can be told apart."""
        first = "".join(self.answers.get("child1-first_name", [])[:1]).strip()
        last = "".join(self.answers.get("child1-last_name", [])[:1]).strip()
        return " ".join(part for part in (first, last) if part) or "No child named yet"


class PortalReferral(models.Model):
    """What a partner referred through the portal: the contact it became, and what only the portal asks."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="portal_referral"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portal_referrals"
    )
    agency = models.ForeignKey("organisations.PartnerAgency", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    what_has_been_tried = models.TextField()
    family_knows = models.BooleanField()
    referrer_role = models.CharField(max_length=120)
    referrer_phone = models.CharField(max_length=30)
    referrer_email = models.EmailField()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["submitted_by", "submitted_at"])]

    def __str__(self) -> str:
        return f"Portal referral {self.contact_id}"


class NotificationsRead(models.Model):
    """How far a portal user has read their notifications: anything newer is shown as new."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications_read"
    )
    read_up_to = models.DateTimeField()

    def __str__(self) -> str:
        return f"Notifications read by {self.user_id} up to {self.read_up_to:%Y-%m-%d %H:%M}"

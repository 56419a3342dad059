"""Police domestic abuse notifications: the incident, the DASH risk level, the children in the
household, whether the case goes to MARAC, and Operation Encompass (each child's school told before
the start of the next school day).

A notification is also the front door's contact from the police (docs/adr/0015): the contact holds
each child's journey, screening, decision and decision clocks; this record holds what is particular
to domestic abuse.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class RiskLevel(models.TextChoices):
    """The DASH risk identification checklist's grading (SafeLives DASH RIC, 2009)."""

    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class HowTold(models.TextChoices):
    PHONE = "phone", "Telephone call to the key adult"
    SECURE_EMAIL = "secure_email", "Secure email"
    IN_PERSON = "in_person", "In person"


class Notification(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="domestic_abuse_notification"
    )
    police_reference = models.CharField(max_length=40, blank=True)
    incident_at = models.DateTimeField("police attended the incident at")
    received_at = models.DateTimeField("notification received at")
    risk_level = models.CharField("DASH risk level", max_length=8, choices=RiskLevel.choices)
    incident = models.TextField("what happened")
    # MARAC (multi-agency risk assessment conference): None while not known; a date once listed.
    marac = models.BooleanField("goes to MARAC", null=True, blank=True)
    marac_date = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_at__gte=F("incident_at")), name="da_received_after_incident"
            ),
            models.CheckConstraint(
                condition=Q(marac_date__isnull=True) | Q(marac=True), name="da_marac_date_only_when_marac"
            ),
            models.UniqueConstraint(
                fields=["authority", "police_reference"],
                condition=~Q(police_reference=""),
                name="da_unique_police_reference",
            ),
        ]
        indexes = [models.Index(fields=["authority", "received_at"])]

    def __str__(self) -> str:
        return f"Domestic abuse notification {self.pk} ({self.get_risk_level_display()})"


class NotifiedChild(models.Model):
    """One child in the household, and Operation Encompass for them: their school, who told the
    school's key adult, whom, when and how, against the `operation_encompass` clock."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="children")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="domestic_abuse_notifications"
    )
    # Denormalised from the notification, so figures count and scope by child without a join.
    received_at = models.DateTimeField()
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices)
    # None: not at school (under school age, or not on a school roll); no clock then.
    school = models.ForeignKey(
        "organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    encompass_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    school_told_at = models.DateTimeField(null=True, blank=True)
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    told_whom = models.CharField("key adult told", max_length=120, blank=True)
    how_told = models.CharField(max_length=16, choices=HowTold.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "person"], name="da_child_once_per_notification"),
            models.CheckConstraint(
                condition=Q(school_told_at__isnull=True, told_by__isnull=True, told_whom="")
                | Q(school_told_at__isnull=False, told_by__isnull=False, school__isnull=False)
                & ~Q(told_whom=""),
                name="da_told_who_whom_and_when",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "received_at"]),
            models.Index(fields=["person", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"Child {self.person_id} in notification {self.notification_id}"

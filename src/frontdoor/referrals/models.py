"""After the front door: the children-in-need episode a referral opens, who holds it, and each
time a worker sees the child.

A Referral is the CIN census's CINdetails (standards.md §2.1): it starts at the referral date and
ends at closure with a DfE reason. Allocation keeps its history; visits record the child's own
words as a field of their own.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.contacts.models import ReferralSource


class PrimaryNeed(models.TextChoices):
    """DfE CIN census PrimaryNeedCode (N00101)."""

    N0 = "N0", "N0: Not stated"
    N1 = "N1", "N1: Abuse or neglect"
    N2 = "N2", "N2: Child's disability"
    N3 = "N3", "N3: Parental disability or illness"
    N4 = "N4", "N4: Family in acute stress"
    N5 = "N5", "N5: Family dysfunction"
    N6 = "N6", "N6: Socially unacceptable behaviour"
    N7 = "N7", "N7: Low income"
    N8 = "N8", "N8: Absent parenting"
    N9 = "N9", "N9: Cases other than children in need"


class ClosureReason(models.TextChoices):
    """DfE CIN census ReasonForClosure (N00103)."""

    RC1 = "RC1", "RC1: Adopted"
    RC2 = "RC2", "RC2: Died"
    RC3 = "RC3", "RC3: Child arrangements order"
    RC4 = "RC4", "RC4: Special guardianship order"
    RC5 = "RC5", "RC5: Transferred to another local authority"
    RC6 = "RC6", "RC6: Transferred to adult social care"
    RC7 = "RC7", "RC7: Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "RC8: Case closed after assessment, no further action"
    RC9 = "RC9", "RC9: Case closed after assessment, referred to early help"


class Referral(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    contact_child = models.OneToOneField(
        "contacts.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    received_at = models.DateTimeField()
    referral_date = models.DateField()  # CINreferralDate: the date the referral was received (London)
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    # Significant harm suspected at the decision: the child is seen within 1 working day, not 5.
    significant_harm = models.BooleanField(default=False)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    nfa = models.BooleanField("referral with no further action", default=False)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    closure_summary = models.TextField(blank=True)
    # Closed with a step down to early help (the early-help case itself is recorded elsewhere).
    stepped_down_to_early_help = models.BooleanField(default=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child_seen_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    assessment_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            # CIN 8815: a child has at most one open episode that is not a no-further-action referral.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(closure_date__isnull=True, nfa=False),
                name="referral_one_open_episode",
            ),
            # CIN 8805 / 8810: a closure date needs a reason, and a reason needs a closure date.
            models.CheckConstraint(
                condition=(Q(closure_date__isnull=True) & Q(closure_reason=""))
                | (Q(closure_date__isnull=False) & ~Q(closure_reason="")),
                name="referral_closure_date_and_reason_together",
            ),
            # CIN 8630: closure on or after the referral date.
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | Q(closure_date__gte=models.F("referral_date")),
                name="referral_closes_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["authority", "referral_date"])]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.referral_date:%d %b %Y})"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class Allocation(models.Model):
    """Who holds the episode, from when to when. A reallocation ends one row and starts another."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The named qualified worker overseeing a social work assistant who holds the case.
    overseen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=Q(ended_at__isnull=True), name="allocation_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"Allocation of referral {self.referral_id} to {self.worker_id}"


class Visit(models.Model):
    """A time a worker saw (or tried to see) the child, with the child's own words."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    occurred_at = models.DateTimeField()
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    seen = models.BooleanField()
    seen_alone = models.BooleanField(null=True, blank=True)
    not_alone_reason = models.TextField(blank=True)
    location = models.CharField(max_length=120, blank=True)
    childs_words = models.TextField("the child's words", blank=True)
    wishes_and_feelings = models.TextField(blank=True)
    how_gathered = models.TextField(
        "how the child's views were gathered",
        blank=True,
        help_text="For their age, language and communication needs",
    )
    observations = models.TextField(blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seen=True) | Q(seen_alone__isnull=True), name="visit_alone_only_when_seen"
            ),
        ]

    def __str__(self) -> str:
        return f"Visit to {self.person_id} at {self.occurred_at:%Y-%m-%d %H:%M}"

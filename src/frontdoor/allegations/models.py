"""Allegations against people who work with children, managed by the local authority designated
officer (LADO): the referral (the adult, the allegation, the children, the referrer), the initial
consideration, allegation management meetings, the police's and the employer's own processes, and
the outcome with the action taken.

Working Together to Safeguard Children 2023, ch. 2 (organisational responsibilities: the designated
officer); Keeping Children Safe in Education, Part 4 (the harm test and the outcome definitions);
/work/shared/domain/practice.md "Allegations against people who work with children", standards.md
T20, T21.

An allegation is restricted: only the designated officer and the managers named on it see it
(allegations.selectors), so the adult, often a colleague of the council or of a partner, is not
known to the rest of the service; nothing about it appears on the children's own pages.
"""

from django.conf import settings
from django.db import models


class Sector(models.TextChoices):
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years and childcare"
    SOCIAL_CARE = "social_care", "Social care (including foster and residential care)"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    FAITH = "faith", "Faith organisation"
    SPORT = "sport", "Sport, leisure and culture"
    VOLUNTARY = "voluntary", "Voluntary and community"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class Harm(models.TextChoices):
    """The harm test (KCSIE Part 4, para. 1): what the adult is alleged to have done."""

    HARMED = "harmed", "Behaved in a way that has harmed a child, or may have harmed a child"
    CRIME = "crime", "Possibly committed a criminal offence against or related to a child"
    UNSUITABLE = "unsuitable", "Behaved towards a child in a way that indicates a risk of harm to children"
    TRANSFERABLE = (
        "transferable",
        "Behaved in a way that indicates they may not be suitable to work with children",
    )


class Consideration(models.TextChoices):
    MEETING = "meeting", "The harm test is met: an allegation management meeting is needed"
    EMPLOYER = (
        "employer",
        "The harm test is met: the employer investigates, with the designated officer's advice",
    )
    NOT_MET = "not_met", "The harm test is not met: advice given, no further action by the designated officer"


class Process(models.TextChoices):
    NONE = "none", "None"
    UNDER_WAY = "under_way", "Under way"
    CONCLUDED = "concluded", "Concluded"


class Outcome(models.TextChoices):
    """KCSIE Part 4 definitions (practice.md)."""

    SUBSTANTIATED = "substantiated", "Substantiated: there is sufficient evidence to prove the allegation"
    MALICIOUS = (
        "malicious",
        "Malicious: there is sufficient evidence to disprove it and a deliberate act to deceive",
    )
    FALSE = "false", "False: there is sufficient evidence to disprove the allegation"
    UNSUBSTANTIATED = (
        "unsubstantiated",
        "Unsubstantiated: insufficient evidence either to prove or disprove it",
    )
    UNFOUNDED = "unfounded", "Unfounded: no evidence or proper basis which supports the allegation"


class ActionTaken(models.TextChoices):
    DISMISSAL = "dismissal", "Dismissal, or ceased to be used"
    BARRING = "barring", "Referral to the Disclosure and Barring Service"
    REGULATOR = "regulator", "Referral to a regulator (for example Social Work England, the TRA, the NMC)"
    NONE = "none", "None"


class Allegation(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20)
    received_at = models.DateTimeField()
    referrer_name = models.CharField(max_length=120)
    referrer_organisation = models.CharField(max_length=160)
    # The adult: not on the people register, so no search or page outside this app can find them.
    adult_name = models.CharField(max_length=120)
    adult_role = models.CharField(max_length=120)
    employer = models.CharField(max_length=160)
    sector = models.CharField(max_length=12, choices=Sector.choices)
    harm = models.CharField(max_length=12, choices=Harm.choices)
    allegation = models.TextField()
    # The child the allegation is chiefly about (the dashboard's breakdowns by age and ethnicity are
    # the lead child's); every child, the lead child first, is in `children`.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField("people.Person", through="AllegationChild", related_name="+")
    designated_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    named_managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Set as the allegation is recorded (a clock names its subject, so the allegation is saved first).
    consideration_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    considered_at = models.DateTimeField(null=True, blank=True)
    consideration = models.CharField(max_length=10, choices=Consideration.choices, blank=True)
    consideration_notes = models.TextField(blank=True)
    police_process = models.CharField(max_length=10, choices=Process.choices, default=Process.NONE)
    employer_process = models.CharField(max_length=10, choices=Process.choices, default=Process.NONE)
    parallel_notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    decided_by = models.CharField("decision maker", max_length=160, blank=True)
    actions_taken = models.JSONField(default=list, blank=True)  # ActionTaken values
    outcome_notes = models.TextField(blank=True)
    # The KCSIE resolution band of referral to outcome (allegations.rules.resolution_band), kept with
    # the outcome so that the dashboard counts it in SQL the same way the annual summary does.
    resolved_within = models.CharField(max_length=6, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["authority", "received_at"])]
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"], name="allegation_reference_unique"),
            # An outcome always has its date and its decision maker (issue 19, bad input).
            models.CheckConstraint(
                condition=models.Q(outcome="")
                | (models.Q(outcome_on__isnull=False) & ~models.Q(decided_by="")),
                name="allegation_outcome_dated_and_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return not self.outcome

    def actions_taken_display(self) -> list[str]:
        labels = dict(ActionTaken.choices)
        return [labels.get(code, code) for code in self.actions_taken]


class AllegationChild(models.Model):
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="child_links")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)  # as the referral listed them

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["allegation", "person"], name="allegation_child_once")]

    def __str__(self) -> str:
        return f"{self.allegation_id}: {self.person_id}"


class Meeting(models.Model):
    """An allegation management meeting (Working Together 2023, ch. 2; KCSIE Part 4), with its actions
    as tasks.Task rows (kind ALLEGATION_MEETING)."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="meetings")
    held_at = models.DateTimeField()
    attendees = models.TextField("who attended")
    discussion = models.TextField()
    chaired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"Allegation management meeting {self.pk}"

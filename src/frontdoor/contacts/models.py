"""The front door: a contact about one or more children, screened, checked with partners and decided.

Each child named in a contact has their own journey (ContactChild): their own stage, RAG, clocks and
decision, because siblings' needs differ (Working Together 2023, ch. 3: each child is assessed and
decided on separately).
"""

from django.conf import settings
from django.db import models


class ReferralSource(models.TextChoices):
    """DfE CIN census ReferralSource (N00152)."""

    INDIVIDUAL_FAMILY = "1A", "Individual: family member, relative or carer"
    INDIVIDUAL_ACQUAINTANCE = "1B", "Individual: acquaintance"
    INDIVIDUAL_SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    HEALTH_GP = "3A", "Health: GP"
    HEALTH_VISITOR = "3B", "Health: health visitor"
    HEALTH_SCHOOL_NURSE = "3C", "Health: school nurse"
    HEALTH_PRIMARY_OTHER = "3D", "Health: other primary health services"
    HEALTH_AE = "3E", "Health: A&E"
    HEALTH_OTHER = "3F", "Health: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external"
    LA_EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


FAMILY_SOURCE = ReferralSource.INDIVIDUAL_FAMILY


class Channel(models.TextChoices):
    PHONE = "phone", "Telephone"
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online referral form"
    POLICE_NOTIFICATION = "police_notification", "Police notification"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class ConcernCategory(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parental mental health"
    SUBSTANCE_MISUSE = "substance_misuse", "Parental substance misuse"
    EXPLOITATION = "exploitation", "Exploitation (sexual or criminal)"
    MISSING = "missing", "Going missing"
    CHILD_MENTAL_HEALTH = "child_mental_health", "Child's mental health or self-harm"
    DISABILITY = "disability", "Child's disability or health"
    BEHAVIOUR = "behaviour", "Behaviour"
    HOUSING = "housing", "Housing or poverty"
    OTHER = "other", "Other"


class Consent(models.TextChoices):
    OBTAINED = "obtained", "Obtained: the family knows and agrees"
    NOT_OBTAINED = "not_obtained", "Asked, but not given"
    NOT_SOUGHT = "not_sought", "Not sought"
    OVERRIDDEN = "overridden", "Overridden: proceeding without consent"


class Contact(models.Model):
    authority = models.ForeignKey(
        "organisations.Authority", on_delete=models.PROTECT, related_name="contacts"
    )
    reference = models.CharField(max_length=20)
    received_at = models.DateTimeField()
    channel = models.CharField(max_length=24, choices=Channel.choices)
    source = models.CharField("referral source", max_length=3, choices=ReferralSource.choices)
    source_agency = models.ForeignKey(
        "organisations.PartnerAgency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    source_professional = models.ForeignKey(
        "organisations.Professional", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    referrer_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts_made"
    )
    referrer_name = models.CharField(max_length=120, blank=True)
    referrer_relationship = models.CharField(max_length=60, blank=True)
    concern_categories = models.JSONField(default=list)
    concerns = models.TextField()
    consent = models.CharField(max_length=16, choices=Consent.choices)
    consent_rationale = models.TextField(blank=True)
    # Police domestic-abuse notifications: the incident time, to measure delay from incident to receipt.
    incident_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"], name="contact_unique_reference"),
            models.CheckConstraint(
                condition=models.Q(consent="obtained") | ~models.Q(consent_rationale=""),
                name="contact_consent_rationale_required",
            ),
            models.CheckConstraint(
                condition=models.Q(incident_at__isnull=True)
                | models.Q(incident_at__lte=models.F("received_at")),
                name="contact_incident_before_receipt",
            ),
        ]
        indexes = [models.Index(fields=["authority", "received_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def notification_delay(self):
        return self.received_at - self.incident_at if self.incident_at else None


class Stage(models.TextChoices):
    AWAITING_SCREENING = "awaiting_screening", "Awaiting screening"
    PARTNER_CHECKS = "partner_checks", "Partner checks out"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    DECIDED = "decided", "Decided"


OPEN_STAGES = (Stage.AWAITING_SCREENING, Stage.PARTNER_CHECKS, Stage.AWAITING_DECISION)
STAGE_LABELS: dict[str, str] = dict(Stage.choices)  # for rows read as plain values


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Outcome(models.TextChoices):
    NFA = "nfa", "No further action"
    ADVICE = "advice", "Information and advice, or signposting"
    EARLY_HELP = "early_help", "Step down to early help"
    ASSESSMENT = "assessment", "Referral for a social work assessment"
    STRATEGY = "strategy", "Strategy discussion: suspected significant harm"


REFERRAL_OUTCOMES = frozenset({Outcome.ASSESSMENT, Outcome.STRATEGY})


class ContactChild(models.Model):
    """One child's journey through the front door for one contact."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contact_journeys")
    stage = models.CharField(max_length=24, choices=Stage.choices, default=Stage.AWAITING_SCREENING)
    stage_entered_at = models.DateTimeField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rag_reason = models.TextField(blank=True)
    guidance = models.TextField("guidance to the worker", blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    # Why this contact was flagged as a repeat (3+ in 12 months, a second family member), for the manager.
    repeat_reasons = models.JSONField(default=list, blank=True)
    decision_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    statutory_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="contact_child_unique"),
        ]
        indexes = [
            models.Index(fields=["authority", "stage", "stage_entered_at"]),
            models.Index(fields=["person", "contact"]),
        ]

    def __str__(self) -> str:
        return f"{self.contact.reference} / {self.person}"


class StageEvent(models.Model):
    """Every change of stage, with its time and actor: the journey's history."""

    contact_child = models.ForeignKey(ContactChild, on_delete=models.PROTECT, related_name="stage_events")
    stage = models.CharField(max_length=24, choices=Stage.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} at {self.at:%Y-%m-%d %H:%M}"


class PartnerCheck(models.Model):
    """A request to a partner agency for what it knows, with its own response clock."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="partner_checks")
    agency = models.ForeignKey("organisations.PartnerAgency", on_delete=models.PROTECT, related_name="checks")
    question = models.TextField(blank=True)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(responded_at__isnull=True)
                | models.Q(responded_at__gte=models.F("requested_at")),
                name="partner_check_response_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"Check with agency {self.agency_id} for {self.contact_id}"


class Decision(models.Model):
    """The manager's decision for one child: outcome, level of need and the rationale it rests on."""

    contact_child = models.OneToOneField(ContactChild, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    need_level = models.ForeignKey("organisations.NeedLevel", on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    # Why the outcome departs from the threshold for its level of need (contacts.rules.OUTCOME_LEVELS);
    # shown beside the decision to the next manager. Blank when the outcome fits the level.
    override_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # Feedback to the referrer on the outcome (Working Together 2023, ch. 3: acknowledge and feed back).
    feedback_at = models.DateTimeField(null=True, blank=True)
    feedback_method = models.CharField(max_length=40, blank=True)
    feedback_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(rationale=""), name="decision_rationale_required"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_at:%Y-%m-%d})"


class DecisionCorrection(models.Model):
    """A manager's correction of a recorded decision: the decision as it stood before, and why it was
    corrected. The Decision row holds the corrected values; these rows keep every earlier one."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="corrections")
    outcome_before = models.CharField(max_length=16, choices=Outcome.choices)
    need_level_before = models.ForeignKey(
        "organisations.NeedLevel", on_delete=models.PROTECT, related_name="+"
    )
    rationale_before = models.TextField()
    override_reason_before = models.TextField(blank=True)
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["corrected_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="decision_correction_reason_required"
            ),
        ]

    def __str__(self) -> str:
        return f"Correction at {self.corrected_at:%Y-%m-%d %H:%M}"


class DailyReview(models.Model):
    """A manager's review of a contact still undecided 24 hours after receipt."""

    contact_child = models.ForeignKey(ContactChild, on_delete=models.PROTECT, related_name="daily_reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()
    note = models.TextField()

    class Meta:
        ordering = ["reviewed_at"]

    def __str__(self) -> str:
        return f"Daily review at {self.reviewed_at:%Y-%m-%d %H:%M}"


class LinkProposal(models.Model):
    """A child described by a partner (the portal) who may already be on the register: the journey
    is attached to the most likely person until the front door confirms that link, chooses another
    candidate, or rejects them all (then a new person is recorded from the description).

    `described` is what the referrer said ({first_name, last_name, date_of_birth, nhs_number, sex});
    `candidates` the matcher's list ({person_id, score, band, reasons}), best first.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the front door"
        CONFIRMED = "confirmed", "Link confirmed"
        REJECTED = "rejected", "Not a known child: recorded as new"

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    journey = models.OneToOneField(ContactChild, on_delete=models.PROTECT, related_name="link_proposal")
    described = models.JSONField()
    candidates = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self) -> str:
        return f"Link proposal for {self.journey}"

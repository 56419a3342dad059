"""Child protection after the front door, nested as the CIN census nests it (standards.md §2.1):
episode (referrals.Referral) -> strategy discussion -> section 47 enquiry -> initial conference ->
one protection plan per child -> review conferences, visits and core groups.

Every row carries its authority. Dates the census reports are DateFields; meetings that start a clock
keep their time. Due times live on clocks.Clock rows, never here.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Agency(models.TextChoices):
    """The agencies Working Together 2023 ch. 4 expects at a strategy discussion and a conference."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Children's social care"
    OTHER = "other", "Other"


class Category(models.TextChoices):
    """DfE CIN census category of abuse (N00113 / N00114; rules 8905, 8910)."""

    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    EMO = "EMO", "Emotional abuse"
    SAB = "SAB", "Sexual abuse"
    MUL = "MUL", "Multiple"


class S47Outcome(models.TextChoices):
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    NO_ICPC = "substantiated_no_icpc", "Concerns substantiated, no initial conference needed"
    ICPC = "icpc", "Initial child protection conference needed"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Child protection review conference"


class Item(models.TextChoices):
    """What a conference sends to every agency involved (Working Together 2023 ch. 4)."""

    MINUTES = "minutes", "Minutes"
    PLAN = "plan", "Child protection plan"
    OUTCOME = "outcome", "Outcome record"


class PlanEndReason(models.TextChoices):
    """Why a plan ended: local list (the census records the end date only)."""

    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at continuing risk of significant harm"
    LOOKED_AFTER = "looked_after", "Became looked after"
    MOVED = "moved", "Moved to another local authority"
    ADULT = "adult", "Reached 18"
    DIED = "died", "Died"
    OTHER = "other", "Other"


class EmergencyProtectionKind(models.TextChoices):
    """The two ways a child is kept safe in an emergency: Children Act 1989 s46 and s44."""

    POLICE = "police_protection", "Police protection (section 46)"
    EPO = "epo", "Emergency protection order (section 44)"


class StrategyDiscussion(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    information_shared = models.TextField()
    section47 = models.BooleanField("decision: section 47 enquiry")
    decision_reason = models.TextField()
    # Both required when held later than the strategy_discussion standard (issue 5).
    late_rationale = models.TextField(blank=True)
    interim_safety_plan = models.TextField(blank=True)
    rationale_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rationale_signed_off_at = models.DateTimeField(null=True, blank=True)
    clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(late_rationale="") | ~Q(interim_safety_plan=""),
                name="strategy_late_needs_safety_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_at:%d %b %Y}"

    @property
    def was_late(self) -> bool:
        return self.held_at > self.clock.due_at


class Participant(models.Model):
    """One agency's place at a strategy discussion: invited, attended, and who."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE, related_name="participants")
    agency = models.CharField(max_length=12, choices=Agency.choices)
    invited = models.BooleanField()
    attended = models.BooleanField()
    name_and_role = models.CharField(max_length=200, blank=True)
    # The named partner agency of this kind, when staff chose one: it lets that agency's portal users
    # see the meeting (issue 10). Blank keeps the record by kind alone, as before.
    partner_agency = models.ForeignKey(
        "organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["discussion", "agency"], name="participant_one_per_agency"),
            models.CheckConstraint(
                condition=Q(invited=True) | Q(attended=False), name="participant_attended_invited"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} at {self.discussion_id}"


class Section47(models.Model):
    """A section 47 enquiry. Its start is the date of the strategy discussion that started it
    (CIN S47ActualStartDate, N00148)."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="section47s")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section47_enquiry"
    )
    start_date = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=S47Outcome.choices, blank=True)
    end_date = models.DateField(null=True, blank=True)
    icpc_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            # CIN 8839 / 8890: at most one open enquiry in an episode.
            models.UniqueConstraint(
                fields=["referral"], condition=Q(end_date__isnull=True), name="section47_one_open"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="section47_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | ~Q(outcome=""), name="section47_end_needs_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 from {self.start_date:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class Conference(models.Model):
    """One meeting, initial or review, which may consider several siblings: each child's decision is
    a ConferenceChild row of its own."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=ConferenceKind.choices)
    held_on = models.DateField()
    chair = models.CharField(max_length=120)
    family_attendance = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["authority", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d %b %Y}"


class ConferenceAgency(models.Model):
    """An agency invited to (or attending) a conference: each must receive the minutes, plan and
    outcome record."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agencies")
    agency = models.CharField(max_length=12, choices=Agency.choices)
    invited = models.BooleanField()
    attended = models.BooleanField()
    # The named partner agency of this kind, when staff chose one: it lets that agency's portal users
    # see the meeting (issue 10). Blank keeps the record by kind alone, as before.
    partner_agency = models.ForeignKey(
        "organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "agency"], name="conference_agency_once"),
            models.CheckConstraint(
                condition=Q(invited=True) | Q(attended=True), name="conference_agency_involved"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} at {self.conference_id}"


class Distribution(models.Model):
    """An item (minutes, plan, outcome record) sent to an agency, and when."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="distributions")
    item = models.CharField(max_length=8, choices=Item.choices)
    agency = models.CharField(max_length=12, choices=Agency.choices)
    # The named partner agency of this kind, when staff chose one: it lets that agency's portal users
    # see the meeting (issue 10). Blank keeps the record by kind alone, as before.
    partner_agency = models.ForeignKey(
        "organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "item", "agency"], name="distribution_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} to {self.get_agency_display()}"


class ProtectionPlan(models.Model):
    """One child's plan: never shared by siblings. It starts on the initial conference's date (CIN
    2885). The number of previous plans is derived (selectors.previous_plans), never stored."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="protection_plans")
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="protection_plans"
    )
    start_date = models.DateField()
    initial_category = models.CharField(max_length=3, choices=Category.choices)
    latest_category = models.CharField(max_length=3, choices=Category.choices)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    visit_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    review_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    core_group_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            # CIN 8935: one open plan per child.
            models.UniqueConstraint(
                fields=["person"], condition=Q(end_date__isnull=True), name="protection_plan_one_open"
            ),
            # CIN 8925 and 8840: a plan ends after the day it starts.
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                name="protection_plan_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) & Q(end_reason=""))
                | (Q(end_date__isnull=False) & ~Q(end_reason="")),
                name="protection_plan_end_and_reason_together",
            ),
            models.CheckConstraint(
                condition=Q(initial_category__in=Category.values) & Q(latest_category__in=Category.values),
                name="protection_plan_categories_valid",
            ),
        ]
        indexes = [models.Index(fields=["authority", "start_date"])]

    def __str__(self) -> str:
        return f"Protection plan from {self.start_date:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class ConferenceChild(models.Model):
    """One child's part in a conference: their participation, the decision and the category.
    An initial conference row points at the child's section 47; a review row at the child's plan."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="+")
    section47 = models.OneToOneField(
        Section47, on_delete=models.PROTECT, null=True, blank=True, related_name="initial_conference"
    )
    plan = models.ForeignKey(
        ProtectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    child_attended = models.BooleanField()
    views_how = models.TextField("how the child's views were brought", blank=True)
    advocacy_offered = models.BooleanField()
    advocacy_accepted = models.BooleanField()
    advocacy_used = models.BooleanField()
    plan_needed = models.BooleanField("outcome: child protection plan")
    category = models.CharField(max_length=3, choices=Category.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="conference_child_once"),
            models.CheckConstraint(
                condition=Q(plan_needed=False) | Q(category__in=Category.values),
                name="conference_child_plan_has_category",
            ),
            models.CheckConstraint(
                condition=Q(advocacy_offered=True) | Q(advocacy_accepted=False),
                name="conference_child_advocacy_offered_first",
            ),
            models.CheckConstraint(
                condition=Q(advocacy_accepted=True) | Q(advocacy_used=False),
                name="conference_child_advocacy_accepted_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.conference_id}"


class CoreGroup(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ProtectionPlan, on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField()
    attended = models.JSONField(default=list)  # Agency codes present
    # The named partner agencies among those present, when staff chose them (issue 10).
    attended_partners = models.ManyToManyField("organisations.PartnerAgency", blank=True, related_name="+")
    family_attendance = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d %b %Y}"


class EmergencyProtection(models.Model):
    """A child removed or kept safe by the police (Children Act 1989 s46, at most 72 hours) or under
    an emergency protection order (s44, at most 8 days, extendable once by up to 7 days: s45). When it
    must end is derived (emergency_rules.emergency_protection_ends_by), never stored."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="emergency_protections"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=17, choices=EmergencyProtectionKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    circumstances = models.TextField()
    # An emergency protection order only: the court that made it, and the end of its one extension.
    court = models.CharField(max_length=200, blank=True)
    extended_until = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EmergencyProtectionKind.values), name="emergency_protection_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="emergency_protection_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind=EmergencyProtectionKind.EPO)
                | (Q(court="") & Q(extended_until__isnull=True)),
                name="emergency_protection_police_no_court",
            ),
            models.CheckConstraint(
                condition=Q(kind=EmergencyProtectionKind.POLICE) | ~Q(court=""),
                name="emergency_protection_epo_has_court",
            ),
            models.CheckConstraint(
                condition=Q(extended_until__isnull=True) | Q(extended_until__gt=F("started_at")),
                name="emergency_protection_extended_after_start",
            ),
        ]
        indexes = [models.Index(fields=["authority", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d %b %Y}"

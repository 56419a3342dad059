"""Missing children: each episode a police notification tells us about, the manager's oversight of
it, the independent return home interview, and the pattern flags that call for a strategy discussion.

Statutory guidance: Children who run away or go missing from home or care (DfE, January 2014); the
return interview is offered within 72 hours of the child's return by an independent person
(standards.md §1.1 T17, T18). Annex A List 8 asks whether it was offered and accepted (T19).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Source(models.TextChoices):
    RECORDED = "recorded", "Recorded by staff"
    IMPORTED = "imported", "Imported from a police spreadsheet"


class NotOfferedReason(models.TextChoices):
    """Why no return home interview was offered (recorded by the worker or manager)."""

    DECLINED_BEFORE_OFFER = "declined_before_offer", "The child declined before an offer could be made"
    MOVED_AWAY = "moved_away", "The child moved out of the area"
    STRATEGY = "strategy", "Already in a strategy discussion or child protection process"
    OTHER = "other", "Another reason"


class MissingEpisode(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_episodes")
    looked_after = models.BooleanField("looked after at the time")
    went_missing_at = models.DateTimeField()
    reported_at = models.DateTimeField("reported to police at")
    notified_at = models.DateTimeField("notification received at")
    returned_at = models.DateTimeField("found or returned at", null=True, blank=True)
    where_found = models.CharField(max_length=200, blank=True)
    # Police safe-and-well check on return (T17): None while not yet known.
    safe_and_well_done = models.BooleanField(null=True, blank=True)
    police_reference = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.RECORDED)
    # Set in the same transaction as the episode is written (the clock names the episode).
    oversight_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Two duties from the return (statutory guidance, January 2014): an interview offered within 72
    # hours (`rhi_offered`, stopped by the offer) and held within 72 hours (`rhi_held`, stopped when it
    # is held or the child declines), so the figures can tell an offer from an interview.
    interview_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    held_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # Why no return interview was offered, who said so and when (blank: not recorded).
    not_offered_reason = models.CharField(max_length=25, choices=NotOfferedReason.choices, blank=True)
    not_offered_detail = models.TextField(blank=True)
    not_offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    not_offered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-went_missing_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(not_offered_reason="other") | ~Q(not_offered_detail=""),
                name="missing_not_offered_other_needs_detail",
            ),
            models.CheckConstraint(
                condition=Q(not_offered_reason="", not_offered_at__isnull=True)
                | (~Q(not_offered_reason="") & Q(not_offered_at__isnull=False, not_offered_by__isnull=False)),
                name="missing_not_offered_who_and_when",
            ),
            models.CheckConstraint(
                condition=Q(reported_at__gte=F("went_missing_at")), name="missing_reported_after_missing"
            ),
            models.CheckConstraint(
                condition=Q(notified_at__gte=F("reported_at")), name="missing_notified_after_reported"
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=F("went_missing_at")),
                name="missing_returned_after_missing",
            ),
            # One record per police report: an import run twice cannot add the episode twice.
            models.UniqueConstraint(
                fields=["authority", "police_reference"],
                condition=~Q(police_reference=""),
                name="missing_unique_police_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "went_missing_at"]),
            models.Index(fields=["person", "went_missing_at"]),
        ]

    def __str__(self) -> str:
        return f"Missing episode {self.pk} ({self.went_missing_at:%d %b %Y})"

    @property
    def is_open(self) -> bool:
        """Still missing: no return recorded yet."""
        return self.returned_at is None


class OversightDecision(models.TextChoices):
    NFA = "nfa", "No further action"
    STRATEGY = "strategy", "Strategy discussion"
    SCREENING = "screening", "Exploitation screening"
    OTHER = "other", "Other"


class Oversight(models.Model):
    """A manager's oversight of one notification (local missing protocol: within 1 working day)."""

    episode = models.OneToOneField(MissingEpisode, on_delete=models.PROTECT, related_name="oversight")
    decision = models.CharField(max_length=10, choices=OversightDecision.choices)
    rationale = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Oversight of episode {self.episode_id}: {self.get_decision_display()}"


class ReturnInterview(models.Model):
    """The independent return home interview: offered (by whom, independent or why not), accepted
    or declined, and, when it happens, what the child said and what follows."""

    episode = models.OneToOneField(MissingEpisode, on_delete=models.PROTECT, related_name="interview")
    offered_at = models.DateTimeField()
    offered_by = models.CharField(max_length=120)
    offered_by_independent = models.BooleanField(
        help_text="Someone not involved in caring for the child, who the child can talk to openly"
    )
    not_independent_reason = models.TextField(blank=True)
    # Whether the child was asked who they would prefer to talk to, and whom they named (None: not
    # recorded, as on offers recorded before the question was asked).
    asked_preference = models.BooleanField(
        "child asked who they would prefer to talk to", null=True, blank=True
    )
    preferred_person = models.CharField("who the child would prefer", max_length=120, blank=True)
    # None: the child has not answered yet.
    accepted = models.BooleanField(null=True, blank=True)
    declined_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.CharField(max_length=120, blank=True)
    # Whether the person who held the interview was independent of the child's care (None: not held,
    # or held before the question was asked).
    held_by_independent = models.BooleanField(null=True, blank=True)
    childs_account = models.TextField("the child's account", blank=True)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    risks_identified = models.TextField(blank=True)
    follow_up_actions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(offered_by_independent=True) | ~Q(not_independent_reason=""),
                name="interview_not_independent_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(accepted=True),
                name="interview_completed_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("offered_at")),
                name="interview_completed_after_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"Return interview for episode {self.episode_id}"


class PatternSetting(models.Model):
    """An authority's pattern rule (missing.rules.PatternRule); defaults apply without a row."""

    authority = models.OneToOneField("organisations.Authority", on_delete=models.CASCADE, related_name="+")
    episodes = models.PositiveSmallIntegerField(default=3)
    days = models.PositiveSmallIntegerField(default=30)
    flag_overnight = models.BooleanField(default=True)
    night_hour = models.PositiveSmallIntegerField(default=0)  # local hour that makes an episode overnight

    def __str__(self) -> str:
        return f"{self.episodes} episodes in {self.days} days"


class PatternFlag(models.Model):
    """A child flagged for a strategy discussion by the pattern rule, with why and who saw it."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_flags")
    episode = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT, related_name="flags")
    reason = models.TextField()
    raised_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            # One flag awaiting acknowledgement per child: further episodes add to its reason.
            models.UniqueConstraint(
                fields=["person"], condition=Q(acknowledged_at__isnull=True), name="flag_one_open_per_child"
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="flag_acknowledged_by_and_at_together",
            ),
        ]

    def __str__(self) -> str:
        return f"Flag for {self.person_id}: {self.reason}"

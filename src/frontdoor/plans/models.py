"""Children-in-need plans (the CIN census's CINPlanDates, standards.md §2.1): per child, with the
partners involved and invited, who received the plan and when, its reviews and its end.

A plan belongs to one child's episode and is never shared between siblings.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ChildInNeedPlan(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_plans")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="cin_plans")
    start_date = models.DateField()  # CINPlanStartDate (N00689)
    end_date = models.DateField(null=True, blank=True)  # CINPlanEndDate (N00690)
    end_reason = models.TextField(blank=True)
    # The running `cin_plan_review` clock: every 3 months (configurable) from the start, then from
    # each review.
    review_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            # CIN 4004: at most one open CIN plan per child.
            models.UniqueConstraint(
                fields=["person"], condition=Q(end_date__isnull=True), name="cin_plan_one_open_per_child"
            ),
            # CIN 4011: the plan ends on or after it starts.
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="cin_plan_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["authority", "start_date"])]

    def __str__(self) -> str:
        return f"Child in need plan {self.pk} from {self.start_date:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class PlanPartner(models.Model):
    """An agency (or a named person, such as a parent) around the plan: involved in it, invited to
    its meetings, and when they received the plan."""

    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.PROTECT, related_name="partners")
    agency = models.ForeignKey("organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True)
    name = models.CharField(max_length=120, blank=True)  # a family member or other named recipient
    involved = models.BooleanField(default=False)
    invited = models.BooleanField(default=False)
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | ~Q(name=""), name="plan_partner_agency_or_name"
            ),
            models.UniqueConstraint(
                fields=["plan", "agency"], condition=Q(agency__isnull=False), name="plan_partner_agency_once"
            ),
        ]

    def __str__(self) -> str:
        return self.agency.name if self.agency else self.name


class PlanReview(models.Model):
    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of plan {self.plan_id} on {self.reviewed_on:%d %b %Y}"


class PlanKind(models.TextChoices):
    """The two kinds of plan whose content has one shape (issue 16 §3). A protection plan lives in
    child_protection, above plans, so content names its plan by kind and id, never by a foreign key."""

    CIN = "cin", "Child in need plan"
    CP = "cp", "Child protection plan"


class PlanContent(models.Model):
    """What one child's plan says: never shared by siblings, one row per plan."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plan_contents")
    kind = models.CharField(max_length=3, choices=PlanKind.choices)
    plan_id = models.PositiveBigIntegerField()
    worries = models.TextField("what we are worried about", blank=True)
    child_views = models.TextField("the child's views", blank=True)
    family_views = models.TextField("the family's views", blank=True)
    contingency = models.TextField("contingency plan", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "plan_id"], name="plan_content_once")]

    def __str__(self) -> str:
        return f"Content of {self.get_kind_display().lower()} {self.plan_id}"


class PlanOutcome(models.Model):
    """An outcome the plan must achieve: what needs to change, and how we will know it has."""

    content = models.ForeignKey(PlanContent, on_delete=models.PROTECT, related_name="outcomes")
    change = models.TextField("what needs to change")
    measure = models.TextField("how we will know")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(change="") & ~Q(measure=""), name="plan_outcome_change_and_measure"
            )
        ]

    def __str__(self) -> str:
        return self.change[:60]


class OutcomeProgress(models.Model):
    """Progress towards one outcome at one review: a CIN plan review, a core group or a review
    conference, named by kind and id as Task.source is ("plans.planreview", 12)."""

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="progress")
    review_type = models.CharField(max_length=64)
    review_id = models.PositiveBigIntegerField()
    reviewed_on = models.DateField()
    score = models.PositiveSmallIntegerField()  # 0 (no progress) to 10 (achieved)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "review_type", "review_id"], name="outcome_progress_once_per_review"
            ),
            models.CheckConstraint(condition=Q(score__lte=10), name="outcome_progress_score_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.score}/10 on {self.reviewed_on:%d %b %Y}"


class Paper(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment"
    PLAN = "plan", "Plan"
    CORE_GROUP = "core_group", "Core group notes"
    CIN_REVIEW = "cin_review", "Child in need review notes"
    STRATEGY = "strategy", "Strategy discussion minutes"


class SendMethod(models.TextChoices):
    SECURE_EMAIL = "secure_email", "Secure email"
    PORTAL = "portal", "Partner portal"
    POST = "post", "Post"
    BY_HAND = "by_hand", "By hand"


class PaperSent(models.Model):
    """A paper sent to a partner agency (or a named person such as a parent): which paper, when it
    was ready (the meeting's or the record's day), when and how it was sent. Conference papers keep
    child_protection.Distribution; this covers the other papers (issue 16 §3.4)."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="papers_sent")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="papers_sent")
    paper = models.CharField(max_length=12, choices=Paper.choices)
    source_type = models.CharField(max_length=64)
    source_id = models.PositiveBigIntegerField()
    ready_on = models.DateField()
    agency = models.ForeignKey("organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True)
    name = models.CharField(max_length=120, blank=True)
    method = models.CharField(max_length=12, choices=SendMethod.choices)
    sent_on = models.DateField()
    # The `papers_sent` standard's due date from ready_on when this was recorded (5 working days
    # unless the authority sets another): like a clock's due time, fixed when it is worked out.
    due_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | ~Q(name=""), name="paper_sent_to_someone"
            ),
            models.CheckConstraint(condition=Q(sent_on__gte=F("ready_on")), name="paper_sent_after_ready"),
        ]
        indexes = [
            models.Index(fields=["authority", "sent_on"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_paper_display()} sent {self.sent_on:%d %b %Y}"

"""Early help: support below the statutory threshold, usually led by a school or another partner.

A case opens when the front door's manager decides "step down to early help" (the decision's own
transaction, contacts.services.contact_child_decide). It holds an early help assessment with the
child's voice (Ofsted Annex A list 2: start, completion and the organisation completing it), a lead
professional, a plan with its reviews, and ends closed or stepped up to the front door as a contact.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    STEPPED_UP = "stepped_up", "Stepped up to the front door"
    CLOSED = "closed", "Closed"


class ClosureReason(models.TextChoices):
    NEEDS_MET = "needs_met", "Needs met"
    DECLINED = "declined", "The family declined support"
    MOVED = "moved", "The family moved away"
    OTHER = "other", "Other"


class EarlyHelpCase(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="early_help_cases")
    contact_child = models.OneToOneField(
        "contacts.ContactChild",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="early_help_case",
    )
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The lead professional, often a school's designated teacher, and the agency they work for.
    lead_agency = models.ForeignKey(
        "organisations.PartnerAgency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="early_help_cases",
    )
    lead_professional = models.ForeignKey(
        "organisations.Professional", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    ended_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(max_length=12, choices=ClosureReason.choices, blank=True)
    # The contact a step-up made (contacts.services.contact_record).
    step_up_contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="open"), name="early_help_one_open_case"
            ),
            models.CheckConstraint(
                condition=Q(status="open", ended_at__isnull=True)
                | (~Q(status="open") & Q(ended_at__isnull=False)),
                name="early_help_ended_when_not_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="stepped_up") | Q(step_up_contact__isnull=False),
                name="early_help_step_up_has_contact",
            ),
        ]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self) -> str:
        return f"Early help {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class EarlyHelpAssessment(models.Model):
    """The early help assessment: needs, the child's voice and the family's views."""

    case = models.OneToOneField(EarlyHelpCase, on_delete=models.PROTECT, related_name="assessment")
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    organisation = models.ForeignKey(
        "organisations.PartnerAgency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organisation completing the assessment (Annex A list 2)",
    )
    needs = models.TextField("what the family needs help with")
    childs_voice = models.TextField("the child's voice")
    family_views = models.TextField("the family's views", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("started_on")),
                name="early_help_assessment_completed_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(childs_voice=""), name="early_help_assessment_has_childs_voice"
            ),
        ]

    def __str__(self) -> str:
        return f"Early help assessment for case {self.case_id}"


class EarlyHelpPlan(models.Model):
    case = models.OneToOneField(EarlyHelpCase, on_delete=models.PROTECT, related_name="plan")
    agreed_on = models.DateField()
    outcomes = models.TextField("what will be different for the child")
    actions = models.TextField("who will do what, by when")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Early help plan for case {self.case_id}"


class EarlyHelpReview(models.Model):
    """A team-around-the-family review of the plan: progress, and the child's view of it."""

    plan = models.ForeignKey(EarlyHelpPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    progress = models.TextField()
    childs_voice = models.TextField("what the child said", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Review on {self.held_on:%d %b %Y}"

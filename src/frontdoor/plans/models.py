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

"""Statutory children's complaints: the Children Act 1989 Representations Procedure (England)
Regulations 2006 (SI 2006/1738) and DfE "Getting the Best from Complaints" (2006).

A complaint is about one child (and, perhaps, their brothers and sisters), made by the child, a
parent or someone on the child's behalf, about a theme. It runs in stages, 1 (local resolution)
then 2 (investigation) then 3 (review panel), each with its own clock from the clock engine
(complaints.rules.STAGES) and, at stages 1 and 2, an extension with its reason. The learning from a
complaint is a tasks.Task (kind "complaint") with an owner and a due date.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Complainant(models.TextChoices):
    CHILD = "child", "The child"
    PARENT = "parent", "A parent or carer"
    ON_BEHALF = "on_behalf", "Someone on the child's behalf (an advocate, relative or professional)"


class Theme(models.TextChoices):
    COMMUNICATION = "communication", "Communication and information"
    DECISION = "decision", "A decision about the child's care or plan"
    SERVICE = "service", "A service not provided or delayed"
    STAFF_CONDUCT = "staff_conduct", "Staff attitude or conduct"
    CHANGE_OF_WORKER = "change_of_worker", "Changes of social worker"
    CONTACT = "contact", "Family time and contact"
    ASSESSMENT = "assessment", "An assessment or report"
    PLACEMENT = "placement", "Placement or accommodation"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY = "partly", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Complaint(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    # The child the complaint is about; scope, restriction and figures go by this child.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="complaints")
    also_about = models.ManyToManyField("people.Person", blank=True, related_name="+")
    complainant = models.CharField(max_length=16, choices=Complainant.choices)
    complainant_name = models.CharField(max_length=200)
    theme = models.CharField(max_length=24, choices=Theme.choices)
    summary = models.TextField()
    # The team whose work it is about (for the figures by team); the child's team when recorded.
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Reg 11/Getting the Best: a child who complains is offered an advocate.
    advocacy_offered = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["authority", "received_at"])]

    def __str__(self) -> str:
        return f"Complaint {self.pk} received {self.received_at:%d %b %Y}"


class ComplaintStage(models.Model):
    """One stage of a complaint: its clock, any extension and why, the response and its outcome."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stages")
    # The complaint's child, repeated so the dashboard's drill-down scopes rows as every population.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    stage = models.PositiveSmallIntegerField()
    requested_at = models.DateTimeField()
    clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, related_name="+")
    extended_clock = models.OneToOneField(
        "clocks.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["complaint", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="complaint_stage_once"),
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=3), name="complaint_stage_1_to_3"),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True, outcome="")
                | (Q(responded_on__isnull=False) & ~Q(outcome="")),
                name="complaint_stage_response_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["authority", "stage", "requested_at"])]

    def __str__(self) -> str:
        return f"Complaint {self.complaint_id} stage {self.stage}"

    @property
    def responded(self) -> bool:
        return self.responded_on is not None

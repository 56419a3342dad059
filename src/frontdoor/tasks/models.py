"""One model for every timebound action (issue 15 §2): what must be done, who owns it (a member of
staff, or a partner agency's named professional), when it is due, the meeting or record that set it,
and whether it was done or cancelled. Strategy discussion and core group actions, exploitation
meeting actions, case-file audit actions and management directions are all Tasks.

Overdue is a question for the database (TaskQuerySet.overdue), never a stored flag.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class TaskKind(models.TextChoices):
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    CORE_GROUP = "core_group", "Core group"
    EXPLOITATION_MEETING = "exploitation_meeting", "Exploitation meeting"
    ALLEGATION_MEETING = "allegation_meeting", "Allegation management meeting"
    DRIFT_PANEL = "drift_panel", "Drift panel"
    CASE_AUDIT = "case_audit", "Case file audit"
    SUPERVISION = "supervision", "Supervision"
    CASE_NOTE = "case_note", "Case note"
    PLAN = "plan", "Plan"
    # The learning from a children's complaint (complaints app), followed until done.
    COMPLAINT = "complaint", "Learning from a complaint"
    # An action agreed at a MARAC about a police domestic abuse notification (domestic_abuse app).
    MARAC = "marac", "MARAC action"
    OTHER = "other", "Other"


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> "TaskQuerySet":
        """Neither done nor cancelled."""
        return self.filter(done_at__isnull=True, cancelled_at__isnull=True)

    def overdue(self, today: date) -> "TaskQuerySet":
        """Open and due before `today` (tasks.rules.is_overdue, in SQL)."""
        return self.open().filter(due_on__lt=today)


class Task(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    kind = models.CharField(max_length=24, choices=TaskKind.choices)
    # The meeting or record that set it, as Clock.subject_type/subject_id: "<app>.<model>", pk.
    source_type = models.CharField(max_length=64)
    source_id = models.PositiveBigIntegerField()
    what = models.TextField()
    # The owner: a member of staff, or a partner (agency, with a named professional or a name).
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    owner_agency = models.ForeignKey(
        "organisations.PartnerAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_professional = models.ForeignKey(
        "organisations.Professional", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=160, blank=True)
    due_on = models.DateField()  # NOT NULL: no task without a due date
    standard = models.CharField(max_length=40, blank=True)  # the clock standard the date came from
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_note = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(blank=True)
    # The row this task was before issue 15 (e.g. "supervision.direction", 12): audit events written
    # against the old models cannot be rewritten (audit rows are protected), so they resolve here.
    legacy_type = models.CharField(max_length=64, blank=True)
    legacy_id = models.PositiveBigIntegerField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="task_says_what"),
            # Either a member of staff or a partner owner (agency, professional or name), never both.
            models.CheckConstraint(
                condition=(
                    Q(owner_user__isnull=False)
                    & Q(owner_agency__isnull=True)
                    & Q(owner_professional__isnull=True)
                    & Q(owner_name="")
                )
                | (Q(owner_user__isnull=True) & (Q(owner_professional__isnull=False) | ~Q(owner_name=""))),
                name="task_has_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(done_by__isnull=True) | Q(done_at__isnull=False),
                name="task_done_by_needs_done_at",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""), name="task_cancel_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | Q(done_at__isnull=True),
                name="task_done_or_cancelled_not_both",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "owner_user", "done_at", "due_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["legacy_type", "legacy_id"]),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk} due {self.due_on:%d %b %Y}"

    @property
    def owner_label(self) -> str:
        """The owner in words: a member of staff's name, or the professional or name with the agency."""
        if self.owner_user is not None:
            return str(self.owner_user.display_name)
        who = self.owner_professional.name if self.owner_professional else self.owner_name
        return f"{who}, {self.owner_agency.name}" if self.owner_agency else who

"""Case file audits: a programme samples cases, an auditor grades each against a template, a second
auditor moderates, and the actions that follow are tracked to completion.

Grades before and after moderation are both kept (issue 9): `grade` is the auditor's and never
changes once moderated; `moderated_grade` is the moderator's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.quality import rules


class Grade(models.TextChoices):
    OUTSTANDING = rules.OUTSTANDING, "Outstanding"
    GOOD = rules.GOOD, "Good"
    REQUIRES_IMPROVEMENT = rules.REQUIRES_IMPROVEMENT, "Requires improvement"
    INADEQUATE = rules.INADEQUATE, "Inadequate"


class CaseKind(models.TextChoices):
    CIN = rules.CIN, "Child in need"
    CONTACT = rules.CONTACT, "Contact at the front door"
    EARLY_HELP = rules.EARLY_HELP, "Early help"


class AuditTemplate(models.Model):
    """The questions an audit asks, each graded. An authority keeps as many templates as themes."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="audit_template_unique_name")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditQuestion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="audit_question_unique_position")
        ]

    def __str__(self) -> str:
        return self.text


class AuditProgramme(models.Model):
    """A round of audits: a month, a theme, a template and how many cases to sample."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    theme = models.CharField(max_length=80)
    month = models.DateField(help_text="The first day of the month whose cases are sampled")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="programmes")
    sample_size = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    sampled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="audit_programme_month_first_day"),
            models.CheckConstraint(condition=Q(sample_size__gte=1), name="audit_programme_sample_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.month:%B %Y})"


class AuditStatus(models.TextChoices):
    SAMPLED = "sampled", "Sampled: to audit"
    GRADED = "graded", "Graded: to moderate"
    MODERATED = "moderated", "Moderated"


class CaseAudit(models.Model):
    """One case sampled for audit: the child, the kind of case and the record audited."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(AuditProgramme, on_delete=models.PROTECT, related_name="audits")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_audits")
    kind = models.CharField(max_length=12, choices=CaseKind.choices)
    contact_child = models.ForeignKey(
        "contacts.ContactChild", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    early_help_case = models.ForeignKey(
        "early_help.EarlyHelpCase", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The team holding the case when it was sampled, for grades by team.
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    re_audit_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="re_audits"
    )
    # A re-audit is scheduled for a date, to see whether the actions changed practice.
    scheduled_for = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=AuditStatus.choices, default=AuditStatus.SAMPLED)
    # The auditor's judgement.
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    # Why the overall grade is more than one grade from the questions' median (quality.rules
    # .overall_grade_problem); blank when it is not.
    grade_reason = models.TextField("why the overall grade differs", blank=True)
    lived_experience = models.TextField("the child's lived experience", blank=True)
    childs_voice = models.TextField("the child's voice", blank=True)
    strengths = models.TextField(blank=True)
    improvements = models.TextField("what needs to improve", blank=True)
    # The moderator's view: the grade before (the auditor's) stays in `grade`.
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_agreed = models.BooleanField(null=True, blank=True)
    moderated_grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    moderation_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moderator__isnull=True) | ~Q(moderator=models.F("auditor")),
                name="case_audit_moderator_is_not_the_auditor",
            ),
            models.CheckConstraint(
                condition=Q(moderated_grade="") | ~Q(grade=""), name="case_audit_moderated_after_graded"
            ),
            models.CheckConstraint(
                condition=Q(moderation_agreed=True)
                | Q(moderation_agreed__isnull=True)
                | ~Q(moderation_reason=""),
                name="case_audit_changed_grade_has_reason",
            ),
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=Q(re_audit_of__isnull=True),
                name="case_audit_child_once",
            ),
        ]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self) -> str:
        return f"Audit {self.pk} ({self.get_kind_display()})"

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.grade


class AuditAnswer(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="answers")
    grade = models.CharField(max_length=24, choices=Grade.choices)
    finding = models.TextField(blank=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="audit_answer_once")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.grade}"


class FeedbackFrom(models.TextChoices):
    CHILD = "child", "The child"
    PARENT = "parent", "A parent"
    CARER = "carer", "A carer or relative"
    OTHER = "other", "Someone else in the family"


class AuditFeedback(models.Model):
    """What the child or family said about the help they had, attached to the audit."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="feedback")
    given_by = models.CharField(max_length=10, choices=FeedbackFrom.choices)
    how = models.CharField("how it was gathered", max_length=120, blank=True)
    feedback = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"Feedback from {self.get_given_by_display()}"


class NoteKind(models.TextChoices):
    CONCERN = "concern", "A practice concern"
    GOOD_PRACTICE = "good_practice", "Good practice"


class NoteTheme(models.TextChoices):
    CHILDS_VOICE = "childs_voice", "The child's voice and lived experience"
    VISITS = "visits", "Visits and seeing the child"
    RISK = "risk", "Assessment of risk and need"
    PLANNING = "planning", "Planning and drift"
    RECORDING = "recording", "Recording"
    OVERSIGHT = "oversight", "Management oversight"
    PARTNERSHIP = "partnership", "Working with partners and family"


class PracticeNote(models.Model):
    """A practice concern or a note of good practice on a child's case (issue 19 §4), raised by a
    manager or auditor and addressed to the worker and their team manager, who acknowledge it and
    close it with a response. Open -> acknowledged -> closed, each with when and by whom."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="practice_notes")
    kind = models.CharField(max_length=16, choices=NoteKind.choices)
    theme = models.CharField(max_length=16, choices=NoteTheme.choices)
    text = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The worker's team when the note was raised: the figures count by it.
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | (Q(acknowledged_at__isnull=False) & ~Q(response="")),
                name="practice_note_closed_with_a_response",
            ),
        ]
        indexes = [models.Index(fields=["authority", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def state(self) -> str:
        if self.closed_at:
            return "Closed"
        return "Acknowledged" if self.acknowledged_at else "Open"

    def addressed_to(self, user_id: int) -> bool:
        return user_id in (self.worker_id, self.manager_id)

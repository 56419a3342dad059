"""The single assessment of a child in a children-in-need episode (the CIN census's Assessments
module, standards.md §2.1): start, the child seen and heard, the parents' views, the analysis, the
factors identified at the end, and the manager's authorisation that ends it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action: close the episode"
    EARLY_HELP = "early_help", "Step down to early help"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion (significant harm suspected)"
    CONTINUE = "continue", "Continued support from children's social care"


class AssessmentTemplate(models.Model):
    """The headings an authority assesses under: its practice model as configuration, not code. The
    one row without an authority is the default (Signs of Safety, seeded by a data migration) for
    every authority that has not set its own.

    An authority's template is versioned: a version an assessment has used is never changed, so each
    assessment reads under the headings it was written to; a change makes the next version
    (assessments.template_services) and retires the one before (`retired_at`)."""

    authority = models.ForeignKey(
        "organisations.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=120)
    scaling_question = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority"],
                condition=Q(retired_at__isnull=True),
                name="assessment_template_one_current",
            ),
            models.UniqueConstraint(fields=["authority", "version"], name="assessment_template_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class TemplateSection(models.Model):
    """One heading of a template, in the order the assessment is written and read."""

    template = models.ForeignKey(AssessmentTemplate, on_delete=models.PROTECT, related_name="sections")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    group = models.CharField(max_length=120, blank=True)  # e.g. "What are we worried about?"
    heading = models.CharField(max_length=120)
    prompt = models.TextField(blank=True)

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="template_section_position"),
            models.UniqueConstraint(fields=["template", "key"], name="template_section_key"),
        ]

    def __str__(self) -> str:
        return self.heading


class VoiceGathered(models.TextChoices):
    WORDS = "words", "In the child's own words"
    OBSERVATION = "observation", "By observation (for example a baby or a child who does not speak)"
    OTHER_WAY = "other", "Another way (drawings, play, an advocate or interpreter)"
    NOT_GATHERED = "not_gathered", "Not gathered: the reason is recorded"


class Assessment(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField()  # AssessmentActualStartDate (N00159)
    child_seen_on = models.DateField(null=True, blank=True)
    childs_voice = models.TextField("the child's voice", blank=True)
    # How the child's views were gathered; NOT_GATHERED needs voice_reason (issue 16 §4).
    voice_gathered = models.CharField(max_length=16, choices=VoiceGathered.choices, blank=True)
    voice_reason = models.TextField("why the child's views were not gathered", blank=True)
    template = models.ForeignKey(
        AssessmentTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Scaling 0-10 (Signs of Safety): 10 safe enough to close, 0 certain harm will happen.
    scale_worker = models.PositiveSmallIntegerField(null=True, blank=True)
    scale_family = models.PositiveSmallIntegerField(null=True, blank=True)
    scale_child = models.PositiveSmallIntegerField(null=True, blank=True)
    parents_views = models.TextField("parents' views", blank=True)
    analysis = models.TextField("analysis of risk and need", blank=True)
    # AssessmentFactors (N00181): DfE codes, set only when the assessment is completed (CIN 8614).
    factors = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=16, choices=AssessmentOutcome.choices, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_on = models.DateField(null=True, blank=True)  # AssessmentAuthorisationDate (N00160)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorisation_comment = models.TextField("the manager's comment", blank=True)
    late_reason = models.TextField("reason the assessment was late", blank=True)
    dfe_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            # CIN 8896: one open (unauthorised) assessment per episode.
            models.UniqueConstraint(
                fields=["referral"], condition=Q(authorised_on__isnull=True), name="assessment_one_open"
            ),
            # CIN 8608: authorised on or after it started, completed in between.
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("started_on")),
                name="assessment_completed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(authorised_on__isnull=True)
                | (Q(completed_on__isnull=False) & Q(authorised_on__gte=F("completed_on"))),
                name="assessment_authorised_after_completion",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 10}),
                    name=f"assessment_{field}_0_to_10",
                )
                for field in ("scale_worker", "scale_family", "scale_child")
            ),
        ]
        indexes = [models.Index(fields=["authority", "started_on"])]

    def __str__(self) -> str:
        return f"Assessment {self.pk} from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.authorised_on is None

    @property
    def stage(self) -> str:
        if self.authorised_on is not None:
            return "authorised"
        return "awaiting authorisation" if self.completed_on is not None else "in progress"


class SectionAnswer(models.Model):
    """What the assessment says under one heading of its template."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    section = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["section__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "section"], name="one_answer_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} in {self.assessment}"

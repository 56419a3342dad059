"""Who works in the front door: authorities, teams, staff and their roles, and partner agencies.

Every record in Frontdoor belongs to one authority; one deployment may serve many.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models

from frontdoor.organisations import rules


class Authority(models.Model):
    """A local authority with children's social care duties (DfE three-digit LA code)."""

    la_code = models.CharField("DfE LA code", max_length=3, unique=True)
    name = models.CharField(max_length=120)
    # Receipt out of hours: count from the next working day (many LAs) or from the moment received.
    out_of_hours_counts_from_next_working_day = models.BooleanField(default=False)
    office_opens = models.TimeField(null=True, blank=True)
    office_closes = models.TimeField(null=True, blank=True)
    # Counting convention used in reports: day 0 (Working Together reading) or day 1 (DfE validator).
    inclusive_day_count = models.BooleanField(default=False)
    # Flag the n-th contact in 12 months about anyone in a child's household (issue 17 §4).
    household_repeat_threshold = models.PositiveSmallIntegerField(default=3)
    # Children per social worker above which a caseload counts as high (issue 20 §3, §4): the authority
    # sets it; 18 is an assumption, within the 15-20 range councils commonly set, not a national standard.
    caseload_threshold = models.PositiveSmallIntegerField(default=18)
    # The drift list's "no visit in N days" (issue 19 §4; drift.rules): calendar days since the child
    # was last seen, for a child on a protection plan (10 working days, standards.md T15) and any other
    # child in need (20 working days, a common local standard, T16). Local standards: the authority sets.
    drift_cp_visit_days = models.PositiveSmallIntegerField(default=14)
    drift_cin_visit_days = models.PositiveSmallIntegerField(default=28)

    class Meta:
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.la_code})"


class Team(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)
    is_front_door = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="team_unique_name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONTACT_OFFICER = "contact_officer", "Contact officer"
    SOCIAL_WORKER = "social_worker", "Front-door social worker"
    # Not a qualified social worker: may hold a children-in-need case once a plan exists, overseen
    # by a named qualified worker (issue 5).
    SOCIAL_WORK_ASSISTANT = "social_work_assistant", "Social work assistant"
    TEAM_MANAGER = "team_manager", "Team manager"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    ADMINISTRATOR = "administrator", "Administrator"
    # The data protection officer's and auditors' read-only view of the audit trail.
    AUDITOR = "auditor", "Auditor"
    # A professional at a partner agency using the referral portal: sees only what they submitted.
    PARTNER_USER = "partner_user", "Partner agency user"
    # The local authority designated officer (LADO) who manages allegations against people who work
    # with children (Working Together 2023, ch. 2; issue 19 §1).
    DESIGNATED_OFFICER = "designated_officer", "Designated officer (LADO)"


MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.SENIOR_LEADER})


class Employment(models.TextChoices):
    """How a member of staff is employed (issue 20 §3: agency against permanent, as the DfE's
    children's social work workforce census counts them)."""

    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"
    FIXED_TERM = "fixed_term", "Fixed term"


class User(AbstractUser):
    """A member of staff. Staff belong to exactly one authority and, usually, one team."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="staff")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members", null=True, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.CONTACT_OFFICER)
    job_title = models.CharField(max_length=120, blank=True)
    employment = models.CharField(max_length=16, choices=Employment.choices, default=Employment.PERMANENT)
    # The day they started and the day they left the authority's service (workforce history; a user who
    # has left is also made inactive, so they cannot sign in).
    started_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    # Set for partner agency users only: the agency they refer and answer checks for.
    partner_agency = models.ForeignKey(
        "PartnerAgency", on_delete=models.PROTECT, related_name="portal_users", null=True, blank=True
    )

    # Every member of staff belongs to an authority, superusers included.
    REQUIRED_FIELDS = ["email", "authority"]

    @property
    def display_name(self) -> str:
        return rules.display_name(self.first_name, self.last_name, self.username)

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Children's social care"
    HOUSING = "housing", "Housing"
    PROBATION = "probation", "Probation"
    ADULT_SERVICES = "adult_services", "Adult services"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class PartnerAgency(models.Model):
    """A partner organisation: a police force, a school, a GP practice, a health visiting service."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    # The DfE ReferralSource code a contact from this agency normally carries (e.g. 2A for a school).
    default_referral_source = models.CharField(max_length=3, blank=True)
    # Whether the front door asks this agency for partner checks.
    answers_partner_checks = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "partner agencies"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="agency_unique_name")]

    def __str__(self) -> str:
        return self.name


class Professional(models.Model):
    """A named professional at a partner agency (a teacher, a health visitor, a police officer)."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="professionals")
    agency = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="professionals")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.agency.name}"


class NeedLevel(models.Model):
    """One step of the authority's multi-agency levels-of-need scale (default four levels)."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="need_levels")
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["level"]
        constraints = [models.UniqueConstraint(fields=["authority", "level"], name="need_level_unique")]

    def __str__(self) -> str:
        return f"Level {self.level}: {self.name}"


DEFAULT_NEED_LEVELS = (
    (1, "Universal", "Needs met by universal services"),
    (2, "Early help", "Additional needs met by a single agency or early help"),
    (3, "Targeted early help", "Multiple or complex needs met by coordinated targeted support"),
    (4, "Statutory social work", "Acute needs: child in need or at risk of significant harm"),
)

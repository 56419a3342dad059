"""Who may see a child beyond their role: restricted records, break-glass access and health markers.
The owner of a restriction is told of each break-glass through the notifications outbox.

A restriction hides a person from everyone not named on it (security.md §4: staff conflicts,
adoption, high profile); break-glass lets anyone with `child.view` in scope in for a limited time,
with a reason, and tells the owner. Rows are written only by access.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RestrictionReason(models.TextChoices):
    STAFF = "staff", "Related to a member of staff"
    ADOPTION = "adoption", "Adoption"
    HIGH_PROFILE = "high_profile", "High profile"


class Restriction(models.Model):
    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="restrictions")
    reason = models.CharField(max_length=20, choices=RestrictionReason.choices)
    note = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The named list: the only staff who see the person (the owner is always on it).
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="restrictions_allowed")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_clock = models.OneToOneField("clocks.Clock", on_delete=models.PROTECT, null=True, related_name="+")
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(lifted_at__isnull=True), name="restriction_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"Restriction on person {self.person_id} ({self.reason})"


class BreakGlass(models.Model):
    """Emergency access to a restricted record by someone not on its list: reason, time limit, alert."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    restriction = models.ForeignKey(Restriction, on_delete=models.PROTECT, related_name="break_glasses")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["person", "user", "expires_at"])]

    def __str__(self) -> str:
        return f"Break-glass by {self.user_id} on person {self.person_id} until {self.expires_at:%H:%M}"


class HealthMarker(models.Model):
    """The person's health details are sensitive: hidden from roles without `health.view`."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="health_marker")
    note = models.CharField(max_length=200, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Sensitive health details: person {self.person_id}"


class TeamInvolvement(models.Model):
    """A team that has worked with the child: the access policy's own record of who may see a child
    beyond the front door (access.rules.Record.teams). Written when a pathway gives a team the child's
    case (an allocation) and never removed, so a team keeps sight of a child it has worked with; the
    policy reads this table, not the pathways' own, so it depends on none of them."""

    authority = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="team_involvement_once")]
        indexes = [models.Index(fields=["person"], name="team_involvement_person")]

    def __str__(self) -> str:
        return f"Team {self.team_id} works with person {self.person_id}"

"""Recording why no return home interview was offered (the "not offered, and why" of issue 6).

Kept apart from missing.services, which is already at its size limit; same shape: permission,
validation (missing.rules.not_offered_problems), one transaction with its audit event.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.records import same_authority
from frontdoor.missing import rules
from frontdoor.missing.models import MissingEpisode, ReturnInterview
from frontdoor.missing.services import _locked
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require


@transaction.atomic
def interview_not_offered(
    *, actor: User, episode: MissingEpisode, version: int, reason: str, detail: str = ""
) -> MissingEpisode:
    """Record why no return interview was offered after the child's return, who said so and when.

    Recording it again replaces the reason (the audit trail keeps each one). The 72-hour clock is
    left running: the duty to offer was not met, and the figures count the episode as not offered.
    """
    require(actor, "missing.interview")
    same_authority(actor, episode)
    episode = _locked(episode, version)
    problems = rules.not_offered_problems(
        reason=reason,
        detail=detail,
        returned=episode.returned_at is not None,
        offered=ReturnInterview.objects.filter(episode=episode).exists(),
    )
    if problems:
        raise ValidationError(problems)
    episode.not_offered_reason = reason
    episode.not_offered_detail = detail.strip()
    episode.not_offered_by = actor
    episode.not_offered_at = timezone.now()
    episode.version += 1
    episode.save(
        update_fields=[
            "not_offered_reason",
            "not_offered_detail",
            "not_offered_by",
            "not_offered_at",
            "version",
        ]
    )
    audit_record(
        actor=actor,
        action="missing.interview_not_offered",
        subject=episode,
        authority_id=episode.authority_id,
        person_id=episode.person_id,
        changes={"reason": reason, "detail": episode.not_offered_detail},
    )
    return episode

"""Police protection and emergency protection orders recorded against a child's episode.

Children Act 1989: a constable may remove a child, or keep them where they are, for at most 72 hours
(s46); a court may make an emergency protection order for up to 8 days (s44, s45(1)), extendable
once by up to 7 days (s45(4)-(6)). Both count for Ofsted Annex A List 7 (returns.annex_a.casework).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import emergency_rules
from frontdoor.child_protection.models import EmergencyProtection
from frontdoor.child_protection.services._common import episode_problem, in_scope
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Referral


def _local(moment: datetime | None) -> datetime | None:
    """Times in messages read as the worker entered them (Europe/London)."""
    return timezone.localtime(moment) if moment is not None else None


@transaction.atomic
def emergency_protection_record(
    *,
    actor: User,
    referral: Referral,
    kind: str,
    started_at: datetime,
    circumstances: str,
    court: str = "",
    extended_until: datetime | None = None,
    ended_at: datetime | None = None,
) -> EmergencyProtection:
    """Record police protection (s46) or an emergency protection order (s44) in the episode. An order
    names its court and may carry its one extension (s45(5)); police protection has neither. An end,
    when given, is after the start, not in the future and no later than the law allows; otherwise
    nothing is saved."""
    require(actor, "child_protection.record")
    in_scope(actor, referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if problem := episode_problem(referral, timezone.localdate(started_at)):
        raise ValidationError(problem)
    problems = emergency_rules.emergency_protection_problems(
        kind=kind,
        started_at=timezone.localtime(started_at),
        court=court,
        extended_until=_local(extended_until),
        ended_at=_local(ended_at),
        now=timezone.now(),
    )
    if not circumstances.strip():
        problems["circumstances"] = "Describe the circumstances"
    if problems:
        raise ValidationError(problems)
    protection = EmergencyProtection(
        authority_id=referral.authority_id,
        referral=referral,
        person_id=referral.person_id,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        circumstances=circumstances.strip(),
        court=court.strip(),
        extended_until=extended_until,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    protection.full_clean()
    protection.save()
    audit_record(
        actor=actor,
        action="emergency_protection.recorded",
        subject=protection,
        authority_id=protection.authority_id,
        person_id=protection.person_id,
        changes={
            "kind": kind,
            "started_at": started_at,
            "extended_until": extended_until,
            "ended_at": ended_at,
        },
    )
    return protection


@transaction.atomic
def emergency_protection_end(
    *, actor: User, protection: EmergencyProtection, ended_at: datetime
) -> EmergencyProtection:
    """Record when police protection or an order ended: once, after it began, not in the future, and
    no later than it must have ended (s46(6); s45(1) and (5))."""
    require(actor, "child_protection.record")
    in_scope(actor, protection)
    protection = EmergencyProtection.objects.select_for_update().get(pk=protection.pk)
    if protection.ended_at is not None:
        ended = timezone.localtime(protection.ended_at)
        raise ValidationError({"ended_at": f"This already ended on {ended:%-d %B %Y at %H:%M}"})
    problems = emergency_rules.emergency_protection_end_problems(
        kind=protection.kind,
        started_at=timezone.localtime(protection.started_at),
        extended_until=_local(protection.extended_until),
        ended_at=timezone.localtime(ended_at),
        now=timezone.now(),
    )
    if problems:
        raise ValidationError(problems)
    protection.ended_at = ended_at
    protection.full_clean()
    protection.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        action="emergency_protection.ended",
        subject=protection,
        authority_id=protection.authority_id,
        person_id=protection.person_id,
        changes={"ended_at": ended_at},
    )
    return protection

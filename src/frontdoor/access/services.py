"""Every write about access: restricting a record, reviewing or lifting it, break-glass and health
markers. Each checks permissions, validates, runs in one transaction with its audit row.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import rules
from frontdoor.access.models import BreakGlass, HealthMarker, Restriction, RestrictionReason, TeamInvolvement
from frontdoor.access.rules import PersonRef
from frontdoor.access.scope import record_of, viewer_of
from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.records import claim_version
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

REASON_REQUIRED = "Give the reason you need to see this record now"
NOT_FOUND = "No person was found with that reference."


def _named(actor: User, users: Iterable[User]) -> list[User]:
    named = {u.pk: u for u in users}
    for user in named.values():
        if user.authority_id != actor.authority_id or not user.is_active:
            raise ValidationError({"allowed_users": "Choose members of staff in your authority"})
    named[actor.pk] = actor  # the owner is always on the list
    return list(named.values())


@transaction.atomic
def restriction_create(
    *, actor: User, person: PersonRef, reason: str, note: str = "", allowed_users: Iterable[User] = ()
) -> Restriction:
    """Restrict the person's record to a named list (the actor, its owner, always on it), and start
    the review clock (clocks.rules "restriction_review": 3 months, security.md §4)."""
    require(actor, "restriction.manage")
    if person.authority_id != actor.authority_id:
        raise Http404(NOT_FOUND)
    if reason not in RestrictionReason.values:
        raise ValidationError({"reason": "Choose why the record is restricted"})
    if Restriction.objects.select_for_update().filter(person_id=person.pk, lifted_at__isnull=True).exists():
        raise ValidationError({"reason": "This record is already restricted"})
    now = timezone.now()
    named = _named(actor, allowed_users)
    restriction = Restriction.objects.create(
        authority_id=actor.authority_id,
        person_id=person.pk,
        reason=reason,
        note=note.strip(),
        owner=actor,
        created_at=now,
        created_by=actor,
    )
    restriction.allowed_users.set(named)
    restriction.review_clock = clock_start(
        authority=actor.authority,
        standard="restriction_review",
        started_at=now,
        subject=restriction,
        person=person,
    )
    restriction.save(update_fields=["review_clock"])
    audit_record(
        actor=actor,
        action="restriction.created",
        subject=restriction,
        authority_id=actor.authority_id,
        person_id=person.pk,
        changes={"reason": reason, "allowed_users": sorted(u.pk for u in named)},
    )
    return restriction


@transaction.atomic
def restriction_review(
    *, actor: User, restriction: Restriction, version: int, keep: bool, allowed_users: Iterable[User] = ()
) -> Restriction:
    """Record a review: keep the restriction (with its list, restarting the review clock) or lift it."""
    require(actor, "restriction.manage")
    if restriction.authority_id != actor.authority_id or restriction.lifted_at is not None:
        raise Http404(NOT_FOUND)
    claim_version(restriction, version)
    now = timezone.now()
    if restriction.review_clock is not None and restriction.review_clock.completed_at is None:
        clock_complete(clock=restriction.review_clock, at=now)
    changes: dict[str, Any] = {"kept": keep}
    if keep:
        named = _named(actor, allowed_users) if allowed_users else list(restriction.allowed_users.all())
        restriction.allowed_users.set(named)
        restriction.review_clock = clock_start(
            authority=actor.authority,
            standard="restriction_review",
            started_at=now,
            subject=restriction,
            person=restriction.person,
        )
        changes["allowed_users"] = sorted(u.pk for u in named)
    else:
        restriction.lifted_at, restriction.lifted_by = now, actor
    restriction.last_reviewed_at = now
    restriction.version = version + 1
    restriction.save(update_fields=["review_clock", "last_reviewed_at", "lifted_at", "lifted_by"])
    action = "restriction.reviewed" if keep else "restriction.lifted"
    audit_record(
        actor=actor,
        action=action,
        subject=restriction,
        authority_id=actor.authority_id,
        person_id=restriction.person_id,
        changes=changes,
    )
    return restriction


@transaction.atomic
def break_glass_grant(
    *, actor: User, person: PersonRef, reason: str, now: datetime | None = None
) -> BreakGlass:
    """Emergency access to a restricted record the actor is not named on: needs a reason, lasts
    rules.BREAK_GLASS_DURATION, is audited, and alerts the restriction's owner at once (a notice in
    Frontdoor and an email). The NHS Spine "emergency access" model (security.md §4)."""
    require(actor, "break_glass.use")
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    if person.authority_id != actor.authority_id or not rules.may_break_glass(
        viewer_of(actor), record_of(person), now
    ):
        raise Http404(NOT_FOUND)
    restriction = Restriction.objects.select_related("owner").get(person_id=person.pk, lifted_at__isnull=True)
    glass = BreakGlass.objects.create(
        authority_id=actor.authority_id,
        restriction=restriction,
        person_id=person.pk,
        user=actor,
        reason=reason.strip(),
        granted_at=now,
        expires_at=rules.break_glass_expiry(now),
    )
    audit_record(
        actor=actor,
        action="break_glass.granted",
        subject=glass,
        authority_id=actor.authority_id,
        person_id=person.pk,
        changes={"reason": glass.reason, "expires_at": glass.expires_at},
        at=now,
    )
    _alert_owner(restriction, glass)
    return glass


def _alert_owner(restriction: Restriction, glass: BreakGlass) -> None:
    """The owner is told in the grant's transaction (the outbox emails it once that commits). The
    notice says who and when, not whose record or why: it may be emailed (the reason, free text,
    may name the child; the owner reads it on the restricted records page)."""
    at, until = timezone.localtime(glass.granted_at), timezone.localtime(glass.expires_at)
    notify(
        authority_id=restriction.authority_id,
        recipients=[restriction.owner],
        kind=Kind.BREAK_GLASS,
        event_key=f"break_glass:{glass.pk}",
        title="Break-glass access to a restricted record you own",
        body=(
            f"{glass.user.display_name} ({glass.user.get_role_display()}) used break-glass to open a "
            f"restricted record you own at {at:%H:%M on %d %b %Y}, until {until:%H:%M}. The reason "
            "they gave is on the restricted records page."
        ),
        link=reverse("records:restrictions"),
    )


@transaction.atomic
def health_mark(*, actor: User, person: PersonRef, sensitive: bool, note: str = "") -> HealthMarker | None:
    """Mark (or unmark) the person's health details as sensitive: hidden from roles outside
    access.rules.HEALTH_ROLES (UK GDPR Art. 9; Caldicott principle 3, minimum necessary)."""
    require(actor, "health.mark")
    if person.authority_id != actor.authority_id:
        raise Http404(NOT_FOUND)
    existing = HealthMarker.objects.filter(person_id=person.pk).first()
    if sensitive and existing is None:
        marker = HealthMarker.objects.create(
            authority_id=actor.authority_id,
            person_id=person.pk,
            note=note.strip(),
            marked_by=actor,
            marked_at=timezone.now(),
        )
        audit_record(
            actor=actor, action="health.marked", subject=marker, authority_id=actor.authority_id,
            person_id=person.pk, changes={"note": marker.note},
        )  # fmt: skip
        return marker
    if not sensitive and existing is not None:
        audit_record(
            actor=actor, action="health.unmarked", subject=existing, authority_id=actor.authority_id,
            person_id=person.pk, changes={"note": [existing.note, None]},
        )  # fmt: skip
        existing.delete()
    return existing if sensitive else None


def team_involvement_record(*, person_id: int, team_id: int, authority_id: int, at: datetime) -> None:
    """Remember that a team now works with the child (a pathway gave it the child's case), so the
    policy lets its members see the child from now on. Called inside the pathway's own transaction,
    which audits the allocation itself; a team already involved is left as it was."""
    TeamInvolvement.objects.get_or_create(
        team_id=team_id, person_id=person_id, defaults={"authority_id": authority_id, "since": at}
    )

"""Reads about access: the restrictions list, one restriction, and whether a person's health
details may be shown to the actor."""

from typing import Any

from django.http import Http404

from frontdoor.access import rules
from frontdoor.access.models import BreakGlass, HealthMarker, Restriction
from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

NOT_FOUND = "No restriction was found."


def restrictions_for(*, actor: User) -> list[Restriction]:
    """Active restrictions the actor may see (named on, or the auditor), review due soonest first.
    Logs that the actor saw the restricted children's names."""
    require(actor, "restriction.view")
    rows = list(
        Restriction.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, lifted_at__isnull=True
        )
        .select_related("person", "owner", "review_clock")
        .prefetch_related("allowed_users")
        .order_by("review_clock__due_at", "pk")
    )
    access_log(actor=actor, person_ids=(r.person_id for r in rows), purpose="access.restrictions")
    return rows


def break_glass_uses(*, actor: User, limit: int = 50) -> list[BreakGlass]:
    """Recent break-glass uses in the authority, newest first (for managers and the DPO)."""
    require(actor, "restriction.view")
    return list(
        BreakGlass.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id)
        .select_related("user", "person")
        .order_by("-granted_at", "-pk")[:limit]
    )


def restriction_get_for(*, actor: User, restriction_id: Any, purpose: str) -> Restriction:
    """One active restriction on a person the actor may see; 404 alike for missing and hidden."""
    require(actor, "restriction.view")
    try:
        restriction = (
            Restriction.objects.filter(
                visible(actor, "person_id"), authority_id=actor.authority_id, lifted_at__isnull=True
            )
            .select_related("person", "owner", "review_clock")
            .get(pk=int(restriction_id))
        )
    except (Restriction.DoesNotExist, TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    access_log(actor=actor, person_ids=[restriction.person_id], purpose=purpose)
    return restriction


def active_restriction(*, person: Any) -> Restriction | None:
    """For a person the caller has already read through person_get_for."""
    return (
        Restriction.objects.filter(person=person, lifted_at__isnull=True)
        .select_related("owner", "review_clock")
        .first()
    )


def health_shown(*, actor: User, person: Any) -> tuple[bool, HealthMarker | None]:
    """(show the health details?, the marker). Unmarked details show to everyone who sees the child."""
    marker = HealthMarker.objects.filter(person=person).first()
    return (marker is None or rules.sees_health(actor.role), marker)

"""Reads after the front door, scoped to the actor's authority and access-logged."""

from django.http import Http404

from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Allocation, Referral, Visit


def referral_get_for(*, actor: User, referral_id: int, purpose: str) -> Referral:
    """One episode with its clocks; 404 alike for missing and for another authority's."""
    require(actor, "child.view")
    try:
        referral = Referral.objects.select_related(
            "person", "child_seen_clock", "assessment_clock", "contact_child__contact", "opened_by"
        ).get(pk=referral_id, authority_id=actor.authority_id)
    except Referral.DoesNotExist:
        raise Http404("No referral was found.") from None
    access_log(actor=actor, person_ids=[referral.person_id], purpose=purpose)
    return referral


def allocations_for(*, referral: Referral) -> list[Allocation]:
    return list(referral.allocations.select_related("team", "worker", "allocated_by").order_by("-started_at"))


def visits_for(*, referral: Referral) -> list[Visit]:
    return list(referral.visits.select_related("visitor").order_by("-occurred_at"))


def referrals_for_person(*, actor: User, person_id: int) -> list[Referral]:
    """A child's episodes, newest first (the caller has already logged access to the child)."""
    require(actor, "child.view")
    return list(
        Referral.objects.filter(authority_id=actor.authority_id, person_id=person_id)
        .select_related("child_seen_clock", "assessment_clock")
        .prefetch_related("allocations__worker")
        .order_by("-referral_date", "-pk")
    )

"""Restricted records in the synthetic authority, made through access.services as a manager would.

No published rate was found (security.md §4 names the categories: children related to staff,
adoption, high-profile cases). Assumption: about 1 in 500 children with a referral, mostly staff
relatives. Each is restricted by a team manager to the child's allocated worker (the owner is
always on the list), so every other user meets the same "not found" as for no record at all.
"""

import random

from django.db.models import Exists, OuterRef

from frontdoor.access.models import RestrictionReason
from frontdoor.access.services import restriction_create
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation

PER_REFERRED_CHILDREN = 500
REASONS = (
    (RestrictionReason.STAFF, 0.6),
    (RestrictionReason.ADOPTION, 0.25),
    (RestrictionReason.HIGH_PROFILE, 0.15),
)
NOTES = {
    RestrictionReason.STAFF: "A relative works in the authority's children's services (synthetic).",
    RestrictionReason.ADOPTION: "Placed for adoption; pre-order records sealed (synthetic).",
    RestrictionReason.HIGH_PROFILE: "Reported in local news; restricted on request (synthetic).",
}


def restrictions_make(*, authority: Authority, rng: random.Random) -> int:
    """Restrict a few referred children's records; returns how many."""
    manager = (
        User.objects.filter(authority=authority, role=Role.TEAM_MANAGER, is_active=True)
        .order_by("pk")
        .first()
    )
    if manager is None:
        return 0
    held = Allocation.objects.filter(referral__person=OuterRef("pk"), ended_at__isnull=True)
    referred = list(
        Person.objects.filter(authority=authority, referrals__isnull=False)
        .filter(Exists(held))
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(referred, k=min(len(referred), max(1, len(referred) // PER_REFERRED_CHILDREN)))
    for person_id in sorted(chosen):
        reason = rng.choices([r for r, _ in REASONS], weights=[w for _, w in REASONS])[0]
        holders = User.objects.filter(
            allocations__referral__person_id=person_id, allocations__ended_at__isnull=True, is_active=True
        ).distinct()
        restriction_create(
            actor=manager,
            person=Person.objects.get(pk=person_id),
            reason=reason,
            note=NOTES[reason],
            allowed_users=list(holders),
        )
    return len(chosen)

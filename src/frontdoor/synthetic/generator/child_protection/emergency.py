"""Police protection (Children Act 1989 s46) and emergency protection orders (s44) for a few of the
children referred because significant harm was suspected, as child_protection.services records them.

Police protection begins before the front door hears of it (the police refer the child they have
taken to safety) and ends within its 72 hours; an order is made a day or two after the decision and
ends within its 8 days, a few extended once by up to 7 (emergency_rules). Shares are
profiles.CHILD_PROTECTION's (assumptions: DfE publishes no count of either).
"""

import random
from datetime import datetime, timedelta

from frontdoor.child_protection.emergency_rules import (
    EPO,
    EPO_EXTENSION_LIMIT,
    POLICE_PROTECTION,
    emergency_protection_first_end,
)
from frontdoor.child_protection.models import EmergencyProtection
from frontdoor.referrals.models import Referral
from frontdoor.synthetic.generator.base import chance
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.synthetic.profiles import ChildProtectionMix

CIRCUMSTANCES = {
    POLICE_PROTECTION: (
        "Police called to a domestic incident found the child alone with an intoxicated adult and took "
        "the child to a relative's home.",
        "Child found wandering late at night; no adult could be found at home. Placed with emergency "
        "foster carers.",
        "Officers attending a disturbance removed the child to a place of safety after an assault "
        "in the home.",
    ),
    EPO: (
        "Parent refused access to the child after serious injuries were reported; order granted to "
        "remove the child to foster care.",
        "Risk of the family leaving the area with the child before the section 47 enquiry; order "
        "granted, child placed with extended family.",
    ),
}
COURT = "Family Court (synthetic)"


def emergency_protection(
    writer: Writer,
    rng: random.Random,
    mix: ChildProtectionMix,
    *,
    referral: Referral,
    decided: datetime,
    worker: int,
    end: datetime,
) -> None:
    """Police protection or an order for this child, by the mix's shares; nothing after `end`."""
    if chance(rng, mix.police_protection):
        kind, started = POLICE_PROTECTION, decided - timedelta(hours=rng.uniform(1, 12))
        lasts, extended = timedelta(hours=rng.uniform(4, 72)), None
    elif chance(rng, mix.emergency_protection_order):
        kind, started = EPO, decided + timedelta(hours=rng.uniform(18, 48))
        extended = None
        first_end = emergency_protection_first_end(kind=EPO, started_at=started)
        # The court extends an order before its first end: one ending after `end` is not yet extended.
        if chance(rng, mix.order_extended) and first_end <= end:
            extended = first_end + EPO_EXTENSION_LIMIT * rng.uniform(0.3, 1)
        lasts = timedelta(days=rng.uniform(2, 8)) if extended is None else extended - started
    else:
        return
    if started > end:
        return
    ended = started + lasts if started + lasts <= end else None
    writer.add(
        EmergencyProtection(
            pk=writer.next_id(EmergencyProtection),
            authority_id=referral.authority_id,
            referral_id=referral.pk,
            person_id=referral.person_id,
            kind=kind,
            started_at=started,
            ended_at=ended,
            circumstances=rng.choice(CIRCUMSTANCES[kind]),
            court=COURT if kind == EPO else "",
            extended_until=extended,
            recorded_by_id=worker,
            recorded_at=min(max(started, decided) + timedelta(hours=2), end),
        )
    )

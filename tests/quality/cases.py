"""Cases to audit, supervise and step down, made through the real services (shared by the tests of
quality, supervision and early help)."""

from datetime import timedelta

from django.utils import timezone

from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import ContactChild
from frontdoor.organisations.models import AgencyKind, Authority, Role, User
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from tests import builders


def decided(
    la: Authority,
    manager: User,
    outcome: str,
    *,
    child: Person | None = None,
    hours_ago: float = 3,
    school=None,
) -> ContactChild:
    """A contact about `child` (a new one by default), decided with `outcome` by `manager`."""
    officer = builders.user(la, Role.CONTACT_OFFICER)
    contact = contact_services.contact_record(
        actor=officer,
        children=[child or builders.child(la)],
        channel="phone",
        source="2A" if school else "6",
        source_agency=school,
        received_at=timezone.now() - timedelta(hours=hours_ago),
        concerns="Often hungry and tired at school",
        concern_categories=["neglect"],
        consent="obtained",
    )
    journey = contact.children.get()
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(la, 4 if outcome in ("assessment", "strategy") else 2),
        rationale="Decided on the information gathered",
    )
    journey.refresh_from_db()
    return journey


def school(la: Authority, name: str = "Northwick Primary School"):
    return builders.agency(la, name, AgencyKind.EDUCATION)


def cin_episode(la: Authority, manager: User, *, child: Person | None = None) -> Referral:
    return Referral.objects.get(contact_child=decided(la, manager, "assessment", child=child))

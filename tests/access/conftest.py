"""A front door with a restricted child (Sable Hidden) and an unrestricted sibling (Tom Open), both on
an open contact, an assessment team, and the restriction owned by the front-door manager."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.models import Restriction
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact
from frontdoor.organisations.models import Role, Team, User
from frontdoor.people.models import Person
from tests import builders


@dataclass
class Front:
    officer: User
    manager: User
    leader: User
    assessor: User  # a social worker in an assessment team the children were never allocated to
    hidden: Person
    open: Person
    contact: Contact
    restriction: Restriction


@pytest.fixture
def front(db, la, officer, manager) -> Front:
    manager.email = "owner@frontdoor.example"
    manager.save(update_fields=["email"])
    hidden, open_ = builders.child(la, "Sable", "Hidden"), builders.child(la, "Tom", "Open")
    builders.living_together(la, hidden, open_)
    contact = services.contact_record(
        actor=officer,
        children=[hidden, open_],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Worried about both children",
        concern_categories=["neglect"],
        consent="obtained",
    )
    restriction = access_services.restriction_create(actor=manager, person=hidden, reason="staff")
    assessor = builders.user(la, Role.SOCIAL_WORKER)
    assessor.team = Team.objects.create(authority=la, name="Assessment Team North")
    assessor.save(update_fields=["team"])
    leader = builders.user(la, Role.SENIOR_LEADER)
    return Front(officer, manager, leader, assessor, hidden, open_, contact, restriction)

"""Two authorities, each with a child known to its front door, for the security tests.

Everything is recorded as if two hours ago. In each authority: one member of staff per role, a child
with an open contact (received 30 hours before that, so it is on the queue, the board and the daily
review) with a partner check whose question names the child, and a decided contact that opened a
children-in-need episode. The child's name and references are memorable, so that a page showing
them can be told apart from one that does not.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from frontdoor.clocks import admin_services
from frontdoor.clocks.models import BankHoliday
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact, ContactChild, Outcome, PartnerCheck
from frontdoor.organisations.models import AgencyKind, Authority, PartnerAgency, Role, User
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from tests import builders


@dataclass
class Side:
    """One authority's staff and the records about its child."""

    la: Authority
    staff: dict[str, User]
    child: Person
    contact: Contact  # open
    journey: ContactChild  # the child on the open contact
    check: PartnerCheck  # awaiting an answer, about the open contact
    decided: ContactChild  # the child on the decided contact
    referral: Referral
    other_agency: PartnerAgency  # with no check waiting, for requesting one
    markers: tuple[str, ...] = field(default=())

    @property
    def manager(self) -> User:
        return self.staff[Role.TEAM_MANAGER]


@dataclass
class World:
    own: Side
    other: Side
    holiday: BankHoliday


def _record(la: Authority, officer: User, child: Person, hours_ago: int) -> Contact:
    return services.contact_record(
        actor=officer,
        children=[child],
        received_at=timezone.now() - timedelta(hours=hours_ago),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )


def _side(code: str, name: str, first: str, last: str) -> Side:
    la = builders.authority(code, name)
    staff = {role: builders.user(la, role) for role in Role}
    officer, manager = staff[Role.CONTACT_OFFICER], staff[Role.TEAM_MANAGER]
    child = builders.child(la, first, last)
    police = builders.agency(la)
    health = builders.agency(la, "Worcester Health Visiting", AgencyKind.HEALTH)
    contact = _record(la, officer, child, hours_ago=30)
    check = services.partner_check_request(
        actor=manager, contact=contact, agency=police, question=f"What do you know about {first} {last}?"
    )
    earlier = _record(la, officer, child, hours_ago=50).children.get()
    services.contact_child_decide(
        actor=manager,
        journey=earlier,
        version=earlier.version,
        outcome=Outcome.ASSESSMENT,
        need_level=builders.level(la, 3),
        rationale="Needs an assessment",
    )
    earlier.refresh_from_db()
    return Side(
        la=la,
        staff=staff,
        child=child,
        contact=contact,
        journey=contact.children.get(),
        check=check,
        decided=earlier,
        referral=Referral.objects.get(contact_child=earlier),
        other_agency=health,
        markers=(child.full_name, child.reference, contact.reference, earlier.contact.reference),
    )


@pytest.fixture
def world(db) -> World:
    # Two hours ago, in whole seconds, so that answers and feedback can be recorded "an hour ago".
    two_hours_ago = (timezone.now() - timedelta(hours=2)).replace(microsecond=0)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_ago):
        own = _side("885", "Worcestershire (test)", "Zinnia", "Quillfeather")
        other = _side("884", "Herefordshire (test)", "Orrin", "Blackwood")
    holiday, _ = admin_services.bank_holiday_add(
        actor=own.staff[Role.ADMINISTRATOR], day=_next_weekday(date(2031, 3, 3)), name="Test holiday"
    )
    return World(own=own, other=other, holiday=holiday)


def _next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day

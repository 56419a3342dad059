"""Records made through the services, for the returns to read back."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from frontdoor.contacts import services as contacts
from frontdoor.contacts.models import Outcome
from frontdoor.organisations.models import Role, User
from frontdoor.people import services as people
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from tests import builders


@dataclass
class Casework:
    lead: User  # a performance lead (senior leader)
    manager: User
    officer: User
    amelia: Person  # referred for assessment: a children-in-need episode
    ben: Person  # contact decided as advice: no episode, on List 1 only
    referral: Referral
    received_at: datetime


def _contact(officer: User, child: Person, received_at: datetime, source: str):
    return contacts.contact_record(
        actor=officer,
        children=[child],
        received_at=received_at,
        channel="phone",
        source=source,
        concerns="Bruises noticed at school",
        concern_categories=["physical"],
        consent="obtained",
    )


def _decide(manager: User, contact, outcome: str, level: int) -> None:
    journey = contact.children.get()
    contacts.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(manager.authority, level),
        rationale="Decided on the evidence",
    )


@pytest.fixture
def casework(la, manager, officer) -> Casework:
    lead = builders.user(la, Role.SENIOR_LEADER)
    # Mid-morning two days ago, so Ben's contact an hour later is on the same day whatever the time now.
    received_at = timezone.localtime(timezone.now() - timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    amelia = people.person_create(
        actor=officer, first_name="Amelia", last_name="Thornbury", date_of_birth=date(2014, 6, 9), sex="F",
        ethnicity="MWBC", disabilities=["AUT", "COMM"],
        upn_unknown="UN2",
    )  # fmt: skip
    ben = people.person_create(
        actor=officer, first_name="Ben", last_name="Quayle", date_of_birth=date(2019, 1, 20), sex="M",
        ethnicity="WBRI",
    )  # fmt: skip
    _decide(manager, _contact(officer, amelia, received_at, "2A"), Outcome.ASSESSMENT, 4)
    _decide(manager, _contact(officer, ben, received_at + timedelta(hours=1), "6"), Outcome.ADVICE, 2)
    referral = Referral.objects.get(person=amelia)
    return Casework(lead, manager, officer, amelia, ben, referral, received_at)

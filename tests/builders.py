"""Plain builders for test data: real rows, made the simplest way, with memorable values."""

import itertools
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.rules import last_working_day_on_or_before
from frontdoor.contacts import services as contact_services
from frontdoor.organisations.models import (
    DEFAULT_NEED_LEVELS,
    AgencyKind,
    Authority,
    NeedLevel,
    PartnerAgency,
    Professional,
    Role,
    Team,
    User,
)
from frontdoor.people.models import Address, Person, Residence
from frontdoor.people.rules import name_key
from frontdoor.referrals.models import Referral

_seq = itertools.count(1)


def authority(code: str = "885", name: str = "Worcestershire (test)") -> Authority:
    la, _ = Authority.objects.get_or_create(la_code=code, defaults={"name": name})
    for level, title, description in DEFAULT_NEED_LEVELS:
        NeedLevel.objects.get_or_create(
            authority=la, level=level, defaults={"name": title, "description": description}
        )
    return la


def team(la: Authority, name: str = "Family Front Door") -> Team:
    return Team.objects.get_or_create(authority=la, name=name, defaults={"is_front_door": True})[0]


def user(la: Authority, role: str = Role.TEAM_MANAGER, username: str | None = None) -> User:
    username = username or f"{role}-{la.la_code}-{next(_seq)}"
    return User.objects.create_user(
        username=username,
        password="correct horse battery",
        authority=la,
        team=team(la),
        role=role,
        first_name=role.replace("_", " ").title(),
        last_name="Tester",
    )


def agency(la: Authority, name: str = "Mercia Police", kind: str = AgencyKind.POLICE) -> PartnerAgency:
    return PartnerAgency.objects.get_or_create(
        authority=la, name=name, defaults={"kind": kind, "answers_partner_checks": True}
    )[0]


def professional(la: Authority, name: str = "PC Lee", agency_name: str = "Mercia Police") -> Professional:
    """A named professional in a partner agency (an owner of actions agreed at meetings)."""
    kind = AgencyKind.POLICE if "Police" in agency_name else AgencyKind.EDUCATION
    return Professional.objects.create(authority=la, agency=agency(la, agency_name, kind), name=name)


def child(
    la: Authority, first: str = "Tom", last: str = "Example", dob: date | None = date(2016, 5, 4)
) -> Person:
    n = next(_seq)
    return Person.objects.create(
        authority=la,
        reference=f"T{la.la_code}{n:06d}",
        first_name=first,
        last_name=last,
        date_of_birth=dob,
        sex="M",
        created_at=timezone.now(),
        last_name_key=name_key(last),
        first_name_key=name_key(first),
    )


def adult(la: Authority, first: str = "Jo", last: str = "Example") -> Person:
    person = child(la, first, last, dob=date(1988, 1, 2))
    person.is_child = False
    person.save(update_fields=["is_child"])
    return person


def living_together(la: Authority, *people: Person, postcode: str = "WR1 2AB") -> Address:
    address = Address.objects.create(
        authority=la, line_1=f"{next(_seq)} Test Street", town="Worcester", postcode=postcode
    )
    for person in people:
        Residence.objects.create(person=person, address=address)
    return address


def level(la: Authority, n: int) -> NeedLevel:
    return NeedLevel.objects.get(authority=la, level=n)


def referral(
    la: Authority, manager: User, *, person: Person | None = None, days_ago: float = 0.125
) -> Referral:
    """A children-in-need episode opened the usual way: a contact decided for assessment."""
    contact = contact_services.contact_record(
        actor=user(la, Role.CONTACT_OFFICER),
        children=[person or child(la)],
        channel="phone",
        source="2A",
        received_at=timezone.now() - timedelta(days=days_ago),
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )
    journey = contact.children.get()
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="assessment",
        need_level=level(la, 3),
        rationale="Needs an assessment of the child's needs",
    )
    return Referral.objects.get(contact_child=journey)


def partner(la: Authority, agency: PartnerAgency | None = None, username: str | None = None) -> User:
    """A partner agency's portal user (a school's designated safeguarding lead by default)."""
    agency = (
        agency
        or PartnerAgency.objects.get_or_create(
            authority=la,
            name="Riverside Primary School",
            defaults={
                "kind": AgencyKind.EDUCATION,
                "default_referral_source": "2A",
                "answers_partner_checks": True,
            },
        )[0]
    )
    person = user(la, Role.PARTNER_USER, username=username)
    person.team = None
    person.partner_agency = agency
    person.email = f"{person.username}@school.example"
    person.job_title = "Designated safeguarding lead"
    person.save(update_fields=["team", "partner_agency", "email", "job_title"])
    return person


def months_on(day: date, months: int) -> date:
    """The due date of a calendar-month standard started on `day` with the default calendar: the date
    `months` on, or the last working day before it (clocks.rules, issue 18)."""
    return last_working_day_on_or_before(
        day + relativedelta(months=months), WorkingCalendar(), not_before=day
    )

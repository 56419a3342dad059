"""Plain builders for test data: real rows, made the simplest way, with memorable values."""

import itertools
from datetime import date

from django.utils import timezone

from frontdoor.organisations.models import (
    DEFAULT_NEED_LEVELS,
    AgencyKind,
    Authority,
    NeedLevel,
    PartnerAgency,
    Role,
    Team,
    User,
)
from frontdoor.people.models import Address, Person, Residence
from frontdoor.people.rules import name_key

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

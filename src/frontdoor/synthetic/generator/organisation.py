"""The authority's organisation: teams and staff, partner agencies and their named professionals,
and the levels-of-need scale. All names are invented; agencies are marked "(synthetic)".
"""

import random
import string
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.utils.text import slugify
from faker import Faker

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
from frontdoor.synthetic.generator import identifiers
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.synthetic.profiles import Profile

FRONT_DOOR_TEAM = "Family Front Door"
JOB_TITLES: dict[str, str] = {
    Role.CONTACT_OFFICER: "Contact officer",
    Role.SOCIAL_WORKER: "Social worker",
    Role.SOCIAL_WORK_ASSISTANT: "Social work assistant",
    Role.TEAM_MANAGER: "Team manager",
    Role.SENIOR_LEADER: "Head of service",
    Role.QUALITY_ASSURANCE: "Quality assurance officer",
    Role.ADMINISTRATOR: "System administrator",
    Role.AUDITOR: "Data protection officer",
}
# Roles that work inside the front-door team; the others sit above or beside it (no team).
TEAM_ROLES = (Role.CONTACT_OFFICER, Role.SOCIAL_WORKER, Role.TEAM_MANAGER)

K = AgencyKind
# (name, kind, usual ReferralSource, answers partner checks, check key, professionals' role)
FIXED_AGENCIES = (
    ("Mercia Police (synthetic)", K.POLICE, "6", True, "police", "Police officer, public protection"),
    ("Health Visiting Service (synthetic)", K.HEALTH, "3B", True, "health_visiting", "Health visitor"),
    ("School Nursing Service (synthetic)", K.HEALTH, "3C", True, "school_nursing", "School nurse"),
    ("Maternity Services (synthetic)", K.HEALTH, "3F", True, "maternity", "Community midwife"),
    (
        "Child and Adolescent Mental Health Service (synthetic)",
        K.HEALTH,
        "3F",
        True,
        "camhs",
        "CAMHS practitioner",
    ),
    ("Early Help Hub (synthetic)", K.SOCIAL_CARE, "5D", True, "early_help", "Early help practitioner"),
    ("Probation Service (synthetic)", K.PROBATION, "7", True, "probation", "Probation officer"),
    (
        "Adult Mental Health Services (synthetic)",
        K.HEALTH,
        "3F",
        True,
        "adult_mental_health",
        "Mental health nurse",
    ),
    ("Housing Options (synthetic)", K.HOUSING, "4", True, "housing", "Housing officer"),
    (
        "Adult Social Care (synthetic)",
        K.ADULT_SERVICES,
        "5B",
        True,
        "adult_social_care",
        "Social worker (adults)",
    ),
    ("Community Nursing and Therapies (synthetic)", K.HEALTH, "3D", False, "", "Community nurse"),
    (
        "County Hospital Emergency Department (synthetic)",
        K.HEALTH,
        "3E",
        False,
        "",
        "Emergency department nurse",
    ),
    (
        "Riverside Hospital Emergency Department (synthetic)",
        K.HEALTH,
        "3E",
        False,
        "",
        "Emergency department nurse",
    ),
    ("Severn Vale Housing Association (synthetic)", K.HOUSING, "4", False, "", "Tenancy officer"),
    (
        "Children's Social Care, neighbouring authority (synthetic)",
        K.SOCIAL_CARE,
        "5A",
        False,
        "",
        "Social worker",
    ),
    ("Leaving Care Service (synthetic)", K.SOCIAL_CARE, "5A", False, "", "Personal adviser"),
    ("SEND Service (synthetic)", K.EDUCATION, "5B", False, "", "SEND caseworker"),
    ("Family Support Partnership (synthetic)", K.VOLUNTARY, "5C", False, "", "Family support worker"),
    ("CAFCASS (synthetic)", K.OTHER, "7", False, "", "Family court adviser"),
    ("Youth Justice Service (synthetic)", K.OTHER, "7", False, "", "Youth justice officer"),
    ("Women's Aid (synthetic)", K.VOLUNTARY, "8", False, "", "Domestic abuse advocate"),
    ("Substance Misuse Service (synthetic)", K.VOLUNTARY, "8", False, "", "Recovery worker"),
    ("Education Inclusion Service (synthetic)", K.EDUCATION, "2B", False, "", "Education welfare officer"),
    ("Virtual School (synthetic)", K.EDUCATION, "2B", False, "", "Virtual school officer"),
)
# Agencies whose extra professionals the budget goes to first (assumption: big referrers).
_BUSY = {"police": 10, "health_visiting": 2, "school_nursing": 2, "maternity": 1, "camhs": 1, "early_help": 1}
_SCHOOL_WORDS = (
    "Oakfield",
    "St Mary's",
    "Holy Trinity",
    "Northwick",
    "Riverside",
    "Hillview",
    "St John's",
    "Ashbrook",
    "Meadowbank",
    "Abbey Park",
    "Chestnut Grove",
    "Bredon View",
    "Kingfisher",
    "Lark Hill",
    "St Peter's",
    "Orchard Vale",
    "Perry Wood",
    "Cherry Orchard",
    "Malvern Vale",
    "Severn Side",
    "Pinewood",
    "Elmfield",
    "Willow Brook",
    "Foxhill",
    "Heronswood",
    "Millbrook",
    "Teme Valley",
)


@dataclass(frozen=True)
class School:
    pk: int
    establishment: int
    secondary: bool


@dataclass
class Org:
    authority: Authority
    front_door_id: int
    staff: dict[str, list[int]]
    agencies_by_source: dict[str, list[int]]
    check_agency: dict[str, int]
    agency_kind: dict[int, str]
    schools: list[School]
    gps: list[int]
    agency_role: dict[int, str] = field(default_factory=dict)
    professionals: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)
    need_levels: dict[int, int] = field(default_factory=dict)
    # (social worker id, team id) in the assessment teams, who hold children's episodes.
    assessment_workers: list[tuple[int, int]] = field(default_factory=list)
    # (social worker id, team id) in the long-term teams (generator/long_term.py), once made.
    long_term_workers: list[tuple[int, int]] = field(default_factory=list)


def build(
    writer: Writer,
    rng: random.Random,
    fake: Faker,
    profile: Profile,
    *,
    la_code: str,
    name: str,
    at: datetime,
) -> Org:
    authority = Authority(pk=writer.next_id(Authority), la_code=la_code, name=name)
    writer.add(authority)
    writer.flush_all()
    org = Org(authority, 0, defaultdict(list), defaultdict(list), {}, {}, [], [])
    _teams_and_staff(writer, rng, fake, profile, org, at)
    _agencies(writer, rng, profile, org)
    _professionals(writer, rng, fake, profile, org)
    for level, title, description in DEFAULT_NEED_LEVELS:
        row = writer.add(
            NeedLevel(authority_id=authority.pk, level=level, name=title, description=description)
        )
        org.need_levels[level] = row.pk
    return org


def _teams_and_staff(
    writer: Writer, rng: random.Random, fake: Faker, profile: Profile, org: Org, at: datetime
) -> None:
    la = org.authority.pk
    front_door = writer.add(Team(authority_id=la, name=FRONT_DOOR_TEAM, is_front_door=True))
    org.front_door_id = front_door.pk
    # Usernames are unique across authorities: another authority's staff keep theirs.
    usernames = set(User.objects.values_list("username", flat=True))
    for role, count in profile.front_door_staff.items():
        team_id = front_door.pk if role in TEAM_ROLES else None
        for _ in range(count):
            org.staff[role].append(user_make(writer, rng, fake, usernames, la, team_id, role, at))
    for team_name in profile.assessment_teams:
        team = writer.add(Team(authority_id=la, name=team_name))
        user_make(writer, rng, fake, usernames, la, team.pk, Role.TEAM_MANAGER, at)
        for _ in range(profile.assessment_team_social_workers):
            worker = user_make(writer, rng, fake, usernames, la, team.pk, Role.SOCIAL_WORKER, at)
            org.assessment_workers.append((worker, team.pk))
        # One assistant per team, who may hold children-in-need cases with a plan (issue 5).
        user_make(writer, rng, fake, usernames, la, team.pk, Role.SOCIAL_WORK_ASSISTANT, at)


def user_make(
    writer: Writer,
    rng: random.Random,
    fake: Faker,
    usernames: set[str],
    la: int,
    team_id: int | None,
    role: str,
    at: datetime,
) -> int:
    first, last = fake.first_name(), fake.last_name()
    base = slugify(f"{first}.{last}").replace("-", "") or "staff"
    username, n = base, 1
    while username in usernames:
        n += 1
        username = f"{base}{n}"
    usernames.add(username)
    # Synthetic staff cannot sign in: an unusable password ("!" prefix, as set_unusable_password
    # writes), made from the seeded stream so runs stay identical.
    unusable = "!" + "".join(rng.choices(string.ascii_letters + string.digits, k=40))
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@frontdoor.example",
        password=unusable,
        authority_id=la,
        team_id=team_id,
        role=role,
        job_title=JOB_TITLES[role],
        date_joined=at,
        is_active=True,
    )
    return writer.add(user).pk


def _agencies(writer: Writer, rng: random.Random, profile: Profile, org: Org) -> None:
    def add(name: str, kind: str, source: str, answers: bool, role: str) -> int:
        row = PartnerAgency(
            authority_id=org.authority.pk,
            name=name,
            kind=kind,
            default_referral_source=source,
            answers_partner_checks=answers,
        )
        writer.add(row)
        org.agencies_by_source[source].append(row.pk)
        org.agency_kind[row.pk] = kind
        org.agency_role[row.pk] = role
        return row.pk

    for name, kind, source, answers, key, role in FIXED_AGENCIES:
        pk = add(name, kind, source, answers, role)
        if key:
            org.check_agency[key] = pk
    names: set[str] = set()
    for n in range(profile.schools):
        secondary = n % 4 == 3
        name = _unique(names, partial(_school_name, rng, secondary))
        pk = add(name, K.EDUCATION, "2A", True, "Designated safeguarding lead")
        establishment = rng.randint(4000, 5999) if secondary else rng.randint(2000, 3999)
        org.schools.append(School(pk, establishment, secondary))
    for _ in range(profile.gp_practices):
        name = _unique(names, lambda: _gp_name(rng))
        org.gps.append(add(name, K.HEALTH, "3A", True, "GP"))


def _unique(seen: set[str], make: Callable[[], str]) -> str:
    name = make()
    while name in seen:
        name = make()
    seen.add(name)
    return name


def _school_name(rng: random.Random, secondary: bool) -> str:
    _postcode, town = identifiers.postcode(rng)
    kinds = (
        ("High School", "Academy", "Community School")
        if secondary
        else ("Primary School", "CofE Primary School", "First School", "Primary Academy")
    )
    return f"{rng.choice(_SCHOOL_WORDS)} {rng.choice(kinds)}, {town}"


def _gp_name(rng: random.Random) -> str:
    _postcode, town = identifiers.postcode(rng)
    kind = rng.choice(("Surgery", "Medical Centre", "Medical Practice", "Health Centre"))
    return f"{identifiers.street(rng).split()[0]} {kind}, {town}"


def _professionals(writer: Writer, rng: random.Random, fake: Faker, profile: Profile, org: Org) -> None:
    """One named professional per agency while the budget lasts (the busiest first), then extras
    for the agencies that contact the front door most."""
    busy = [org.check_agency[key] for key in _BUSY]
    others = [pk for pk in org.agency_role if pk not in busy]
    slots = (busy + others)[: profile.professionals]
    extra_pool = [org.check_agency[key] for key, weight in _BUSY.items() for _ in range(weight)]
    while len(slots) < profile.professionals:
        slots.append(rng.choice(extra_pool))
    for agency_pk in slots:
        first, last = fake.first_name(), fake.last_name()
        role = org.agency_role[agency_pk]
        name = f"Dr {first} {last}" if role == "GP" else f"{first} {last}"
        row = Professional(
            authority_id=org.authority.pk,
            agency_id=agency_pk,
            name=name,
            role=role,
            email=f"{slugify(first)}.{slugify(last)}@agency{agency_pk}.example",
            phone=identifiers.drama_phone(rng),
        )
        writer.add(row)
        org.professionals.setdefault(agency_pk, []).append((row.pk, name, role))

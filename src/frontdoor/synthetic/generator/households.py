"""Households: the children a contact is about and the adults who live with them, at one address.

A household is created the first time the front door hears of it, and its people, address, residences
and relationships are written then. It keeps a short history of its contacts, which later contacts
need for their repeat flags (contacts.rules.repeat_reasons).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from faker import Faker

from frontdoor.people import rules as people_rules
from frontdoor.people.models import Address, Person, PersonName, Relationship, RelationshipKind, Residence
from frontdoor.people.nicknames import NAME_GROUPS
from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator import identifiers, texts
from frontdoor.synthetic.generator.base import Picker, chance, local
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.writer import Writer

AGE_BANDS = Picker([(band, weight) for band, weight, _low, _high in profiles.AGE_BANDS])
AGE_RANGES = {band: (low, high) for band, _weight, low, high in profiles.AGE_BANDS}
CHILD_COUNT = Picker(profiles.CHILDREN_PER_HOUSEHOLD)
SEX = Picker(profiles.SEX_MIX)
ETHNICITY = Picker(profiles.ETHNICITY_MIX)
LANGUAGE = Picker(profiles.FIRST_LANGUAGES)
OTHER_DISABILITY = Picker(profiles.OTHER_DISABILITIES)
TIERS = Picker([(index, share) for index, (share, _w, _l) in enumerate(profiles.RISK_TIERS)])
MIXED = ("MWBC", "MWAS", "MWBA", "MOTH")
SHORT_FORMS = {group[0].title(): group[1].title() for group in NAME_GROUPS if len(group) > 1}
UNBORN = -1


@dataclass
class Member:
    pk: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected: date | None = None
    school: int | None = None

    @property
    def display(self) -> str:
        return self.first_name or "the unborn baby"

    def age_on(self, day: date) -> int:
        born = self.date_of_birth or self.expected
        assert born is not None  # noqa: S101 - every child has one or the other
        years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return years if self.date_of_birth else UNBORN


@dataclass(frozen=True)
class Earlier:
    """One earlier contact about this household (for repeat flags)."""

    reference: str
    received_at: datetime
    source: str
    referrer_key: str
    person_ids: tuple[int, ...]


@dataclass
class Household:
    weight: int
    referral_lift: float
    children: list[Member]
    adults: list[Member]
    gp: int
    relatives: list[tuple[str, str]] = field(default_factory=list)
    history: list[Earlier] = field(default_factory=list)


class HouseholdMaker:
    def __init__(
        self, writer: Writer, rng: random.Random, fake: Faker, org: Org, ids: identifiers.Identifiers
    ):
        self.writer, self.rng, self.fake, self.org, self.ids = writer, rng, fake, org, ids
        self.la = org.authority.pk

    def new(self, *, received_at: datetime, created_at: datetime, ages: tuple[int, int] | None) -> Household:
        """A new household whose first child is of an age in `ages` (inclusive) when given."""
        rng, day = self.rng, local(received_at).date()
        _share, weight, lift = profiles.RISK_TIERS[TIERS(rng)]
        surname, ethnicity, language = self.fake.last_name(), ETHNICITY(rng), LANGUAGE(rng)
        child_ages = self._child_ages(ages)
        # The child the contact is about comes first; the siblings follow.
        children = [self._child(age, day, surname, ethnicity, language, created_at) for age in child_ages]
        eldest = max(0, *child_ages)
        adults = self._adults(day, eldest, surname, ethnicity, language, created_at)
        household = Household(weight, lift, children, adults, rng.choice(self.org.gps))
        self._relationships(household)
        self._home(household, day)
        return household

    def _child_ages(self, ages: tuple[int, int] | None) -> list[int]:
        rng = self.rng
        low, high = AGE_RANGES[AGE_BANDS(rng)]
        if ages is not None:
            # Redraw the band until it fits the ages the source implies (a school refers a pupil).
            while not (ages[0] <= high and low <= ages[1]):
                low, high = AGE_RANGES[AGE_BANDS(rng)]
            low, high = max(low, ages[0]), min(high, ages[1])
        first = rng.randint(low, high)
        found = [first]
        for _ in range(CHILD_COUNT(rng) - 1):
            gap = rng.randint(1, 6)
            base = max(found) if first == UNBORN else first
            age = base + gap if first == UNBORN or chance(rng, 0.5) else base - gap
            found.append(min(17, max(0, age)))
        return found

    def _child(
        self, age: int, day: date, surname: str, ethnicity: str, language: str, created_at: datetime
    ) -> Member:
        rng = self.rng
        if age == UNBORN:
            expected = day + timedelta(days=rng.randint(14, 200))
            member = Member(self.writer.next_id(Person), "", surname, None, expected)
            self._person(member, sex="U", ethnicity=ethnicity, created_at=created_at, upn_unknown="UN1")
            return member
        sex = SEX(rng)
        names = (
            texts.BOYS if sex == "M" else texts.GIRLS if sex == "F" else rng.choice((texts.BOYS, texts.GIRLS))
        )
        dob = day - timedelta(days=round(age * 365.25) + rng.randint(0, 364))
        member = Member(self.writer.next_id(Person), rng.choice(names), surname, dob)
        upn, unknown = self._upn(member, age)
        self._person(
            member,
            sex=sex,
            ethnicity=ethnicity if chance(rng, 0.92) else rng.choice(MIXED),
            created_at=created_at,
            middle=rng.choice(names) if chance(rng, 0.35) else "",
            upn=upn,
            upn_unknown=unknown,
            nhs=self.ids.nhs_number() if chance(rng, profiles.NHS_NUMBER_KNOWN_CHILD) else "",
            disabilities=self._disabilities(),
            language="" if age < 1 else self._language(language),
            known_as=SHORT_FORMS.get(member.first_name, "") if chance(rng, 0.15) else "",
        )
        if chance(rng, 0.04):
            self._other_name(member.pk, PersonName.Kind.FORMER, member.first_name, self.fake.last_name())
        return member

    def _upn(self, member: Member, age: int) -> tuple[str, str]:
        if age < 4:
            return "", "UN1"
        schools = [s for s in self.org.schools if s.secondary == (age >= 11)] or self.org.schools
        school = self.rng.choice(schools)
        member.school = school.pk
        if age < 5 or not chance(self.rng, profiles.UPN_KNOWN_SCHOOL_AGE):
            return "", "UN1" if age < 5 else ("UN4" if chance(self.rng, 0.8) else "UN2")
        assert member.date_of_birth is not None  # noqa: S101 - born children only
        moved_in = chance(self.rng, 0.1)
        upn = self.ids.upn(
            establishment=school.establishment, date_of_birth=member.date_of_birth, moved_in=moved_in
        )
        return upn, ""

    def _disabilities(self) -> list[str]:
        rng = self.rng
        if not chance(rng, profiles.DISABILITY_RECORDED):
            return ["NONE"] if chance(rng, 0.75) else []
        found = ["AUT"] if chance(rng, profiles.AUTISM_AMONG_DISABLED) else [OTHER_DISABILITY(rng)]
        if chance(rng, 0.3):
            found.append(OTHER_DISABILITY(rng))
        return sorted(set(found))

    def _language(self, household_language: str) -> str:
        if household_language == "English" or chance(self.rng, 0.5):
            return "English"
        return household_language

    def _adults(
        self, day: date, eldest: int, surname: str, ethnicity: str, language: str, created_at: datetime
    ) -> list[Member]:
        rng, fake = self.rng, self.fake
        mother_age = eldest + rng.randint(18, 36)
        mother = Member(
            self.writer.next_id(Person), fake.first_name_female(), surname, _born(rng, day, mother_age)
        )
        adults = [mother]
        self._adult(mother, "F", ethnicity, language, created_at)
        if chance(rng, 0.3):
            self._other_name(mother.pk, PersonName.Kind.FORMER, mother.first_name, fake.last_name())
        if chance(rng, profiles.SECOND_PARENT_IN_HOUSEHOLD):
            last = surname if chance(rng, 0.6) else fake.last_name()
            age = max(18 + eldest, mother_age + rng.randint(-3, 8))
            father = Member(self.writer.next_id(Person), fake.first_name_male(), last, _born(rng, day, age))
            self._adult(father, "M", ethnicity, language, created_at)
            adults.append(father)
        return adults

    def _adult(self, member: Member, sex: str, ethnicity: str, language: str, created_at: datetime) -> None:
        nhs = self.ids.nhs_number() if chance(self.rng, profiles.NHS_NUMBER_KNOWN_ADULT) else ""
        self._person(
            member,
            sex=sex,
            ethnicity=ethnicity,
            created_at=created_at,
            nhs=nhs,
            language=language,
            is_child=False,
        )

    def _person(
        self,
        member: Member,
        *,
        sex: str,
        ethnicity: str,
        created_at: datetime,
        is_child: bool = True,
        middle: str = "",
        known_as: str = "",
        disabilities: list[str] | None = None,
        language: str = "",
        nhs: str = "",
        upn: str = "",
        upn_unknown: str = "",
    ) -> None:
        row = Person(
            pk=member.pk,
            authority_id=self.la,
            reference=people_rules.person_reference(member.pk),
            is_child=is_child,
            first_name=member.first_name,
            middle_names=middle,
            last_name=member.last_name,
            known_as=known_as,
            date_of_birth=member.date_of_birth,
            expected_date_of_birth=member.expected,
            sex=sex,
            ethnicity=ethnicity,
            disabilities=disabilities or [],
            first_language=language,
            nhs_number=nhs,
            upn=upn,
            upn_unknown=upn_unknown,
            last_name_key=people_rules.name_key(member.last_name),
            first_name_key=people_rules.name_key(member.first_name),
            created_at=created_at,
        )
        self.writer.add(row)

    def _other_name(self, person_id: int, kind: str, first: str, last: str) -> None:
        self.writer.add(
            PersonName(
                person_id=person_id,
                authority_id=self.la,
                kind=kind,
                first_name=first,
                last_name=last,
                last_name_key=people_rules.name_key(last),
            )
        )

    def _relationships(self, household: Household) -> None:
        rng, add = self.rng, self.writer.add
        mother, *others = household.adults
        for child in household.children:
            add(Relationship(person_id=mother.pk, other_id=child.pk, kind=RelationshipKind.PARENT))
            for father in others:
                same = father.last_name == mother.last_name or chance(rng, 0.4)
                kind = RelationshipKind.PARENT if same else RelationshipKind.STEP_PARENT
                add(Relationship(person_id=father.pk, other_id=child.pk, kind=kind))
        for father in others:
            add(Relationship(person_id=mother.pk, other_id=father.pk, kind=RelationshipKind.PARTNER))
        # One row per pair of siblings, the elder first.
        by_age = sorted(household.children, key=_birth)
        for i, elder in enumerate(by_age):
            for younger in by_age[i + 1 :]:
                kind = RelationshipKind.SIBLING if chance(rng, 0.9) else RelationshipKind.HALF_SIBLING
                add(Relationship(person_id=elder.pk, other_id=younger.pk, kind=kind))

    def _home(self, household: Household, day: date) -> None:
        moved_in = day - timedelta(days=self.rng.randint(60, 2500))
        members = household.children + household.adults
        if chance(self.rng, 0.07):
            before = self._address()
            for m in members:
                if m.date_of_birth and m.date_of_birth < moved_in:
                    start = max(m.date_of_birth, moved_in - timedelta(days=self.rng.randint(200, 2000)))
                    self.writer.add(Residence(person_id=m.pk, address_id=before, start=start, end=moved_in))
        now = self._address()
        for m in members:
            start = max(moved_in, m.date_of_birth) if m.date_of_birth else day
            self.writer.add(Residence(person_id=m.pk, address_id=now, start=start))

    def _address(self) -> int:
        postcode, town = identifiers.postcode(self.rng)
        line_1, line_2 = identifiers.address_lines(self.rng)
        row = Address(authority_id=self.la, line_1=line_1, line_2=line_2, town=town, postcode=postcode)
        return self.writer.add(row).pk

    def relative(self, household: Household) -> tuple[str, str]:
        """A family member outside the household (a grandparent, an aunt) who may call the front door."""
        if not household.relatives or (len(household.relatives) < 3 and chance(self.rng, 0.3)):
            relationship = self.rng.choice(texts.RELATIVES)
            first = (
                self.fake.first_name_male()
                if "father" in relationship or relationship == "Uncle"
                else (self.fake.first_name_female())
            )
            household.relatives.append((f"{first} {self.fake.last_name()}", relationship))
        return self.rng.choice(household.relatives)


def _birth(member: Member) -> date:
    born = member.date_of_birth or member.expected
    assert born is not None  # noqa: S101 - every child has one or the other
    return born


def _born(rng: random.Random, day: date, age: int) -> date:
    return day - timedelta(days=round(age * 365.25) + rng.randint(0, 364))

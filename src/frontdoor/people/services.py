"""Every write to people: create and update a person, names, addresses, where they live, who they
are related to.

Each service checks the actor's permission and authority, validates before it writes (identifier
rules from people.rules, CIN census rules 8525Q, 8750, 8790, 8794), writes in one transaction and
records an AuditEvent in that same transaction. Phonetic blocking keys are kept in step here.
"""

import copy
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record, diff
from frontdoor.core.exceptions import StaleEdit as CoreStaleEdit
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.people import checks, membership, rules
from frontdoor.people.models import (
    Address,
    Disability,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
    Residence,
    Sex,
)

PERMISSION = "person.create"
# Relationships that read the same both ways are stored both ways; the others (parent, carer,
# grandparent...) are stored once, person -> other, and read both ways by selectors.relatives_for.
SYMMETRIC_KINDS = frozenset(
    {
        RelationshipKind.SIBLING,
        RelationshipKind.HALF_SIBLING,
        RelationshipKind.PARTNER,
        RelationshipKind.OTHER_FAMILY,
        RelationshipKind.NON_FAMILY,
    }
)
UPDATABLE_FIELDS = frozenset(
    {
        "is_child",
        "first_name",
        "middle_names",
        "last_name",
        "known_as",
        "date_of_birth",
        "expected_date_of_birth",
        "date_of_death",
        "sex",
        "ethnicity",
        "disabilities",
        "first_language",
        "nhs_number",
        "upn",
        "upn_unknown",
    }
)
EARLIEST_BIRTH = date(1900, 1, 1)
LONGEST_PREGNANCY = timedelta(weeks=42)

SURNAME_REQUIRED = "Enter a surname"
DOB_FUTURE = "Date of birth must be today or in the past"
DOB_TOO_EARLY = "Date of birth must be after 1 January 1900"
BORN_AND_EXPECTED = "Enter a date of birth or an expected date of birth, not both"
EDD_TOO_LATE = "Expected date of birth must be within the next 42 weeks"
EDD_ADULT = "Only an unborn child can have an expected date of birth"
DEATH_FUTURE = "Date of death must be today or in the past"
DEATH_BEFORE_BIRTH = "Date of death must be on or after the date of birth"
UNBORN_SEX = "Choose 'Not known or unborn' as the sex of an unborn child"
DISABILITY_UNKNOWN = "Choose disabilities from the list"
DISABILITY_TWICE = "Choose each disability only once"
DISABILITY_NONE_WITH_OTHERS = "'No disability' cannot be chosen with a disability"
UPN_AND_REASON = "Leave the reason blank when you enter a UPN"
NHS_DUPLICATE = "Another person's record already has this NHS number: search for them and use that record"
UPN_DUPLICATE = "Another person's record already has this UPN: search for them and use that record"


class StaleEdit(CoreStaleEdit):
    """Someone saved this person's record after it was opened for editing; nothing was saved."""

    def __init__(self, message: str = "", *, changes: dict[str, Any] | None = None) -> None:
        super().__init__(
            message
            or "Someone else changed this person's record after you opened it. Your changes were not "
            "saved: check what changed, then make your change again.",
            changes=changes,
        )


def _tidy(value: str | None) -> str:
    return " ".join((value or "").split())


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Trim names, normalise identifiers, and add the phonetic keys for any name given."""
    out = dict(data)
    for name in ("first_name", "middle_names", "last_name", "known_as", "first_language"):
        if name in out:
            out[name] = _tidy(out[name])
    if "nhs_number" in out:
        out["nhs_number"] = rules.normalise_nhs_number(out["nhs_number"])
    if "upn" in out:
        out["upn"] = rules.normalise_upn(out["upn"])
    if "disabilities" in out:
        out["disabilities"] = list(out["disabilities"] or [])
    for name in ("upn_unknown", "sex", "ethnicity"):
        if name in out and out[name] is None:
            out[name] = ""
    if "last_name" in out:
        out["last_name_key"] = rules.name_key(out["last_name"])
    if "first_name" in out:
        out["first_name_key"] = rules.name_key(out["first_name"])
    return out


def _person_problems(person: Person, today: date) -> dict[str, str]:
    """Rules that span fields or need the database; full_clean checks lengths and choices."""
    problems: dict[str, str] = {}
    if not person.last_name:
        problems["last_name"] = SURNAME_REQUIRED
    problems.update(_identifier_problems(person))
    problems.update(_date_problems(person, today))
    if person.is_unborn and person.sex != Sex.UNKNOWN:
        problems["sex"] = UNBORN_SEX  # CIN rule 8750
    disability = _disability_problem(person.disabilities)
    if disability:
        problems["disabilities"] = disability
    return problems


def _identifier_problems(person: Person) -> dict[str, str]:
    problems: dict[str, str] = {}
    others = Person.objects.filter(authority_id=person.authority_id, merged_into__isnull=True).exclude(
        pk=person.pk
    )
    if person.nhs_number:
        problem = rules.nhs_number_problem(person.nhs_number)
        if not problem and others.filter(nhs_number=person.nhs_number).exists():
            problem = NHS_DUPLICATE
        if problem:
            problems["nhs_number"] = problem
    if person.upn:
        problem = rules.upn_problem(person.upn)
        if not problem and others.filter(upn=person.upn).exists():
            problem = UPN_DUPLICATE  # CIN rule 1520
        if problem:
            problems["upn"] = problem
        elif person.upn_unknown:
            problems["upn_unknown"] = UPN_AND_REASON
    return problems


def _date_problems(person: Person, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    born, expected, died = person.date_of_birth, person.expected_date_of_birth, person.date_of_death
    if born and born > today:
        problems["date_of_birth"] = DOB_FUTURE  # CIN rule 8520
    elif born and born < EARLIEST_BIRTH:
        problems["date_of_birth"] = DOB_TOO_EARLY
    if born and expected:
        problems["expected_date_of_birth"] = BORN_AND_EXPECTED  # CIN query 8525Q
    elif expected and not person.is_child:
        problems["expected_date_of_birth"] = EDD_ADULT
    elif expected and expected > today + LONGEST_PREGNANCY:
        problems["expected_date_of_birth"] = EDD_TOO_LATE
    if died and died > today:
        problems["date_of_death"] = DEATH_FUTURE
    elif died and born and died < born:
        problems["date_of_death"] = DEATH_BEFORE_BIRTH
    return problems


def _disability_problem(codes: Iterable[str]) -> str | None:
    codes = list(codes)
    if any(code not in Disability.values for code in codes):
        return DISABILITY_UNKNOWN
    if len(set(codes)) != len(codes):
        return DISABILITY_TWICE  # CIN rule 8794
    if Disability.NONE in codes and len(codes) > 1:
        return DISABILITY_NONE_WITH_OTHERS  # CIN rule 8790
    return None


def _validate(person: Person) -> None:
    """Raise one ValidationError with a message per field, the service's own messages first."""
    errors: dict[str, list[str]] = {
        name: [message] for name, message in _person_problems(person, timezone.localdate()).items()
    }
    try:
        person.full_clean(exclude=list(errors))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _temporary_reference() -> str:
    return "TMP" + uuid.uuid4().hex[:17]


@transaction.atomic
def person_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    is_child: bool = True,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    sex: str = Sex.UNKNOWN,
    ethnicity: str = "NOBT",
    disabilities: Iterable[str] = (),
    first_language: str = "",
    nhs_number: str = "",
    upn: str = "",
    upn_unknown: str = "",
    middle_names: str = "",
    known_as: str = "",
    former_names: Iterable[str | tuple[str, str]] = (),
    address: Address | None = None,
) -> Person:
    """Record a child (born or unborn) or an adult in the actor's authority.

    `former_names` are surnames, or (first name, surname) pairs. `address` (from
    address_get_or_create) becomes where they live now, start date unknown.

    The reference (LAchildID, CIN 1570/1580) is "FD" and the zero-padded primary key: the row is
    inserted with a random temporary reference and renamed in the same transaction. Primary keys
    are unique under any concurrency, so two workers creating people at once can never collide,
    on SQLite or PostgreSQL, with no lock held; the price is that the numbers are not contiguous
    within an authority.
    """
    # A partner's online referral records the children it names whom the front door cannot
    # identify with certainty (portal.services); partners never record adults.
    if not (is_child and can(actor, "portal.refer")):
        require(actor, PERMISSION)
    same_authority(actor, address)
    data = _normalise(
        {
            "is_child": is_child,
            "first_name": first_name,
            "middle_names": middle_names,
            "last_name": last_name,
            "known_as": known_as,
            "date_of_birth": date_of_birth,
            "expected_date_of_birth": expected_date_of_birth,
            "sex": sex,
            "ethnicity": ethnicity,
            "disabilities": disabilities,
            "first_language": first_language,
            "nhs_number": nhs_number,
            "upn": upn,
            "upn_unknown": upn_unknown,
        }
    )
    person = Person(
        authority_id=actor.authority_id, reference=_temporary_reference(), created_at=timezone.now(), **data
    )
    _validate(person)
    person.save()
    person.reference = rules.person_reference(person.pk)
    Person.objects.filter(pk=person.pk).update(reference=person.reference)
    audit_record(
        actor=actor,
        action="person.created",
        subject=person,
        authority_id=person.authority_id,
        person_id=person.pk,
        changes={"reference": person.reference, **data},
    )
    for name in former_names:
        first, last = ("", name) if isinstance(name, str) else name
        _name_add(actor=actor, person=person, first_name=first, last_name=last, kind=PersonName.Kind.FORMER)
    if address is not None:
        residence_start(actor=actor, person=person, address=address)
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, version: int, **fields: Any) -> Person:
    """Change the fields given, if nobody else has saved the record since `version` was read.

    Optimistic concurrency: one UPDATE ... WHERE pk AND version, bumping the version. If it matches
    no row, someone else saved first: raise StaleEdit and change nothing. Names re-compute their
    phonetic keys. The audit event holds [old, new] for every changed field. Returns `person`,
    updated in memory; with nothing to change, writes nothing.
    """
    require(actor, PERMISSION)
    same_authority(actor, person)
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise TypeError(f"person_update cannot change {', '.join(sorted(unknown))}")
    data = _normalise(fields)
    edited = copy.copy(person)
    for name, value in data.items():
        setattr(edited, name, value)
    _validate(edited)
    changes = diff(person, data)
    if not changes:
        return person
    if "date_of_death" in changes and edited.date_of_death is not None:
        # CIN 8915 / 8920 / 4008 (issue 18): the death against the plans already recorded.
        problem = checks.death_problem(person.pk, edited.date_of_death)
        if problem:
            raise ValidationError({"date_of_death": problem})
    same_authority(actor, person)
    try:
        claim_version(person, version, **{name: data[name] for name in changes})
    except CoreStaleEdit:
        raise StaleEdit() from None  # this person's record: its own message
    for name in changes:
        setattr(person, name, data[name])
    audit_record(
        actor=actor,
        action="person.updated",
        subject=person,
        authority_id=person.authority_id,
        person_id=person.pk,
        changes=changes,
    )
    return person


def _name_add(*, actor: User, person: Person, first_name: str, last_name: str, kind: str) -> PersonName:
    name = PersonName(
        person=person,
        authority_id=person.authority_id,
        kind=kind,
        first_name=_tidy(first_name),
        last_name=_tidy(last_name),
        last_name_key=rules.name_key(last_name),
    )
    try:
        name.full_clean()
    except ValidationError as error:
        if "last_name" in error.message_dict:
            raise ValidationError({"last_name": SURNAME_REQUIRED}) from error
        raise
    name.save()
    audit_record(
        actor=actor,
        action="person_name.added",
        subject=name,
        authority_id=person.authority_id,
        person_id=person.pk,
        changes={"kind": kind, "first_name": name.first_name, "last_name": name.last_name},
    )
    return name


@transaction.atomic
def person_name_add(
    *, actor: User, person: Person, first_name: str = "", last_name: str, kind: str = PersonName.Kind.FORMER
) -> PersonName:
    """Record a former name or alias, so that searches under it find the person."""
    require(actor, PERMISSION)
    same_authority(actor, person)
    return _name_add(actor=actor, person=person, first_name=first_name, last_name=last_name, kind=kind)


@transaction.atomic
def address_get_or_create(
    *, actor: User, line_1: str, line_2: str = "", town: str = "", postcode: str
) -> Address:
    """The authority's address with this first line, second line and postcode (ignoring case and
    spacing), created if new. There is no unique constraint on addresses, so two workers adding
    the same new address at the same moment can make two rows; households are still found by
    postcode and the duplicate is harmless."""
    require(actor, PERMISSION)
    line_1, line_2, town = _tidy(line_1), _tidy(line_2), _tidy(town)
    errors = {}
    if not line_1:
        errors["line_1"] = "Enter the first line of the address"
    problem = rules.postcode_problem(postcode)
    if problem:
        errors["postcode"] = problem
    if errors:
        raise ValidationError(errors)
    postcode = rules.normalise_postcode(postcode)
    existing = (
        Address.objects.filter(
            authority_id=actor.authority_id, postcode=postcode, line_1__iexact=line_1, line_2__iexact=line_2
        )
        .order_by("pk")
        .first()
    )
    if existing:
        return existing
    address = Address(
        authority_id=actor.authority_id, line_1=line_1, line_2=line_2, town=town, postcode=postcode
    )
    address.full_clean()
    address.save()
    audit_record(
        actor=actor,
        action="address.created",
        subject=address,
        authority_id=address.authority_id,
        changes={"line_1": line_1, "line_2": line_2, "town": town, "postcode": postcode},
    )
    return address


@transaction.atomic
def residence_start(*, actor: User, person: Person, address: Address, start: date | None = None) -> Residence:
    """The person lives at `address` from `start` (None: date not known), ending where they lived
    before on `start` (or today). Already living there: returns that residence, writes nothing."""
    require(actor, PERMISSION)
    same_authority(actor, person, address)
    today = timezone.localdate()
    if start and start > today:
        raise ValidationError({"start": "The date they moved in must be today or in the past"})
    current = list(
        Residence.objects.select_for_update().filter(person=person, end__isnull=True).order_by("pk")
    )
    for residence in current:
        if residence.address_id == address.pk:
            return residence
    moved_on = start or today
    left = [r.address_id for r in current]  # their co-residents there lose them from the household
    for residence in current:
        if residence.start and residence.start > moved_on:
            raise ValidationError(
                {"start": "The date they moved in must be after they moved into their current address"}
            )
    for residence in current:
        residence.end = moved_on
        residence.save(update_fields=["end"])
        audit_record(
            actor=actor,
            action="residence.ended",
            subject=residence,
            authority_id=person.authority_id,
            person_id=person.pk,
            changes={"end": [None, moved_on]},
        )
    residence = Residence(person=person, address=address, start=start)
    residence.full_clean()
    residence.save()
    audit_record(
        actor=actor,
        action="residence.started",
        subject=residence,
        authority_id=person.authority_id,
        person_id=person.pk,
        changes={"address": address.pk, "start": start},
    )
    housemates = Residence.objects.filter(address_id__in=[address.pk, *left], end__isnull=True)
    membership.household_changed([person.pk, *housemates.values_list("person_id", flat=True)])
    return residence


@transaction.atomic
def relationship_add(*, actor: User, person: Person, other: Person, kind: str) -> Relationship:
    """Record that `person` is `kind` of `other` (Jane is parent of Tom). Symmetric kinds (sibling,
    partner...) are stored both ways; adding one that exists writes nothing. Returns person -> other."""
    require(actor, PERMISSION)
    same_authority(actor, person, other)
    if kind not in RelationshipKind.values:
        raise ValidationError({"kind": "Choose how they are related"})
    if person.pk == other.pk:
        raise ValidationError({"other": "A person cannot be related to themselves"})
    pairs = [(person, other)] + ([(other, person)] if kind in SYMMETRIC_KINDS else [])
    stored, added = [], False
    for one, two in pairs:
        relationship, created = Relationship.objects.get_or_create(person=one, other=two, kind=kind)
        stored.append(relationship)
        added = added or created
        if created:
            audit_record(
                actor=actor,
                action="relationship.added",
                subject=relationship,
                authority_id=person.authority_id,
                person_id=one.pk,
                changes={"person": one.pk, "other": two.pk, "kind": kind},
            )
    if added:  # the front door's open contacts about either household are flagged afresh
        membership.household_changed([person.pk, other.pk])
    return stored[0]

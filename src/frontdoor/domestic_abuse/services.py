"""Every write about a domestic abuse notification: recorded (with its police contact), each
child's school told (Operation Encompass), MARAC listed, and MARAC actions set as tasks.

Each service checks permission, validates (domestic_abuse.rules), writes in one transaction with its
audit event, and starts or completes the `operation_encompass` clock. The notification is recorded
through contacts.services.contact_record (docs/adr/0015), so each child's journey, screening,
decision and decision clocks are the front door's, as for any police contact.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.contacts.linking import link_proposal_record
from frontdoor.contacts.models import Channel, ConcernCategory, Consent, Contact, ContactChild, ReferralSource
from frontdoor.contacts.services import contact_record
from frontdoor.core.records import same_authority
from frontdoor.domestic_abuse import rules
from frontdoor.domestic_abuse.models import HowTold, Notification, NotifiedChild
from frontdoor.organisations.models import AgencyKind, PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.people import selectors as people_selectors
from frontdoor.people.linkage import MATCH, LinkMatch
from frontdoor.people.models import Person, Sex
from frontdoor.people.rules import SearchQuery
from frontdoor.people.services import person_create
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, task_create

CONSENT_RATIONALE = (
    "Police domestic abuse notification: shared without consent to safeguard the children "
    "(Working Together 2023, ch. 1)."
)


@dataclass(frozen=True)
class ChildInHousehold:
    """A child the police name: a person already on the register, or as described (then matched)."""

    person: Person | None = None
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    school: PartnerAgency | None = None


@dataclass(frozen=True)
class NotificationData:
    incident_at: datetime
    received_at: datetime
    risk_level: str
    incident: str
    police_reference: str = ""
    officer: str = ""  # the police officer or unit that sent the notification


@dataclass(frozen=True)
class _Found:
    person: Person
    matches: tuple[tuple[int, LinkMatch], ...] = ()
    described: dict[str, str] | None = None


def _resolve(actor: User, child: ChildInHousehold) -> _Found:
    """The register's person for a described child, through the matcher the front door uses: a
    "match" band links automatically; a "possible" links provisionally with the candidates kept for
    the front door to confirm or reject at screening (contacts.linking); none: a new record."""
    if child.person is not None:
        return _Found(child.person)
    query = SearchQuery(child.first_name, child.last_name, child.date_of_birth)
    matches = people_selectors.likely_matches(authority_id=actor.authority_id, query=query)
    if matches and matches[0][1].band == MATCH:
        return _Found(Person.objects.get(pk=matches[0][0]))
    if matches:
        described = {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else "",
            "sex": Sex.UNKNOWN,
        }
        return _Found(Person.objects.get(pk=matches[0][0]), tuple(matches), described)
    person = person_create(
        actor=actor, first_name=child.first_name, last_name=child.last_name, date_of_birth=child.date_of_birth
    )
    return _Found(person)


def _children_problems(children: list[ChildInHousehold]) -> dict[str, str]:
    for child in children:
        if child.person is None and not (child.first_name.strip() and child.last_name.strip()):
            return {"children": "Enter each child's first and last name"}
        if child.person is None and child.date_of_birth is None:
            return {"children": "Enter each child's date of birth"}
        if child.school is not None and child.school.kind != AgencyKind.EDUCATION:
            return {"children": "Choose a school for each child at school"}
    return {}


def _police_agency(authority_id: int) -> PartnerAgency | None:
    return (
        PartnerAgency.objects.filter(authority_id=authority_id, kind=AgencyKind.POLICE).order_by("pk").first()
    )


@transaction.atomic
def notification_record(
    *, actor: User, data: NotificationData, children: list[ChildInHousehold]
) -> Notification:
    """Record a police domestic abuse notification as a police contact (each child's decision clocks
    start at receipt) and, for each child at school, start the Operation Encompass clock from the
    incident. Nothing is written when anything is wrong."""
    require(actor, "domestic_abuse.record")
    same_authority(actor, *(c.person for c in children), *(c.school for c in children))
    now = timezone.now()
    problems = rules.notification_problems(
        incident_at=data.incident_at,
        received_at=data.received_at,
        now=now,
        risk_level=data.risk_level,
        incident=data.incident,
        children=len(children),
    )
    problems = _children_problems(children) | problems
    reference = data.police_reference.strip()
    if (
        reference
        and Notification.objects.filter(authority_id=actor.authority_id, police_reference=reference).exists()
    ):
        problems["police_reference"] = f"Police reference {reference} is already recorded"
    if problems:
        raise ValidationError(problems)
    found = [_resolve(actor, child) for child in children]
    if len({f.person.pk for f in found}) < len(found):
        raise ValidationError({"children": "The same child is named twice"})
    if any(not f.person.is_child for f in found):
        raise ValidationError({"children": "Name the children in the household, not the adults"})
    contact = contact_record(
        actor=actor,
        children=[f.person for f in found],
        received_at=data.received_at,
        channel=Channel.POLICE_NOTIFICATION,
        source=ReferralSource.POLICE,
        source_agency=_police_agency(actor.authority_id),
        referrer_name=data.officer.strip(),
        concern_categories=[ConcernCategory.DOMESTIC_ABUSE],
        concerns=data.incident,
        consent=Consent.NOT_SOUGHT,
        consent_rationale=CONSENT_RATIONALE,
        incident_at=data.incident_at,
    )
    notification = Notification.objects.create(
        authority_id=actor.authority_id,
        contact=contact,
        police_reference=reference,
        incident_at=data.incident_at,
        received_at=data.received_at,
        risk_level=data.risk_level,
        incident=data.incident.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    _children_record(actor, notification, contact, found, [c.school for c in children])
    return notification


def _children_record(
    actor: User, notification: Notification, contact: Contact, found: list[_Found], schools: list[Any]
) -> None:
    journeys = {j.person_id: j for j in ContactChild.objects.filter(contact=contact)}
    for f, school in zip(found, schools, strict=True):
        child = NotifiedChild.objects.create(
            authority_id=notification.authority_id,
            notification=notification,
            person=f.person,
            received_at=notification.received_at,
            risk_level=notification.risk_level,
            school=school,
        )
        if school is not None:
            _start_encompass_clock(notification, child)
        if f.matches and f.described:
            link_proposal_record(
                actor=actor, journey=journeys[f.person.pk], described=f.described, matches=list(f.matches)
            )
        audit_record(
            actor=actor,
            action="domestic_abuse.notification_recorded",
            subject=notification,
            authority_id=notification.authority_id,
            person_id=f.person.pk,
            changes={
                "risk_level": notification.risk_level,
                "incident_at": notification.incident_at,
                "contact": contact.reference,
                "school": school.name if school else "",
            },
        )


def _start_encompass_clock(notification: Notification, child: NotifiedChild) -> None:
    child.encompass_clock = clock_start(
        authority=child.person.authority,
        standard="operation_encompass",
        started_at=notification.incident_at,
        subject=child,
        person=child.person,
    )
    child.save(update_fields=["encompass_clock"])


def _locked_child(actor: User, child: NotifiedChild) -> NotifiedChild:
    same_authority(actor, child)
    return NotifiedChild.objects.select_for_update().select_related("notification").get(pk=child.pk)


@transaction.atomic
def school_told_record(
    *,
    actor: User,
    child: NotifiedChild,
    told_at: datetime,
    told_whom: str,
    how_told: str,
    school: PartnerAgency | None = None,
) -> NotifiedChild:
    """Operation Encompass: who told the school's key adult, whom, when and how. Completes the
    clock at the moment told (late when after 08:30 on the next school day). A school named here
    for a child recorded without one starts the clock from the incident first."""
    require(actor, "domestic_abuse.encompass")
    same_authority(actor, school)
    current = _locked_child(actor, child)
    if current.school_told_at is not None:
        raise ValidationError({"told_at": "The school has already been told"})
    if school is not None and school.kind != AgencyKind.EDUCATION:
        raise ValidationError({"school": "Choose a school"})
    chosen = school or current.school
    problems = rules.told_problems(
        told_at=told_at,
        incident_at=current.notification.incident_at,
        now=timezone.now(),
        told_whom=told_whom,
        has_school=chosen is not None,
    )
    if how_told not in HowTold.values:
        problems["how_told"] = "Select how the school was told"
    if problems:
        raise ValidationError(problems)
    if current.school_id is None:
        current.school = chosen
        current.save(update_fields=["school"])
        _start_encompass_clock(current.notification, current)
    current.school_told_at, current.told_by = told_at, actor
    current.told_whom, current.how_told = told_whom.strip(), how_told
    current.save(update_fields=["school_told_at", "told_by", "told_whom", "how_told"])
    if current.encompass_clock is not None and current.encompass_clock.completed_at is None:
        clock_complete(clock=current.encompass_clock, at=told_at)
    audit_record(
        actor=actor,
        action="domestic_abuse.school_told",
        subject=current,
        authority_id=current.authority_id,
        person_id=current.person_id,
        changes={
            "school": current.school.name if current.school else "",
            "told_at": told_at,
            "told_whom": current.told_whom,
            "how_told": how_told,
        },
    )
    return current


@transaction.atomic
def marac_record(
    *, actor: User, notification: Notification, marac: bool | None, marac_date: date | None
) -> Notification:
    """Whether the case goes to MARAC and, once listed, its date (on or after the incident)."""
    require(actor, "domestic_abuse.marac")
    same_authority(actor, notification)
    current = Notification.objects.select_for_update().get(pk=notification.pk)
    incident_on = timezone.localtime(current.incident_at).date()
    problems = rules.marac_problems(marac=marac, marac_date=marac_date, incident_on=incident_on)
    if problems:
        raise ValidationError(problems)
    before = {"marac": current.marac, "marac_date": current.marac_date}
    current.marac, current.marac_date = marac, marac_date
    current.save(update_fields=["marac", "marac_date"])
    for person_id in current.children.values_list("person_id", flat=True):
        audit_record(
            actor=actor,
            action="domestic_abuse.marac_recorded",
            subject=current,
            authority_id=current.authority_id,
            person_id=person_id,
            changes={"marac": [before["marac"], marac], "marac_date": [before["marac_date"], marac_date]},
        )
    return current


@transaction.atomic
def marac_action_add(
    *, actor: User, notification: Notification, what: str, owner: Owner, due_on: date | None
) -> Task:
    """An action agreed at the MARAC, as a task (owner and due date) on the notification; due on
    or after the MARAC. About the notification's first child (a task names one child)."""
    require(actor, "domestic_abuse.marac")
    same_authority(actor, notification)
    if not notification.marac or notification.marac_date is None:
        raise ValidationError({"what": "Record the MARAC date before its actions"})
    first = notification.children.order_by("pk").values_list("person_id", flat=True).first()
    return task_create(
        actor=actor,
        kind=TaskKind.MARAC,
        source=notification,
        what=what.strip(),
        owner=owner,
        due_on=due_on,
        person_id=first,
        earliest=notification.marac_date,
        event="domestic_abuse.marac_action",
    )

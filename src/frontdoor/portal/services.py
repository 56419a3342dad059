"""Every write in the partner portal: keep a draft, submit a referral (which becomes a contact in
the front-door queue with its clocks running), and mark notifications read.

Each service checks the actor's permission, writes in one transaction and records its audit event
in that transaction. A submission and the contact it creates commit together or not at all.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.linking import link_proposal_record
from frontdoor.contacts.models import Channel
from frontdoor.contacts.services import contact_record
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.people import selectors as people_selectors
from frontdoor.people.linkage import LinkMatch
from frontdoor.people.models import Person, Sex
from frontdoor.people.rules import SearchQuery, format_nhs_number
from frontdoor.people.services import person_create
from frontdoor.portal import rules
from frontdoor.portal.models import Draft, NotificationsRead, PortalReferral

SAME_CHILD_TWICE = "Two of the children you described look like the same child: check their details"
NO_AGENCY = "Your account is not linked to a partner agency: ask the front door to link it"


@dataclass(frozen=True)
class ChildDetails:
    """A child as the referrer describes them."""

    first_name: str
    last_name: str
    date_of_birth: date
    nhs_number: str = ""
    sex: str = ""


@dataclass(frozen=True)
class ReferralDetails:
    concern_categories: list[str]
    concerns: str
    what_has_been_tried: str
    family_knows: bool
    consent: str
    consent_rationale: str
    referrer_name: str
    referrer_role: str
    referrer_phone: str
    referrer_email: str


def _agency_of(actor: User) -> PartnerAgency:
    agency = actor.partner_agency
    if agency is None or agency.authority_id != actor.authority_id:
        raise ValidationError(NO_AGENCY)
    return agency


@transaction.atomic
def draft_save(*, actor: User, answers: dict[str, list[str]], draft: Draft | None = None) -> Draft:
    """Keep what the referrer has typed so far, checked for nothing, to finish later."""
    require(actor, "portal.refer")
    now = timezone.now()
    if draft is None:
        draft = Draft.objects.create(
            authority_id=actor.authority_id, owner=actor, answers=answers, created_at=now, updated_at=now
        )
    else:
        if draft.owner_id != actor.pk:
            raise ValidationError("This draft belongs to someone else.")
        draft.answers, draft.updated_at = answers, now
        draft.save(update_fields=["answers", "updated_at"])
    # A draft is about no recorded child yet: its audit event names none.
    audit_record(
        actor=actor,
        action="portal.draft_saved",
        subject=draft,
        authority_id=draft.authority_id,
        changes={"fields": len(answers)},
    )
    return draft


@transaction.atomic
def draft_discard(*, actor: User, draft: Draft) -> None:
    require(actor, "portal.refer")
    if draft.owner_id != actor.pk:
        raise ValidationError("This draft belongs to someone else.")
    audit_record(actor=actor, action="portal.draft_discarded", subject=draft, authority_id=draft.authority_id)
    draft.delete()


@dataclass(frozen=True)
class FoundChild:
    """Who a described child is: a person, a note for the front door, and the candidates the front
    door must confirm or reject (empty when the person is certain or new)."""

    person: Person
    note: str = ""
    matches: tuple[tuple[int, LinkMatch], ...] = ()
    described: dict[str, str] | None = None  # what the referrer said, for a new record if rejected


def _child_person(actor: User, child: ChildDetails) -> FoundChild:
    """The child the front door already knows with certainty (same NHS number and date of birth, in
    this authority); else, when the matcher finds a likely match (people.selectors.likely_matches),
    that person, provisionally, with the candidates for the front door to confirm at screening;
    else a new record. Never a second record of a likely-known child, and nothing about a known
    child is shown to the referrer."""
    nhs_number = child.nhs_number
    note = ""
    if nhs_number:
        holders = list(
            Person.objects.filter(
                authority_id=actor.authority_id, nhs_number=nhs_number, merged_into__isnull=True
            ).values_list("pk", "date_of_birth", "is_child")[:2]
        )
        certain = [pk for pk, born, is_child in holders if born == child.date_of_birth and is_child]
        if len(holders) == 1 and certain:
            return FoundChild(Person.objects.get(pk=certain[0]))
        if holders:
            # The number is on another record: record the child without it, and say so.
            note = (
                f"The referrer gave NHS number {format_nhs_number(nhs_number)} for "
                f"{child.first_name} {child.last_name}; it is held on another record: "
                "check which child this is."
            )
            nhs_number = ""
    query = SearchQuery(child.first_name, child.last_name, child.date_of_birth, nhs_number=child.nhs_number)
    matches = people_selectors.likely_matches(authority_id=actor.authority_id, query=query)
    if matches:
        described = _described(child, nhs_number)  # without a number another record holds
        return FoundChild(Person.objects.get(pk=matches[0][0]), note, tuple(matches), described)
    person = person_create(
        actor=actor,
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        nhs_number=nhs_number,
        sex=child.sex or Sex.UNKNOWN,
    )
    return FoundChild(person, note)


def _described(child: ChildDetails, nhs_number: str) -> dict[str, str]:
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth.isoformat(),
        "nhs_number": nhs_number,
        "sex": child.sex,
    }


@transaction.atomic
def portal_referral_submit(
    *, actor: User, children: list[ChildDetails], details: ReferralDetails, draft: Draft | None = None
) -> PortalReferral:
    """Send the referral: the contact is recorded as received now, in the front-door queue, with
    each child's decision clocks running (Working Together 2023, ch. 3: a decision within one
    working day); the draft it came from is removed in the same transaction."""
    require(actor, "portal.refer")
    agency = _agency_of(actor)
    problems = rules.consent_problems(
        rules.ConsentAnswer(details.family_knows, details.consent, details.consent_rationale)
    )
    today = timezone.localdate()
    if not children:
        problems["children"] = "Tell us about at least one child"
    if any(not rules.is_under_18(c.date_of_birth, today) or c.date_of_birth > today for c in children):
        problems["date_of_birth"] = rules.DOB_ADULT
    if problems:
        raise ValidationError(problems)
    if draft is not None and draft.owner_id != actor.pk:
        raise ValidationError("This draft belongs to someone else.")
    now = timezone.now()
    found = [_child_person(actor, c) for c in children]
    if len({f.person.pk for f in found}) < len(found):
        raise ValidationError({"children": SAME_CHILD_TWICE})
    notes = [f.note for f in found if f.note]
    contact = contact_record(
        actor=actor,
        children=[f.person for f in found],
        received_at=now,
        channel=Channel.ONLINE_FORM,
        source=rules.referral_source(agency.default_referral_source, agency.kind),
        source_agency=agency,
        referrer_name=details.referrer_name,
        referrer_relationship=details.referrer_role[:60],
        concern_categories=details.concern_categories,
        concerns=rules.contact_text(
            concerns=details.concerns,
            tried=details.what_has_been_tried,
            referrer_lines=[
                f"{details.referrer_name}, {details.referrer_role}, {agency.name}",
                details.referrer_phone,
                details.referrer_email,
            ],
            notes=notes,
        ),
        consent=details.consent,
        consent_rationale=details.consent_rationale,
    )
    referral = PortalReferral(
        authority_id=actor.authority_id,
        contact=contact,
        submitted_by=actor,
        agency=agency,
        submitted_at=now,
        what_has_been_tried=details.what_has_been_tried.strip(),
        family_knows=details.family_knows,
        referrer_role=details.referrer_role.strip(),
        referrer_phone=details.referrer_phone.strip(),
        referrer_email=details.referrer_email.strip(),
    )
    referral.full_clean()
    referral.save()
    journeys = {j.person_id: j for j in contact.children.all()}
    for f in found:
        if f.matches and f.described:
            link_proposal_record(
                actor=actor, journey=journeys[f.person.pk], described=f.described, matches=list(f.matches)
            )
    if draft is not None:
        draft.delete()
    for person_id in contact.children.values_list("person_id", flat=True):
        audit_record(
            actor=actor,
            action="portal.referral_submitted",
            subject=referral,
            authority_id=actor.authority_id,
            person_id=person_id,
            changes={"contact": contact.reference, "agency": agency.name},
        )
    return referral


@transaction.atomic
def notifications_mark_read(*, actor: User, up_to: Any = None) -> NotificationsRead:
    """Everything shown up to now has been read; later notifications show as new."""
    require(actor, "portal.refer")
    marker, _ = NotificationsRead.objects.update_or_create(
        user=actor, defaults={"read_up_to": up_to or timezone.now()}
    )
    return marker

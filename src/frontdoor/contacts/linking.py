"""Links between a partner's description of a child and the register: proposed when the portal
finds a likely match (people.selectors.likely_matches), decided by the front door at screening.

A proposal attaches the journey to the most likely person at once, so that the screener sees that
child's history, and says so on the contact until the link is confirmed (perhaps to another
candidate) or rejected, when a new person is recorded from what the referrer said. Either way the
decision has a reason, one transaction and its audit event.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import ContactChild, LinkProposal
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.linkage import LinkMatch
from frontdoor.people.models import Person, Sex
from frontdoor.people.services import person_create

REASON_MISSING = "Say why: what you checked and what you found"
DECIDED = "This link has already been decided."
NOT_A_CANDIDATE = "Choose one of the children listed, or say that it is none of them"


def link_proposal_record(
    *, actor: User, journey: ContactChild, described: dict[str, Any], matches: list[tuple[int, LinkMatch]]
) -> LinkProposal:
    """Keep the candidates for the front door; called inside the referral's own transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("link_proposal_record must run inside the referral's transaction")
    proposal = LinkProposal.objects.create(
        authority_id=journey.authority_id,
        journey=journey,
        described=described,
        candidates=[
            {"person_id": pk, "score": m.score, "band": m.band, "reasons": list(m.reasons)}
            for pk, m in matches
        ],
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="contact.link_proposed",
        subject=proposal,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={"candidates": [pk for pk, _ in matches]},
    )
    return proposal


@transaction.atomic
def link_decide(*, actor: User, proposal: LinkProposal, person_id: int | None, reason: str) -> LinkProposal:
    """Confirm the link to one of the candidates (`person_id`), or, with None, reject them all and
    record the child as new from the referrer's description. The journey follows the decision."""
    require(actor, "contact.screen")
    proposal = LinkProposal.objects.select_for_update().select_related("journey").get(pk=proposal.pk)
    if proposal.authority_id != actor.authority_id:
        raise ValidationError("This contact belongs to another authority.")
    if proposal.status != LinkProposal.Status.PENDING:
        raise ValidationError(DECIDED)
    if not reason.strip():
        raise ValidationError({"reason": REASON_MISSING})
    candidates = [c["person_id"] for c in proposal.candidates]
    if person_id is not None and person_id not in candidates:
        raise ValidationError({"person": NOT_A_CANDIDATE})
    journey = proposal.journey
    before = journey.person_id
    person = Person.objects.get(pk=person_id) if person_id is not None else _new_person(actor, proposal)
    if person.pk != before:
        if ContactChild.objects.filter(contact_id=journey.contact_id, person=person).exists():
            raise ValidationError({"person": "This child is already on the contact."})
        journey.person = person
        journey.save(update_fields=["person"])
    proposal.status = LinkProposal.Status.CONFIRMED if person_id is not None else LinkProposal.Status.REJECTED
    proposal.reason, proposal.decided_by, proposal.decided_at = reason.strip(), actor, timezone.now()
    proposal.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action="contact.link_decided",
        subject=proposal,
        authority_id=proposal.authority_id,
        person_id=person.pk,
        changes={"status": proposal.status, "person": [before, person.pk], "reason": proposal.reason},
    )
    return proposal


def _new_person(actor: User, proposal: LinkProposal) -> Person:
    described = proposal.described
    born = described.get("date_of_birth")
    return person_create(
        actor=actor,
        first_name=described.get("first_name", ""),
        last_name=described.get("last_name", ""),
        date_of_birth=date.fromisoformat(born) if born else None,
        nhs_number=described.get("nhs_number", ""),
        sex=described.get("sex") or Sex.UNKNOWN,
    )

"""Every write in the front door: record a contact, screen it, check with partners, decide.

Each service runs in one transaction, checks the actor's permission, validates before it writes,
writes its audit event in the same transaction, and never changes a journey's stage without a
StageEvent. Due times come from the clock engine (clocks.services), never from the user.
"""

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.selectors import changes_since
from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.contacts import routing, rules
from frontdoor.contacts.decisions import check_decision, override_kept
from frontdoor.contacts.models import (
    OPEN_STAGES,
    Channel,
    Contact,
    ContactChild,
    DailyReview,
    Decision,
    PartnerCheck,
    Stage,
    StageEvent,
)
from frontdoor.contacts.selectors import earlier_contacts_for
from frontdoor.contacts.signals import contact_decided
from frontdoor.core.records import claim_version, same_authority
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import NeedLevel, PartnerAgency, Professional, User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person

DECISION_STANDARDS = ("contact_decision", "contact_decision_statutory")


def _to_minute(moment: datetime) -> datetime:
    """Times typed by people have minute precision; compare them with recorded times at that precision."""
    return moment.replace(second=0, microsecond=0)


def _move_to(journey: ContactChild, stage: str, *, actor: User, at: datetime) -> None:
    """Change a journey's stage, recording the change as an event (the one way stages change)."""
    if journey.stage == stage:
        return
    journey.stage = stage
    journey.stage_entered_at = at
    journey.save(update_fields=["stage", "stage_entered_at"])
    StageEvent.objects.create(contact_child=journey, stage=stage, at=at, actor=actor)


def _claim_version(journey: ContactChild, version: int) -> None:
    """Optimistic concurrency: refuse a save made against an older version of the journey."""

    def what_changed() -> list[str]:
        current = ContactChild.objects.filter(pk=journey.pk).values_list("version", flat=True).first() or 0
        return changes_since(person_id=journey.person_id, writes=max(current - version, 1))

    claim_version(journey, version, changes=what_changed)


@transaction.atomic
def contact_record(
    *,
    actor: User,
    children: Sequence[Person],
    received_at: datetime,
    channel: str,
    source: str,
    concerns: str,
    consent: str,
    consent_rationale: str = "",
    concern_categories: Sequence[str] = (),
    source_agency: PartnerAgency | None = None,
    source_professional: Professional | None = None,
    referrer_person: Person | None = None,
    referrer_name: str = "",
    referrer_relationship: str = "",
    incident_at: datetime | None = None,
) -> Contact:
    """Record a contact about one or more children and start each child's decision clocks.

    Decision due within 1 working day of receipt (Working Together 2023, ch. 3) and the local
    24-hour standard; both clocks start at receipt, not at recording.
    """
    _require_recorder(actor, channel=channel, source_agency=source_agency)
    same_authority(actor, source_agency, source_professional, referrer_person, *children)
    now = timezone.now()
    problems = rules.contact_problems(
        received_at=received_at,
        now=now,
        earliest=settings.FRONTDOOR_EARLIEST_DATE,
        consent=consent,
        consent_rationale=consent_rationale,
        incident_at=incident_at,
        children_count=len(children),
        source=source,
        referrer_named=bool(referrer_name.strip() or referrer_person),
        concern_categories=len(concern_categories),
        concerns=concerns,
    )
    if problems:
        raise ValidationError(problems)
    contact = Contact(
        authority_id=actor.authority_id,
        # Unique until the real reference, made from the primary key, replaces it below.
        reference=f"tmp{secrets.token_hex(8)}",
        received_at=received_at,
        channel=channel,
        source=source,
        source_agency=source_agency,
        source_professional=source_professional,
        referrer_person=referrer_person,
        referrer_name=referrer_name.strip(),
        referrer_relationship=referrer_relationship.strip(),
        concern_categories=sorted(set(concern_categories)),
        concerns=concerns.strip(),
        consent=consent,
        consent_rationale=consent_rationale.strip(),
        incident_at=incident_at,
        recorded_by=actor,
        recorded_at=now,
    )
    contact.full_clean(exclude=["reference"])
    contact.save()
    contact.reference = f"CT{contact.pk:07d}"
    contact.save(update_fields=["reference"])
    referrer_key = _referrer_key(contact)
    for child in children:
        _journey_start(contact, child, actor=actor, referrer_key=referrer_key)
    _audit_for_each_child(
        contact,
        actor=actor,
        action="contact.recorded",
        subject=contact,
        changes={
            "received_at": received_at,
            "source": source,
            "channel": channel,
            "consent": consent,
            "children": [c.pk for c in children],
        },
    )
    return contact


def _require_recorder(actor: User, *, channel: str, source_agency: PartnerAgency | None) -> None:
    """Front-door staff record any contact; a partner agency's portal user records only their own
    agency's online referral (portal.services.portal_referral_submit)."""
    if can(actor, "portal.refer"):
        if channel != Channel.ONLINE_FORM or source_agency is None:
            raise ValidationError("A partner's referral arrives through the online form.")
        if source_agency.pk != actor.partner_agency_id:
            raise ValidationError("A partner refers for their own agency only.")
        return
    require(actor, "contact.record")


def _audit_for_each_child(
    contact: Contact, *, actor: User, action: str, subject: Any, changes: dict[str, Any]
) -> None:
    """A contact-level event, written once per child on the contact, so each child's record shows
    every change that touched it ("who changed what about this child")."""
    for person_id in ContactChild.objects.filter(contact_id=contact.pk).values_list("person_id", flat=True):
        audit_record(
            actor=actor,
            action=action,
            subject=subject,
            authority_id=contact.authority_id,
            person_id=person_id,
            changes=changes,
        )


def _referrer_key(contact: Contact) -> str:
    if contact.referrer_person_id:
        return f"person:{contact.referrer_person_id}"
    return " ".join(contact.referrer_name.lower().split())


def _journey_start(contact: Contact, child: Person, *, actor: User, referrer_key: str) -> ContactChild:
    earlier = earlier_contacts_for(person=child, before=contact)
    journey = ContactChild.objects.create(
        authority_id=contact.authority_id,
        contact=contact,
        person=child,
        stage=Stage.AWAITING_SCREENING,
        stage_entered_at=contact.received_at,
        repeat_reasons=rules.repeat_reasons(
            received_at=contact.received_at,
            source=contact.source,
            referrer_key=referrer_key,
            earlier=earlier,
        ),
    )
    StageEvent.objects.create(
        contact_child=journey, stage=Stage.AWAITING_SCREENING, at=contact.received_at, actor=actor
    )
    journey.decision_clock = clock_start(
        authority=contact.authority,
        standard="contact_decision",
        started_at=contact.received_at,
        subject=journey,
        person=child,
    )
    journey.statutory_clock = clock_start(
        authority=contact.authority,
        standard="contact_decision_statutory",
        started_at=contact.received_at,
        subject=journey,
        person=child,
    )
    journey.save(update_fields=["decision_clock", "statutory_clock"])
    return journey


@transaction.atomic
def contact_child_screen(
    *,
    actor: User,
    journey: ContactChild,
    version: int,
    rag: str,
    rag_reason: str,
    guidance: str,
    owner: User | None = None,
) -> ContactChild:
    """Initial management screening: RAG rating with its reason, guidance, and who works on it."""
    require(actor, "contact.screen")
    same_authority(actor, journey, owner)
    if journey.stage not in OPEN_STAGES:
        raise ValidationError("This child's contact has already been decided.")
    problems = {}
    if not rag_reason.strip():
        problems["rag_reason"] = "Explain why you chose this RAG rating"
    if problems:
        raise ValidationError(problems)
    _claim_version(journey, version)
    now = timezone.now()
    old = {
        "rag": journey.rag,
        "rag_reason": journey.rag_reason,
        "guidance": journey.guidance,
        "owner": journey.owner_id,
    }
    journey.rag, journey.rag_reason, journey.guidance = rag, rag_reason.strip(), guidance.strip()
    journey.owner = owner or journey.owner
    journey.screened_by, journey.screened_at = actor, now
    journey.full_clean()
    journey.save(update_fields=["rag", "rag_reason", "guidance", "owner", "screened_by", "screened_at"])
    outstanding = PartnerCheck.objects.filter(
        contact_id=journey.contact_id, responded_at__isnull=True
    ).count()
    _move_to(
        journey,
        rules.stage_for(screened=True, outstanding_checks=outstanding, decided=False),
        actor=actor,
        at=now,
    )
    audit_record(
        actor=actor,
        action="contact.screened",
        subject=journey,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={k: [old[k], getattr(journey, "owner_id" if k == "owner" else k)] for k in old},
    )
    return journey


def _refresh_stages(contact: Contact, *, actor: User, at: datetime) -> None:
    outstanding = PartnerCheck.objects.filter(contact=contact, responded_at__isnull=True).count()
    # A fresh query (not the contact's prefetched children, whose outer joins PostgreSQL cannot lock),
    # locked in primary-key order so concurrent writers take the rows in the same order.
    journeys = ContactChild.objects.select_for_update().filter(contact_id=contact.pk, stage__in=OPEN_STAGES)
    for journey in journeys.order_by("pk"):
        stage = rules.stage_for(
            screened=journey.screened_at is not None, outstanding_checks=outstanding, decided=False
        )
        _move_to(journey, stage, actor=actor, at=at)


@transaction.atomic
def partner_check_request(
    *, actor: User, contact: Contact, agency: PartnerAgency, question: str = ""
) -> PartnerCheck:
    """Ask a partner agency what it knows; its response clock starts now."""
    require(actor, "partner_check.request")
    same_authority(actor, contact, agency)
    if not contact.children.filter(stage__in=OPEN_STAGES).exists():
        raise ValidationError("Every child on this contact has been decided: no checks can be added.")
    if PartnerCheck.objects.filter(contact=contact, agency=agency, responded_at__isnull=True).exists():
        raise ValidationError({"agency": f"A check with {agency.name} is already waiting for an answer"})
    now = timezone.now()
    check = PartnerCheck.objects.create(
        authority_id=contact.authority_id,
        contact=contact,
        agency=agency,
        question=question.strip(),
        requested_at=now,
        requested_by=actor,
    )
    check.clock = clock_start(
        authority=contact.authority, standard="partner_check_response", started_at=now, subject=check
    )
    check.save(update_fields=["clock"])
    _refresh_stages(contact, actor=actor, at=now)
    _audit_for_each_child(
        contact,
        actor=actor,
        action="partner_check.requested",
        subject=check,
        changes={"agency": agency.name, "question": check.question},
    )
    return check


@transaction.atomic
def partner_check_respond(
    *, actor: User, check: PartnerCheck, responded_at: datetime, response: str
) -> PartnerCheck:
    """Record what the partner agency said, and when; stop its clock."""
    require(actor, "partner_check.respond")
    return _check_answer(actor=actor, check=check, responded_at=responded_at, response=response)


@transaction.atomic
def partner_check_answer_for_agency(*, actor: User, check: PartnerCheck, response: str) -> PartnerCheck:
    """A partner agency's portal user answers a check asked of their own agency, now: the response
    time is measured against the check's clock from the moment they send it."""
    require(actor, "portal.answer_check")
    if check.agency_id != actor.partner_agency_id:
        raise ValidationError("This check was asked of another agency.")
    return _check_answer(actor=actor, check=check, responded_at=timezone.now(), response=response)


def _check_answer(*, actor: User, check: PartnerCheck, responded_at: datetime, response: str) -> PartnerCheck:
    same_authority(actor, check)
    check = PartnerCheck.objects.select_for_update().get(pk=check.pk)
    problems = {}
    if check.responded_at is not None:
        problems["response"] = "This check has already been answered"
    if responded_at > timezone.now():
        problems["responded_at"] = "The time of the response must be now or in the past"
    elif responded_at < _to_minute(check.requested_at):
        problems["responded_at"] = "The response cannot be before the check was requested"
    if not response.strip():
        problems["response"] = "Enter what the agency said"
    if problems:
        raise ValidationError(problems)
    # A time typed to the minute may fall seconds before the request in the same minute.
    responded_at = max(responded_at, check.requested_at)
    check.responded_at, check.response, check.recorded_by = responded_at, response.strip(), actor
    check.save(update_fields=["responded_at", "response", "recorded_by"])
    if check.clock:
        clock_complete(clock=check.clock, at=responded_at)
    _refresh_stages(check.contact, actor=actor, at=timezone.now())
    _audit_for_each_child(
        check.contact,
        actor=actor,
        action="partner_check.answered",
        subject=check,
        changes={"responded_at": responded_at, "response": check.response},
    )
    if check.requested_by_id != actor.pk:  # whoever typed the answer in already knows
        notify(
            authority_id=check.authority_id,
            recipients=[check.requested_by],
            kind=Kind.PARTNER_CHECK_ANSWERED,
            event_key=f"partner_check:{check.pk}",
            title=f"A partner agency answered your check on contact {check.contact.reference}",
            body="The agency you asked has answered. Sign in to read what they said.",
            link=reverse("contacts:detail", kwargs={"pk": check.contact_id}),
        )
    return check


@transaction.atomic
def contact_child_decide(
    *,
    actor: User,
    journey: ContactChild,
    version: int,
    outcome: str,
    need_level: NeedLevel,
    rationale: str,
    override_reason: str = "",
) -> Decision:
    """The manager's decision for one child, with the rationale it rests on (Working Together 2023,
    ch. 3: a decision on the type of response within one working day of receipt). The outcome must
    fit the level of need unless override_reason says why not (contacts.rules.decision_problems)."""
    require(actor, "contact.decide")
    same_authority(actor, journey, need_level)
    if journey.stage not in OPEN_STAGES:
        raise ValidationError("This child's contact has already been decided.")
    check_decision(
        outcome=outcome, need_level=need_level, rationale=rationale, override_reason=override_reason
    )
    _claim_version(journey, version)
    now = timezone.now()
    decision = Decision(
        contact_child=journey,
        outcome=outcome,
        need_level=need_level,
        rationale=rationale.strip(),
        override_reason=override_kept(outcome, need_level, override_reason),
        decided_by=actor,
        decided_at=now,
    )
    decision.full_clean()
    decision.save()
    for clock in (journey.decision_clock, journey.statutory_clock):
        if clock is not None and clock.completed_at is None:
            clock_complete(clock=clock, at=now)
    _move_to(journey, Stage.DECIDED, actor=actor, at=now)
    routing.open_downstream(actor=actor, journey=journey, decision=decision)
    audit_record(
        actor=actor,
        action="contact.decided",
        subject=decision,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={
            "outcome": outcome,
            "need_level": need_level.level,
            "rationale": decision.rationale,
            "override_reason": decision.override_reason,
        },
    )
    contact_decided.send(sender=Decision, decision_id=decision.pk)
    return decision


@transaction.atomic
def daily_review_record(*, actor: User, journey: ContactChild, note: str) -> DailyReview:
    """A manager's daily review of a contact still undecided 24 hours after it was received."""
    require(actor, "contact.daily_review")
    same_authority(actor, journey)
    if journey.stage not in OPEN_STAGES:
        raise ValidationError("This child's contact has been decided: it needs no daily review.")
    if not note.strip():
        raise ValidationError({"note": "Enter what you reviewed and what happens next"})
    review = DailyReview.objects.create(
        contact_child=journey, reviewed_by=actor, reviewed_at=timezone.now(), note=note.strip()
    )
    audit_record(
        actor=actor,
        action="contact.daily_reviewed",
        subject=review,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={"note": review.note},
    )
    return review


@transaction.atomic
def referrer_feedback_record(
    *, actor: User, decision: Decision, feedback_at: datetime, method: str, note: str = ""
) -> Decision:
    """Record that the referrer was told the outcome (how and when)."""
    require(actor, "contact.feedback")
    journey = decision.contact_child
    same_authority(actor, journey)
    problems = {}
    if feedback_at > timezone.now():
        problems["feedback_at"] = "The time feedback was given must be now or in the past"
    elif feedback_at < _to_minute(decision.decided_at):
        problems["feedback_at"] = "Feedback cannot be given before the decision was made"
    if not method.strip():
        problems["feedback_method"] = "Enter how the referrer was told"
    if problems:
        raise ValidationError(problems)
    old = {"feedback_at": decision.feedback_at, "feedback_method": decision.feedback_method}
    decision.feedback_at, decision.feedback_method, decision.feedback_note = (
        feedback_at,
        method.strip(),
        note.strip(),
    )
    decision.save(update_fields=["feedback_at", "feedback_method", "feedback_note"])
    audit_record(
        actor=actor,
        action="contact.feedback_given",
        subject=decision,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={
            "feedback_at": [old["feedback_at"], feedback_at],
            "feedback_method": [old["feedback_method"], method],
        },
    )
    return decision

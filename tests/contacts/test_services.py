"""Front-door services: each write validated, audited in its own transaction, timed by the clocks."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact, ContactChild, DailyReview, Decision, PartnerCheck, StageEvent
from frontdoor.core.exceptions import StaleEdit
from tests import builders

pytestmark = pytest.mark.django_db


def record(officer, children, **overrides):
    values = {
        "received_at": timezone.now() - timedelta(hours=2),
        "channel": "phone",
        "source": "2A",
        "concerns": "Arrived at school with bruising to the arm.",
        "concern_categories": ["physical"],
        "consent": "obtained",
    }
    values.update(overrides)
    return services.contact_record(actor=officer, children=children, **values)


def counts():
    return (
        Contact.objects.count(),
        ContactChild.objects.count(),
        Clock.objects.count(),
        AuditEvent.objects.count(),
    )


def test_recording_a_contact_for_siblings_starts_a_journey_and_two_clocks_each(la, officer):
    amy, ben = builders.child(la, "Amy"), builders.child(la, "Ben")
    contact = record(officer, [amy, ben])

    assert contact.reference == f"CT{contact.pk:07d}"
    journeys = list(contact.children.order_by("pk"))
    assert [j.person for j in journeys] == [amy, ben]
    assert [j.stage for j in journeys] == ["awaiting_screening", "awaiting_screening"]
    for journey in journeys:
        assert journey.decision_clock.standard == "contact_decision"
        assert journey.decision_clock.due_at == contact.received_at + timedelta(hours=24)
        assert journey.statutory_clock.standard == "contact_decision_statutory"
        assert journey.stage_events.count() == 1
    events = AuditEvent.objects.filter(action="contact.recorded").order_by("person_id")
    assert [(e.actor, e.person) for e in events] == [(officer, amy), (officer, ben)]
    assert [e.changes["children"] for e in events] == [[amy.pk, ben.pk], [amy.pk, ben.pk]]


def test_consent_not_obtained_without_rationale_saves_nothing(la, officer):
    before = counts()
    with pytest.raises(ValidationError) as error:
        record(officer, [builders.child(la)], consent="not_sought", consent_rationale="")
    assert error.value.message_dict == {
        "consent_rationale": [
            "Explain why consent was not obtained, or why it was not sought or was overridden"
        ]
    }
    assert counts() == before


def test_police_notification_records_the_delay_from_incident(la, officer):
    received = timezone.now() - timedelta(hours=1)
    contact = record(
        officer,
        [builders.child(la)],
        source="6",
        channel="police_notification",
        received_at=received,
        incident_at=received - timedelta(hours=30),
    )
    assert contact.notification_delay == timedelta(hours=30)


def test_another_authoritys_child_cannot_be_added(la, officer):
    elsewhere = builders.child(builders.authority("884", "Herefordshire (test)"))
    before = counts()
    with pytest.raises(ValidationError):
        record(officer, [elsewhere])
    assert counts() == before


def test_screening_then_checks_then_decision_moves_the_stage_and_stops_the_clocks(la, officer, manager):
    contact = record(officer, [builders.child(la)])
    journey = contact.children.get()

    services.contact_child_screen(
        actor=manager,
        journey=journey,
        version=journey.version,
        rag="amber",
        rag_reason="Injury explained inconsistently",
        guidance="Check police and health",
    )
    journey.refresh_from_db()
    assert journey.stage == "awaiting_decision"

    check = services.partner_check_request(actor=manager, contact=contact, agency=builders.agency(la))
    journey.refresh_from_db()
    assert journey.stage == "partner_checks"
    assert check.clock.standard == "partner_check_response"

    services.partner_check_respond(
        actor=officer,
        check=check,
        responded_at=timezone.now(),
        response="Two domestic incidents at the address this year",
    )
    journey.refresh_from_db()
    assert journey.stage == "awaiting_decision"
    check.clock.refresh_from_db()
    assert check.clock.completed_at is not None

    decision = services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="assessment",
        need_level=builders.level(la, 4),
        rationale="Unexplained injury and domestic abuse history",
    )
    journey.refresh_from_db()
    assert journey.stage == "decided"
    assert [e.stage for e in journey.stage_events.all()] == [
        "awaiting_screening",
        "awaiting_decision",
        "partner_checks",
        "awaiting_decision",
        "decided",
    ]
    assert journey.decision_clock.completed_at == decision.decided_at
    assert journey.statutory_clock.completed_at == decision.decided_at
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "contact.recorded",
        "contact.screened",
        "partner_check.requested",
        "partner_check.answered",
        "referral.opened",
        "contact.decided",
    ]


def test_a_decision_needs_a_rationale_and_saves_nothing_without_one(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    before = (Decision.objects.count(), StageEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.contact_child_decide(
            actor=manager,
            journey=journey,
            version=journey.version,
            outcome="nfa",
            need_level=builders.level(la, 1),
            rationale="   ",
        )
    assert error.value.message_dict == {"rationale": ["Enter the rationale for this decision"]}
    assert (Decision.objects.count(), StageEvent.objects.count(), AuditEvent.objects.count()) == before
    journey.refresh_from_db()
    assert journey.stage == "awaiting_screening"
    assert journey.version == 1


def test_a_contact_officer_cannot_decide_and_nothing_changes(la, officer):
    journey = record(officer, [builders.child(la)]).children.get()
    before = (Decision.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):
        services.contact_child_decide(
            actor=officer,
            journey=journey,
            version=1,
            outcome="nfa",
            need_level=builders.level(la, 1),
            rationale="No concerns",
        )
    assert (Decision.objects.count(), AuditEvent.objects.count()) == before


def test_a_stale_screening_is_refused(la, officer, manager):
    journey = record(officer, [builders.child(la)]).children.get()
    services.contact_child_screen(
        actor=manager, journey=journey, version=1, rag="red", rag_reason="Disclosure", guidance=""
    )
    stale = ContactChild.objects.get(pk=journey.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        services.contact_child_screen(
            actor=manager, journey=stale, version=1, rag="green", rag_reason="Old view", guidance=""
        )
    journey.refresh_from_db()
    assert (journey.rag, journey.version) == ("red", 2)


def test_each_sibling_is_decided_separately(la, officer, manager):
    contact = record(officer, [builders.child(la, "Amy"), builders.child(la, "Ben")])
    amy, ben = contact.children.order_by("pk")
    services.contact_child_decide(
        actor=manager,
        journey=amy,
        version=amy.version,
        outcome="strategy",
        need_level=builders.level(la, 4),
        rationale="Disclosure of sexual abuse",
    )
    ben.refresh_from_db()
    assert ben.stage == "awaiting_screening"
    assert ben.statutory_clock.completed_at is None


def test_third_contact_about_a_child_is_flagged(la, officer):
    tom = builders.child(la)
    now = timezone.now()
    record(officer, [tom], received_at=now - timedelta(days=100))
    record(officer, [tom], received_at=now - timedelta(days=50))
    third = record(officer, [tom], received_at=now - timedelta(hours=1)).children.get()
    assert len(third.repeat_reasons) == 1
    assert third.repeat_reasons[0].startswith("Contact number 3 about this child in 12 months")


def test_a_second_family_member_about_a_sibling_is_flagged(la, officer):
    amy, ben = builders.child(la, "Amy"), builders.child(la, "Ben")
    builders.living_together(la, amy, ben)
    now = timezone.now()
    record(officer, [amy], source="1A", referrer_name="Gran Example", received_at=now - timedelta(days=20))
    journey = record(officer, [ben], source="1A", referrer_name="Aunt Example").children.get()
    assert len(journey.repeat_reasons) == 1
    assert (
        "about a child in the same household came from a different family member" in journey.repeat_reasons[0]
    )


def test_daily_review_and_feedback_are_recorded(la, officer, manager):
    journey = record(
        officer, [builders.child(la)], received_at=timezone.now() - timedelta(hours=30)
    ).children.get()
    services.daily_review_record(actor=manager, journey=journey, note="Waiting for health; decide by noon")
    assert DailyReview.objects.get().note == "Waiting for health; decide by noon"
    decision = services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=1,
        outcome="advice",
        need_level=builders.level(la, 2),
        rationale="Signpost to parenting",
    )
    with pytest.raises(ValidationError) as error:
        services.referrer_feedback_record(
            actor=officer,
            decision=decision,
            feedback_at=decision.decided_at - timedelta(minutes=5),
            method="Telephone",
        )
    assert error.value.message_dict == {
        "feedback_at": ["Feedback cannot be given before the decision was made"]
    }
    services.referrer_feedback_record(
        actor=officer, decision=decision, feedback_at=timezone.now(), method="Email"
    )
    decision.refresh_from_db()
    assert decision.feedback_method == "Email"


def test_partner_check_response_before_request_is_refused(la, officer, manager):
    contact = record(officer, [builders.child(la)])
    check = services.partner_check_request(actor=manager, contact=contact, agency=builders.agency(la))
    with pytest.raises(ValidationError) as error:
        services.partner_check_respond(
            actor=officer, check=check, responded_at=check.requested_at - timedelta(hours=1), response="Known"
        )
    assert error.value.message_dict == {
        "responded_at": ["The response cannot be before the check was requested"]
    }
    assert PartnerCheck.objects.get().responded_at is None

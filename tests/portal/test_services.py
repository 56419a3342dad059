"""Portal services: a partner's referral becomes a contact in the queue with its clocks running,
in one transaction; drafts belong to their owner; partners answer only their own agency's checks."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Channel, Contact, ContactChild, Stage
from frontdoor.people.models import Person
from frontdoor.portal import services
from frontdoor.portal.models import Draft, PortalReferral
from tests import builders

pytestmark = pytest.mark.django_db


def child(**overrides):
    values = {"first_name": "Amara", "last_name": "Quince", "date_of_birth": date(2015, 9, 1)}
    return services.ChildDetails(**(values | overrides))


def details(**overrides):
    values = {
        "concern_categories": ["neglect"],
        "concerns": "Amara has come to school hungry every day this week.",
        "what_has_been_tried": "Breakfast club since September; a meeting with her mother.",
        "family_knows": True,
        "consent": "obtained",
        "consent_rationale": "",
        "referrer_name": "Ruth Ellery",
        "referrer_role": "Designated safeguarding lead",
        "referrer_phone": "01905 000000",
        "referrer_email": "dsl@school.example",
    }
    return services.ReferralDetails(**(values | overrides))


def counts():
    return (
        Contact.objects.count(),
        Person.objects.count(),
        Clock.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_referral_becomes_a_contact_in_the_queue_with_its_clocks_running(la):
    school = builders.partner(la)
    before = timezone.now()

    referral = services.portal_referral_submit(
        actor=school,
        children=[child(), child(first_name="Kit", date_of_birth=date(2018, 2, 3))],
        details=details(),
    )

    contact = referral.contact
    assert contact.reference == f"CT{contact.pk:07d}"
    assert contact.channel == Channel.ONLINE_FORM
    assert contact.source == "2A"
    assert contact.source_agency == school.partner_agency
    assert contact.recorded_by == school
    assert before <= contact.received_at <= timezone.now()
    assert contact.concerns.startswith("Amara has come to school hungry")
    assert "What has been tried:\nBreakfast club since September" in contact.concerns
    journeys = list(contact.children.order_by("pk"))
    assert [j.person.full_name for j in journeys] == ["Amara Quince", "Kit Quince"]
    assert [j.stage for j in journeys] == [Stage.AWAITING_SCREENING, Stage.AWAITING_SCREENING]
    assert all(j.decision_clock.started_at == contact.received_at for j in journeys)
    assert all(j.decision_clock.due_at == contact.received_at + timedelta(hours=24) for j in journeys)
    assert referral.referrer_phone == "01905 000000"
    assert AuditEvent.objects.filter(action="portal.referral_submitted").count() == 2


def test_a_child_known_by_nhs_number_and_date_of_birth_is_linked_not_duplicated(la):
    known = builders.child(la, "Amara", "Quince", dob=date(2015, 9, 1))
    known.nhs_number = "9434765919"
    known.save(update_fields=["nhs_number"])
    school = builders.partner(la)

    referral = services.portal_referral_submit(
        actor=school, children=[child(nhs_number="9434765919")], details=details()
    )

    assert [j.person_id for j in referral.contact.children.all()] == [known.pk]
    assert Person.objects.count() == 1


def test_a_different_date_of_birth_with_the_same_nhs_number_goes_to_the_front_door_not_a_new_record(la):
    known = builders.child(la, "Amara", "Quince", dob=date(2015, 9, 2))
    known.nhs_number = "9434765919"
    known.save(update_fields=["nhs_number"])

    referral = services.portal_referral_submit(
        actor=builders.partner(la), children=[child(nhs_number="9434765919")], details=details()
    )

    journey = referral.contact.children.get()
    assert journey.person_id == known.pk
    assert Person.objects.count() == 1
    proposal = journey.link_proposal
    assert (proposal.status, [c["person_id"] for c in proposal.candidates]) == ("pending", [known.pk])
    assert proposal.described["nhs_number"] == ""  # held on the known record: not copied to a new one
    assert (
        "NHS number 943 476 5919 for Amara Quince; it is held on another record" in referral.contact.concerns
    )


def test_a_likely_known_child_is_never_recorded_twice_and_the_candidates_go_to_screening(la):
    known = builders.child(la, "Amara", "Quince", dob=date(2015, 9, 1))
    builders.child(la, "Zofia", "Quince", dob=date(2015, 9, 1))  # her twin: not a candidate
    school = builders.partner(la)

    referral = services.portal_referral_submit(
        actor=school, children=[child(first_name="Amarah", last_name="Quince")], details=details()
    )

    journey = referral.contact.children.get()
    assert journey.person_id == known.pk
    assert Person.objects.count() == 2
    proposal = journey.link_proposal
    assert proposal.described == {
        "first_name": "Amarah",
        "last_name": "Quince",
        "date_of_birth": "2015-09-01",
        "nhs_number": "",
        "sex": "",
    }
    [candidate] = proposal.candidates
    assert (candidate["person_id"], candidate["band"]) == (known.pk, "match")
    assert "First name sounds the same (Amarah ↔ Amara)" in candidate["reasons"]
    assert AuditEvent.objects.filter(action="contact.link_proposed", person_id=known.pk).count() == 1


def test_a_child_nobody_knows_is_recorded_as_new_with_no_proposal(la):
    builders.child(la, "Harry", "Quince", dob=date(2015, 9, 1))  # a brother? a twin? not her
    referral = services.portal_referral_submit(
        actor=builders.partner(la), children=[child()], details=details()
    )
    journey = referral.contact.children.get()
    assert journey.person.full_name == "Amara Quince"
    assert Person.objects.count() == 2
    assert not hasattr(journey, "link_proposal")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"family_knows": False, "consent": "obtained"}, "consent"),
        ({"consent": "not_sought", "consent_rationale": " "}, "consent_rationale"),
    ],
)
def test_what_the_family_knows_must_hold_together_and_nothing_is_saved_otherwise(la, overrides, field):
    school = builders.partner(la)
    before = counts()

    with pytest.raises(ValidationError) as error:
        services.portal_referral_submit(actor=school, children=[child()], details=details(**overrides))

    assert list(error.value.message_dict) == [field]
    assert counts() == before


def test_an_adult_is_refused_and_nothing_is_saved(la):
    school = builders.partner(la)
    before = counts()
    eighteen = timezone.localdate().replace(year=timezone.localdate().year - 18)

    with pytest.raises(ValidationError) as error:
        services.portal_referral_submit(
            actor=school, children=[child(date_of_birth=eighteen)], details=details()
        )

    assert error.value.message_dict == {
        "date_of_birth": ["The child must be under 18: check the date of birth"]
    }
    assert counts() == before


def test_staff_cannot_use_the_portal_and_partners_cannot_record_other_contacts(la, officer):
    school = builders.partner(la)
    before = counts()

    with pytest.raises(PermissionDenied):
        services.portal_referral_submit(actor=officer, children=[child()], details=details())
    with pytest.raises(ValidationError):
        contact_services.contact_record(
            actor=school,
            children=[builders.child(la)],
            received_at=timezone.now(),
            channel="phone",
            source="2A",
            concerns="x",
            concern_categories=["neglect"],
            consent="obtained",
            source_agency=school.partner_agency,
        )
    assert counts()[0] == before[0]


def test_a_partner_without_an_agency_is_told_to_ask_for_one(la):
    school = builders.partner(la)
    school.partner_agency = None
    school.save(update_fields=["partner_agency"])

    with pytest.raises(ValidationError) as error:
        services.portal_referral_submit(actor=school, children=[child()], details=details())

    assert error.value.messages == [services.NO_AGENCY]
    assert Contact.objects.count() == 0


def test_a_draft_is_kept_resumed_and_removed_on_submission(la):
    school = builders.partner(la)
    draft = services.draft_save(actor=school, answers={"child1-first_name": ["Amara"]})
    draft = services.draft_save(
        actor=school, draft=draft, answers={"child1-first_name": ["Amara"], "concerns": ["x"]}
    )

    assert draft.answers == {"child1-first_name": ["Amara"], "concerns": ["x"]}
    assert draft.summary == "Amara"

    services.portal_referral_submit(actor=school, children=[child()], details=details(), draft=draft)

    assert Draft.objects.count() == 0
    assert PortalReferral.objects.count() == 1


def test_another_partners_draft_cannot_be_saved_over_or_discarded(la):
    mine = services.draft_save(actor=builders.partner(la), answers={"concerns": ["mine"]})
    other = builders.partner(la)

    with pytest.raises(ValidationError):
        services.draft_save(actor=other, draft=mine, answers={"concerns": ["theirs"]})
    with pytest.raises(ValidationError):
        services.draft_discard(actor=other, draft=mine)

    mine.refresh_from_db()
    assert mine.answers == {"concerns": ["mine"]}


def test_a_partner_answers_their_own_agencys_check_and_its_clock_stops(la, officer, manager):
    school = builders.partner(la)
    contact = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la)],
        received_at=timezone.now() - timedelta(hours=1),
        channel="phone",
        source="6",
        concerns="Police attended a domestic incident.",
        concern_categories=["domestic_abuse"],
        consent="not_sought",
        consent_rationale="Would place the child at risk",
    )
    check = contact_services.partner_check_request(
        actor=manager, contact=contact, agency=school.partner_agency, question="Attendance?"
    )

    answered = contact_services.partner_check_answer_for_agency(
        actor=school, check=check, response="Attendance 71% this term."
    )

    assert answered.response == "Attendance 71% this term."
    assert answered.recorded_by == school
    assert answered.clock.completed_at == answered.responded_at
    assert answered.clock.completed_at <= answered.clock.due_at
    assert ContactChild.objects.get(contact=contact).stage == Stage.AWAITING_SCREENING


def test_a_partner_cannot_answer_another_agencys_check(la, officer, manager):
    school = builders.partner(la)
    contact = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la)],
        received_at=timezone.now() - timedelta(hours=1),
        channel="phone",
        source="6",
        concerns="x",
        concern_categories=["neglect"],
        consent="obtained",
    )
    check = contact_services.partner_check_request(actor=manager, contact=contact, agency=builders.agency(la))

    with pytest.raises(ValidationError):
        contact_services.partner_check_answer_for_agency(actor=school, check=check, response="Known")
    with pytest.raises(PermissionDenied):
        contact_services.partner_check_answer_for_agency(actor=officer, check=check, response="Known")

    check.refresh_from_db()
    assert (check.responded_at, check.response) == (None, "")

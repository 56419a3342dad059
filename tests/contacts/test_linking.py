"""The front door confirms or rejects the link the portal proposed, with a reason (contacts.linking)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.contacts import linking
from frontdoor.contacts.models import LinkProposal
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.portal import services as portal
from tests import builders

pytestmark = pytest.mark.django_db

DETAILS = portal.ReferralDetails(
    concern_categories=["neglect"],
    concerns="Hungry at school every day.",
    what_has_been_tried="Breakfast club.",
    family_knows=True,
    consent="obtained",
    consent_rationale="",
    referrer_name="Ruth Ellery",
    referrer_role="DSL",
    referrer_phone="01905 000000",
    referrer_email="dsl@school.example",
)


@pytest.fixture
def proposal(la):
    builders.child(la, "Amara", "Quince", dob=date(2015, 9, 1))
    builders.child(la, "Amara", "Quince", dob=date(2015, 1, 9))  # a duplicate? born 09/01, not 01/09
    child = portal.ChildDetails("Amara", "Quince", date(2015, 9, 1))
    referral = portal.portal_referral_submit(actor=builders.partner(la), children=[child], details=DETAILS)
    return referral.contact.children.get().link_proposal


def test_confirming_another_candidate_moves_the_journey_to_them(la, proposal):
    manager = builders.user(la, Role.TEAM_MANAGER)
    first, second = [c["person_id"] for c in proposal.candidates]
    assert proposal.journey.person_id == first
    linking.link_decide(actor=manager, proposal=proposal, person_id=second, reason="School gave 9 January")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.journey.person_id, proposal.decided_by) == (
        "confirmed",
        second,
        manager,
    )
    assert AuditEvent.objects.filter(action="contact.link_decided", person_id=second).count() == 1


def test_rejecting_every_candidate_records_a_new_child_from_the_description(la, proposal):
    manager = builders.user(la, Role.TEAM_MANAGER)
    people = Person.objects.count()
    linking.link_decide(
        actor=manager, proposal=proposal, person_id=None, reason="Different school and mother"
    )
    proposal.refresh_from_db()
    new = proposal.journey.person
    assert proposal.status == "rejected"
    assert (new.full_name, new.date_of_birth, Person.objects.count()) == (
        "Amara Quince",
        date(2015, 9, 1),
        people + 1,
    )
    assert new.pk not in [c["person_id"] for c in proposal.candidates]


@pytest.mark.parametrize(
    ("person", "reason", "field"),
    [("first", " ", "reason"), ("stranger", "Checked", "person")],
)
def test_bad_decisions_are_refused_beside_the_field_and_change_nothing(la, proposal, person, reason, field):
    manager = builders.user(la, Role.TEAM_MANAGER)
    chosen = proposal.candidates[0]["person_id"] if person == "first" else builders.child(la, "Zed").pk
    before = (proposal.journey.person_id, Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        linking.link_decide(actor=manager, proposal=proposal, person_id=chosen, reason=reason)
    assert list(refused.value.message_dict) == [field]
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert before == (
        proposal.journey.person_id,
        Person.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_decided_link_cannot_be_decided_again(la, proposal):
    manager = builders.user(la, Role.TEAM_MANAGER)
    first = proposal.candidates[0]["person_id"]
    linking.link_decide(actor=manager, proposal=proposal, person_id=first, reason="Same school")
    with pytest.raises(ValidationError, match="already been decided"):
        linking.link_decide(actor=manager, proposal=proposal, person_id=None, reason="Changed my mind")
    assert LinkProposal.objects.get().status == "confirmed"


def test_a_contact_officer_may_not_decide_a_link(la, proposal, officer):
    with pytest.raises(PermissionDenied):
        linking.link_decide(actor=officer, proposal=proposal, person_id=None, reason="Guess")
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_the_contact_page_flags_the_link_and_the_link_page_decides_it(la, proposal, client):
    manager = builders.user(la, Role.TEAM_MANAGER)
    client.force_login(manager)
    journey = proposal.journey
    page = client.get(reverse("contacts:detail", args=[journey.contact_id])).content.decode()
    assert "Not yet confirmed: the referrer described Amara Quince" in page
    link = client.get(reverse("contacts:link", args=[journey.pk]))
    assert link.content.decode().count('data-testid="candidate"') == 2
    assert AccessEvent.objects.filter(purpose="contacts.link").count() == 3  # the journey, two candidates
    refused = client.post(reverse("contacts:link", args=[journey.pk]), {"person": "new", "reason": ""})
    assert "Say why: what you checked and what you found" in refused.content.decode()
    done = client.post(reverse("contacts:link", args=[journey.pk]), {"person": "new", "reason": "Not her"})
    assert done.status_code == 302
    assert LinkProposal.objects.get().status == "rejected"

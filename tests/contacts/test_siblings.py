"""The same screening or decision for several children of one contact at once (contacts.siblings,
issue 18): each child recorded on its own (a screening or Decision per child, its own audit event,
its clocks), all in one transaction; a refused child is named and nothing is saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.contacts import services, siblings
from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Referral
from tests import builders

pytestmark = pytest.mark.django_db

RATIONALE = "Three children at home where domestic abuse was reported; the same worries for each."


@pytest.fixture
def journeys(la, officer):
    """Amy, Ben and Cal named in one contact, awaiting screening (oldest record first)."""
    children = [builders.child(la, name) for name in ("Amy", "Ben", "Cal")]
    contact = services.contact_record(
        actor=officer,
        children=children,
        received_at=timezone.now() - timedelta(hours=2),
        channel="phone",
        source="2A",
        concerns="Police called to the home after a fight between the adults.",
        concern_categories=["neglect"],
        consent="obtained",
    )
    return list(contact.children.select_related("person").order_by("pk"))


def _others(journeys):
    return [(j.pk, j.version) for j in journeys[1:]]


def _decide(manager, la, journeys, also, outcome="assessment"):
    first = journeys[0]
    return siblings.contact_children_decide(
        actor=manager,
        journey=first,
        version=first.version,
        also=also,
        outcome=outcome,
        need_level=builders.level(la, 4),
        rationale=RATIONALE,
    )


def _snapshot():
    return (
        Decision.objects.count(),
        AuditEvent.objects.count(),
        Clock.objects.count(),
        Referral.objects.count(),
        sorted(ContactChild.objects.values_list("stage", "version")),
    )


def test_three_siblings_screened_at_once_are_each_screened_and_audited(la, manager, journeys):
    first = journeys[0]
    screened = siblings.contact_children_screen(
        actor=manager,
        journey=first,
        version=first.version,
        also=_others(journeys),
        rag="red",
        rag_reason="Violence at home with the children present",
        guidance="Check with the school today.",
    )
    assert [j.pk for j in screened] == [j.pk for j in journeys]
    rows = ContactChild.objects.filter(pk__in=[j.pk for j in journeys]).order_by("pk")
    assert [(r.rag, r.rag_reason, r.screened_by_id, r.stage) for r in rows] == [
        ("red", "Violence at home with the children present", manager.pk, "awaiting_decision")
    ] * 3
    events = AuditEvent.objects.filter(action="contact.screened").order_by("person_id")
    assert [e.person_id for e in events] == [j.person_id for j in journeys]


def test_three_siblings_decided_at_once_each_get_a_decision_an_event_their_clocks_and_an_episode(
    la, manager, journeys
):
    before = (Decision.objects.count(), Referral.objects.count(), Clock.objects.count())
    decided = _decide(manager, la, journeys, _others(journeys))
    assert [d.contact_child_id for d in decided] == [j.pk for j in journeys]
    assert (Decision.objects.count(), Referral.objects.count()) == (before[0] + 3, before[1] + 3)
    for journey in journeys:
        journey.refresh_from_db()
        assert journey.stage == "decided"
        assert journey.decision.outcome == "assessment"
        assert journey.decision.rationale == RATIONALE
        assert journey.decision_clock.completed_at == journey.decision.decided_at
        assert journey.statutory_clock.completed_at == journey.decision.decided_at
        episode = Referral.objects.get(contact_child=journey)
        assert episode.person_id == journey.person_id
        assert Clock.objects.filter(subject_type="referrals.referral", subject_id=episode.pk).count() >= 1
    events = AuditEvent.objects.filter(action="contact.decided").order_by("person_id")
    assert [e.person_id for e in events] == [j.person_id for j in journeys]


def test_one_child_already_decided_saves_nothing_and_names_the_child(la, manager, journeys):
    cal = journeys[2]
    services.contact_child_decide(
        actor=manager, journey=cal, version=cal.version, outcome="nfa",
        need_level=builders.level(la, 1), rationale="No concerns about this child once checked with school.",
    )  # fmt: skip
    cal.refresh_from_db()
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        _decide(manager, la, journeys, [(journeys[1].pk, journeys[1].version), (cal.pk, cal.version)])
    assert refused.value.message_dict == {
        "also": ["Cal Example: This child's contact has already been decided."]
    }
    assert _snapshot() == before  # Amy's and Ben's decisions went with it


def test_a_child_changed_since_the_page_was_opened_saves_nothing_and_is_named(la, manager, journeys):
    ben = journeys[1]
    before = _snapshot()
    with pytest.raises(StaleEdit) as refused:
        _decide(manager, la, journeys, [(ben.pk, ben.version - 1), (journeys[2].pk, journeys[2].version)])
    assert str(refused.value).startswith("Ben Example: ")
    assert _snapshot() == before


def test_a_child_the_manager_may_not_see_is_refused_without_being_named(la, manager, journeys):
    owner = builders.user(la, Role.TEAM_MANAGER, "owner")
    access_services.restriction_create(actor=owner, person=journeys[2].person, reason="staff")
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        _decide(manager, la, journeys, _others(journeys))
    assert refused.value.message_dict == {"also": [siblings.NOT_CHOSEN]}
    assert "Cal" not in str(refused.value)
    assert _snapshot() == before


def test_a_child_of_another_contact_or_the_same_child_twice_is_refused(la, officer, manager, journeys):
    elsewhere = services.contact_record(
        actor=officer, children=[builders.child(la, "Dee")], received_at=timezone.now() - timedelta(hours=1),
        channel="phone", source="2A", concerns="Worried about Dee.", concern_categories=["neglect"],
        consent="obtained",
    ).children.get()  # fmt: skip
    before = _snapshot()
    for also in ([(elsewhere.pk, elsewhere.version)], [(journeys[1].pk, 1), (journeys[1].pk, 1)]):
        with pytest.raises(ValidationError) as refused:
            _decide(manager, la, journeys, also)
        assert refused.value.message_dict == {"also": [siblings.NOT_CHOSEN]}
    assert _snapshot() == before


def test_the_decision_page_offers_the_brothers_and_sisters_and_records_each(client, la, manager, journeys):
    amy, ben, cal = journeys
    client.force_login(manager)
    url = reverse("contacts:decide", args=[amy.pk])
    page = client.get(url).content.decode()
    assert "Make the same decision for these children too" in page
    assert "Ben Example" in page
    assert "Cal Example" in page
    response = client.post(
        url,
        {
            "version": amy.version, "outcome": "assessment", "need_level": builders.level(la, 4).pk,
            "rationale": RATIONALE, "also": [str(ben.pk), str(cal.pk)],
            "also_versions": f"{ben.pk}:{ben.version},{cal.pk}:{cal.version}",
        },
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "Decision recorded for Amy Example, Ben Example and Cal Example" in response.content.decode()
    assert Decision.objects.filter(contact_child__in=journeys).count() == 3


def test_a_refused_sibling_is_named_beside_the_field_and_nothing_is_saved(client, la, manager, journeys):
    amy, ben, cal = journeys
    client.force_login(manager)
    url = reverse("contacts:screen", args=[amy.pk])
    before = _snapshot()
    response = client.post(
        url,
        {
            "version": amy.version, "rag": "amber", "rag_reason": "Needs a decision today",
            "also": [str(ben.pk), str(cal.pk)],
            "also_versions": f"{ben.pk}:{ben.version},{cal.pk}:{cal.version + 5}",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Cal Example: Someone else changed" in response.content.decode()
    assert _snapshot() == before

"""The front door's pages: bad input is answered beside the field with nothing saved, refusals show
no child data and change nothing, and every page that shows children logs who saw them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.contacts import selectors, services
from frontdoor.contacts.models import Contact, Decision
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.people.rules import NHS_INVALID_MESSAGE
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(la, officer):
    return services.contact_record(
        actor=officer,
        children=[builders.child(la, "Priya", "Sharma")],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )


def details(**overrides):
    moment = timezone.localtime(timezone.now() - timedelta(hours=1))
    data = {
        "received_at_day": moment.day,
        "received_at_month": moment.month,
        "received_at_year": moment.year,
        "received_at_time": moment.strftime("%H:%M"),
        "channel": "phone",
        "source": "2A",
        "concern_categories": ["neglect"],
        "concerns": "Hungry at school",
        "consent": "obtained",
    }
    data.update(overrides)
    return data


def post_details(client, officer, la, data):
    client.force_login(officer)
    session = client.session
    session["contact_draft_children"] = [builders.child(la).pk]
    session.save()
    return client.post(reverse("contacts:new_details"), data)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"concerns": "<script>alert(1)</script>"},
            "concerns",
            "Remove the < and > characters from what happened, and what is the worry?",
        ),
        (
            {"concerns": "x" * 5001},
            "concerns",
            "What happened, and what is the worry? must be 5,000 characters or fewer",
        ),
        (
            {"consent": "overridden"},
            "consent_rationale",
            "Explain why consent was not obtained, or why it was not sought or was overridden",
        ),
        ({"received_at_year": timezone.now().year + 1}, "received_at", None),
        ({"concern_categories": []}, "concern_categories", "Choose at least one kind of concern"),
    ],
)
def test_bad_contact_details_are_answered_beside_the_field_and_nothing_is_saved(
    client, la, officer, overrides, field, message
):
    before = (Contact.objects.count(), AuditEvent.objects.count())
    response = post_details(client, officer, la, details(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    page = response.content.decode()
    # The message stands twice: in the error summary and beside the field.
    assert page.count(errors[field][0].replace("<", "&lt;").replace(">", "&gt;")) == 2
    assert (Contact.objects.count(), AuditEvent.objects.count()) == before


def test_good_contact_details_record_the_contact_and_clear_the_draft(client, la, officer):
    response = post_details(client, officer, la, details())
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])
    assert "contact_draft_children" not in client.session


def test_an_invalid_nhs_number_for_a_new_child_is_refused(client, la, officer):
    client.force_login(officer)
    before = Person.objects.count()
    response = client.post(
        reverse("contacts:new_child"),
        {"last_name": "Jones", "sex": "U", "ethnicity": "NOBT", "nhs_number": "943 476 5918"},
    )
    assert response.context["form"].errors["nhs_number"] == [NHS_INVALID_MESSAGE]
    assert Person.objects.count() == before


def test_a_contact_officer_is_refused_the_decision_page_and_sees_no_child(client, la, officer, contact):
    journey = contact.children.get()
    client.force_login(officer)
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    page = client.get(reverse("contacts:decide", args=[journey.pk]))
    post = client.post(
        reverse("contacts:decide", args=[journey.pk]),
        {"outcome": "nfa", "need_level": builders.level(la, 1).pk, "rationale": "x", "version": 1},
    )
    for response in (page, post):
        assert response.status_code == 403
        assert b"Priya" not in response.content
    assert Decision.objects.count() == 0
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()


def test_another_authoritys_contact_is_not_found_and_not_logged(client, contact):
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.TEAM_MANAGER)
    client.force_login(stranger)
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    for url in (
        reverse("contacts:detail", args=[contact.pk]),
        reverse("contacts:screen", args=[contact.children.get().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Priya" not in response.content
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()


@pytest.mark.parametrize("name", ["contacts:queue", "contacts:daily_review", "oversight:board"])
def test_lists_of_children_log_who_saw_them(client, manager, contact, name):
    if name == "contacts:daily_review":
        Contact.objects.filter(pk=contact.pk).update(received_at=timezone.now() - timedelta(hours=30))
    client.force_login(manager)
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    response = client.get(reverse(name))
    assert b"Priya Sharma" in response.content
    assert list(AccessEvent.objects.filter(pk__gt=mark).values_list("actor_id", "person_id")) == [
        (manager.pk, contact.children.get().person_id)
    ]


def test_the_contact_page_logs_the_children_it_shows(client, manager, contact):
    client.force_login(manager)
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    assert client.get(reverse("contacts:detail", args=[contact.pk])).status_code == 200
    assert set(AccessEvent.objects.filter(pk__gt=mark).values_list("purpose", flat=True)) == {
        "contacts.detail",
        "contacts.history",
    }


def test_every_journeys_stage_and_time_in_it_is_one_query(manager, contact):
    with CaptureQueriesContext(connection) as ctx:
        rows = list(selectors.journey_stages(actor=manager))
    assert len(ctx.captured_queries) == 1
    assert [(r["stage"], r["stage_entered_at"]) for r in rows] == [
        ("awaiting_screening", contact.received_at)
    ]


def test_the_screening_page_allocates_a_worker(client, la, manager, contact):
    worker = builders.user(la, Role.SOCIAL_WORKER)
    journey = contact.children.get()
    client.force_login(manager)
    response = client.post(
        reverse("contacts:screen", args=[journey.pk]),
        {
            "rag": "green",
            "rag_reason": "Food bank referral enough",
            "guidance": "",
            "owner": worker.pk,
            "version": 1,
        },
    )
    assert response.status_code == 302
    journey.refresh_from_db()
    assert (journey.owner, journey.rag, journey.stage) == (worker, "green", "awaiting_decision")


def test_the_contact_search_offers_children_not_the_adults_around_them(client, la, officer):
    child = builders.child(la, "Amy", "Smith")
    builders.adult(la, "Jo", "Smith")
    client.force_login(officer)
    response = client.get(reverse("contacts:new"), {"last_name": "Smith"})
    assert [m.person for m in response.context["matches"]] == [child]


def test_an_administrator_lands_on_a_page_without_children(client, la, contact):
    client.force_login(builders.user(la, Role.ADMINISTRATOR))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"does not give access to children" in response.content
    assert b"Priya" not in response.content

"""The team manager's daily review list: contacts undecided 24 hours after receipt, oldest first, each
with its latest review, in a fixed number of queries however many children wait."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.contacts import selectors, services
from frontdoor.contacts.models import ContactChild, DailyReview
from tests import builders

pytestmark = pytest.mark.django_db


def waiting(la, officer, first_name, hours):
    contact = services.contact_record(
        actor=officer,
        children=[builders.child(la, first_name, "Example")],
        received_at=timezone.now() - timedelta(hours=hours),
        channel="phone",
        source="2A",
        concerns="Bruise on the arm",
        concern_categories=["physical_abuse"],
        consent="obtained",
    )
    return contact.children.get()


def test_lists_contacts_undecided_after_24_hours_oldest_first_with_the_latest_review(la, officer, manager):
    recent = waiting(la, officer, "Ada", 3)
    older = waiting(la, officer, "Bea", 30)
    oldest = waiting(la, officer, "Cal", 50)
    services.daily_review_record(actor=manager, journey=oldest, note="Chased the school")
    DailyReview.objects.filter(contact_child=oldest).update(reviewed_at=timezone.now() - timedelta(hours=20))
    latest = services.daily_review_record(actor=manager, journey=oldest, note="Police check due at noon")

    rows = selectors.daily_review_list(actor=manager)

    assert [(r.pk, r.last_review_at) for r in rows] == [
        (oldest.pk, latest.reviewed_at),
        (older.pk, None),
    ]
    assert recent.pk not in {r.pk for r in rows}
    assert [r.person_name for r in rows] == ["Cal Example", "Bea Example"]
    assert rows[1].waiting >= timedelta(hours=30)


def test_a_decided_contact_leaves_the_list(la, officer, manager):
    journey = waiting(la, officer, "Bea", 30)
    ContactChild.objects.filter(pk=journey.pk).update(stage="decided")

    assert selectors.daily_review_list(actor=manager) == []


def test_the_number_of_queries_does_not_grow_with_the_list(la, officer, manager):
    waiting(la, officer, "Ada", 30)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.daily_review_list(actor=manager)) == 1
    for name in ("Bea", "Cal", "Dev", "Eli"):
        journey = waiting(la, officer, name, 40)
        services.daily_review_record(actor=manager, journey=journey, note="Chased")
    with CaptureQueriesContext(connection) as five:
        assert len(selectors.daily_review_list(actor=manager)) == 5

    assert len(one.captured_queries) == len(five.captured_queries) == 2  # the list, the access log

"""Capped search results say so (issue 18): "Showing the best 20 of 25 possible matches", with a
link to see more, on the staff search; the contact's "is this child already known?" step and the
missing-child search cap at 10 the same way."""

import pytest
from django.urls import reverse

from frontdoor.people import selectors
from frontdoor.people.rules import SearchQuery

from .factories import PersonFactory

pytestmark = pytest.mark.django_db
SEARCH = {"last_name": "Example", "first_name": "Tom"}


@pytest.fixture
def toms(authority):
    return PersonFactory.create_batch(25, authority=authority)


def test_the_selector_counts_every_visible_match_beyond_the_page(worker, toms, other_authority):
    PersonFactory.create_batch(3, authority=other_authority)

    found = selectors.person_search_counted(actor=worker, query=SearchQuery(**SEARCH), limit=20)

    assert (len(found.matches), found.total) == (20, 25)


def test_the_staff_search_says_it_shows_20_of_25_and_shows_the_rest_on_request(client, worker, toms):
    client.force_login(worker)

    first = client.get(reverse("people:search"), SEARCH)

    page = first.content.decode()
    assert page.count('data-testid="match"') == 20
    assert "25 possible matches" in page
    assert "Showing the best 20 of 25 possible matches." in page
    assert "shown=40" in page
    more = client.get(reverse("people:search"), SEARCH | {"shown": "40"}).content.decode()
    assert more.count('data-testid="match"') == 25
    assert 'data-testid="showing"' not in more


@pytest.mark.parametrize("shown", ["abc", "-5", "9" * 30])
def test_an_unreadable_shown_is_the_first_page(client, worker, toms, shown):
    client.force_login(worker)

    page = client.get(reverse("people:search"), SEARCH | {"shown": shown}).content.decode()

    assert page.count('data-testid="match"') == 20


def test_the_contact_search_caps_at_10_and_says_so(client, worker, toms):
    client.force_login(worker)

    page = client.get(reverse("contacts:new"), SEARCH).content.decode()

    assert "Showing the best 10 of 25 possible matches." in page

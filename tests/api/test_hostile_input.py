"""Hostile input answered with a clear 4xx, never a server error (issue 18): a JSON body nested
thousands deep, a body over the upload limit, and HTML tags in text the web forms would refuse."""

import json
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from frontdoor.contacts.models import Contact, Decision
from frontdoor.organisations.models import Role
from tests import builders
from tests.api.test_api import api, assert_error, contact_body, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def la():
    return builders.authority()


@pytest.fixture
def officer(la):
    return builders.user(la, Role.CONTACT_OFFICER)


def test_a_body_nested_thousands_deep_is_a_400_parse_error(officer):
    body = "[" * 100_000 + "]" * 100_000

    response = api(officer).post(reverse("api:contacts"), body, content_type="application/json")

    error = assert_error(response, 400, "parse_error")
    assert "nested" in error["message"]
    assert Contact.objects.count() == 0


def test_a_body_over_the_upload_limit_is_a_413_in_the_error_shape(la, officer):
    body = contact_body(builders.child(la), concerns="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))

    response = api(officer).post(reverse("api:contacts"), json.dumps(body), content_type="application/json")

    error = assert_error(response, 413, "too_large")
    assert error["message"] == "The request body is larger than 2,097,152 bytes."
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("concerns", "Seen at school <script>alert(1)</script>"),
        ("consent_rationale", "<b>Risk</b> to the child"),
        ("referrer_name", "<img src=x onerror=alert(1)>"),
    ],
)
def test_html_tags_the_web_forms_refuse_are_refused_by_the_api(la, officer, field, value):
    overrides = {field: value, "consent": "not_sought"} if field == "consent_rationale" else {field: value}

    response = api(officer).post(
        reverse("api:contacts"), contact_body(builders.child(la), **overrides), format="json"
    )

    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {field: ["Remove the < and > characters"]}
    assert Contact.objects.count() == 0


def test_the_rationale_of_a_decision_refuses_html_tags(la, officer):
    journey = record(officer, builders.child(la)).children.get()
    body = {
        "version": journey.version,
        "outcome": "nfa",
        "need_level": 1,
        "rationale": "No concerns <iframe src=//example.org> for this child",
    }

    response = api(builders.user(la, Role.TEAM_MANAGER)).post(
        reverse("api:decide", kwargs={"pk": journey.pk}), body, format="json"
    )

    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {"rationale": ["Remove the < and > characters"]}
    assert Decision.objects.count() == 0


@pytest.mark.parametrize("received_at", ["1752-09-14T10:00:00Z", "1900-01-01T00:00:00Z"])
def test_a_contact_received_centuries_ago_is_refused(la, officer, received_at):
    response = api(officer).post(
        reverse("api:contacts"), contact_body(builders.child(la), received_at=received_at), format="json"
    )

    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {"received_at": ["The date received must be on or after 1 January 2000"]}
    assert Contact.objects.count() == 0


def test_the_people_search_says_how_many_match_beyond_the_20_it_returns(la, officer):
    for n in range(23):
        builders.child(la, "Tom", "Quillfeather", dob=date(2016, 5, 4) + timedelta(days=n % 3))

    found = api(officer).get(reverse("api:people"), {"last_name": "Quillfeather", "first_name": "Tom"}).json()

    assert (len(found["results"]), found["count"]) == (20, 23)

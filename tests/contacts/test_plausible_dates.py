"""Plausible dates (issue 18): a contact received in 1752 or 1900 started clocks centuries overdue.
Nothing is received before the configured floor (settings.FRONTDOOR_EARLIEST_DATE), on the pages,
through the API or in the service."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.clocks.models import Clock
from frontdoor.contacts import rules
from frontdoor.contacts.models import Contact
from tests import builders

from .test_services import counts, record

FLOOR = date(2000, 1, 1)
FLOOR_MESSAGE = "The date received must be on or after 1 January 2000"


def problems(received_at, earliest=FLOOR):
    return rules.contact_problems(
        received_at=received_at,
        now=datetime(2026, 6, 1, tzinfo=UTC),
        earliest=earliest,
        consent="obtained",
        consent_rationale="",
        incident_at=None,
        children_count=1,
        source="2A",
        referrer_named=True,
    )


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(2026, 6, 1), timezones=st.just(UTC)))
def test_received_before_the_floor_is_refused_and_after_it_is_not(received_at):
    found = problems(received_at).get("received_at")

    assert (found == FLOOR_MESSAGE) == (received_at.date() < FLOOR)


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1752, 1900, 1999])
def test_the_service_refuses_a_contact_received_before_the_floor_and_starts_no_clock(la, officer, year):
    before = counts()

    with pytest.raises(ValidationError) as error:
        record(officer, [builders.child(la)], received_at=datetime(year, 9, 14, 10, tzinfo=UTC))

    assert error.value.message_dict == {"received_at": [FLOOR_MESSAGE]}
    assert counts() == before
    assert Clock.objects.count() == 0


@pytest.mark.django_db
def test_the_floor_is_configured(la, officer):
    with override_settings(FRONTDOOR_EARLIEST_DATE=date(2024, 4, 1)), pytest.raises(ValidationError) as error:
        record(officer, [builders.child(la)], received_at=datetime(2024, 3, 31, 10, tzinfo=UTC))

    assert error.value.message_dict == {"received_at": ["The date received must be on or after 1 April 2024"]}
    assert Contact.objects.count() == 0
    assert record(officer, [builders.child(la)], received_at=timezone.now() - timedelta(hours=1)).pk

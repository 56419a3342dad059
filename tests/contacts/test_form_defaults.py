"""The contact form's received time starts at now, in Europe/London (issue 18)."""

from datetime import UTC, datetime
from unittest import mock

import pytest

from frontdoor.contacts.forms import ContactDetailsForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("now", "day", "month", "year", "time"),
    [
        (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "2", "7", "2026", "00:30"),  # BST: already tomorrow
        (datetime(2026, 12, 1, 9, 5, tzinfo=UTC), "1", "12", "2026", "09:05"),  # GMT
    ],
)
def test_received_at_starts_at_now_in_london(la, now, day, month, year, time):
    with mock.patch("django.utils.timezone.now", return_value=now):
        html = str(ContactDetailsForm(authority_id=la.pk)["received_at"])

    for name, value in (("day", day), ("month", month), ("year", year), ("time", time)):
        assert f'name="received_at_{name}" value="{value}"' in html

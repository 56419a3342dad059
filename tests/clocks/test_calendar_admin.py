"""Administrators add a one-off bank holiday; open clocks running across it move, and only they."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks import admin_services
from frontdoor.clocks.models import BankHoliday, CalendarDay
from frontdoor.clocks.services import clock_start
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db

# Friday 2 July 2027; an invented one-off holiday on Monday 5 July 2027.
FRIDAY = datetime(2027, 7, 2, 10, 0, tzinfo=UTC)
HOLIDAY = date(2027, 7, 5)


@pytest.fixture
def la():
    return builders.authority()


def start(la, standard):
    subject = builders.child(la)
    return clock_start(authority=la, standard=standard, started_at=FRIDAY, subject=subject, person=subject)


def test_a_one_off_holiday_moves_working_day_clocks_but_not_clock_hours(la):
    admin = builders.user(la, Role.ADMINISTRATOR)
    statutory, hours = start(la, "contact_decision_statutory"), start(la, "contact_decision")
    hours_due = hours.due_at
    assert statutory.due_at.date() == date(2027, 7, 5)

    holiday, moved = admin_services.bank_holiday_add(actor=admin, day=HOLIDAY, name="Invented Day")

    statutory.refresh_from_db()
    hours.refresh_from_db()
    assert moved == 1
    assert statutory.due_at.date() == date(2027, 7, 6)
    assert hours.due_at == hours_due
    assert CalendarDay.objects.get(date=HOLIDAY).is_working_day is False
    assert AuditEvent.objects.get(action="calendar.holiday_added").changes == {
        "date": "2027-07-05",
        "name": "Invented Day",
        "clocks_moved": 1,
    }

    assert admin_services.bank_holiday_remove(actor=admin, holiday=holiday) == 1
    statutory.refresh_from_db()
    assert statutory.due_at.date() == date(2027, 7, 5)


def test_an_existing_bank_holiday_or_a_weekend_is_refused_and_nothing_changes(la):
    admin = builders.user(la, Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as error:
        admin_services.bank_holiday_add(actor=admin, day=date(2027, 12, 27), name="Christmas again")
    assert error.value.message_dict == {"day": ["27 December 2027 is already a bank holiday"]}
    with pytest.raises(ValidationError):
        admin_services.bank_holiday_add(actor=admin, day=date(2027, 7, 3), name="A Saturday")
    assert BankHoliday.objects.count() == 0


def test_only_an_administrator_may_change_the_calendar(la, client):
    manager = builders.user(la, Role.TEAM_MANAGER)
    with pytest.raises(PermissionDenied):
        admin_services.bank_holiday_add(actor=manager, day=HOLIDAY, name="Invented Day")
    client.force_login(manager)
    response = client.post(
        reverse("clocks:calendar"), {"day_day": 5, "day_month": 7, "day_year": 2027, "name": "Invented Day"}
    )
    assert response.status_code == 403
    assert BankHoliday.objects.count() == 0
    assert client.get(reverse("clocks:calendar")).status_code == 200


def test_the_calendar_page_adds_a_holiday_for_an_administrator(la, client):
    client.force_login(builders.user(la, Role.ADMINISTRATOR))
    response = client.post(
        reverse("clocks:calendar"), {"day_day": 5, "day_month": 7, "day_year": 2027, "name": "Invented Day"}
    )
    assert response.status_code == 302
    assert list(BankHoliday.objects.values_list("date", "name")) == [(HOLIDAY, "Invented Day")]


def test_the_standards_page_states_the_calendar_month_convention(la, client):
    client.force_login(builders.user(la, Role.TEAM_MANAGER))

    page = client.get(reverse("clocks:calendar")).content.decode()

    assert "they fall due on the last working day before it" in page
    assert "due on Friday 26 February 2027, not on Sunday 28 February" in page

"""Clocks in the database: starting, pausing, completing, the calendar table and the selectors."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from frontdoor.clocks import selectors, services
from frontdoor.clocks.models import BankHoliday, CalendarDay, Clock, StandardSetting
from frontdoor.clocks.rules import Unit
from tests import builders

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def london(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def end_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.max, tzinfo=LONDON)


@pytest.fixture
def la():
    return builders.authority()


@pytest.fixture
def child(la):
    return builders.child(la)


def start(la, child, standard="icpc", at="2026-03-02T10:00"):
    return services.clock_start(
        authority=la, standard=standard, started_at=london(at), subject=child, person=child
    )


class TestCalendarFor:
    def test_bank_holiday_rows_change_the_calendar_at_once(self, la):
        assert services.calendar_for(la).is_working_day(date(2026, 3, 10)) is True
        BankHoliday.objects.create(date=date(2026, 3, 10), name="Snow closure")
        BankHoliday.objects.create(date=date(2026, 4, 6), name="Easter Monday withdrawn", is_working_day=True)
        calendar = services.calendar_for(la)
        assert (calendar.is_working_day(date(2026, 3, 10)), calendar.is_working_day(date(2026, 4, 6))) == (
            False,
            True,
        )

    def test_cached_until_something_changes(self, la, django_assert_num_queries):
        first = services.calendar_for(la)
        with django_assert_num_queries(1):
            assert services.calendar_for(la) is first

    def test_office_hours_come_from_the_authority(self, la):
        la.office_opens, la.office_closes = time(9), time(17)
        assert services.calendar_for(la).office_hours == (time(9), time(17))
        assert services.calendar_for(None).office_hours is None


class TestStandardFor:
    def test_default(self, la):
        assert services.standard_for(la, "cp_visit").length == 10

    def test_the_authoritys_setting_wins(self, la):
        StandardSetting.objects.create(authority=la, code="cp_visit", unit="calendar_days", length=14)
        standard = services.standard_for(la, "cp_visit")
        assert (standard.unit, standard.length) == (Unit.CALENDAR_DAYS, 14)

    def test_unknown(self, la):
        with pytest.raises(ValueError, match="Unknown standard"):
            services.standard_for(la, "nonsense")


class TestClockStart:
    def test_stores_the_due_time_and_subject(self, la, child):
        clock = start(la, child)
        clock.refresh_from_db()
        assert (clock.due_at, clock.subject_type, clock.subject_id, clock.person_id) == (
            end_of("2026-03-23"),
            "people.person",
            child.pk,
            child.pk,
        )

    def test_inclusive_authorities_count_the_event_day(self, la, child):
        la.inclusive_day_count = True
        la.save()
        assert start(la, child).due_at == end_of("2026-03-20")

    def test_out_of_hours_receipt_counts_from_the_next_working_day(self, la, child):
        la.out_of_hours_counts_from_next_working_day = True
        la.office_opens, la.office_closes = time(9), time(17)
        la.save()
        statutory = start(la, child, "contact_decision_statutory", "2026-03-06T18:30")
        hours = start(la, child, "contact_decision", "2026-03-06T18:30")
        interview = start(la, child, "rhi_offered", "2026-03-06T18:30")  # not receipt-based
        assert (statutory.due_at, hours.due_at, interview.due_at) == (
            end_of("2026-03-10"),
            london("2026-03-10T09:00"),
            london("2026-03-09T18:30"),
        )
        assert statutory.started_at == london("2026-03-06T18:30")


class TestPauseResumeComplete:
    def test_resume_moves_the_due_time_by_the_working_days_paused(self, la, child):
        clock = start(la, child)
        services.clock_pause(clock=clock, at=london("2026-03-03T10:00"))
        services.clock_resume(clock=clock, at=london("2026-03-05T12:00"))
        clock.refresh_from_db()
        assert (clock.due_at, clock.paused_at, clock.paused_seconds) == (end_of("2026-03-25"), None, 180000)

    def test_pausing_twice_or_resuming_a_running_clock_is_refused(self, la, child):
        clock = start(la, child)
        with pytest.raises(ValueError, match="not paused"):
            services.clock_resume(clock=clock, at=london("2026-03-05T12:00"))
        services.clock_pause(clock=clock, at=london("2026-03-03T10:00"))
        with pytest.raises(ValueError, match="already paused"):
            services.clock_pause(clock=clock, at=london("2026-03-03T11:00"))

    def test_complete_records_working_days_taken(self, la, child):
        clock = services.clock_complete(clock=start(la, child), at=london("2026-03-20T15:00"))
        clock.refresh_from_db()
        assert (clock.completed_at, clock.working_days_taken, clock.breached) == (
            london("2026-03-20T15:00"),
            14,
            False,
        )

    def test_inclusive_count_of_working_days_taken(self, la, child):
        la.inclusive_day_count = True
        la.save()
        clock = services.clock_complete(clock=start(la, child), at=london("2026-03-20T15:00"))
        assert clock.working_days_taken == 15

    def test_paused_working_days_are_left_out_of_the_days_taken(self, la, child):
        clock = start(la, child)
        services.clock_pause(clock=clock, at=london("2026-03-03T10:00"))
        services.clock_resume(clock=clock, at=london("2026-03-05T12:00"))
        services.clock_complete(clock=clock, at=london("2026-03-25T16:00"))
        assert (clock.working_days_taken, clock.breached) == (15, False)

    def test_completing_a_paused_clock_ends_the_pause(self, la, child):
        clock = start(la, child)
        services.clock_pause(clock=clock, at=london("2026-03-03T10:00"))
        services.clock_complete(clock=clock, at=london("2026-03-04T10:00"))
        clock.refresh_from_db()
        assert (clock.paused_at, clock.paused_seconds, clock.due_at, clock.working_days_taken) == (
            None,
            86400,
            end_of("2026-03-24"),
            1,
        )

    def test_hour_clocks_have_no_working_days_taken(self, la, child):
        clock = services.clock_complete(clock=start(la, child, "rhi_offered"), at=london("2026-03-03T10:00"))
        assert clock.working_days_taken is None

    def test_completing_twice_is_refused(self, la, child):
        clock = services.clock_complete(clock=start(la, child), at=london("2026-03-20T15:00"))
        with pytest.raises(ValueError, match="already completed"):
            services.clock_complete(clock=clock, at=london("2026-03-21T15:00"))


class TestCalendarTable:
    def test_build_is_idempotent_and_indexes_subtract_to_working_days(self):
        assert services.calendar_table_build(date(2026, 3, 1), date(2026, 3, 31)) == 31
        assert services.calendar_table_build(date(2026, 3, 1), date(2026, 3, 31)) == 31
        index = dict(CalendarDay.objects.values_list("date", "working_day_index"))
        assert CalendarDay.objects.count() == 31
        assert index[date(2026, 3, 23)] - index[date(2026, 3, 2)] == 15
        assert index[date(2026, 3, 2)] == services.calendar_for().working_days_between(
            services.INDEX_EPOCH, date(2026, 3, 2)
        )

    def test_rebuilding_part_after_a_holiday_change_refreshes_every_row(self):
        services.calendar_table_build(date(2026, 3, 1), date(2026, 3, 31))
        BankHoliday.objects.create(date=date(2026, 3, 10), name="Snow closure")
        assert services.calendar_table_build(date(2026, 3, 30), date(2026, 4, 2)) == 33
        day = CalendarDay.objects.get(date=date(2026, 3, 10))
        index = dict(CalendarDay.objects.values_list("date", "working_day_index"))
        assert (day.is_working_day, index[date(2026, 3, 23)] - index[date(2026, 3, 2)]) == (False, 14)


class TestSelectors:
    NOW = london("2026-03-24T09:00")

    def test_breached_count(self, la, child, django_assert_num_queries):
        start(la, child)  # due 23 Mar: breached
        start(la, child, at="2026-03-03T10:00")  # due 24 Mar: not yet
        late = start(la, child)
        services.clock_complete(clock=late, at=london("2026-03-24T08:00"))  # completed: not counted
        paused_late = start(la, child)
        paused_late.paused_at = london("2026-03-24T08:00")  # paused after its due time: breached
        paused_late.save()
        paused_in_time = start(la, child)
        services.clock_pause(clock=paused_in_time, at=london("2026-03-10T10:00"))  # stood still
        start(la, child, "first_core_group")  # other standard
        other = builders.authority("999", "Elsewhere")
        start(other, child)
        with django_assert_num_queries(1):
            assert selectors.breached_count(authority_id=la.pk, standard="icpc", now=self.NOW) == 2
        assert selectors.breached_count(authority_id=la.pk, now=self.NOW) == 3

    def test_due_today(self, la, child):
        later = start(la, child, at="2026-03-03T10:00")  # due end of 24 Mar
        hours = start(la, child, "contact_decision", "2026-03-23T10:30")  # due 24 Mar 10:30
        start(la, child, at="2026-03-04T10:00")  # due 25 Mar
        due = selectors.due_today(authority_id=la.pk, now=self.NOW)
        assert list(due) == [hours, later]

    def test_working_days_in_sql_match_the_rules(self, la, child, django_assert_num_queries):
        services.calendar_table_build(date(2026, 1, 1), date(2026, 12, 31))
        quick = services.clock_complete(clock=start(la, child), at=london("2026-03-20T15:00"))
        slow = services.clock_complete(clock=start(la, child), at=london("2026-04-07T23:30"))  # 23:30 BST
        with django_assert_num_queries(1):
            rows = dict(
                selectors.with_working_days(Clock.objects.order_by("pk")).values_list("pk", "working_days")
            )
        inclusive = selectors.with_working_days(Clock.objects.filter(pk=quick.pk), inclusive=True).get()
        assert (rows, inclusive.working_days) == ({quick.pk: 14, slow.pk: 24}, 15)
        assert slow.working_days_taken == 24

    def test_working_days_to_another_datetime_field(self, la, child):
        services.calendar_table_build(date(2026, 1, 1), date(2026, 12, 31))
        clock = start(la, child)
        annotated = selectors.with_working_days(Clock.objects.filter(pk=clock.pk), until="due_at").get()
        assert annotated.working_days == 15

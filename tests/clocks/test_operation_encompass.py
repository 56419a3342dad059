"""The Operation Encompass clock (clocks.rules, Standard.due_time): due at 08:30 on the first working
day whose 08:30 is after the police attended (operationencompass.org: before the start of the next
school day; school days taken as England and Wales working days, docs/adr/0013)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.rules import DEFAULT_STANDARDS, due

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
ENCOMPASS = DEFAULT_STANDARDS["operation_encompass"]


@pytest.mark.parametrize(
    ("attended", "expected"),
    [
        (datetime(2026, 3, 3, 3, 0), datetime(2026, 3, 3, 8, 30)),  # Tuesday night: that morning
        (datetime(2026, 3, 3, 8, 30), datetime(2026, 3, 4, 8, 30)),  # at 08:30: the next day
        (datetime(2026, 3, 3, 10, 0), datetime(2026, 3, 4, 8, 30)),  # Tuesday morning: Wednesday
        (datetime(2026, 3, 6, 19, 0), datetime(2026, 3, 9, 8, 30)),  # Friday evening: Monday
        (datetime(2026, 5, 1, 22, 0), datetime(2026, 5, 5, 8, 30)),  # before the May bank holiday
        (datetime(2026, 12, 24, 23, 0), datetime(2026, 12, 29, 8, 30)),  # Christmas and Boxing Day
    ],
)
def test_worked_examples(attended, expected):
    got = due(ENCOMPASS, attended.replace(tzinfo=LONDON), CALENDAR)
    assert got.astimezone(LONDON) == expected.replace(tzinfo=LONDON)


def test_the_definition_says_the_time_of_day():
    assert ENCOMPASS.definition == "by 08:30 on the next working day after the police attending the incident"
    assert ENCOMPASS.due_time == time(8, 30)


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)))
def test_due_is_the_first_working_day_0830_after_the_incident(attended):
    got = due(ENCOMPASS, attended, CALENDAR).astimezone(LONDON)
    assert got > attended
    assert (got.hour, got.minute) == (8, 30)
    assert CALENDAR.is_working_day(got.date())
    # No working-day 08:30 lies strictly between the incident and the due time.
    day = attended.astimezone(LONDON).date()
    while day < got.date():
        moment = datetime.combine(day, time(8, 30), tzinfo=LONDON)
        assert not (CALENDAR.is_working_day(day) and moment > attended)
        day += timedelta(days=1)

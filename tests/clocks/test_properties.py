"""Hypothesis properties of the calendar and the clock rules (issue 3, "Tests")."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from hypothesis import assume, given
from hypothesis import strategies as st

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.rules import DEFAULT_STANDARDS, Convention, Pause, Unit

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
OFFICE = WorkingCalendar(office_hours=(time(9), time(17)))

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=400)
moments = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(LONDON)
)
conventions = st.sampled_from(list(Convention))
# Lengths vary freely, so leave out the one standard with a statutory cap on extension, and the
# time-of-day standard (Operation Encompass), which counts working-day mornings rather than days, so
# the day-count conventions do not apply to it (tests/clocks/test_operation_encompass.py).
uncapped = [s for s in DEFAULT_STANDARDS.values() if s.extendable_to is None and s.due_time is None]
working_day_standards = st.sampled_from([s for s in uncapped if s.unit is Unit.WORKING_DAYS])
all_standards = st.sampled_from(uncapped)
month_standards = st.sampled_from([s for s in uncapped if s.unit is Unit.CALENDAR_MONTHS])


def _is_holiday_by_loop(d: date) -> bool:
    """An independent reading: weekends plus the library's dates, checked one day at a time."""
    import holidays

    return d.weekday() >= 5 or d in holidays.country_holidays("GB", subdiv="ENG", years=d.year)


@given(days, counts)
def test_a_working_day_due_date_is_never_a_non_working_day(start, n):
    assert CALENDAR.is_working_day(CALENDAR.add_working_days(start, n))


@given(moments, working_day_standards, conventions, st.integers(min_value=1, max_value=60))
def test_due_dates_of_working_day_standards_are_working_days(start, standard, convention, n):
    assert CALENDAR.is_working_day(rules.due_date(standard, start, CALENDAR, convention=convention, length=n))


@given(days, counts, counts)
def test_adding_n_then_m_equals_adding_n_plus_m(start, n, m):
    start = CALENDAR.on_or_after(start)
    assert CALENDAR.add_working_days(CALENDAR.add_working_days(start, n), m) == CALENDAR.add_working_days(
        start, n + m
    )


@given(days, st.integers(min_value=1, max_value=400))
def test_working_days_between_inverts_add(start, n):
    assert CALENDAR.working_days_between(start, CALENDAR.add_working_days(start, n)) == n


@given(days, days, days)
def test_working_days_between_is_additive_and_antisymmetric(a, b, c):
    assert CALENDAR.working_days_between(a, b) == -CALENDAR.working_days_between(b, a)
    assert CALENDAR.working_days_between(a, b) + CALENDAR.working_days_between(b, c) == (
        CALENDAR.working_days_between(a, c)
    )


@given(days, days, counts, counts)
def test_due_dates_never_move_earlier_when_the_start_or_n_grows(a, b, n, m):
    early, late = sorted((a, b))
    small, big = sorted((n, m))
    assert CALENDAR.add_working_days(early, small) <= CALENDAR.add_working_days(late, small)
    assert CALENDAR.add_working_days(early, small) <= CALENDAR.add_working_days(early, big)


@given(moments, moments, all_standards, conventions, st.integers(min_value=0, max_value=30))
def test_due_moments_never_move_earlier_when_the_start_or_length_grows(a, b, standard, convention, extra):
    early, late = sorted((a, b), key=lambda moment: moment.timestamp())
    due = rules.due(standard, early, CALENDAR, convention=convention)
    assert due <= rules.due(standard, late, CALENDAR, convention=convention)
    assert due <= rules.due(standard, early, CALENDAR, convention=convention, length=standard.length + extra)


@given(days, st.integers(min_value=0, max_value=30))
def test_add_working_days_agrees_with_a_day_by_day_count(start, n):
    day = start
    if n == 0:
        while _is_holiday_by_loop(day):
            day += timedelta(days=1)
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        counted += not _is_holiday_by_loop(day)
    assert CALENDAR.add_working_days(start, n) == day


@given(moments, working_day_standards, conventions, st.integers(min_value=1, max_value=60))
def test_elapsed_at_the_due_time_is_the_length(start, standard, convention, n):
    first_day_rolls = convention is Convention.DAY_ONE and n == 1
    assume(not (first_day_rolls and not CALENDAR.is_working_day(start.date())))  # pandas' quirk, documented
    due = rules.due(standard, start, CALENDAR, convention=convention, length=n)
    assert rules.elapsed(standard, start, due, CALENDAR, convention=convention) == n


@given(moments, st.integers(min_value=0, max_value=48))
def test_elapsed_months_at_the_due_time_is_the_length_or_just_short_of_it(start, n):
    """Due on the last working day on or before n months on: n months elapsed then, or n - 1 when
    the date n months on is not a working day (the clock falls due a few days early)."""
    standard = DEFAULT_STANDARDS["review_conference"]
    due = rules.due(standard, start, CALENDAR, length=n)
    months_on = start.astimezone(LONDON).date() + relativedelta(months=n)
    moved = rules.due_date(standard, start, CALENDAR, length=n) != months_on
    assert rules.elapsed(standard, start, due, CALENDAR) == (n - 1 if moved else n)


@given(moments, month_standards, st.integers(min_value=1, max_value=48))
def test_calendar_month_due_dates_are_the_last_working_day_on_or_before(start, standard, n):
    """Issue 18: a review conference fell due on a Sunday. The due date is a working day, on or
    before the date n months on, with no working day between them."""
    due_day = rules.due_date(standard, start, CALENDAR, length=n)
    months_on = start.astimezone(LONDON).date() + relativedelta(months=n)
    assert CALENDAR.is_working_day(due_day)
    assert due_day <= months_on
    between = [due_day + timedelta(days=k) for k in range(1, (months_on - due_day).days + 1)]
    assert not any(CALENDAR.is_working_day(d) for d in between)
    assert (months_on - due_day).days <= 5  # the longest run: Christmas and a weekend


@given(moments, st.integers(min_value=1, max_value=45), st.integers(min_value=0, max_value=30 * 24))
def test_a_paused_clock_has_its_full_length_when_due(start, n, paused_hours):
    standard = DEFAULT_STANDARDS["icpc"]
    pause_start = start + timedelta(hours=1)
    pause = Pause(pause_start, pause_start + timedelta(hours=paused_hours))
    due = rules.due(standard, start, CALENDAR, length=n, pauses=[pause])
    elapsed = rules.elapsed(standard, start, due, CALENDAR)
    assert elapsed - rules.paused_amount(standard, pause, CALENDAR) == n


@given(moments, st.floats(min_value=0.25, max_value=200).map(lambda h: round(h * 4) / 4))
def test_working_hours_land_in_office_hours_and_invert(start, hours):
    due = OFFICE.add_working_hours(start, hours)
    local = due.astimezone(LONDON)
    assert OFFICE.is_working_day(local.date())
    assert time(9) < local.time() <= time(17)
    assert abs(OFFICE.working_hours_between(start, due) - hours) < 1e-6

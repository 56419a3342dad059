"""The inclusive (day 1) convention agrees with the DfE CIN validator (standards.md §1.3.2, §2.5).

The validator's `england_working_days(n)` is `pd.offsets.CustomBusinessDay(n=n-1)` over a static list
of England and Wales bank holidays (2022-2027). Rules 8670Q (45 WD) and 8675Q (15 WD) flag a start
before `ReferenceDate - england_working_days(n)` with no end date. The oracle below re-implements
numpy's busday_offset with a plain day loop over a hand-written holiday list: no production code.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.rules import DEFAULT_STANDARDS, Convention

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
# England and Wales bank holidays, gov.uk (as in cin_validator/england_holidates.py).
_BY_YEAR = {
    2022: ("01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"),
    2023: ("01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"),
    2024: ("01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"),
    2025: ("01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"),
    2026: ("01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"),
    2027: ("01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"),
}
BANK_HOLIDAYS = {date.fromisoformat(f"{year}-{day}") for year, days in _BY_YEAR.items() for day in days}
ONE_DAY = timedelta(days=1)


def is_busday(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def busday_offset(day: date, n: int, roll: str) -> date:
    """numpy.busday_offset: roll a non-business day first, then step n business days."""
    while not is_busday(day):
        day += ONE_DAY if roll == "forward" else -ONE_DAY
    step = ONE_DAY if n > 0 else -ONE_DAY
    for _ in range(abs(n)):
        day += step
        while not is_busday(day):
            day += step
    return day


def plus_custom_business_day(day: date, n: int) -> date:
    """`day + pd.offsets.CustomBusinessDay(n)`: pandas rolls backward when n > 0, forward otherwise."""
    return busday_offset(day, n, "backward" if n > 0 else "forward")


def validator_flags(start: date, reference: date, n: int) -> bool:
    """8670Q/8675Q: start < ReferenceDate - england_working_days(n), i.e. - CustomBusinessDay(n - 1)."""
    return start < plus_custom_business_day(reference, -(n - 1))


starts = st.dates(min_value=date(2022, 4, 1), max_value=date(2027, 9, 30))
references = st.sampled_from([date(year, 3, 31) for year in range(2023, 2028)]) | st.dates(
    min_value=date(2022, 6, 1), max_value=date(2027, 11, 30)
)
codes = st.sampled_from(["assessment_dfe", "icpc"])


def test_the_library_calendar_has_the_validators_holidays():
    library = {day for year in range(2022, 2028) for day in CALENDAR.holidays(year)}
    assert library == BANK_HOLIDAYS


def test_the_oracle_on_the_validator_examples():
    # 31 Mar 2026 less CustomBusinessDay(14) is Wed 11 Mar 2026.
    assert plus_custom_business_day(date(2026, 3, 31), -14) == date(2026, 3, 11)
    assert plus_custom_business_day(date(2026, 3, 7), 1) == date(2026, 3, 9)  # Saturday + 1
    assert plus_custom_business_day(date(2026, 3, 7), 0) == date(2026, 3, 9)


@settings(max_examples=500)
@given(starts, codes)
def test_day_one_due_date_is_start_plus_custom_business_day_n_minus_1(start, code):
    standard = DEFAULT_STANDARDS[code]
    moment = datetime.combine(start, time(12), tzinfo=LONDON)
    due = rules.due_date(standard, moment, CALENDAR, convention=Convention.DAY_ONE)
    assert due == plus_custom_business_day(start, standard.length - 1)


@settings(max_examples=1000)
@given(starts, references, codes)
def test_breach_at_the_reference_date_matches_the_validator_query(start, reference, code):
    standard = DEFAULT_STANDARDS[code]
    moment = datetime.combine(start, time(12), tzinfo=LONDON)
    as_at = datetime.combine(reference, time.min, tzinfo=LONDON)
    state = rules.evaluate(standard, moment, CALENDAR, now=as_at, convention=Convention.DAY_ONE)
    assert state.breached == validator_flags(start, reference, standard.length)


@settings(max_examples=500)
@given(starts, st.integers(min_value=0, max_value=90), codes)
def test_day_one_elapsed_within_n_exactly_until_the_next_working_day_after_the_due_date(
    start, days_later, code
):
    """The KPI count (start to end, inclusive, <= n). Working days do not grow over a weekend, so a
    finish on the Saturday after a Friday due date still counts n (although due_at has passed)."""
    standard = DEFAULT_STANDARDS[code]
    begin = datetime.combine(start, time(12), tzinfo=LONDON)
    end = begin + timedelta(days=days_later)
    taken = rules.elapsed(standard, begin, end, CALENDAR, convention=Convention.DAY_ONE)
    due = plus_custom_business_day(start, standard.length - 1)
    assert (taken <= standard.length) == (end.date() < plus_custom_business_day(due, 1))


@pytest.mark.parametrize(
    ("start", "code", "expected"),
    [
        ("2026-03-02", "icpc", "2026-03-20"),  # day 0 gives 23 Mar
        ("2026-03-02", "assessment_dfe", "2026-05-06"),  # day 0 gives 7 May
        ("2026-03-07", "icpc", "2026-03-26"),  # a Saturday start: pandas rolls it back to Friday first
    ],
)
def test_day_one_worked_examples(start, code, expected):
    moment = datetime.combine(date.fromisoformat(start), time(12), tzinfo=LONDON)
    due = rules.due_date(DEFAULT_STANDARDS[code], moment, CALENDAR, convention=Convention.DAY_ONE)
    assert due == date.fromisoformat(expected)

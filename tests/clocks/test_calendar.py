"""The England and Wales working-day calendar: worked examples (standards.md §1.3)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from frontdoor.clocks.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
OFFICE = WorkingCalendar(office_hours=(time(9), time(17)))


def d(text: str) -> date:
    return date.fromisoformat(text)


def london(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
        # standards.md §1.3.1, from govuk-bank-holidays.
        (2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
        (2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]),
    ],
)
def test_bank_holidays_match_the_published_list(year, expected):
    assert [f"{day:%m-%d}" for day in CALENDAR.holidays(year)] == expected


def test_substitute_days_carry_the_observed_name():
    assert CALENDAR.holidays(2026)[d("2026-12-28")] == "Boxing Day (observed)"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-03-02", True),  # Monday
        ("2026-03-07", False),  # Saturday
        ("2026-03-08", False),  # Sunday
        ("2026-04-03", False),  # Good Friday
        ("2026-12-28", False),  # Boxing Day substitute
        ("2027-12-27", False),  # Christmas Day substitute
        ("2022-09-19", False),  # State funeral of Queen Elizabeth II
        ("2023-05-08", False),  # Coronation bank holiday
        ("2026-12-29", True),
    ],
)
def test_is_working_day(day, working):
    assert CALENDAR.is_working_day(d(day)) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-03-02", 15, "2026-03-23"),  # ICPC after a strategy discussion on Mon 2 Mar 2026 (§1.3.2)
        ("2026-03-06", 1, "2026-03-09"),  # referral on Friday: decision due Monday
        ("2026-05-22", 1, "2026-05-26"),  # ... Tuesday when Monday is the spring bank holiday
        ("2026-03-07", 1, "2026-03-09"),  # from Saturday, day 1 is Monday
        ("2026-03-07", 0, "2026-03-09"),  # day 0 on a non-working day rolls forward
        ("2026-03-09", 0, "2026-03-09"),
        ("2025-04-17", 1, "2025-04-22"),  # Easter 2025
        ("2026-04-02", 1, "2026-04-07"),  # Easter 2026
        ("2027-03-25", 1, "2027-03-30"),  # Easter 2027
        ("2025-12-24", 1, "2025-12-29"),  # Christmas 2025
        ("2026-12-24", 1, "2026-12-29"),  # Christmas 2026, Boxing Day substitute on Mon 28th
        ("2027-12-24", 1, "2027-12-29"),  # Christmas 2027, both substitutes (27th and 28th)
        ("2026-03-02", 45, "2026-05-07"),  # 45 WD assessment over Easter and the May Day holiday
        ("2026-03-23", 10, "2026-04-08"),  # first core group 10 WD after an ICPC, over Easter
        ("2026-12-21", 10, "2027-01-07"),  # over Christmas and New Year
    ],
)
def test_add_working_days(start, n, expected):
    assert CALENDAR.add_working_days(d(start), n) == d(expected)


def test_next_working_day_and_on_or_after():
    assert CALENDAR.next_working_day(d("2026-04-02")) == d("2026-04-07")
    assert CALENDAR.next_working_day(d("2026-03-09")) == d("2026-03-10")
    assert CALENDAR.on_or_after(d("2026-04-04")) == d("2026-04-07")
    assert CALENDAR.on_or_after(d("2026-04-08")) == d("2026-04-08")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-03-02", "2026-03-23", 15),
        ("2026-03-23", "2026-03-02", -15),
        ("2026-03-06", "2026-03-09", 1),
        ("2026-03-07", "2026-03-09", 1),
        ("2026-03-09", "2026-03-09", 0),
        ("2026-12-24", "2026-12-29", 1),
        ("2025-01-01", "2025-12-31", 253),  # 261 weekdays less 8 bank holidays (day 0, 1 Jan, is one)
    ],
)
def test_working_days_between(start, end, expected):
    assert CALENDAR.working_days_between(d(start), d(end)) == expected


def test_working_days_before_matches_pandas_subtraction():
    # 31 Mar 2026 less CustomBusinessDay(14): the validator's 15-WD cut-off for rule 8675Q.
    assert CALENDAR.working_days_before(d("2026-03-31"), 14) == d("2026-03-11")
    # From a Sunday, the first step back is the Friday.
    assert CALENDAR.working_days_before(d("2024-03-31"), 1) == d("2024-03-28")  # Good Friday 29 Mar 2024


def test_extra_holidays_and_working_days():
    calendar = WorkingCalendar(
        extra_holidays={d("2026-03-10"): "Snow closure"}, extra_working_days=[d("2026-04-06")]
    )
    assert calendar.is_working_day(d("2026-03-10")) is False
    assert calendar.is_working_day(d("2026-04-06")) is True
    assert calendar.add_working_days(d("2026-03-09"), 1) == d("2026-03-11")
    assert calendar.add_working_days(d("2026-04-02"), 1) == d("2026-04-06")
    assert calendar.holidays(2026)[d("2026-03-10")] == "Snow closure"
    assert d("2026-04-06") not in calendar.holidays(2026)


def test_a_date_cannot_be_both_a_holiday_and_a_working_day():
    with pytest.raises(ValueError, match="both"):
        WorkingCalendar(extra_holidays=[d("2026-03-10")], extra_working_days=[d("2026-03-10")])


def test_the_table_grows_both_ways_and_stays_consistent():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(d("2026-03-02"), 15) == d("2026-03-23")
    assert calendar.working_days_between(d("1995-01-02"), d("2026-03-23")) == (
        CALENDAR.working_days_between(d("1995-01-02"), d("2026-03-02")) + 15
    )
    far = calendar.add_working_days(d("2026-03-02"), 5000)
    assert calendar.working_days_between(d("2026-03-02"), far) == 5000
    assert calendar.add_working_days(d("2026-03-02"), 15) == d("2026-03-23")


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        ("2026-03-06T15:00", 2, "2026-03-06T17:00"),  # ends at closing, not the next opening
        ("2026-03-06T15:00", 3, "2026-03-09T10:00"),  # Friday afternoon into Monday
        ("2026-03-06T18:30", 1, "2026-03-09T10:00"),  # after closing: counts from Monday's opening
        ("2026-03-09T07:00", 8, "2026-03-09T17:00"),  # before opening
        ("2026-04-02T16:30", 1.5, "2026-04-07T10:00"),  # over Easter
        ("2026-03-27T16:00", 4, "2026-03-30T12:00"),  # over the clocks going forward (BST from 29 Mar)
        ("2026-03-06T15:00", 0, "2026-03-06T15:00"),
    ],
)
def test_add_working_hours(start, hours, expected):
    assert OFFICE.add_working_hours(london(start), hours) == london(expected)


def test_working_hours_between():
    assert OFFICE.working_hours_between(london("2026-03-06T15:00"), london("2026-03-09T10:00")) == 3.0
    assert OFFICE.working_hours_between(london("2026-03-07T10:00"), london("2026-03-08T10:00")) == 0.0


def test_working_hours_keep_the_time_zone_of_the_start():
    start = datetime(2026, 7, 3, 14, 0, tzinfo=ZoneInfo("UTC"))  # 15:00 BST, a Friday
    due = OFFICE.add_working_hours(start, 3)
    assert due.tzinfo == ZoneInfo("UTC")
    assert due == datetime(2026, 7, 6, 9, 0, tzinfo=ZoneInfo("UTC"))  # Monday 10:00 BST


def test_working_hours_need_office_hours_and_aware_datetimes():
    with pytest.raises(ValueError, match="office hours"):
        CALENDAR.add_working_hours(london("2026-03-06T15:00"), 1)
    with pytest.raises(ValueError, match="Naive"):
        OFFICE.add_working_hours(datetime(2026, 3, 6, 15), 1)


def test_in_office_hours():
    assert OFFICE.in_office_hours(london("2026-03-06T09:00")) is True
    assert OFFICE.in_office_hours(london("2026-03-06T17:00")) is False
    assert OFFICE.in_office_hours(london("2026-03-07T11:00")) is False
    assert CALENDAR.in_office_hours(london("2026-03-06T23:00")) is True

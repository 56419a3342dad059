"""The England and Wales working-day calendar (pure Python: no Django imports).

A working day is Monday to Friday and not an England and Wales bank holiday (standards.md §1.3.1,
and SI 2006/1738 reg 2: Christmas Day, Boxing Day, Good Friday and bank holidays under the Banking and
Financial Dealings Act 1971). Bank holidays, substitute days (28 Dec 2026) and one-off days
(19 Sep 2022, 8 May 2023) come from the `holidays` library; administrators add local holidays
(`extra_holidays`) or withdraw one (`extra_working_days`, which wins over everything, weekends included).

Counting (standards.md §1.3.2, the Working Together reading): the day of the event is day 0.
`add_working_days(d, n)` is the n-th working day strictly after d, so a referral received on Friday has
its 1-working-day decision due on Monday (Tuesday when Monday is a bank holiday), and from a Saturday
day 1 is the Monday. For n >= 0 this is exactly pandas' `d + CustomBusinessDay(n)`, the offset the
DfE validator uses (it rolls a non-working d forward as its first step). `add_working_days(d, 0)` is
`on_or_after(d)`, so a due date is never a non-working day.

Speed: per-day running counts are precomputed over a range of whole years, grown on demand, so each
question is an array lookup or a bisect, never a day-by-day loop.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from zoneinfo import ZoneInfo

import holidays as holidays_lib

LOCAL_HOLIDAY_NAME = "Local holiday"
# Years loaded around the first date asked about; later dates grow the range.
_FIRST_SPAN = 10


@dataclass(frozen=True)
class _Table:
    """Precomputed counts for the ordinals first_ord .. first_ord + len(cumulative) - 1."""

    first_year: int
    last_year: int
    first_ord: int
    # cumulative[i]: working days in [first_ord, first_ord + i], inclusive.
    cumulative: array
    # Ordinals of the working days, ascending.
    working: array


class WorkingCalendar:
    """England and Wales working days, with optional office hours for working-hour clocks."""

    def __init__(
        self,
        *,
        extra_holidays: Iterable[date] | Mapping[date, str] = (),
        extra_working_days: Iterable[date] = (),
        office_hours: tuple[time, time] | None = None,
        tz: str = "Europe/London",
    ) -> None:
        if isinstance(extra_holidays, Mapping):
            self._extra_holidays: dict[date, str] = dict(extra_holidays)
        else:
            self._extra_holidays = dict.fromkeys(extra_holidays, LOCAL_HOLIDAY_NAME)
        self._extra_working = frozenset(extra_working_days)
        both = self._extra_working.intersection(self._extra_holidays)
        if both:
            raise ValueError(f"Dates cannot be both holidays and working days: {sorted(both)}")
        if office_hours is not None and not office_hours[0] < office_hours[1]:
            raise ValueError("Office hours must open before they close")
        self.office_hours = office_hours
        self.tz = ZoneInfo(tz)
        self._lock = threading.Lock()
        self._table: _Table | None = None

    # -- the table ------------------------------------------------------------------------------

    def _library_holidays(self, first_year: int, last_year: int) -> Mapping[date, str]:
        return holidays_lib.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))

    def _working(self, d: date, library: Mapping[date, str]) -> bool:
        if d in self._extra_working:
            return True
        return d.weekday() < 5 and d not in library and d not in self._extra_holidays

    def _build(self, first_year: int, last_year: int) -> _Table:
        library = self._library_holidays(first_year, last_year)
        first_ord = date(first_year, 1, 1).toordinal()
        last_ord = date(last_year, 12, 31).toordinal()
        cumulative = array("i")
        working = array("i")
        count = 0
        for ordinal in range(first_ord, last_ord + 1):
            if self._working(date.fromordinal(ordinal), library):
                count += 1
                working.append(ordinal)
            cumulative.append(count)
        return _Table(first_year, last_year, first_ord, cumulative, working)

    def _covering(self, first_year: int, last_year: int) -> _Table:
        """A table covering the years first_year..last_year. Tables only ever grow, and callers use
        one table for a whole question, since growing backwards moves the base of the counts."""
        table = self._table
        if table is not None and table.first_year <= first_year and last_year <= table.last_year:
            return table
        if first_year <= date.min.year or last_year >= date.max.year:
            raise OverflowError("Date outside the calendar's range")
        with self._lock:
            table = self._table
            if table is None:
                low, high = first_year - 1, max(last_year, first_year + _FIRST_SPAN)
            else:
                low, high = min(first_year, table.first_year), max(last_year, table.last_year)
            if table is None or low < table.first_year or high > table.last_year:
                self._table = table = self._build(low, high)
            return table

    @staticmethod
    def _count(table: _Table, d: date) -> int:
        """Working days from the table's first day to d inclusive."""
        return table.cumulative[d.toordinal() - table.first_ord]

    @staticmethod
    def _counted(table: _Table, d: date) -> bool:
        i = d.toordinal() - table.first_ord
        return table.cumulative[i] != (table.cumulative[i - 1] if i else 0)

    # -- days -----------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        return self._counted(self._covering(d.year, d.year), d)

    def holidays(self, year: int) -> dict[date, str]:
        """The weekdays of `year` that are not working days, with their names (substitute days are
        named "... (observed)"; the weekend dates of Christmas and Boxing Day are left out), plus
        extra holidays on any day, less the extra working days."""
        library = self._library_holidays(year, year)
        days = {d: name for d, name in library.items() if d.weekday() < 5}
        days.update((d, name) for d, name in self._extra_holidays.items() if d.year == year)
        return {d: days[d] for d in sorted(days) if d not in self._extra_working}

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after d."""
        return self.add_working_days(d, 1)

    def on_or_after(self, d: date) -> date:
        """d when it is a working day, otherwise the next working day."""
        return self.add_working_days(d, 0)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after d, the day of d being day 0 (n = 0: on_or_after(d))."""
        if n < 0:
            raise ValueError("n must be zero or more; count backwards with working_days_before")
        last_year = d.year + 1 + n // 240
        while True:
            table = self._covering(d.year, last_year)
            count = self._count(table, d)
            # The n-th working day strictly after d has index count + n - 1. For n = 0: d itself
            # when it is a working day (index count - 1), otherwise the next one (index count).
            index = count + n - 1 if n else count - self._counted(table, d)
            if index < len(table.working):
                return date.fromordinal(table.working[index])
            last_year = table.last_year + 2

    def working_days_before(self, d: date, n: int) -> date:
        """The n-th working day strictly before d (n >= 1): pandas' `d - CustomBusinessDay(n)`."""
        if n < 1:
            raise ValueError("n must be one or more")
        first_year = d.year - 1 - n // 240
        while True:
            table = self._covering(first_year, d.year)
            before = bisect_right(table.working, d.toordinal() - 1)
            if before - n >= 0:
                return date.fromordinal(table.working[before - n])
            first_year = table.first_year - 2

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the day-0 count of working days elapsed; negative when end
        is before start. working_days_between(d, add_working_days(d, n)) == n for n >= 1."""
        low, high = (start, end) if start <= end else (end, start)
        table = self._covering(low.year, high.year)
        count = self._count(table, high) - self._count(table, low)
        return count if start <= end else -count

    # -- hours ----------------------------------------------------------------------------------

    def _hours(self) -> tuple[time, time, float]:
        if self.office_hours is None:
            raise ValueError("This calendar has no office hours: working-hour clocks need them")
        opens, closes = self.office_hours
        day = datetime.combine(date.min, closes) - datetime.combine(date.min, opens)
        return opens, closes, day.total_seconds()

    def _position(self, table: _Table, moment: datetime) -> float:
        """Working seconds from the table's first day to `moment` (a step function of time)."""
        opens, _closes, day_seconds = self._hours()
        local = _aware(moment).astimezone(self.tz)
        d = local.date()
        count = self._count(table, d)
        if not self._counted(table, d):
            return count * day_seconds
        into_day = _seconds(local.time()) - _seconds(opens)
        return (count - 1) * day_seconds + min(max(into_day, 0.0), day_seconds)

    def _local_year(self, moment: datetime) -> int:
        return _aware(moment).astimezone(self.tz).year

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` office hours after `start`, returned in start's time zone.

        Time outside office hours and on non-working days does not count. A result on a boundary is
        the closing time of the day (not the next opening). Zero hours returns start itself.
        """
        opens, _closes, day_seconds = self._hours()
        if hours < 0:
            raise ValueError("hours must be zero or more")
        if hours == 0:
            return _aware(start)
        year = self._local_year(start)
        last_year = year + 1 + int(hours * 3600 / day_seconds) // 240
        while True:
            table = self._covering(year, last_year)
            target = self._position(table, start) + hours * 3600
            index = ceil(target / day_seconds) - 1
            if index < len(table.working):
                break
            last_year = table.last_year + 2
        day = date.fromordinal(table.working[index])
        local = datetime.combine(day, opens, tzinfo=self.tz) + timedelta(seconds=target - index * day_seconds)
        return local.astimezone(start.tzinfo)

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Office hours between two moments (negative when end is before start)."""
        years = sorted((self._local_year(start), self._local_year(end)))
        table = self._covering(years[0], years[1])
        return (self._position(table, end) - self._position(table, start)) / 3600

    def opening(self, d: date) -> datetime:
        """The start of working day d in the calendar's zone: office opening, or midnight."""
        opens = self.office_hours[0] if self.office_hours else time.min
        return datetime.combine(d, opens, tzinfo=self.tz)

    def in_office_hours(self, moment: datetime) -> bool:
        """Whether `moment` falls on a working day, within office hours when the calendar has them."""
        local = _aware(moment).astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return False
        if self.office_hours is None:
            return True
        opens, closes = self.office_hours
        return opens <= local.time().replace(tzinfo=None) < closes


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Naive datetime: clocks need time-zone-aware datetimes")
    return moment


def _seconds(clock: time) -> float:
    """Seconds since midnight of a wall-clock time (any tzinfo ignored)."""
    return clock.hour * 3600 + clock.minute * 60 + clock.second + clock.microsecond / 1e6

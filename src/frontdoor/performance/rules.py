"""The performance dashboard's arithmetic as pure functions: the reporting period, week and month
buckets, rates, percentiles, and the DfE groupings of ethnicity, sex, disability and age.

No Django imports. Sources: ../shared/domain/standards.md §1.3 (calendar rules), §2.3.5 (disability
codes), §2.3.6 (ethnicity codes); DfE "Characteristics of children in need" statistics for the age
bands and the ethnicity major groups.

Invariants:
- A period is a whole number of Europe/London days, first and last day included; every figure
  counts what was received from 00:00 on the first day up to (not including) 00:00 after the last.
- A week starts on Monday (ISO 8601, as SQL's week truncation); a month on its first day.
- A rate with a zero denominator is None ("no data"), never a division by zero.
- Percentages are rounded half up to one decimal place, as people round by hand and spreadsheets
  display; counts are never rounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

LONDON = ZoneInfo("Europe/London")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
MAX_PERIOD_DAYS = 3 * 366 + 1  # at most about three years: 157 weekly buckets at most

DATE_EXAMPLE = "for example, 2025-04-01"
EN_DASH = "\N{EN DASH}"


# The period --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both days included (Europe/London)."""

    first: date
    last: date

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=LONDON)

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period: 00:00 on the day after `last`."""
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=LONDON)

    @property
    def whole_months(self) -> bool:
        return self.first.day == 1 and (self.last + timedelta(days=1)).day == 1

    @property
    def label(self) -> str:
        """'Nov 2025 to Oct 2026' with an en dash for whole months, else '3 Nov 2025 to 15 Mar 2026'."""
        if self.whole_months:
            first, last = month_label(self.first), month_label(self.last)
            return first if first == last else f"{first} {EN_DASH} {last}"
        return f"{day_label(self.first)} {EN_DASH} {day_label(self.last)}"


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def default_period(today: date) -> Period:
    """The last 12 full months before the month of `today`."""
    this_month = today.replace(day=1)
    return Period(this_month - relativedelta(months=12), this_month - timedelta(days=1))


def _parse_day(text: str, which: str) -> tuple[date | None, str | None]:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None, f"Enter the {which} date as year-month-day, {DATE_EXAMPLE}"
    if not EARLIEST <= day <= LATEST:
        return None, f"The {which} date must be between 1 Jan 2000 and 31 Dec 2099"
    return day, None


def parse_period(from_text: str | None, to_text: str | None, *, today: date) -> tuple[Period, dict[str, str]]:
    """The period asked for in the `from` and `to` parameters (ISO dates), or the default period
    and a message per bad parameter. Either may be left out: the other end comes from the default."""
    default = default_period(today)
    errors: dict[str, str] = {}
    first, last = default.first, default.last
    if from_text:
        parsed, error = _parse_day(from_text, "start")
        if error:
            errors["from"] = error
        else:
            first = parsed  # type: ignore[assignment]
    if to_text:
        parsed, error = _parse_day(to_text, "end")
        if error:
            errors["to"] = error
        else:
            last = parsed  # type: ignore[assignment]
    if errors:
        return default, errors
    if last < first:
        return default, {"to": "The end date must be the same as or after the start date"}
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        return default, {"to": "The period can be at most 3 years long"}
    return Period(first, last), {}


# Buckets -----------------------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def weeks(period: Period) -> list[date]:
    """The Mondays of every week that overlaps the period, in order."""
    monday, out = week_start(period.first), []
    while monday <= period.last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def months(period: Period) -> list[date]:
    """The first day of every month that overlaps the period, in order."""
    first, out = month_start(period.first), []
    while first <= period.last:
        out.append(first)
        first += relativedelta(months=1)
    return out


def week_is_partial(monday: date, period: Period) -> bool:
    return monday < period.first or monday + timedelta(days=6) > period.last


def month_is_partial(first: date, period: Period) -> bool:
    return first < period.first or first + relativedelta(months=1) - timedelta(days=1) > period.last


def week_label(monday: date) -> str:
    return f"w/c {day_label(monday)}"


# Rates and percentiles ---------------------------------------------------------------------------------

ONE_DP = Decimal("0.1")


def percentage(part: int, whole: int) -> Decimal | None:
    """100 * part / whole rounded half up to one decimal place; None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def one_dp(value: float | None) -> Decimal | None:
    """A measurement (hours) rounded half up to one decimal place."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) by linear interpolation between closest ranks: Excel's
    PERCENTILE.INC and MEDIAN, NumPy's default, Hyndman and Fan type 7. None for no values."""
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * p / 100
    below, above = math.floor(rank), math.ceil(rank)
    return ordered[below] + (ordered[above] - ordered[below]) * (rank - below)


def hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


# Equality groups ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    codes: tuple[str, ...] = ()


# DfE ethnicity major groups (CIN census N00177; standards.md §2.3.6). Chinese is in "Other", as in
# the DfE's children in need statistics; Refused and Information not yet obtained are "Not known".
ETHNICITY_GROUPS = (
    Group("white", "White", ("WBRI", "WIRI", "WIRT", "WOTH", "WROM")),
    Group("mixed", "Mixed", ("MWBC", "MWBA", "MWAS", "MOTH")),
    Group("asian", "Asian or Asian British", ("AIND", "APKN", "ABAN", "AOTH")),
    Group("black", "Black or Black British", ("BCRB", "BAFR", "BOTH")),
    Group("other", "Other ethnic group", ("CHNE", "OOTH")),
    Group("not_known", "Not known (refused or not yet obtained)", ("REFU", "NOBT")),
)
ETHNICITY_NOT_KNOWN = "not_known"


def ethnicity_group(code: str | None) -> str:
    """The group key of a DfE ethnicity code; an unrecorded or unknown code is 'not_known'."""
    return next((g.key for g in ETHNICITY_GROUPS if code in g.codes), ETHNICITY_NOT_KNOWN)


SEX_GROUPS = (
    Group("F", "Female", ("F",)),
    Group("M", "Male", ("M",)),
    Group("U", "Not known or unborn", ("U",)),
)

NO_DISABILITY = "NONE"
DISABILITY_GROUPS = (
    Group("yes", "Disability recorded"),
    Group("no", "No disability, or none recorded"),
)


def has_disability(codes: Sequence[str] | None) -> bool:
    """Any DfE disability code other than NONE (N00099). An empty list means none recorded.
    people.services refuses NONE with other codes and repeated codes (CIN rules 8790, 8794), so the
    only lists without a disability are [] and ["NONE"]: the SQL in selectors tests exactly those."""
    return any(code != NO_DISABILITY for code in codes or ())


@dataclass(frozen=True)
class AgeGroup:
    key: str
    label: str
    below_years: int | None  # the group holds ages under this (None: no upper bound)


# DfE children in need statistics' age bands, at the date the contact was received.
AGE_UNBORN = "unborn"
AGE_NOT_KNOWN = "not_known"
AGE_GROUPS = (
    AgeGroup(AGE_UNBORN, "Unborn", 0),
    AgeGroup("under_1", "Under 1", 1),
    AgeGroup("1_4", "1 to 4", 5),
    AgeGroup("5_9", "5 to 9", 10),
    AgeGroup("10_15", "10 to 15", 16),
    AgeGroup("16_plus", "16 and over", None),
    AgeGroup(AGE_NOT_KNOWN, "Not known", None),
)


def day_number(day: date) -> int:
    """20260323 for 23 Mar 2026: differences of these numbers give completed years as the
    ten-thousands (the age arithmetic SQL does in selectors.age_group_sql)."""
    return day.year * 10000 + day.month * 100 + day.day


def age_group(*, date_of_birth: date | None, expected_date_of_birth: date | None, on: date) -> str:
    """The DfE age band of a child on `on`. Not yet born on that day (a birth date after it, or only
    an expected date of birth) is 'unborn'; no dates at all is 'not_known'. Completed years count
    birthdays the English way: a 29 February child turns a year older on 1 March in other years."""
    if date_of_birth is None:
        return AGE_UNBORN if expected_date_of_birth is not None else AGE_NOT_KNOWN
    gap = day_number(on) - day_number(date_of_birth)
    if gap < 0:
        return AGE_UNBORN
    years = gap // 10000
    return next(g.key for g in AGE_GROUPS[1:] if g.below_years is None or years < g.below_years)


# Assessment duration and re-referrals ----------------------------------------------------------------

ASSESSMENT_LIMIT = 45  # working days from referral to completion (Working Together 2023, ch. 3)
BAND_WIDTH = 5
BAND_TOP = 90  # bands of 5 working days up to 90, then one band for everything over 90


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    low: int
    high: int | None  # inclusive; None: no upper bound


def _band(low: int, high: int | None) -> Band:
    if high is None:
        return Band(f"band_over_{low - 1}", f"Over {low - 1}", low, None)
    return Band(f"band_{low}_{high}", f"{low}\N{EN DASH}{high}", low, high)


# 0-5 (a same-day completion is day 0), 6-10, ... 86-90, over 90: the 45-day line falls between
# the ninth band (41-45) and the tenth (46-50).
ASSESSMENT_BANDS = (
    _band(0, BAND_WIDTH),
    *(_band(low, low + BAND_WIDTH - 1) for low in range(BAND_WIDTH + 1, BAND_TOP, BAND_WIDTH)),
    _band(BAND_TOP + 1, None),
)
BANDS_WITHIN_LIMIT = sum(1 for b in ASSESSMENT_BANDS if b.high is not None and b.high <= ASSESSMENT_LIMIT)


def assessment_band(working_days: int) -> str:
    """The key of the 5-working-day band holding `working_days` (0 and up)."""
    if working_days < 0:
        raise ValueError("Working days taken cannot be negative")
    return next(b.key for b in ASSESSMENT_BANDS if b.high is None or working_days <= b.high)


def year_before(day: date) -> date:
    """The same date twelve months earlier (28 February for 29 February), as dateutil counts months:
    a re-referral's earlier referral is on or after this date (standards.md §1.3.3, §1.4)."""
    earlier: date = day - relativedelta(months=12)  # dateutil's stubs type the difference as Any
    return earlier


def year_before_number(day: date) -> int:
    """day_number(year_before(day)) from the day number alone, as the SQL in performance.aggregates
    works it out: one year less, and 29 February becomes 28 February."""
    number = day_number(day) - 10000
    return number - 1 if number % 10000 == 229 else number


GROUPS: dict[str, tuple[Group, ...] | tuple[AgeGroup, ...]] = {
    "ethnicity": ETHNICITY_GROUPS,
    "sex": SEX_GROUPS,
    "disability": DISABILITY_GROUPS,
    "age": AGE_GROUPS,
}


# Exports -----------------------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP CSV injection): a leading ' on cells that
    start with = + - @ or a control character. Numbers are written as numbers and left alone."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text

"""When contacts arrive and from whom: a day-by-day schedule over the window, before any person exists.

Each source's share of the window's contacts is spread over the days by weights (weekday or weekend,
school term or holiday, month) and given a time of day from the source's pattern.
The last contacts before the end are also chosen here to be "held" open at a given stage, so every
profile ends with open work at each front-door stage, some of it past its 24-hour clock.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.easter import easter

from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator.base import Picker, at_local, local

POLICE, SCHOOL, HEALTH, LA, INDIVIDUAL, ANONYMOUS, OTHER = (
    "police", "school", "health", "la", "individual", "anonymous", "other",
)  # fmt: skip
_GROUPS = {"6": POLICE, "2A": SCHOOL, "2B": SCHOOL, "4": LA, "7": LA, "8": OTHER, "9": ANONYMOUS, "10": OTHER}
# Share of a source's term-time weekday rate that still arrives in school holidays (assumption).
_HOLIDAY_FACTOR = {"2A": 0.03, "2B": 0.5, "3C": 0.3}
_LATE_DECEMBER = 0.5  # 24 Dec - 1 Jan, every source but the police (assumption)

# Relative arrivals by local hour 0..23 (assumption: office sources in office hours; the police
# around the clock, heaviest by day; the public into the evening).
# fmt: off
_OFFICE = (0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.1, 0.6, 1.0, 1.2, 1.2,
           1.0, 1.0, 1.1, 1.1, 0.9, 0.4, 0.15, 0.1, 0.06, 0.05, 0.04, 0.03)
_SCHOOL = (0, 0, 0, 0, 0, 0, 0, 0.05, 0.5, 1.0, 1.2, 1.1,
           1.0, 1.0, 1.0, 1.2, 0.8, 0.3, 0.05, 0.02, 0, 0, 0, 0)
_POLICE = (0.3, 0.3, 0.25, 0.2, 0.2, 0.2, 0.3, 0.8, 1.3, 1.3, 1.3, 1.3,
           1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 0.9, 0.9, 0.9, 0.9, 0.6, 0.6)
_PUBLIC = (0.05, 0.03, 0.02, 0.02, 0.02, 0.03, 0.05, 0.3, 0.9, 1.0, 1.0, 1.0,
           1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 0.8, 0.7, 0.4, 0.25, 0.1)
# fmt: on
_HOURS = {
    group: Picker([(hour, weight) for hour, weight in enumerate(pattern) if weight])
    for group, pattern in (
        (POLICE, _POLICE),
        (SCHOOL, _SCHOOL),
        (HEALTH, _OFFICE),
        (LA, _OFFICE),
        (OTHER, _OFFICE),
        (INDIVIDUAL, _PUBLIC),
        (ANONYMOUS, _PUBLIC),
    )
}  # fmt: skip

AWAITING_SCREENING, PARTNER_CHECKS, AWAITING_DECISION = (
    "awaiting_screening",
    "partner_checks",
    "awaiting_decision",
)


def source_group(code: str) -> str:
    if code in _GROUPS:
        return _GROUPS[code]
    return {"1": INDIVIDUAL, "3": HEALTH, "5": LA}[code[0]]


@dataclass(frozen=True)
class Arrival:
    received_at: datetime
    source: str


@dataclass(frozen=True)
class Hold:
    """Keep this contact open at `stage` at the end of the window."""

    stage: str
    breaching: bool


def school_holiday(day: date) -> bool:
    """England-typical school holidays (assumption; local term dates vary by a few days)."""
    md = (day.month, day.day)
    if md >= (12, 20) or md <= (1, 3) or (7, 22) <= md <= (9, 3):
        return True
    good_friday = easter(day.year) - timedelta(days=2)
    if good_friday - timedelta(days=7) <= day <= good_friday + timedelta(days=9):
        return True
    return any(_in_week_of(day, monday) for monday in _half_term_mondays(day.year))


def _in_week_of(day: date, monday: date) -> bool:
    return monday <= day < monday + timedelta(days=5)


def _half_term_mondays(year: int) -> tuple[date, date, date]:
    def last_monday(month: int) -> date:
        d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return d - timedelta(days=d.weekday())

    third_feb = date(year, 2, 15) + timedelta(days=(7 - date(year, 2, 15).weekday()) % 7)
    return third_feb, last_monday(5), last_monday(10)


def day_weight(code: str, day: date, calendar: WorkingCalendar) -> float:
    group = source_group(code)
    weight = profiles.MONTH_FACTOR[day.month - 1]
    if not calendar.is_working_day(day):
        weight *= profiles.WEEKEND_FACTOR[group]
    elif code in _HOLIDAY_FACTOR and school_holiday(day):
        weight *= _HOLIDAY_FACTOR[code]
    if group != POLICE and ((day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 1)):
        weight *= _LATE_DECEMBER
    return weight


def arrivals(
    rng: random.Random,
    profile: profiles.Profile,
    *,
    start: datetime,
    end: datetime,
    calendar: WorkingCalendar,
) -> list[Arrival]:
    """Every contact's receipt time and source in (start, end], in time order.

    Each source gets its share of the window's contacts exactly (so the mix holds even in the small
    profile), spread over the days in proportion to the day weights.
    """
    first, last = local(start).date(), local(end).date()
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    total_share = sum(profiles.SOURCE_MIX.values())
    found: list[Arrival] = []
    for code, share in profiles.SOURCE_MIX.items():
        on_day = Picker([(day, day_weight(code, day, calendar)) for day in days])
        hours = _HOURS[source_group(code)]
        wanted = round(profile.contacts * share / total_share)
        while wanted:
            moment = at_local(on_day(rng), hours(rng) + rng.random())
            if start < moment <= end:
                found.append(Arrival(moment, code))
                wanted -= 1
    found.sort(key=lambda a: (a.received_at, a.source))
    return found


def holds(
    rng: random.Random, arrivals_: list[Arrival], profile: profiles.Profile, *, end: datetime
) -> dict[int, Hold]:
    """Which of the last arrivals are kept open at each stage (indexes into `arrivals_`).

    Stages take turns, so each gets some even when few contacts arrived lately (the small profile,
    or a window ending after a weekend): the newest arrivals wait for screening; others, from the
    last day, wait on partners or a decision; a few from the days before are past their 24 hours.
    """
    chosen: dict[int, Hold] = {}
    fresh = _indexes(arrivals_, end - timedelta(hours=23), end - timedelta(minutes=45))
    old = _indexes(arrivals_, end - timedelta(days=7), end - timedelta(hours=25))
    rounds = max(profile.held_per_stage - profile.held_breaching, profile.held_breaching)
    for turn in range(rounds):
        for stage in (AWAITING_SCREENING, PARTNER_CHECKS, AWAITING_DECISION):
            if turn < profile.held_per_stage - profile.held_breaching and fresh:
                index = fresh.pop() if stage == AWAITING_SCREENING else fresh.pop(rng.randrange(len(fresh)))
                chosen[index] = Hold(stage, breaching=False)
            if turn < profile.held_breaching and old:
                chosen[old.pop(rng.randrange(len(old)))] = Hold(stage, breaching=True)
    return chosen


def _indexes(arrivals_: list[Arrival], low: datetime, high: datetime) -> list[int]:
    return [i for i, a in enumerate(arrivals_) if low <= a.received_at <= high]

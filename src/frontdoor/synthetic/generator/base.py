"""Sampling and local-time helpers shared by the generator. Pure Python: no Django.

Every draw takes the generator's own random.Random, never the global one, so a seed fixes the rows.
All datetimes are aware and in UTC; office hours and days are judged in Europe/London.
"""

import math
import random
from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from frontdoor.clocks.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
K = TypeVar("K", bound=Hashable)
OFFICE_OPENS = 8.5  # hours, local
OFFICE_CLOSES = 17.5
DAYTIME = (8.0, 19.0)  # when decisions are made if they must be made before the next office day


class Picker(Generic[K]):
    """A weighted choice with the cumulative weights worked out once."""

    def __init__(self, weights: Mapping[K, float] | Sequence[tuple[K, float]]) -> None:
        items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
        self.keys = [key for key, _ in items]
        self.cumulative = list(accumulate(weight for _, weight in items))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> K:
        return self.keys[bisect_right(self.cumulative, rng.random() * self.total)]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def lognormal_hours(rng: random.Random, median: float, sigma: float) -> timedelta:
    return timedelta(hours=rng.lognormvariate(math.log(median), sigma))


def minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(seconds=round(rng.uniform(low, high) * 60))


def at_local(day: date, hour: float) -> datetime:
    """The UTC moment of `hour` (fractional, whole seconds) on `day` in Europe/London."""
    seconds = min(round(hour * 3600), 86_399)
    wall = time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    return datetime.combine(day, wall, tzinfo=LONDON).astimezone(UTC)


def local(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def local_hour(moment: datetime) -> float:
    wall = local(moment)
    return wall.hour + wall.minute / 60 + wall.second / 3600


def in_office(moment: datetime, calendar: WorkingCalendar) -> bool:
    wall = local(moment)
    return calendar.is_working_day(wall.date()) and OFFICE_OPENS <= local_hour(moment) < OFFICE_CLOSES


def next_office_moment(moment: datetime, calendar: WorkingCalendar, rng: random.Random) -> datetime:
    """`moment` if the office is open then, else a moment early in the next office session."""
    if in_office(moment, calendar):
        return moment
    day = local(moment).date()
    if not (calendar.is_working_day(day) and local_hour(moment) < OFFICE_OPENS):
        day = calendar.next_working_day(day)
    return at_local(day, OFFICE_OPENS + rng.uniform(0, 2.0))


def next_daytime(moment: datetime, rng: random.Random) -> datetime:
    """`moment` if it is daytime (any day), else a moment early the next morning."""
    hour = local_hour(moment)
    if DAYTIME[0] <= hour < DAYTIME[1]:
        return moment
    day = local(moment).date()
    if hour >= DAYTIME[1]:
        day += timedelta(days=1)
    return at_local(day, DAYTIME[0] + rng.uniform(0, 1.5))


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)

"""When each step of one contact happens: recorded, screened, checks asked and answered, decided,
reviewed while waiting, fed back. Pure Python: no Django.

The decision time is drawn first, from the spread the brief asks for (most within 24 hours, 8-12%
beyond, a few beyond three working days), and the other steps are laid out inside it, so partner
checks never push a decision out of its band by accident. Times may fall after the end of the
window: the emitter keeps only what has happened by then, which is how open work arises.
"""

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator.base import (
    DAYTIME,
    OFFICE_OPENS,
    at_local,
    chance,
    in_office,
    local,
    lognormal_hours,
    minutes,
    next_daytime,
    next_office_moment,
)
from frontdoor.synthetic.generator.schedule import AWAITING_DECISION, AWAITING_SCREENING, Hold

DAY = timedelta(hours=24)


@dataclass
class Timeline:
    received_at: datetime
    recorded_at: datetime
    screened_at: list[datetime]  # per child
    checks: list[tuple[datetime, datetime]]  # (requested_at, responded_at) per check
    decided_at: list[datetime]  # per child
    reviews: list[list[datetime]]  # per child
    feedback_at: list[datetime | None]  # per child


@dataclass(frozen=True)
class Shape:
    """What the timeline depends on."""

    received_at: datetime
    live_call: bool  # recorded while the caller is on the line (phone, in person)
    children: int
    checks: int
    red: bool
    feedback: bool


def plan(
    rng: random.Random, calendar: WorkingCalendar, shape: Shape, *, hold: Hold | None, end: datetime
) -> Timeline:
    received = shape.received_at
    if hold is None:
        decided = _decision(rng, calendar, shape)
        recorded = received + min(_recording_delay(rng, shape), (decided - received) * 0.3)
        low, high = (0.05, 0.25) if shape.checks else (0.1, 0.45)
        screened = recorded + (decided - recorded) * rng.uniform(low, high)
        margin = timedelta(minutes=50 if shape.checks else 5)
        screened = _office_time(rng, calendar, screened, latest=decided - margin)
        checks = _checks(rng, calendar, shape.checks, after=_last(screened, shape), decided=decided)
    else:
        recorded = received + min(_recording_delay(rng, shape), (end - received) * 0.2)
        screened, checks, decided = _held(rng, calendar, shape, hold, recorded=recorded, end=end)
    decided_at = _staggered(rng, decided, shape.children, 1, 6)
    screened_at = [
        min(s, d - timedelta(minutes=1))
        for s, d in zip(_staggered(rng, screened, shape.children, 1, 4), decided_at, strict=True)
    ]
    reviews = [_reviews(rng, calendar, received, d, end) for d in decided_at]
    feedback = _feedback(rng, calendar, decided_at[-1]) if shape.feedback else None
    feedback_at = [feedback + timedelta(minutes=j) if feedback else None for j in range(shape.children)]
    return Timeline(received, recorded, screened_at, checks, decided_at, reviews, feedback_at)


def _decision(rng: random.Random, calendar: WorkingCalendar, shape: Shape) -> datetime:
    received = shape.received_at
    late = profiles.LATE_DECISION_WITH_CHECKS if shape.checks else profiles.LATE_DECISION
    late *= profiles.RED_LATE_FACTOR if shape.red else 1.0
    draw = rng.random()
    if draw < late * profiles.VERY_LATE_SHARE:
        day = calendar.add_working_days(local(received).date(), rng.randint(4, 7))
        return at_local(day, rng.uniform(9, 17))
    if draw < late:
        return next_office_moment(received + DAY + lognormal_hours(rng, 5, 1.0), calendar, rng)
    floor = timedelta(hours=2) if shape.checks else timedelta(minutes=40)
    hours = rng.lognormvariate(math.log(profiles.DECISION_MEDIAN_HOURS), profiles.DECISION_SIGMA)
    decided = received + max(floor + minutes(rng, 0, 30), timedelta(hours=min(hours, 23.0)))
    return _within_a_day(rng, calendar, received, decided)


def _within_a_day(
    rng: random.Random, calendar: WorkingCalendar, received: datetime, decided: datetime
) -> datetime:
    """Move a decision into office hours, or failing that into the daytime, if it stays within 24 hours."""
    if in_office(decided, calendar):
        return decided
    limit = received + DAY - timedelta(minutes=30)
    for moved in (next_office_moment(decided, calendar, rng), next_daytime(decided, rng)):
        if moved < limit:
            return moved
    return decided


def _recording_delay(rng: random.Random, shape: Shape) -> timedelta:
    if shape.live_call:
        return minutes(rng, 3, 25)
    return min(lognormal_hours(rng, 0.7, 0.8), timedelta(hours=6))


def _last(first: datetime, shape: Shape) -> datetime:
    """When the last sibling's screening is done (siblings are screened a few minutes apart)."""
    return first + timedelta(minutes=4 * (shape.children - 1))


def _staggered(rng: random.Random, first: datetime, count: int, low: float, high: float) -> list[datetime]:
    found = [first]
    for _ in range(count - 1):
        found.append(found[-1] + minutes(rng, low, high))
    return found


def _office_time(
    rng: random.Random, calendar: WorkingCalendar, moment: datetime, latest: datetime
) -> datetime:
    """`moment` if the office is open then; else a moment after it reopens (or, at weekends, after the
    duty day starts) that is still before `latest`; else `moment` itself."""
    if moment >= latest or in_office(moment, calendar):
        return moment
    for reopens, opening_hour in (
        (next_office_moment(moment, calendar, rng), OFFICE_OPENS),
        (next_daytime(moment, rng), DAYTIME[0]),
    ):
        if reopens <= latest:
            return reopens
        opening = at_local(local(reopens).date(), opening_hour)
        if moment < opening < latest:
            return opening + (latest - opening) * rng.random()
    return moment


def _checks(
    rng: random.Random, calendar: WorkingCalendar, count: int, *, after: datetime, decided: datetime
) -> list[tuple[datetime, datetime]]:
    """Checks asked soon after screening and answered before the decision, bar a few slow ones."""
    found = []
    latest = decided - timedelta(minutes=25)
    asked = after
    for _ in range(count):
        asked = min(asked + minutes(rng, 3, 20), latest)
        if chance(rng, profiles.CHECK_ANSWERED_LATE):
            answered = next_office_moment(decided + lognormal_hours(rng, 18, 0.9), calendar, rng)
        else:
            window = decided - timedelta(minutes=10) - asked
            answered = asked + max(window * rng.random() ** 0.7, timedelta(minutes=2))
            answered = _office_time(rng, calendar, answered, latest=decided - timedelta(minutes=10))
        found.append((asked, answered))
    return found


def _held(
    rng: random.Random,
    calendar: WorkingCalendar,
    shape: Shape,
    hold: Hold,
    *,
    recorded: datetime,
    end: datetime,
) -> tuple[datetime, list[tuple[datetime, datetime]], datetime]:
    """Screening, checks and decision for a contact kept open at `hold.stage` at the end."""
    if hold.stage == AWAITING_SCREENING:
        screened = end + minutes(rng, 10, 240)
        decided = screened + timedelta(hours=rng.uniform(2, 6))
        checks = _checks(rng, calendar, shape.checks, after=_last(screened, shape), decided=decided)
        return screened, checks, decided
    latest = end - timedelta(minutes=40)
    screened = _office_time(rng, calendar, recorded + (latest - recorded) * rng.uniform(0.1, 0.6), latest)
    asked = _last(screened, shape)
    checks = []
    for n in range(shape.checks):
        asked = min(asked + minutes(rng, 3, 20), end - timedelta(minutes=5))
        if hold.stage == AWAITING_DECISION or (n > 0 and chance(rng, 0.5)):
            answered = asked + (end - asked) * rng.uniform(0.2, 0.95)
            answered = _office_time(rng, calendar, answered, latest=end - timedelta(minutes=1))
        else:
            answered = end + timedelta(hours=rng.uniform(1, 30))
        checks.append((asked, answered))
    waited = max([end, *(answered for _asked, answered in checks)])
    return screened, checks, waited + minutes(rng, 20, 600)


def _reviews(
    rng: random.Random, calendar: WorkingCalendar, received: datetime, decided: datetime, end: datetime
) -> list[datetime]:
    """A manager's daily reviews while the child's contact is undecided after 24 hours."""
    limit = min(decided, end) - timedelta(minutes=1)
    moment = next_office_moment(received + DAY + minutes(rng, 5, 90), calendar, rng)
    found = []
    while moment < limit:
        if not chance(rng, profiles.DAILY_REVIEW_MISSED):
            found.append(moment)
        moment = at_local(calendar.next_working_day(local(moment).date()), 9 + rng.uniform(0, 2.5))
    return found


def _feedback(rng: random.Random, calendar: WorkingCalendar, decided: datetime) -> datetime:
    delay = min(lognormal_hours(rng, profiles.FEEDBACK_MEDIAN_HOURS, 1.0), timedelta(days=10))
    return max(decided + minutes(rng, 5, 30), next_office_moment(decided + delay, calendar, rng))

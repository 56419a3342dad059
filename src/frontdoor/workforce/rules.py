"""The workforce figures as pure functions (issue 20 §3): caseload bands against the authority's
threshold, whether a case or a post counted on a day, changes of social worker per child, and
supervision within 4 weeks. No Django here; tests/workforce/test_rules.py tests them with Hypothesis.

Days are whole London days. Something "holds on" a day when it started on or before it and had not
ended by it: an allocation ended on the 3rd is not held on the 3rd, so a reallocation on a day
counts once, to the new worker.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# Supervision is due every 4 weeks (the "supervision" standard, clocks/rules.py; supervision/models.py).
SUPERVISION_DAYS = 28
# Changes of social worker are counted over the 12 months to the day (Ofsted ILACS asks about the
# "number of social workers in the last 12 months" for each child; we count 365 days).
CHANGE_WINDOW_DAYS = 365


def holds_on(day: date, start: date | None, end: date | None) -> bool:
    """Started on or before `day` (None: always had) and not ended by it (None: not ended)."""
    return (start is None or start <= day) and (end is None or end > day)


def bands(threshold: int) -> list[tuple[int, int | None]]:
    """Caseload bands for a distribution: three up to the threshold, of equal width where they can
    be, then "over the threshold". 18 -> 0-6, 7-12, 13-18, over 18. Every count falls in one band."""
    width = max(1, math.ceil(threshold / 3))
    out: list[tuple[int, int | None]] = []
    low = 0
    while low <= threshold:
        high = min(low + width - 1 if low else width, threshold)
        out.append((low, high))
        low = high + 1
    out.append((threshold + 1, None))
    return out


def band_label(low: int, high: int | None) -> str:
    if high is None:
        return f"Over {low - 1}"
    return str(low) if low == high else f"{low} to {high}"


def band_index(cases: int, threshold: int) -> int:
    return next(
        i
        for i, (low, high) in enumerate(bands(threshold))
        if cases >= low and (high is None or cases <= high)
    )


def over_threshold(cases: int, threshold: int) -> bool:
    """A caseload counts as high when it is above the authority's threshold (Authority.caseload_threshold)."""
    return cases > threshold


def month_ends(today: date, months: int) -> list[date]:
    """The day each of the last `months` months is counted at, oldest first: its last day, or today
    for the month we are in."""
    out = []
    year, month = today.year, today.month
    for _ in range(months):
        last = date(year, month, calendar.monthrange(year, month)[1])
        out.append(min(last, today))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


@dataclass(frozen=True)
class Holding:
    """A worker's allocation of one child's episode, as whole days."""

    child: int
    worker: int
    team: int | None
    start: date
    end: date | None  # the allocation's end, or the episode's closure, whichever came first


def workers_per_child(holdings: Iterable[Holding], as_at: date) -> dict[int, tuple[int, int | None]]:
    """For each child allocated at any time in the 12 months to `as_at`: how many different social
    workers held their case in that time, and the team of the latest allocation.

    A new episode with a new worker counts as a change too: it is one, as the child sees it."""
    since = as_at - timedelta(days=CHANGE_WINDOW_DAYS)
    workers: dict[int, set[int]] = defaultdict(set)
    latest: dict[int, tuple[date, int | None]] = {}
    for h in holdings:
        if h.start > as_at or (h.end is not None and h.end <= since):
            continue
        workers[h.child].add(h.worker)
        if h.child not in latest or h.start >= latest[h.child][0]:
            latest[h.child] = (h.start, h.team)
    return {child: (len(seen), latest[child][1]) for child, seen in workers.items()}


def supervised_within(held: Sequence[date], as_at: date) -> bool:
    """Supervised in the 4 weeks to `as_at`: a session held no more than 28 days before it (the next
    is due 28 days after a session, so on the 28th day it is not yet late)."""
    since = as_at - timedelta(days=SUPERVISION_DAYS)
    return any(since <= day <= as_at for day in held)


def share(part: int | float | Decimal, whole: int | float | Decimal) -> float | None:
    """A percentage to one decimal place, or None when there is nothing to divide."""
    return round(100 * float(part) / float(whole), 1) if whole else None


def mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def vacancy_problems(
    *, opened_on: date | None, closed_on: date | None, fte: str | Decimal | None, today: date
) -> dict[str, str]:
    """What is wrong with a vacancy as entered, by field (empty when nothing is)."""
    problems: dict[str, str] = {}
    if opened_on is None:
        problems["opened_on"] = "Enter the date the post became vacant"
    elif opened_on > today:
        problems["opened_on"] = "The date the post became vacant must be today or in the past"
    if closed_on is not None:
        if closed_on > today:
            problems["closed_on"] = "The date the post was filled or closed must be today or in the past"
        elif opened_on is not None and closed_on < opened_on:
            problems["closed_on"] = (
                "The date the post was filled or closed must be on or after it became vacant"
            )
    try:
        value = Decimal(str(fte)) if fte is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        problems["fte"] = "Enter the full-time equivalent, like 1 or 0.5"
    elif not Decimal(0) < value <= Decimal(1):
        problems["fte"] = "The full-time equivalent must be more than 0 and no more than 1"
    elif value != value.quantize(Decimal("0.01")):
        problems["fte"] = "The full-time equivalent can have at most 2 decimal places"
    return problems


def _overlap(a: tuple[date, date | None], b: tuple[date, date | None]) -> tuple[date, date | None] | None:
    start = max(a[0], b[0])
    ends = [e for e in (a[1], b[1]) if e is not None]
    end = min(ends) if ends else None
    return None if end is not None and end <= start else (start, end)


def merged(intervals: Iterable[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    """Overlapping or touching intervals joined, so that a day inside two of them counts once."""
    out: list[tuple[date, date | None]] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            last_end = out[-1][1]
            out[-1] = (out[-1][0], None if last_end is None or end is None else max(last_end, end))
        else:
            out.append((start, end))
    return out


def daily_caseloads(
    holdings: Iterable[tuple[int, Holding]],
    plans: dict[int, list[tuple[date, date | None]]],
    first: date,
    last: date,
) -> dict[tuple[date, int], tuple[int, int]]:
    """Each worker's (cases, of which on a protection plan) at the end of every day from `first` to
    `last`, from allocation history: a running sum of +1 where a holding starts and -1 where it ends,
    rather than testing every holding on every day. Days a worker held nothing are left out."""
    span = (last - first).days + 1
    if span <= 0:
        return {}
    cases: dict[int, list[int]] = defaultdict(lambda: [0] * (span + 1))
    protected: dict[int, list[int]] = defaultdict(lambda: [0] * (span + 1))

    def add(deltas: list[int], start: date, end: date | None) -> None:
        begin = max((start - first).days, 0)
        stop = span if end is None else min((end - first).days, span)
        if begin < stop:
            deltas[begin] += 1
            deltas[stop] -= 1

    for episode, h in holdings:
        add(cases[h.worker], h.start, h.end)
        for plan in merged(plans.get(episode, ())):
            both = _overlap((h.start, h.end), plan)
            if both is not None:
                add(protected[h.worker], *both)
    out: dict[tuple[date, int], tuple[int, int]] = {}
    for worker, deltas in cases.items():
        running, running_protected = 0, 0
        plan_deltas = protected.get(worker, [0] * (span + 1))
        for offset in range(span):
            running += deltas[offset]
            running_protected += plan_deltas[offset]
            if running:
                out[(first + timedelta(days=offset), worker)] = (running, running_protected)
    return out

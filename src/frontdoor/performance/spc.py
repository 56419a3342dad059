"""Statistical process control for a monthly series: the XmR (individuals) chart, as pure functions.

A series of monthly figures always varies; the question a director asks ("is it getting better?") is
whether a change is more than that usual variation. The XmR chart answers it from the series itself:

- centre line: the mean of the points;
- natural process limits: mean ± 2.66 x the mean moving range (the mean of the absolute differences
  between consecutive points). 2.66 is 3 / d2, d2 = 1.128 for ranges of two points, so the limits
  are the mean ± 3 sigma estimated from point-to-point variation (Wheeler, "Understanding
  Variation", 2nd ed. 2000, ch. 3 and 5; NHS England "Making Data Count", 2019/2021, the XmR chart);
- signals of special cause variation, the two "Making Data Count" rules a board reads first:
  a point outside the limits, and a run of 8 or more consecutive points on the same side of the mean
  (a shift). Anything else is common cause variation: noise, which no single month explains.

No Django imports. Invariants (property-tested in tests/performance/test_spc.py):
- the limits are symmetric around the mean, and the upper limit is never below the lower;
- a constant series has zero moving range, limits equal to the mean and no signals;
- missing points (None: a month with nothing to count, e.g. a share of no decisions) are left out of
  the mean and the moving ranges, and a run is counted over the points present, in order;
- a point exactly on the mean is on neither side: it ends a run.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

# 3 / d2 with d2 = 1.128, the bias correction for moving ranges of two points (Wheeler 2000, table 5.1).
SCALING = 2.66
RUN_LENGTH = 8  # Making Data Count: 7 was used earlier; NHS England now uses 8 or more.
# Fewer points than this give limits that move a good deal as points are added (Making Data Count:
# "at least 15 data points, ideally 20").
RELIABLE_POINTS = 15


# The spans a trend page offers, in months; the default shows 3 years, enough for reliable limits.
SPANS = (12, 24, 36, 60)
DEFAULT_SPAN = 36


def trend_span(text: str | None) -> int:
    """The number of months asked for (`?months=`), or the default for anything else."""
    return int(text) if text and text.isdigit() and int(text) in SPANS else DEFAULT_SPAN


def trend_months(today: date, span: int) -> tuple[date, date]:
    """(first, last) day of the `span` whole months ending with the last complete month before
    `today`'s month: a month still running would look low and raise a false signal."""
    this_month = today.replace(day=1)
    return this_month - relativedelta(months=span), this_month - timedelta(days=1)


class SignalKind(StrEnum):
    ABOVE_LIMIT = "above_limit"
    BELOW_LIMIT = "below_limit"
    RUN_ABOVE = "run_above"
    RUN_BELOW = "run_below"


MEANINGS = {
    SignalKind.ABOVE_LIMIT: (
        "above the upper limit: higher than the month-to-month variation alone would give, so "
        "something changed; find out what"
    ),
    SignalKind.BELOW_LIMIT: (
        "below the lower limit: lower than the month-to-month variation alone would give, so "
        "something changed; find out what"
    ),
    SignalKind.RUN_ABOVE: (
        f"{RUN_LENGTH} or more months in a row above the mean: a sustained shift upwards, not noise"
    ),
    SignalKind.RUN_BELOW: (
        f"{RUN_LENGTH} or more months in a row below the mean: a sustained shift downwards, not noise"
    ),
}
COMMON_CAUSE = (
    "No signals: every month is within the limits and no run of "
    f"{RUN_LENGTH} sits on one side of the mean. The ups and downs are common cause variation "
    "(noise): no single month shows that things got better or worse."
)


@dataclass(frozen=True)
class Signal:
    """Special cause variation at the points `first` to `last` (indices into the series, inclusive)."""

    kind: SignalKind
    first: int
    last: int

    @property
    def meaning(self) -> str:
        return MEANINGS[self.kind]

    @property
    def points(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class XmR:
    """An individuals chart over a series: its centre line, limits and signals."""

    values: tuple[float | None, ...]
    mean: float
    mean_moving_range: float
    upper: float
    lower: float
    signals: tuple[Signal, ...]

    @property
    def known(self) -> int:
        return sum(v is not None for v in self.values)

    @property
    def reliable(self) -> bool:
        return self.known >= RELIABLE_POINTS

    def signals_at(self, index: int) -> tuple[Signal, ...]:
        """The signals a point is part of: none for a missing point, even inside a run's span."""
        if self.values[index] is None:
            return ()
        return tuple(s for s in self.signals if index in s.points)


def moving_ranges(values: Sequence[float]) -> list[float]:
    """|x(i) - x(i-1)| for each consecutive pair: one fewer than the points."""
    return [abs(b - a) for a, b in itertools.pairwise(values)]


def xmr(series: Sequence[float | None]) -> XmR | None:
    """The XmR chart of `series` (None for a missing point), or None with fewer than two points,
    which give no moving range."""
    known = [v for v in series if v is not None]
    if len(known) < 2:
        return None
    mean = math.fsum(known) / len(known)
    ranges = moving_ranges(known)
    mean_range = math.fsum(ranges) / len(ranges)
    spread = SCALING * mean_range
    upper, lower = mean + spread, mean - spread
    signals = _outside(series, upper, lower) + _runs(series, mean)
    return XmR(tuple(series), mean, mean_range, upper, lower, tuple(sorted(signals, key=_order)))


def _order(signal: Signal) -> tuple[int, int, str]:
    return signal.first, signal.last, signal.kind.value


def _outside(series: Sequence[float | None], upper: float, lower: float) -> list[Signal]:
    out = []
    for i, value in enumerate(series):
        if value is None:
            continue
        if value > upper and not _same(value, upper):
            out.append(Signal(SignalKind.ABOVE_LIMIT, i, i))
        elif value < lower and not _same(value, lower):
            out.append(Signal(SignalKind.BELOW_LIMIT, i, i))
    return out


def _same(a: float, b: float) -> bool:
    """Equal but for floating-point rounding (a mean of 0.1s need not be exactly 0.1)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _side(value: float, mean: float) -> int:
    if _same(value, mean):
        return 0
    return (value > mean) - (value < mean)


def _runs(series: Sequence[float | None], mean: float) -> list[Signal]:
    """Each longest stretch of RUN_LENGTH or more present points on one side of the mean."""
    out: list[Signal] = []
    side, start, last, count = 0, 0, 0, 0

    def close() -> None:
        if side and count >= RUN_LENGTH:
            kind = SignalKind.RUN_ABOVE if side > 0 else SignalKind.RUN_BELOW
            out.append(Signal(kind, start, last))

    for i, value in enumerate(series):
        if value is None:
            continue
        here = _side(value, mean)
        if here and here == side:
            count, last = count + 1, i
            continue
        close()
        side, start, last, count = here, i, i, 1 if here else 0
    close()
    return out

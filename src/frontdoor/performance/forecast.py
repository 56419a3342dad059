"""Projections of a monthly series for the next 12 months, with 80% and 95% prediction intervals,
by exponential smoothing in statsmodels (ETSModel: additive errors; Hyndman and Athanasopoulos,
Forecasting: Principles and Practice, 3rd ed., ch. 8). No Django here: the page, the bench and the
tests call the same function on a list of numbers.

The model is chosen, as R's forecast::ets does, by the lowest AICc among: no trend, an additive
trend and a damped additive trend; with an additive 12-month seasonal pattern as well once there
are SEASONAL_MONTHS of history (two full years, the least from which a season can be estimated).
Below MIN_MONTHS nothing is projected: the page says so rather than draw a line through noise.
Counts cannot be negative, so a projection or interval below zero is shown as zero.

pandas and statsmodels are imported inside the functions that fit: they take seconds to load, and
every process that loads the URLs (tests, management commands, the web server) would pay for them.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MIN_MONTHS = 6
SEASONAL_MONTHS = 24
SEASON = 12
HORIZON = 12
# statsmodels' heuristic start values (faster, and stable on short series) need 10 observations.
HEURISTIC_FROM = 10
# The trend shapes tried, with their words for the page: (trend, damped).
TRENDS: tuple[tuple[str | None, bool, str], ...] = (
    (None, False, "no trend"),
    ("add", False, "a straight-line trend"),
    ("add", True, "a trend that flattens (damped)"),
)


class TooFewMonths(ValueError):
    """The series is too short to project (fewer than MIN_MONTHS months)."""


@dataclass(frozen=True)
class Projected:
    """One projected month: the central projection and its 80% and 95% prediction intervals."""

    month: date
    mean: float
    low80: float
    high80: float
    low95: float
    high95: float


@dataclass(frozen=True)
class Projection:
    months: tuple[Projected, ...]
    trend: str  # the words for the chosen trend, e.g. "a damped trend"
    seasonal: bool
    fitted_on: int  # months of history

    @property
    def model(self) -> str:
        season = " and a 12-month seasonal pattern" if self.seasonal else ""
        return (
            f"exponential smoothing (ETS, additive errors) with {self.trend}{season}, "
            f"chosen by AICc and fitted on {self.fitted_on} months"
        )


def month_starts(first: date, count: int) -> list[date]:
    """The first days of `count` months from `first` (a first of the month)."""
    import pandas as pd

    return [stamp.date() for stamp in pd.date_range(first, periods=count, freq="MS")]


def _fit(series: Any, trend: str | None, damped: bool, seasonal: bool) -> Any:
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    model = ETSModel(
        series,
        error="add",
        trend=trend,
        damped_trend=damped,
        seasonal="add" if seasonal else None,
        seasonal_periods=SEASON if seasonal else None,
        initialization_method="heuristic" if len(series) >= HEURISTIC_FROM else "estimated",
    )
    with warnings.catch_warnings():
        # A flat or perfectly straight series makes the optimiser stop at a bound; the fit is still
        # the right one (a constant projects as itself), so the warning says nothing to act on.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        return model.fit(disp=False)


def _aicc(result: Any) -> float:
    value = float(result.aicc)
    return value if math.isfinite(value) else math.inf


def project(values: Sequence[float], first_month: date, horizon: int = HORIZON) -> Projection:
    """The next `horizon` months after `values` (one a month, the first for `first_month`)."""
    return _project(tuple(float(v) for v in values), first_month, horizon)


# The same series gives the same projection: a page viewed again, or downloaded after it is viewed,
# reuses its fits (18 of them, about a second on a busy 2-core machine) until a month's count changes.
@functools.lru_cache(maxsize=256)
def _project(values: tuple[float, ...], first_month: date, horizon: int) -> Projection:
    if len(values) < MIN_MONTHS:
        raise TooFewMonths(f"{len(values)} months of history; at least {MIN_MONTHS} are needed")
    import numpy as np
    import pandas as pd

    months = month_starts(first_month, len(values) + horizon)
    index = pd.DatetimeIndex(months[: len(values)], freq="MS")
    series = pd.Series(np.asarray(values, dtype=float), index=index)
    seasonal = len(values) >= SEASONAL_MONTHS
    fits = [(_fit(series, trend, damped, seasonal), words) for trend, damped, words in TRENDS]
    best, words = min(fits, key=lambda pair: _aicc(pair[0]))
    prediction = best.get_prediction(start=len(values), end=len(values) + horizon - 1)
    wide, narrow = prediction.summary_frame(alpha=0.05), prediction.summary_frame(alpha=0.20)
    projected = tuple(
        Projected(
            month=month,
            mean=_count(wide["mean"].iloc[i]),
            low80=_count(narrow["pi_lower"].iloc[i]),
            high80=_count(narrow["pi_upper"].iloc[i]),
            low95=_count(wide["pi_lower"].iloc[i]),
            high95=_count(wide["pi_upper"].iloc[i]),
        )
        for i, month in enumerate(months[len(values) :])
    )
    return Projection(projected, words, seasonal, len(values))


def _count(value: float) -> float:
    """A count is never below zero."""
    return max(0.0, float(value))


def seasonal_naive(values: Sequence[float], horizon: int) -> list[float]:
    """The baseline a projection must beat: each month as the same month a year before (or, with
    less than a year of history, the last month repeated)."""
    if len(values) >= SEASON:
        return [float(values[len(values) - SEASON + (h % SEASON)]) for h in range(horizon)]
    return [float(values[-1])] * horizon


@dataclass(frozen=True)
class Capacity:
    """One projected month's open cases against today's social workers."""

    month: date
    open_cases: float  # the central projection
    high80: float  # the top of its 80% range
    per_worker: float | None  # open cases per social worker in post today (None: nobody in post)
    needed: int  # social workers to keep the mean caseload at or below the threshold
    needed_high80: int  # the same at the top of the 80% range


def workers_needed(cases: float, threshold: int) -> int:
    """The fewest workers whose mean caseload (cases / workers) is at or below the threshold."""
    # Rounded first so that floating point (36.0000000001 cases) does not ask for a worker too many.
    return math.ceil(round(cases, 6) / threshold)


def capacity(projected: Sequence[Projected], social_workers: int, threshold: int) -> list[Capacity]:
    """Month by month: open cases per social worker if staffing stays as it is today, and the social
    workers needed to keep the mean caseload at or below the authority's threshold."""
    return [
        Capacity(
            month=p.month,
            open_cases=p.mean,
            high80=p.high80,
            per_worker=p.mean / social_workers if social_workers else None,
            needed=workers_needed(p.mean, threshold),
            needed_high80=workers_needed(p.high80, threshold),
        )
        for p in projected
    ]

"""The arithmetic of comparing with other authorities, as pure functions (no Django).

Sources: DfE "Children in need" statistical release, local authority tables (explore-education-
statistics CSVs, 2013 to 2025); ONS mid-year population estimates of children aged 0 to 17; ONS
Census 2021 ethnic group by upper-tier local authority. The DfE marks figures it withholds with
symbols (GSS guidance on symbols in tables): c confidential, x not available, z not applicable,
low a small number, u low reliability, `:` not available. They are missing values, never zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SUPPRESSED = frozenset({"c", "x", "z", "low", "u", ":", "..", ""})
ONE_PLACE = Decimal("0.1")
PER = 10_000


class BadNumber(ValueError):
    """A cell that is neither a number nor one of the DfE's symbols."""


def parse_number(text: str | None) -> Decimal | None:
    """A published cell as a number, or None for a withheld one ("c", "x", "z", "low" ...)."""
    cleaned = (text or "").strip().replace(",", "")
    if cleaned.lower() in SUPPRESSED:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise BadNumber(f"{text!r} is not a number or one of the DfE's symbols (c, x, z, low)") from None
    if not value.is_finite():
        raise BadNumber(f"{text!r} is not a number")
    return value


def one_place(value: Decimal) -> Decimal:
    """Rounded half up to one decimal place, as the DfE's tables round rates and percentages."""
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def rate_per_10k(count: Decimal | int | None, population: Decimal | int | None) -> Decimal | None:
    """Children per 10,000 children aged 0 to 17 (the DfE's rate), to one decimal place."""
    if count is None or population is None or population <= 0:
        return None
    return one_place(Decimal(count) * PER / Decimal(population))


def percent(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal place; None when there is no whole."""
    if part is None or whole is None or whole <= 0:
        return None
    return one_place(Decimal(part) * 100 / Decimal(whole))


@dataclass(frozen=True)
class Standing:
    """Where a value stands among every authority's that year. Rank 1 is the lowest value (ties
    share a rank, the next rank skipping as in a league table); quartile 1 is the lowest quarter."""

    rank: int
    of: int
    quartile: int


def standing(value: Decimal | None, others: Sequence[Decimal]) -> Standing | None:
    """`value`'s rank and quartile among the other authorities' published values that year (withheld
    ones left out): the authority's own published figure, or Frontdoor's figure in its place."""
    if value is None or not others:
        return None
    of = len(others) + 1
    rank = 1 + sum(1 for v in others if v < value)
    quartile = 1 + (4 * (rank - 1)) // of
    return Standing(rank=rank, of=of, quartile=quartile)


def mean(values: Sequence[Decimal | None]) -> Decimal | None:
    """The plain mean of the values given (withheld ones left out), to one decimal place: the mean
    of the neighbours' figures, as the DfE's benchmarking tools show it."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    return one_place(sum(known, Decimal(0)) / len(known))


# Statistical neighbours, computed -------------------------------------------------------------------


@dataclass(frozen=True)
class Neighbour:
    code: str
    distance: float


def standardised(features: Mapping[str, Sequence[float]]) -> dict[str, list[float]]:
    """Each feature as a z-score over all the authorities given (mean 0, standard deviation 1), so
    that no feature weighs more because of its units. A feature that does not vary scores 0."""
    codes = sorted(features)
    if not codes:
        return {}
    width = len(features[codes[0]])
    out: dict[str, list[float]] = {code: [] for code in codes}
    for i in range(width):
        column = [features[code][i] for code in codes]
        centre = sum(column) / len(column)
        spread = math.sqrt(sum((v - centre) ** 2 for v in column) / len(column))
        for code, v in zip(codes, column, strict=True):
            out[code].append((v - centre) / spread if spread else 0.0)
    return out


def nearest(code: str, features: Mapping[str, Sequence[float]], count: int = 10) -> list[Neighbour]:
    """The `count` authorities nearest to `code` by Euclidean distance between standardised features
    (docs/adr/0016), nearest first, ties broken by code so that the list never depends on order."""
    scores = standardised(features)
    if code not in scores:
        return []
    own = scores[code]
    found = [
        Neighbour(other, round(math.dist(own, point), 4)) for other, point in scores.items() if other != code
    ]
    found.sort(key=lambda n: (n.distance, n.code))
    return found[:count]


# Frontdoor's own period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The period Frontdoor's own figures are counted over: the latest complete year ending 31 March
    (the DfE's year) when its records cover all of it, else the latest 12 whole months."""

    first: date
    last: date
    census_year: bool
    records_begin: date | None = None

    @property
    def label(self) -> str:
        if self.census_year:
            return f"{self.first.year}-{self.last.year % 100:02d}"
        return f"{self.first:%b %Y} to {self.last:%b %Y}"


def latest_complete_year(today: date) -> int:
    """The year ending 31 March most recently over (2026 for 2025-26 on any day from 1 April 2026)."""
    return today.year if today > date(today.year, 3, 31) else today.year - 1


def comparison_window(today: date, records_begin: date | None) -> Window:
    """The latest complete year ending 31 March; the last 12 whole months before this month when
    Frontdoor's records begin after that year began (a new deployment), so that a year's figures are
    never counted from a part of the year."""
    year = latest_complete_year(today)
    first = date(year - 1, 4, 1)
    if records_begin is None or records_begin <= first:
        return Window(first, date(year, 3, 31), census_year=True, records_begin=records_begin)
    this_month = today.replace(day=1)
    start = date(this_month.year - 1, this_month.month, 1)
    return Window(start, this_month - timedelta(days=1), census_year=False, records_begin=records_begin)

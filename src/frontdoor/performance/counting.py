"""How a family of dashboard figures counts, as one value a module declares (`COUNTING`) and
performance.aggregates looks up by slug: the rows of the population the figure is about, its
COUNT ... FILTER columns, the rows behind each drill-down result, and the rates that follow.

A pathway's figures (missing children, overdue work, case notes, papers sent, ...) are counted by
their own `*_counts` module; adding a family is one module and one line in aggregates.FAMILIES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure


def everything(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Every row of the figure's population, with no aliases."""
    return Q(), {}


def unchanged(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    """No rates to add: the counts are the figure."""
    return values


@dataclass(frozen=True)
class Counting:
    slugs: tuple[str, ...]
    # The COUNT ... FILTER aggregates giving the figure's columns (besides "children", every row).
    aggregates: Callable[[Figure, datetime], dict[str, Any]]
    # The rows behind one drill-down result (never called for "all").
    result_filter: Callable[[Figure, str, datetime], Q]
    # (filter, aliases) choosing the rows of the population the figure is about.
    where: Callable[[Figure, datetime], tuple[Q, dict[str, Any]]] = everything
    # The rates and shares that follow from a row's counts (performance.rules).
    derive: Callable[[Figure, dict[str, Any]], dict[str, Any]] = unchanged

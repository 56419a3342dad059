"""The "What is coming?" chart: a measure's actual months as a line, the projection as a dashed line
after them, and its 80% and 95% prediction intervals as shaded bands; drawn by
performance/_demand_chart.html with presentation attributes only (the CSP allows no inline styles),
with a title and a description in words, and the same numbers in the table under it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from frontdoor.performance.charts import WIDTH, Tick, nice_step
from frontdoor.performance.forecast import Projected
from frontdoor.performance.rules import MONTHS

LEFT, RIGHT, TOP, BOTTOM = 64.0, WIDTH - 16.0, 24.0, 264.0


@dataclass(frozen=True)
class AxisLabel:
    x: float
    text: str
    year: str


@dataclass(frozen=True)
class DemandChart:
    title: str
    description: str
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    ticks: list[Tick]
    labels: list[AxisLabel]
    actual: str  # polyline points "x,y x,y ..."
    projected: str  # from the last actual month through the projection
    band80: str  # polygon points
    band95: str
    divider_x: float  # where the projection starts


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def describe(
    title: str, months: Sequence[date], actual: Sequence[int], projected: Sequence[Projected]
) -> str:
    """The chart in words: the latest actual month, and the last projected month with its ranges."""
    last, end = projected[-1], months[-1]
    return (
        f"{title}: {_fmt(actual[-1])} in {MONTHS[end.month - 1]} {end.year}, the last actual month; "
        f"projected {_fmt(last.mean)} in {MONTHS[last.month.month - 1]} {last.month.year} "
        f"(80% range {_fmt(last.low80)} to {_fmt(last.high80)}, 95% range {_fmt(last.low95)} to "
        f"{_fmt(last.high95)}). The table below gives every number."
    )


def _points(pairs: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


def demand_chart(
    title: str, months: Sequence[date], actual: Sequence[int], projected: Sequence[Projected]
) -> DemandChart:
    count = len(actual) + len(projected)
    highest = max([*actual, *(p.high95 for p in projected), 1])
    step = nice_step(float(highest))
    top_value = step * max(1, math.ceil(highest / step))
    band = (RIGHT - LEFT) / max(count - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * band

    def y(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * value / top_value

    n = len(actual)
    ahead = range(n, count)
    every = max(1, math.ceil(count / 12))
    all_months = [*months, *(p.month for p in projected)]
    labels = [
        AxisLabel(round(x(i), 1), MONTHS[m.month - 1], str(m.year) if i == 0 or m.month == 1 else "")
        for i, m in enumerate(all_months)
        if i % every == 0
    ]
    ticks = [
        Tick(round(y(step * k), 1), _fmt(step * k), LEFT - 8, 0) for k in range(round(top_value / step) + 1)
    ]
    joined = [(x(n - 1), y(actual[-1]))]
    steps = list(zip(ahead, projected, strict=True))
    return DemandChart(
        title=title,
        description=describe(title, months, actual, projected),
        width=WIDTH,
        height=int(BOTTOM + 48),
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        ticks=ticks,
        labels=labels,
        actual=_points([(x(i), y(v)) for i, v in enumerate(actual)]),
        projected=_points(joined + [(x(i), y(p.mean)) for i, p in steps]),
        band80=_band(joined, [(x(i), y(p.low80), y(p.high80)) for i, p in steps]),
        band95=_band(joined, [(x(i), y(p.low95), y(p.high95)) for i, p in steps]),
        divider_x=round(x(n - 1), 1),
    )


def _band(start: list[tuple[float, float]], edges: list[tuple[float, float, float]]) -> str:
    """A polygon from the last actual point along the upper edge and back along the lower one."""
    upper = [(px, high) for px, _, high in edges]
    lower = [(px, low) for px, low, _ in reversed(edges)]
    return _points(start + upper + lower)

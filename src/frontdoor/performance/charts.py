"""Server-drawn charts for the performance dashboard: the geometry of an accessible SVG column chart
(weeks and months) or bar chart (teams and groups), computed here and drawn by
performance/_chart.html with presentation attributes only (the CSP allows no inline styles).

Each chart carries a title and a description that summarise it in words, for the SVG's role="img";
the table under every chart holds the same numbers for anyone who cannot see it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 960
TEXT_LIMIT = 44


@dataclass(frozen=True)
class Point:
    """One bar: its bucket's label, the value and its words, and where to draw it."""

    label: str
    value: float | None
    text: str
    whole: float | None = None  # the bar this one is part of (e.g. all children's contacts)
    axis: str = ""  # the short label under a column ("Mar", "2 Mar")


@dataclass(frozen=True)
class Bar:
    label: str
    axis_label: str
    axis_sublabel: str
    text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    label_x: float
    label_y: float
    whole_x: float = 0
    whole_y: float = 0
    whole_width: float = 0
    whole_height: float = 0
    has_whole: bool = False


@dataclass(frozen=True)
class Tick:
    position: float
    text: str
    label_x: float
    label_y: float


@dataclass
class Chart:
    kind: str  # "columns" or "bars"
    title: str
    description: str
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    bars: list[Bar]
    ticks: list[Tick]
    reference: Tick | None = None
    reference_text: str = ""
    show_values: bool = True
    legend: list[tuple[str, str]] = field(default_factory=list)
    # A histogram's vertical line between two columns (e.g. at 45 working days), and its words.
    divider_x: float | None = None


def nice_step(value: float, *, most: int = 5) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten (at least 1) that covers `value` in at most
    `most` steps: 2,192 -> 500 (0 to 2,500), 733 -> 200 (0 to 800), 3 -> 1."""
    wanted = value / most
    if wanted <= 1:
        return 1
    power = 10 ** math.floor(math.log10(wanted))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= wanted)


def _tick_values(points: Sequence[Point], percent: bool, full: bool) -> list[float]:
    """The axis ticks from 0 to the top of the scale: 100% for a share whose aim is 100% (`full`),
    so that a shortfall looks like one; otherwise just above the highest value, so that small
    shares (repeat contacts, 4%) are not flattened against the axis."""
    if percent and full:
        return [0, 25, 50, 75, 100]
    highest = max((p.whole if p.whole is not None else p.value or 0) for p in points) if points else 0
    step = nice_step(float(highest))
    count = max(1, math.ceil(float(highest) / step))
    return [step * i for i in range(count + 1)]


def _tick_text(value: float, percent: bool) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{text}%" if percent else text


def _short(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"


def describe(
    title: str, points: Sequence[Point], *, what: str, overall: str, percent: bool, whole_what: str = ""
) -> str:
    """A sentence a screen reader can read instead of the picture: the range and the overall figure."""
    known = [p for p in points if p.value is not None]
    if not known:
        return f"{title}: no data to chart."
    high = max(known, key=lambda p: p.value or 0)
    low = min(known, key=lambda p: p.value or 0)
    parts = [f"{what}: highest {high.text} ({high.label}), lowest {low.text} ({low.label})"]
    if whole_what:
        parts.append(f"drawn within {whole_what}")
    parts.append(f"{overall} over the whole period. The table below gives every number")
    return "; ".join(parts) + "."


def columns(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    percent: bool,
    sublabels: Sequence[str] = (),
    legend: Sequence[tuple[str, str]] = (),
    reference: str = "",
) -> Chart:
    """A column per bucket in time order, y axis from 0 (0 to 100% for a share), with a line at the
    top of the scale when `reference` says what 100% means."""
    left, right, top, bottom = 64.0, WIDTH - 16.0, 24.0, 264.0
    values = _tick_values(points, percent, bool(reference))
    scale = values[-1]
    band = (right - left) / max(len(points), 1)
    width = max(band * 0.7, 1.5)
    every = max(1, math.ceil(len(points) / 13))
    bars = []
    for i, point in enumerate(points):
        x = left + i * band + (band - width) / 2
        height = (bottom - top) * float(point.value or 0) / scale
        whole_height = (bottom - top) * float(point.whole or 0) / scale
        centre = x + width / 2
        labelled = i % every == 0
        bars.append(
            Bar(
                label=point.label,
                axis_label=point.axis if labelled else "",
                axis_sublabel=(sublabels[i] if i < len(sublabels) else "") if labelled else "",
                text=point.text,
                x=round(x, 1),
                y=round(bottom - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                text_x=round(centre, 1),
                text_y=round(bottom - max(height, whole_height) - 6, 1),
                label_x=round(centre, 1),
                label_y=bottom + 20,
                whole_x=round(x, 1),
                whole_y=round(bottom - whole_height, 1),
                whole_width=round(width, 1),
                whole_height=round(whole_height, 1),
                has_whole=point.whole is not None,
            )
        )
    ticks = [
        Tick(round(bottom - (bottom - top) * v / scale, 1), _tick_text(v, percent), left - 8, 0)
        for v in values
    ]
    return Chart(
        kind="columns",
        title=title,
        description=description,
        width=WIDTH,
        height=int(bottom + 48),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=bars,
        ticks=ticks,
        reference=ticks[-1] if reference else None,
        reference_text=reference,
        show_values=len(points) <= 14,
        legend=list(legend),
    )


def bars(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    percent: bool,
    legend: Sequence[tuple[str, str]] = (),
    reference: str = "",
) -> Chart:
    """A horizontal bar per group, labelled on the left, x axis from 0 (0 to 100% for a share), the
    numbers in a column of their own on the right so that no bar or line runs through them."""
    left, right, top, row = 340.0, WIDTH - 100.0, 8.0, 34.0
    bottom = top + row * max(len(points), 1)
    values = _tick_values(points, percent, bool(reference))
    scale = values[-1]
    out = []
    for i, point in enumerate(points):
        y = top + i * row + 7
        length = (right - left) * float(point.value or 0) / scale
        whole = (right - left) * float(point.whole or 0) / scale
        out.append(
            Bar(
                label=point.label,
                axis_label=_short(point.label),
                axis_sublabel="",
                text=point.text,
                x=left,
                y=round(y, 1),
                width=round(length, 1),
                height=row - 14,
                text_x=WIDTH - 4,
                text_y=round(y + (row - 14) / 2 + 5, 1),
                label_x=left - 10,
                label_y=round(y + (row - 14) / 2 + 5, 1),
                whole_x=left,
                whole_y=round(y, 1),
                whole_width=round(whole, 1),
                whole_height=row - 14,
                has_whole=point.whole is not None,
            )
        )
    ticks = [
        Tick(round(left + (right - left) * v / scale, 1), _tick_text(v, percent), 0, bottom + 22)
        for v in values
    ]
    return Chart(
        kind="bars",
        title=title,
        description=description,
        width=WIDTH,
        height=int(bottom + 32),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        bars=out,
        ticks=ticks,
        reference=ticks[-1] if reference else None,
        reference_text=reference,
        legend=list(legend),
    )


def histogram(
    points: Sequence[Point], *, title: str, description: str, divide_after: int, divider: str
) -> Chart:
    """A column per band, touching, in order (0-5, 6-10 ...), with a dashed vertical line after the
    first `divide_after` bands, named `divider` in the legend (e.g. "45 working days")."""
    chart = columns(points, title=title, description=description, percent=False)
    band = (chart.right - chart.left) / max(len(points), 1)
    chart.kind = "columns"
    chart.divider_x = round(chart.left + band * divide_after, 1)
    chart.reference_text = divider
    chart.show_values = True
    return chart


def as_float(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


# Trend (XmR) charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One month on a line chart: where it sits, and whether it is part of a signal."""

    label: str
    text: str
    x: float
    y: float
    signal: bool
    axis_label: str = ""
    axis_sublabel: str = ""

    @property
    def diamond(self) -> str:
        """The corners of the diamond drawn for a signal point."""
        r = 7
        return f"{self.x},{self.y - r} {self.x + r},{self.y} {self.x},{self.y + r} {self.x - r},{self.y}"


@dataclass
class Line:
    """An XmR chart: the points joined in order, the mean and the two limits across the chart."""

    title: str
    description: str
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    marks: list[Mark]
    path: str  # "x,y x,y ..." for a polyline; a missing month breaks nothing, it is left out
    ticks: list[Tick]
    mean_y: float
    upper_y: float | None  # None when the limit is outside the scale (below 0, above 100%)
    lower_y: float | None
    legend: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "line"


def _line_scale(values: Sequence[float], percent: bool) -> list[float]:
    """Ticks covering every value, the mean and the limits in steps from nice_step, never below 0
    and, for a share, never above 100%: the limits can lie outside what a count or share can be."""
    low, high = min(values), max(values)
    low, high = max(low, 0.0), min(high, 100.0) if percent else high
    step = nice_step(max(high - low, 1e-9), most=5) if high - low >= 5 else 1.0
    start = math.floor(low / step) * step
    count = max(1, math.ceil((high - start) / step))
    return [start + step * i for i in range(count + 1)]


def line(
    points: Sequence[Point],
    *,
    mean: float,
    upper: float,
    lower: float,
    signals: Sequence[bool],
    title: str,
    description: str,
    percent: bool,
    sublabels: Sequence[str] = (),
) -> Line:
    """A point per month joined by a line, the mean as a solid line and the limits dashed; points
    that are part of a signal are drawn as larger diamonds so that colour is not the only mark."""
    left, right, top, bottom = 64.0, WIDTH - 16.0, 24.0, 264.0
    known = [p.value for p in points if p.value is not None]
    values = _line_scale([*known, mean, upper, lower], percent)
    floor, ceiling = values[0], values[-1]

    def y(value: float) -> float:
        return round(bottom - (bottom - top) * (value - floor) / (ceiling - floor), 1)

    def inside(value: float) -> float | None:
        return y(value) if floor <= value <= ceiling else None

    band = (right - left) / max(len(points), 1)
    every = max(1, math.ceil(len(points) / 13))
    marks = []
    for i, point in enumerate(points):
        if point.value is None:
            continue
        labelled = i % every == 0
        marks.append(
            Mark(
                label=point.label,
                text=point.text,
                x=round(left + band * (i + 0.5), 1),
                y=y(point.value),
                signal=signals[i],
                axis_label=point.axis if labelled else "",
                axis_sublabel=(sublabels[i] if i < len(sublabels) else "") if labelled else "",
            )
        )
    ticks = [Tick(y(v), _tick_text(v, percent), left - 8, 0) for v in values]
    return Line(
        title=title,
        description=description,
        width=WIDTH,
        height=int(bottom + 48),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        marks=marks,
        path=" ".join(f"{m.x},{m.y}" for m in marks),
        ticks=ticks,
        mean_y=y(mean),
        upper_y=inside(upper),
        lower_y=inside(lower),
        legend=[
            ("app-perf-trend__point", "A month"),
            ("app-perf-trend__signal", "A month that is part of a signal"),
        ],
    )

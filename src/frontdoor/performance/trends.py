"""A figure's trend page ("is it getting better?"): from a Trend (performance.selectors.trend_data)
to what the page, its CSV and its PDF show. The XmR chart's arithmetic is performance.spc; the
month-by-month numbers are the figure's own month breakdown; no queries run here.

Every month in the table links to the existing drill-down for that month (its own period, so the
list holds the same children the month's number counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from frontdoor.performance import charts, exports, presenters, rules, spc
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.presenters import Cell, format_value
from frontdoor.performance.selectors import Row, Scope, Trend

# A percentage cannot be below 0 or above 100, nor a count below 0: limits beyond are shown at the edge.
LIMITS = {Kind.PERCENT: (0.0, 100.0)}
MOST_LINKED_COLUMNS = 4
READING = (
    "Each point is one month, counted by the figure's own definition. The "
    "solid line is the mean of the months shown; the dashed lines are the natural process limits, "
    "the mean plus and minus 2.66 times the mean moving range (the average change from one month to "
    "the next). Months inside the limits vary by chance (common cause variation). A month outside a "
    f"limit, or a run of {spc.RUN_LENGTH} or more months on one side of the mean, is a signal that "
    "something changed (special cause variation). Limits below 0 (or above 100%) are shown at 0 "
    "(or 100%)."
)
SOURCE = (
    "Method: the XmR (individuals) chart, NHS England and NHS Improvement, Making Data Count (2019); "
    "D. J. Wheeler, Understanding Variation (2nd ed., 2000)."
)


@dataclass(frozen=True)
class TrendRow:
    key: str
    label: str
    value: Cell
    signals: tuple[str, ...]  # the signals this month is part of, in words
    counts: tuple[Cell, ...]  # the figure's numbers behind the value, each linked to its children


@dataclass
class TrendView:
    figure: Figure
    column: Column
    span: int
    caption: str
    rows: list[TrendRow]
    counts_head: list[str]
    chart: charts.Line | None = None
    chart_svg: SafeString | None = None
    mean: str = ""
    lower: str = ""
    upper: str = ""
    better: str = ""  # "higher" when the figure aims at 100%, else "" (neither way is better)
    answer: list[str] = field(default_factory=list)  # what the chart says, in sentences
    comparison: list[tuple[str, str]] = field(default_factory=list)  # (what, number)
    reliable: bool = True
    # The mean and limits as the CSV holds them (one decimal place, no % sign, no separators).
    numbers: tuple[str, str, str] = ("", "", "")


def _shown(value: float, column: Column) -> float:
    low, high = LIMITS.get(column.kind, (0.0, float("inf")))
    return min(max(value, low), high)


def _number(value: float, column: Column) -> str:
    text = f"{_shown(value, column):,.1f}"
    return f"{text}%" if column.kind is Kind.PERCENT else text


def _float(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


def linked_columns(figure: Figure, column: Column) -> list[Column]:
    """The counts shown beside the charted value, each a link to its children: the column itself
    when it lists children, else the figure's counts that do (a share's numerator and denominator)."""
    if column.result:
        return [column]
    counted = [c for c in figure.table_columns if c.result and c.kind is Kind.COUNT]
    return counted[:MOST_LINKED_COLUMNS]


def month_scope(scope: Scope, key: str) -> Scope:
    """The scope narrowed to one month ("2026-03"): the drill-down's own period, so its list holds
    the children that month's number counts (the dashboard accepts periods of up to 3 years)."""
    first = date.fromisoformat(f"{key}-01")
    return replace(scope, period=rules.Period(first, first + relativedelta(months=1) - timedelta(days=1)))


def trend_view(trend: Trend, scope: Scope, column: Column, span: int) -> TrendView:
    figure, rows = trend.series.figure, trend.series.rows
    linked = linked_columns(figure, column)
    # Months before the first with anything counted are before records began here: zeros there
    # would make a false run below the mean, so they are left out of the chart and its limits.
    began = next((i for i, r in enumerate(rows) if r.values.get("children")), len(rows))
    values = [None if i < began else _float(r.values.get(column.key)) for i, r in enumerate(rows)]
    chart = spc.xmr(values)
    table_rows = []
    for i, row in enumerate(rows):
        month = month_scope(scope, row.key or "")
        counts = []
        for c in linked:
            cell = format_value(row.values.get(c.key), c.kind)
            if row.values.get(c.key) and c.result:
                href = presenters.drill_href(
                    figure, month, breakdown="month", bucket=row.key, result=c.result
                )
                cell = Cell(cell.text, cell.value, href, label=f"{c.heading}, {row.label}")
            counts.append(cell)
        words = tuple(s.meaning for s in chart.signals_at(i)) if chart else ()
        value = format_value(row.values.get(column.key), column.kind)
        table_rows.append(TrendRow(row.key or "", row.label, value, words, tuple(counts)))
    view = TrendView(
        figure=figure,
        column=column,
        span=span,
        caption=f"{column.heading}, by month, {scope.period.label}",
        rows=table_rows,
        counts_head=[c.heading for c in linked],
        better="higher" if figure.reference_line and column.key == figure.chart_column else "",
    )
    view.comparison = _comparison(trend, column)
    if not trend.series.has_data:
        view.answer = [f"{figure.empty_message.replace('this period', 'these months')}."]
        view.comparison = []
        return view
    if chart is None:
        view.answer = ["There are not enough months with data to show a trend."]
        return view
    view.mean, view.lower, view.upper = (_number(v, column) for v in (chart.mean, chart.lower, chart.upper))
    low, middle, high = (f"{_shown(v, column):.1f}" for v in (chart.lower, chart.mean, chart.upper))
    view.numbers = (middle, low, high)
    view.reliable = chart.reliable
    view.answer = _answer(view, chart, rows)
    if began:
        view.answer.append(
            f"Nothing is counted before {rows[began].label}: the {began} months before it are left out "
            "of the chart, the mean and the limits."
        )
    view.chart = _chart(view, chart, rows, scope)
    view.chart_svg = mark_safe(render_to_string("performance/_trend_chart.html", {"chart": view.chart}))
    return view


def _span_label(rows: list[Row], first: int, last: int) -> str:
    if first == last:
        return rows[first].label
    return f"{rows[first].label} {rules.EN_DASH} {rows[last].label}"


def _answer(view: TrendView, chart: spc.XmR, rows: list[Row]) -> list[str]:
    """What the chart says in words: the latest month against the mean and limits, then each signal
    (or that there is none), then which way is better."""
    latest = next((i for i in range(len(rows) - 1, -1, -1) if chart.values[i] is not None), None)
    out = []
    if latest is not None:
        out.append(
            f"{rows[latest].label}: {view.rows[latest].value.text}, against a mean of {view.mean} "
            f"over the {chart.known} months charted (limits {view.lower} to {view.upper})."
        )
    if not chart.signals:
        out.append(spc.COMMON_CAUSE)
    for signal in chart.signals:
        out.append(f"{_span_label(rows, signal.first, signal.last)}: {signal.meaning}.")
    if view.better:
        out.append(f"For this figure {view.better} is better.")
    if not chart.reliable:
        out.append(
            f"With fewer than {spc.RELIABLE_POINTS} months the limits are provisional: choose a "
            "longer span if there is one."
        )
    return out


def _comparison(trend: Trend, column: Column) -> list[tuple[str, str]]:
    """The figure over the last 12 months against the 12 before, each counted as a whole period
    (a share of all the year's decisions, not an average of monthly shares)."""
    if trend.last_year is None or trend.year_before is None:
        return []
    rows = trend.series.rows
    recent = _float(trend.last_year.values.get(column.key))
    before = _float(trend.year_before.values.get(column.key))
    out = [
        (f"Last 12 months, {_span_label(rows, len(rows) - 12, len(rows) - 1)}",
         format_value(trend.last_year.values.get(column.key), column.kind).text),
        (f"The 12 months before, {_span_label(rows, len(rows) - 24, len(rows) - 13)}",
         format_value(trend.year_before.values.get(column.key), column.kind).text),
    ]  # fmt: skip
    if recent is not None and before is not None:
        change = recent - before
        unit = " percentage points" if column.kind is Kind.PERCENT else ""
        out.append(("Change", f"{change:+,.1f}{unit}"))
    return out


def _chart(view: TrendView, chart: spc.XmR, rows: list[Row], scope: Scope) -> charts.Line:
    column = view.column
    points = [
        charts.Point(
            label=r.label, value=chart.values[i], text=view.rows[i].value.text, axis=r.label.split(" ")[0]
        )
        for i, r in enumerate(rows)
    ]
    signalled = [bool(chart.signals_at(i)) for i in range(len(rows))]
    named = [f"{_span_label(rows, s.first, s.last)}, {s.meaning}" for s in chart.signals]
    description = (
        f"{column.heading} each month, {scope.period.label}: mean {view.mean}, limits {view.lower} to "
        f"{view.upper}. "
        + (("Signals: " + "; ".join(named) + ".") if named else "No signals: common cause variation only.")
        + " The table below gives every number."
    )
    return charts.line(
        points,
        mean=chart.mean,
        upper=chart.upper,
        lower=chart.lower,
        signals=signalled,
        title=f"{view.figure.title}: {column.heading.lower()}, by month, {scope.period.label}",
        description=description,
        percent=column.kind is Kind.PERCENT,
        sublabels=presenters.year_marks(rows),
    )


# Downloads ---------------------------------------------------------------------------------------------


def paper(view: TrendView, scope: Scope, authority: str, made_at: datetime) -> exports.Paper:
    """The trend as a committee paper: newest month first (a one-page PDF keeps the latest months;
    the CSV has every month), with the mean, limits and signals in every row."""
    first, last = scope.period.first.isoformat()[:7], scope.period.last.isoformat()[:7]
    team = f"-team-{scope.team}" if scope.team is not None else ""
    headings = [
        "Month",
        view.column.heading,
        "Mean",
        "Lower limit",
        "Upper limit",
        "Signal",
        *view.counts_head,
    ]
    rows = [
        [
            r.label,
            r.value.value,
            *view.numbers,
            "; ".join(r.signals),
            *(c.value for c in r.counts),
        ]
        for r in reversed(view.rows)
    ]
    return exports.Paper(
        slug=f"trend-{view.figure.slug}-{view.column.key}-{first}-to-{last}{team}",
        title=f"{view.figure.title}: {view.column.heading.lower()}, by month",
        summary=" ".join(
            [scope.period.label + ".", *view.answer, *(f"{w}: {n}." for w, n in view.comparison)]
        ),
        authority=authority,
        made_at=made_at,
        headings=headings,
        rows=rows,
        chart_svg=view.chart_svg,
        notes=(
            view.figure.definition,
            f"How to read the chart: {READING}",
            SOURCE,
            f"Standard and source: {view.figure.source}",
        ),
    )

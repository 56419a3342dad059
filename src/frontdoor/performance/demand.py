"""What the "What is coming?" page shows (issue 20 §4): each measure's actual months and projection
(performance.forecast) as a chart, a table and a comparison of the next 12 months with the last, the
capacity table, and each one as a download (performance.exports.Paper).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from frontdoor.performance import forecast
from frontdoor.performance.demand_chart import DemandChart, demand_chart
from frontdoor.performance.demand_selectors import FLOW, MEASURES, DemandHistory, Measure
from frontdoor.performance.exports import Paper
from frontdoor.performance.forecast import Capacity, Projection, TooFewMonths
from frontdoor.performance.rules import EN_DASH, month_label

CAPACITY = "capacity"
NO_MONTHS = "There are no complete months of records yet."
ASSUMPTION = (
    "Capacity assumes staffing stays as it is today: every social worker in post today (role social "
    "worker, active, not left) stays and nobody joins, and every open case is held by a social "
    "worker. Social workers needed is the fewest whose mean caseload is at or below the authority's "
    "threshold of {threshold} cases; the upper figure is for the top of the 80% range."
)
METHOD = (
    "Projections are made with exponential smoothing (statsmodels ETSModel, additive errors): the "
    "trend shape (none, straight line or flattening) is chosen by AICc, with a 12-month seasonal "
    "pattern once there are 24 months of history. The bands are the model's 80% and 95% prediction "
    "intervals: the month should fall inside the darker band 8 times in 10. The first month with "
    "records is left out, as records may begin part-way through it; the current month is not yet "
    "complete and is left out too."
)


@dataclass(frozen=True)
class TableRow:
    label: str
    actual: int | None
    href: str  # the dashboard's drill-down for an actual month, if there is one
    projected: float | None = None
    range80: str = ""
    range95: str = ""

    @property
    def actual_text(self) -> str:
        return number(self.actual)

    @property
    def projected_text(self) -> str:
        return number(self.projected)


@dataclass
class MeasureView:
    measure: Measure
    actual: list[int]
    projection: Projection | None
    refused: str = ""
    chart: DemandChart | None = None
    rows: list[TableRow] = field(default_factory=list)
    recent_words: str = ""  # the comparison: the last 12 actual months
    coming_words: str = ""  # and the next 12 projected

    @property
    def key(self) -> str:
        return self.measure.key


@dataclass
class Demand:
    history: DemandHistory
    measures: list[MeasureView]
    capacity: list[Capacity]
    refused: str = ""

    @property
    def period(self) -> str:
        months = self.history.months
        if not months:
            return "no complete months"
        return f"{month_label(months[0])} {EN_DASH} {month_label(months[-1])} ({len(months)} months)"

    @property
    def open_cases(self) -> MeasureView:
        return next(m for m in self.measures if m.key == "open_cases")


def number(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _range(low: float, high: float) -> str:
    return f"{number(low)} to {number(high)}"


def _drill_href(measure: Measure, month: date) -> str:
    if not measure.figure:
        return ""
    last = month + relativedelta(months=1) - timedelta(days=1)
    params = {
        "from": month.isoformat(),
        "to": last.isoformat(),
        "month": month.isoformat()[:7],
        "result": measure.result,
    }
    return f"{reverse('performance:drilldown', args=[measure.figure])}?{urlencode(params)}"


def _comparison(view: MeasureView, months: list[date]) -> None:
    """The last 12 actual months against the next 12 projected: a monthly mean for a count over the
    month, the month-end figure for children on plans and open cases."""
    projected = view.projection.months if view.projection else ()
    recent = view.actual[-12:]
    if view.measure.kind == FLOW:
        view.recent_words = f"{number(sum(recent) / len(recent))} a month over the last {len(recent)} months"
        if projected:
            mean = sum(p.mean for p in projected) / len(projected)
            view.coming_words = f"{number(mean)} a month projected over the next {len(projected)}"
    else:
        view.recent_words = f"{number(view.actual[-1])} at the end of {month_label(months[-1])}"
        if projected:
            last = projected[-1]
            view.coming_words = (
                f"{number(last.mean)} projected at the end of {month_label(last.month)} "
                f"(80% range {_range(last.low80, last.high80)})"
            )


def _measure_view(measure: Measure, history: DemandHistory) -> MeasureView:
    actual = history.series[measure.key]
    view = MeasureView(measure, actual, None)
    view.rows = [
        TableRow(month_label(month), value, _drill_href(measure, month))
        for month, value in zip(history.months, actual, strict=True)
    ]
    if not history.months:
        return view
    try:
        view.projection = forecast.project(actual, history.months[0])
    except TooFewMonths:
        view.refused = (
            f"Not projected: there are {len(actual)} complete months of records, and a projection "
            f"needs at least {forecast.MIN_MONTHS}."
        )
    _comparison(view, history.months)
    if view.projection is not None:
        projected = view.projection.months
        view.chart = demand_chart(measure.title, history.months, actual, projected)
        view.rows += [
            TableRow(
                month_label(p.month), None, "", p.mean, _range(p.low80, p.high80), _range(p.low95, p.high95)
            )
            for p in projected
        ]
    return view


def demand(history: DemandHistory) -> Demand:
    views = [_measure_view(m, history) for m in MEASURES]
    result = Demand(history, views, [])
    open_cases = result.open_cases.projection
    if open_cases is not None:
        result.capacity = forecast.capacity(open_cases.months, history.social_workers, history.threshold)
    if not history.months or open_cases is None:
        result.refused = next((v.refused for v in views if v.refused), NO_MONTHS)
    return result


# Downloads ---------------------------------------------------------------------------------------------


def chart_svg(view: MeasureView) -> SafeString | None:
    if view.chart is None:
        return None
    context = {"chart": view.chart, "key": view.key}
    return SafeString(render_to_string("performance/_demand_svg.html", context))


def paper(result: Demand, which: str, made_at: datetime) -> Paper:
    """The download for one measure, or (CAPACITY, the default) for capacity with the open cases chart."""
    history = result.history
    notes = (METHOD, ASSUMPTION.format(threshold=history.threshold))
    stem = f"{history.months[0]:%Y-%m}-to-{history.months[-1]:%Y-%m}" if history.months else "no-months"
    view = next((v for v in result.measures if v.key == which), None)
    if view is None:
        return Paper(
            slug=f"what-is-coming-capacity-{stem}",
            title="What is coming? Open cases and social workers, next 12 months",
            summary=(
                f"Open cases (children in need) projected from {result.period}, against "
                f"{history.social_workers} social workers in post today and a threshold of "
                f"{history.threshold} cases each: {result.open_cases.coming_words or result.refused}."
            ),
            authority=history.authority,
            made_at=made_at,
            headings=CAPACITY_HEADINGS,
            rows=[capacity_row(c) for c in result.capacity],
            chart_svg=chart_svg(result.open_cases),
            notes=notes,
        )
    return Paper(
        slug=f"what-is-coming-{view.key.replace('_', '-')}-{stem}",
        title=f"What is coming? {view.measure.title}",
        summary=f"{view.measure.definition} Actual: {view.recent_words}. Projected: "
        f"{view.coming_words or view.refused}.",
        authority=history.authority,
        made_at=made_at,
        headings=PROJECTION_HEADINGS,
        rows=_projection_rows(view, history),
        chart_svg=chart_svg(view),
        notes=notes,
    )


def _projection_rows(
    view: MeasureView, history: DemandHistory
) -> list[tuple[str, int, int, int, int, int, int | str]]:
    """The projected months, each beside the same month a year before where there is one."""
    actual = dict(zip(history.months, view.actual, strict=True))
    projected = view.projection.months if view.projection else ()
    return [
        (
            month_label(p.month),
            round(p.mean),
            round(p.low80),
            round(p.high80),
            round(p.low95),
            round(p.high95),
            actual.get(p.month.replace(year=p.month.year - 1), ""),
        )
        for p in projected
    ]


PROJECTION_HEADINGS = (
    "Month",
    "Projected",
    "80% range from",
    "80% range to",
    "95% range from",
    "95% range to",
    "Same month a year before (actual)",
)
CAPACITY_HEADINGS = (
    "Month",
    "Open cases projected",
    "Top of 80% range",
    "Cases per social worker at current staffing",
    "Social workers needed",
    "Needed at top of 80% range",
)


def capacity_row(row: Capacity) -> tuple[str, int, int, float | str, int, int]:
    """A row of the capacity download: whole cases, cases per worker to one decimal place."""
    per_worker = "" if row.per_worker is None else round(row.per_worker, 1)
    return (
        month_label(row.month),
        round(row.open_cases),
        round(row.high80),
        per_worker,
        row.needed,
        row.needed_high80,
    )


def capacity_cells(row: Capacity) -> tuple[str, ...]:
    """The same row as the page shows it, with thousands separated."""
    month, cases, high, per_worker, needed, needed_high = capacity_row(row)
    shown = "" if per_worker == "" else f"{per_worker:.1f}"
    return (month, number(cases), number(high), shown, number(needed), number(needed_high))

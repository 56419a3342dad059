"""From a figure's numbers to what a page shows: the table (the same cells for HTML and CSV), the
chart, the headline sentence and the drill-down links. No queries run here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from frontdoor.performance import charts, rules
from frontdoor.performance.metrics import Breakdown, Column, Figure, Kind
from frontdoor.performance.selectors import NOT_ALLOCATED, FigureData, Row, Scope


@dataclass(frozen=True)
class Cell:
    text: str  # as the page shows it: "1,234", "91.2%"
    value: int | str  # as the CSV holds it: 1234, "91.2" ("" when there is no data)
    href: str = ""
    numeric: bool = True
    missing: bool = False
    label: str = ""  # what the number is, for a screen reader reading the link on its own


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    foot: list[Cell] = field(default_factory=list)

    def csv_rows(self) -> list[list[int | str]]:
        head: list[int | str] = list(self.head)
        return [head, *([c.value for c in row] for row in [*self.rows, self.foot])]


def format_value(value: int | Decimal | None, kind: Kind) -> Cell:
    if value is None:
        return Cell(rules.EN_DASH, "", missing=True)
    if kind is Kind.PERCENT:
        return Cell(f"{value}%", str(value))
    if kind in (Kind.HOURS, Kind.DAYS):
        return Cell(f"{value:,}", str(value))
    return Cell(f"{value:,}", int(value))


def scope_params(scope: Scope) -> dict[str, str]:
    params = {"from": scope.period.first.isoformat(), "to": scope.period.last.isoformat()}
    if scope.team is not None:
        params["team"] = str(scope.team)
    return params


def drill_href(
    figure: Figure, scope: Scope, *, breakdown: str | None, bucket: str | None, result: str
) -> str:
    params = scope_params(scope)
    if breakdown and bucket is not None:
        params[breakdown] = bucket  # a team bucket is the team filter itself
    params["result"] = result
    return f"{reverse('performance:drilldown', args=[figure.slug])}?{urlencode(params)}"


def _row_label(row: Row, breakdown: str | None) -> str:
    if row.partial:
        return f"{row.label} (part {'week' if breakdown == 'week' else 'month'})"
    return row.label


def _cells(figure: Figure, scope: Scope, row: Row, breakdown: str | None) -> list[Cell]:
    label = _row_label(row, breakdown)
    cells = [Cell(label, label, numeric=False)]
    for column in figure.table_columns:
        cell = format_value(row.values.get(column.key), column.kind)
        if column.result and row.values.get(column.key):
            href = drill_href(figure, scope, breakdown=breakdown, bucket=row.key, result=column.result)
            cell = Cell(cell.text, cell.value, href, label=f"{column.heading}, {label}")
        cells.append(cell)
    return cells


def table(data: FigureData, scope: Scope) -> Table:
    figure, breakdown = data.figure, data.breakdown
    if figure.slug == "sources":
        return _sources_table(data, scope)
    key = breakdown.key if breakdown else None
    out = Table(
        caption=f"{figure.title}, {breakdown.label.lower() if breakdown else 'total'}, {scope.period.label}",
        head=[_heading(figure, breakdown), *(c.heading for c in figure.table_columns)],
    )
    out.rows = [_cells(figure, scope, row, key) for row in data.rows]
    out.foot = _cells(figure, scope, data.total, None)
    out.foot[0] = Cell("Total", "Total", numeric=False)
    return out


def _heading(figure: Figure, breakdown: Breakdown | None) -> str:
    if breakdown is None:
        return "Period"
    return figure.population.age_heading if breakdown.key == "age" else breakdown.heading


def histogram_table(data: FigureData, scope: Scope) -> Table:
    """The histogram's numbers: each band of working days for the whole period, with its share of
    the assessments completed and a link to them."""
    figure, values = data.figure, data.total.values
    completed = int(values.get("completed") or 0)
    out = Table(
        caption=f"{figure.title}: working days taken, {scope.period.label}",
        head=["Working days", "Assessments completed", "Share of completed"],
    )
    for band in rules.ASSESSMENT_BANDS:
        count = int(values.get(band.key) or 0)
        label = band.label
        number = format_value(count, Kind.COUNT)
        if count:
            href = drill_href(figure, scope, breakdown=None, bucket=None, result=band.key)
            number = Cell(number.text, number.value, href, label=f"{label} working days")
        share = format_value(rules.percentage(count, completed), Kind.PERCENT)
        out.rows.append([Cell(label, label, numeric=False), number, share])
    out.foot = [
        Cell("All completed", "All completed", numeric=False),
        format_value(completed, Kind.COUNT),
        format_value(rules.percentage(completed, completed), Kind.PERCENT),
    ]
    return out


def _sources_table(data: FigureData, scope: Scope) -> Table:
    """Sources run down the side and buckets across, as a spreadsheet pivot would show them."""
    figure, breakdown = data.figure, data.breakdown
    key = breakdown.key if breakdown else None
    columns = [c for c in figure.columns if c.key != "children"]
    out = Table(
        caption=f"{figure.title}, {breakdown.label.lower() if breakdown else 'total'}, {scope.period.label}",
        head=["Source", *(_row_label(r, key) for r in data.rows), "Total"],
    )

    def cell(row: Row, column: Column, bucket_key: str | None) -> Cell:
        value = row.values.get(column.key) or 0
        if not value:
            return Cell("0", 0)
        href = drill_href(
            figure,
            scope,
            breakdown=key if bucket_key else None,
            bucket=bucket_key,
            result=column.result or "all",
        )
        return Cell(f"{value:,}", int(value), href, label=f"{column.heading}, {_row_label(row, key)}")

    all_sources = figure.column("children")
    for column in [*columns]:
        label = Cell(column.heading, column.heading, numeric=False)
        out.rows.append([label, *(cell(r, column, r.key) for r in data.rows), cell(data.total, column, None)])
    out.foot = [
        Cell("All sources", "All sources", numeric=False),
        *(cell(r, all_sources, r.key) for r in data.rows),
        cell(data.total, all_sources, None),
    ]
    return out


# Charts ------------------------------------------------------------------------------------------------


def chart(data: FigureData, scope: Scope) -> charts.Chart:
    figure, breakdown = data.figure, data.breakdown
    if figure.slug == "sources":
        return _sources_chart(data, scope)
    if figure.histogram:
        return _histogram_chart(data, scope)
    column = figure.column(figure.chart_column)
    percent = column.kind is Kind.PERCENT
    whole = figure.column(figure.chart_whole) if figure.chart_whole else None
    points = [
        charts.Point(
            label=_row_label(row, breakdown.key if breakdown else None),
            value=charts.as_float(row.values.get(column.key)),
            text=format_value(row.values.get(column.key), column.kind).text,
            whole=charts.as_float(row.values.get(whole.key)) if whole else None,
            axis=_axis_label(row, breakdown.key if breakdown else None),
        )
        for row in data.rows
    ]
    title = f"{figure.title}, {breakdown.label.lower() if breakdown else ''}, {scope.period.label}"
    overall = format_value(data.total.values.get(column.key), column.kind).text
    description = charts.describe(
        title,
        points,
        what=column.heading,
        overall=overall,
        percent=percent,
        whole_what=whole.heading.lower() if whole else "",
    )
    legend = (
        [("app-perf-chart__whole", whole.heading), ("app-perf-chart__bar", column.heading)] if whole else []
    )
    if breakdown and breakdown.is_time:
        return charts.columns(
            points,
            title=title,
            description=description,
            percent=percent,
            sublabels=year_marks(data.rows),
            legend=legend,
            reference=figure.reference_line,
        )
    return charts.bars(
        points,
        title=title,
        description=description,
        percent=percent,
        legend=legend,
        reference=figure.reference_line,
    )


def _axis_label(row: Row, breakdown: str | None) -> str:
    """'Mar' under a month's column, '2 Mar' under a week's."""
    if breakdown == "month":
        return row.label.split(" ")[0]
    if breakdown == "week":
        return " ".join(row.label.split(" ")[1:3])
    return row.label


def year_marks(rows: Sequence[Row]) -> list[str]:
    """The year under the first bucket and under the first bucket of each new year."""
    marks, last = [], None
    for row in rows:
        year = (row.key or "")[:4]
        marks.append(year if year != last else "")
        last = year
    return marks


def _sources_chart(data: FigureData, scope: Scope) -> charts.Chart:
    columns = [c for c in data.figure.columns if c.key != "children" and data.total.values.get(c.key)]
    points = [
        charts.Point(
            label=c.heading, value=float(data.total.values[c.key] or 0), text=f"{data.total.values[c.key]:,}"
        )
        for c in columns
    ]
    title = f"{data.figure.title}, {scope.period.label}"
    description = charts.describe(
        title,
        points,
        what="Children's contacts by source (sources with none are left out)",
        overall=f"{data.total.values['children']:,} children's contacts",
        percent=False,
    )
    return charts.bars(points, title=title, description=description, percent=False)


def _histogram_chart(data: FigureData, scope: Scope) -> charts.Chart:
    values = data.total.values
    points = [
        charts.Point(
            label=f"{band.label} working days",
            value=float(values.get(band.key) or 0),
            text=f"{values.get(band.key) or 0:,}",
            axis=band.label,
        )
        for band in rules.ASSESSMENT_BANDS
    ]
    title = f"{data.figure.title}: working days taken, {scope.period.label}"
    limit = rules.ASSESSMENT_LIMIT
    within = format_value(values.get("share"), Kind.PERCENT).text
    description = charts.describe(
        title,
        points,
        what="Assessments completed by working days taken",
        overall=f"{within} within {limit} working days, median {values.get('median')} working days,",
        percent=False,
    )
    return charts.histogram(
        points,
        title=title,
        description=description,
        divide_after=rules.BANDS_WITHIN_LIMIT,
        divider=f"{limit} working days: assessments to the left were completed within {limit}",
    )


# Headlines ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    figure: Figure
    number: str
    words: str
    detail: str
    empty: bool


def headline(data: FigureData) -> Headline:
    figure, values = data.figure, data.total.values
    if not data.has_data:
        return Headline(figure, "", figure.empty_message, "", True)
    texts = {key: format_value(value, _kind(figure, key)).text for key, value in values.items()}
    if figure.slug == "sources":
        top = max((c for c in figure.columns if c.key != "children"), key=lambda c: values.get(c.key) or 0)
        share = format_value(_share(values.get(top.key), values["children"]), Kind.PERCENT).text
        words = f"of children's contacts came from {top.heading.split(': ', 1)[1]}, the largest source"
        return Headline(figure, share, words, figure.headline_detail.format(**texts), False)
    number = texts.get(figure.headline_column, "")
    if values.get(figure.headline_column) is None:
        number = "No data"
    return Headline(figure, number, figure.headline_words, figure.headline_detail.format(**texts), False)


def _kind(figure: Figure, key: str) -> Kind:
    return next((c.kind for c in figure.columns if c.key == key), Kind.COUNT)


def _share(part: int | Decimal | None, whole: int | Decimal | None) -> Decimal | None:
    return rules.percentage(int(part or 0), int(whole or 0))


def team_param(value: str | None, team_ids: set[int]) -> tuple[int | str | None, str | None]:
    """The `team` parameter as a Team pk, NOT_ALLOCATED or None, and a message when it is not one."""
    if not value:
        return None, None
    if value == NOT_ALLOCATED:
        return NOT_ALLOCATED, None
    if value.isdigit() and int(value) in team_ids:
        return int(value), None
    return None, "Choose a team from the list"

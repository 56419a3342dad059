"""The comparison as the pages and papers show it: numbers in words, the charts' points, the tables'
rows. No queries here: everything comes from benchmarks.selectors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from frontdoor.benchmarks.measures import Measure, Unit
from frontdoor.benchmarks.rules import Standing
from frontdoor.benchmarks.selectors import Comparison, MeasureComparison, YearFigures
from frontdoor.performance import charts
from frontdoor.performance.charts import Point

DASH = "\u2013"  # an en dash: no figure
QUARTILE_WORDS = {1: "1 (lowest)", 2: "2", 3: "3", 4: "4 (highest)"}


def number(value: Decimal | None, measure: Measure) -> str:
    if value is None:
        return DASH
    text = f"{value:,.1f}"
    return f"{text}%" if measure.unit == Unit.PERCENT else text


def rank(standing: Standing | None) -> str:
    return f"{standing.rank} of {standing.of}" if standing else DASH


def quartile(standing: Standing | None) -> str:
    return QUARTILE_WORDS[standing.quartile] if standing else DASH


def year_label(year: int | None) -> str:
    """The DfE's year ending 31 March as the tables write it: 2025 is 2024-25."""
    return f"{year - 1}-{year % 100:02d}" if year else DASH


def place_name(comparison: Comparison) -> str:
    return comparison.la.name if comparison.la else f"LA {comparison.la_code}"


def overview_rows(comparison: Comparison) -> list[list[str]]:
    rows = []
    for m in comparison.measures:
        latest = m.latest or YearFigures(comparison.year or 0)
        rows.append(
            [
                m.measure.title,
                m.measure.unit_words,
                number(m.own, m.measure),
                number(latest.la, m.measure),
                number(latest.england, m.measure),
                number(latest.region, m.measure),
                number(latest.neighbours_mean, m.measure),
                rank(latest.standing),
                quartile(latest.standing),
            ]
        )
    return rows


def overview_headings(comparison: Comparison) -> list[str]:
    year = year_label(comparison.year)
    return [
        "Measure",
        "Unit",
        f"Frontdoor, {comparison.window.label}",
        f"{place_name(comparison)} published, {year}",
        "England",
        comparison.region.name if comparison.region else "Region",
        "Neighbours' mean",
        "Rank (1 lowest)",
        "Quartile",
    ]


def against_england(comparison: Comparison) -> charts.Chart | None:
    """Each published measure as a percentage of England's figure (100 is the same as England), so
    that rates and percentages can share one axis."""
    points = []
    for m in comparison.measures:
        latest = m.latest
        if latest is None or latest.la is None or not latest.england:
            continue
        index = latest.la * 100 / latest.england
        points.append(Point(m.measure.title, float(index), f"{index:,.0f}% of England"))
    if not points:
        return None
    title = f"{place_name(comparison)} as a percentage of England's figure, {year_label(comparison.year)}"
    return charts.bars(
        points,
        title=title,
        description=charts.describe(
            title, points, what="Published figures", overall="England is 100%", percent=True
        ).replace(" over the whole period", ""),
        percent=True,
    )


def comparison_points(comparison: Comparison, m: MeasureComparison) -> list[Point]:
    latest = m.latest or YearFigures(comparison.year or 0)
    named: list[tuple[str, Decimal | None]] = [
        (f"Frontdoor's records, {comparison.window.label}", m.own),
        (f"{place_name(comparison)}, published", latest.la),
        ("England", latest.england),
        (comparison.region.name if comparison.region else "Region", latest.region),
        ("Neighbours' mean", latest.neighbours_mean),
        *((n.name, v) for n, v in zip(comparison.neighbours, latest.neighbours, strict=False)),
    ]
    return [
        Point(label, None if value is None else float(value), number(value, m.measure))
        for label, value in named
    ]


def measure_chart(comparison: Comparison, m: MeasureComparison) -> charts.Chart | None:
    points = comparison_points(comparison, m)
    if all(p.value is None for p in points):
        return None
    title = f"{m.measure.title} ({m.measure.unit_words}), {year_label(comparison.year)}"
    described = charts.describe(
        title,
        points,
        what="Values",
        overall=f"England {points[2].text}",
        percent=m.measure.unit == Unit.PERCENT,
    ).replace(" over the whole period", "")
    return charts.bars(points, title=title, description=described, percent=m.measure.unit == Unit.PERCENT)


def history_headings(comparison: Comparison, with_neighbours: bool = False) -> list[str]:
    headings = [
        "Year",
        place_name(comparison),
        "England",
        comparison.region.name if comparison.region else "Region",
        "Neighbours' mean",
        "Rank (1 lowest)",
        "Quartile",
    ]
    return headings + ([n.name for n in comparison.neighbours] if with_neighbours else [])


def history_rows(m: MeasureComparison, with_neighbours: bool = False) -> list[list[Any]]:
    rows = []
    for y in reversed(m.history):
        row = [
            year_label(y.year),
            number(y.la, m.measure),
            number(y.england, m.measure),
            number(y.region, m.measure),
            number(y.neighbours_mean, m.measure),
            rank(y.standing),
            quartile(y.standing),
        ]
        rows.append(row + ([number(v, m.measure) for v in y.neighbours] if with_neighbours else []))
    return rows


def notes(comparison: Comparison, measures: Sequence[Measure]) -> list[str]:
    """Where the numbers come from, and how Frontdoor's own differ: on every page and paper."""
    out = []
    if comparison.release:
        release = comparison.release
        files = ", ".join(str(f["name"]) for f in release.files)
        out.append(
            f"Published figures: DfE, Children in need, local authority tables {release.first_year} "
            f"to {release.last_year} ({files}), loaded {_day(release.loaded_at.date())}. "
            "Ranks are among every authority with a published value that year (1 is the lowest; whether "
            "low is good depends on the measure); a withheld value (c, x, low) is left out."
        )
    if comparison.neighbour_set:
        out.append("Neighbours: " + comparison.neighbour_set.source)
    out.append(window_note(comparison))
    out += [f"{m.title}: {m.definition} {m.frontdoor}" for m in measures]
    return out


def paper_notes(comparison: Comparison, measures: Sequence[Measure]) -> list[str]:
    """The notes in brief, for a one-page paper: the page itself has them in full."""
    out = []
    if comparison.release:
        release = comparison.release
        tables = ", ".join(str(f["table"]).upper() for f in release.files[:5])
        out.append(
            f"Source: DfE, Children in need {release.first_year} to {release.last_year} "
            f"(tables {tables}) and ONS mid-year estimates. Rank 1 is the lowest value among the authorities "
            "publishing one that year; withheld values are left out."
        )
    if comparison.neighbour_set:
        out.append(
            "Neighbours: computed by Frontdoor, not the DfE's list: the 10 nearest by number of children, "
            "children's share of residents and share not White British (docs/adr/0016)."
        )
    out.append(window_note(comparison))
    out += [f"{m.title}: {m.frontdoor}" for m in measures]
    return out


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else DASH


def window_note(comparison: Comparison) -> str:
    window = comparison.window
    population = (
        f"Frontdoor's rates use {place_name(comparison)}'s {comparison.population:,.0f} children aged "
        f"0 to 17 (ONS mid-{comparison.population_year})."
        if comparison.population
        else "No published child population for this LA code, so Frontdoor's rates are not shown."
    )
    if window.census_year:
        return (
            f"Frontdoor's figures are for {window.label}, the latest complete year ending 31 March. "
            + population
        )
    return (
        f"Frontdoor's records begin on {_day(window.records_begin)}, after the latest year ending 31 March "
        "began, so its figures are for the last 12 "
        f"whole months ({_day(window.first)} to {_day(window.last)}), counted as a year ending "
        f"31 March would be, with 'at 31 March' read as at {_day(window.last)}. " + population
    )

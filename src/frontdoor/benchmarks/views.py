""" "How do we compare?": the authority beside England, its region and its statistical neighbours, a
page per measure with its history, each downloadable as CSV and as a one-page PDF
(performance.exports). No child is shown; the drill-downs are the performance dashboard's."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from frontdoor.benchmarks import presenters, selectors
from frontdoor.benchmarks.measures import MEASURES
from frontdoor.benchmarks.selectors import Comparison, MeasureComparison
from frontdoor.performance import exports
from frontdoor.performance.charts import Chart

DEFINITIONS_ELSEWHERE = (
    "Each measure's definition, and how Frontdoor counts its own figure where that differs from the "
    "DfE's, is on the measure's page in Frontdoor and on its own one-page paper."
)


def _svg(chart: Chart | None) -> SafeString | None:
    if chart is None:
        return None
    return mark_safe(render_to_string("performance/_chart.html", {"chart": chart}))


def _drilldown_href(comparison: Comparison, m: MeasureComparison) -> str:
    if m.measure.drilldown is None:
        return ""
    figure, result = m.measure.drilldown
    query = {
        "from": comparison.window.first.isoformat(),
        "to": comparison.window.last.isoformat(),
        "result": result,
    }
    return f"{reverse('performance:drilldown', args=[figure])}?{urlencode(query)}"


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    now = timezone.now()
    comparison = selectors.comparison_for(actor=user, now=now)
    chart = presenters.against_england(comparison)
    headings, rows = presenters.overview_headings(comparison), presenters.overview_rows(comparison)
    notes = presenters.notes(comparison, list(MEASURES.values()))
    paper = exports.Paper(
        slug=f"how-do-we-compare-{comparison.year or 'none'}",
        title="How do we compare?",
        summary=(
            f"{presenters.place_name(comparison)} beside England, "
            f"{comparison.region.name if comparison.region else 'its region'} and 10 statistical neighbours "
            f"in the DfE's {presenters.year_label(comparison.year)} figures, "
            f"with Frontdoor's own for {comparison.window.label}."
        ),
        authority=user.authority.name,
        made_at=now,
        headings=headings,
        rows=rows,
        # No chart on the overview's paper: every measure's row fits on the page without it, and
        # each measure's own paper has its chart.
        # One page: each measure's definition, and how Frontdoor's figure differs, is on its own paper.
        notes=[*presenters.paper_notes(comparison, []), DEFINITIONS_ELSEWHERE],
    )
    if (download := exports.respond(request, paper)) is not None:
        return download
    context = {
        "comparison": comparison,
        "year": presenters.year_label(comparison.year),
        "place": presenters.place_name(comparison),
        "chart": chart,
        "headings": headings,
        "rows": [
            (m, row, _drilldown_href(comparison, m)) for m, row in zip(comparison.measures, rows, strict=True)
        ],
        "window_note": presenters.window_note(comparison),
        "notes": notes,
    }
    return render(request, "benchmarks/overview.html", context)


@login_required
def measure(request: HttpRequest, slug: str) -> HttpResponse:
    user: Any = request.user
    now = timezone.now()
    chosen = selectors.measure_or_404(slug)
    comparison = selectors.comparison_for(actor=user, now=now, measure=chosen)
    m = comparison.measures[0]
    chart = presenters.measure_chart(comparison, m)
    csv_wanted = exports.wanted(request) == "csv"
    notes = presenters.notes(comparison, [chosen])
    paper = exports.Paper(
        slug=f"compare-{chosen.slug}-{comparison.year or 'none'}",
        title=f"How do we compare? {chosen.title}",
        summary=(
            f"{chosen.title} ({chosen.unit_words}): Frontdoor's records for {comparison.window.label} give "
            f"{presenters.number(m.own, chosen)}; the DfE's published figures for "
            f"{presenters.place_name(comparison)}, England, the region and 10 statistical neighbours, "
            "every year published."
        ),
        authority=user.authority.name,
        made_at=now,
        headings=presenters.history_headings(comparison, with_neighbours=csv_wanted),
        rows=presenters.history_rows(m, with_neighbours=csv_wanted),
        chart_svg=_svg(chart),
        notes=presenters.paper_notes(comparison, [chosen]),
    )
    if (download := exports.respond(request, paper)) is not None:
        return download
    latest = m.latest
    context = {
        "comparison": comparison,
        "m": m,
        "measure": chosen,
        "latest": latest,
        "year": presenters.year_label(comparison.year),
        "place": presenters.place_name(comparison),
        "own": presenters.number(m.own, chosen),
        "own_rank": presenters.rank(m.own_standing),
        "own_quartile": presenters.quartile(m.own_standing),
        "la_value": presenters.number(latest.la if latest else None, chosen),
        "la_rank": presenters.rank(latest.standing if latest else None),
        "la_quartile": presenters.quartile(latest.standing if latest else None),
        "chart": chart,
        "points": presenters.comparison_points(comparison, m),
        "history_headings": presenters.history_headings(comparison),
        "history": presenters.history_rows(m),
        "drilldown_href": _drilldown_href(comparison, m),
        "window_note": presenters.window_note(comparison),
        "notes": notes[:2],
    }
    return render(request, "benchmarks/measure.html", context)

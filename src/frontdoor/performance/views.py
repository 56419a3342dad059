"""The performance dashboard's pages: the overview of every figure's headline, a page per figure
(chart, breakdown, table, CSV, definition) and the drill-down to the children behind a number.

Every page needs "child.view" and is scoped to the actor's authority (performance.selectors); the
drill-down logs whom it listed. Bad `from`, `to` or `team` parameters are answered with a message
on a normal page showing the default period, never with an error page.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.organisations.permissions import can
from frontdoor.performance import drilldowns, presenters, rules, selectors
from frontdoor.performance.metrics import BREAKDOWNS, FIGURES, Figure
from frontdoor.performance.selectors import NOT_ALLOCATED, NOT_ALLOCATED_LABEL, BadDrilldown, Scope

BUCKET_PARAMS = ("week", "month", "ethnicity", "sex", "disability", "age")
FIELD_IDS = {"from": "period-from", "to": "period-to", "team": "period-team"}


@dataclass
class Filters:
    scope: Scope
    teams: list[Any]
    errors: list[dict[str, str]]
    values: dict[str, str]  # what the user typed, to show back in the form
    field_errors: dict[str, str]

    @property
    def query(self) -> str:
        return urlencode(presenters.scope_params(self.scope))

    @property
    def team_label(self) -> str:
        if self.scope.team is None:
            return "All teams"
        if self.scope.team == NOT_ALLOCATED:
            return NOT_ALLOCATED_LABEL
        return next((t.name for t in self.teams if t.pk == self.scope.team), "")


def _filters(request: HttpRequest) -> Filters:
    user: Any = request.user
    teams = selectors.teams_for(actor=user)
    typed = {name: request.GET.get(name, "").strip() for name in ("from", "to", "team")}
    period, problems = rules.parse_period(typed["from"], typed["to"], today=timezone.localdate())
    team, team_problem = presenters.team_param(typed["team"], {t.pk for t in teams})
    if team_problem:
        problems["team"] = team_problem
    scope = selectors.scope_for(actor=user, period=period, team=team, now=timezone.now())
    errors = [{"href": f"#{FIELD_IDS[name]}", "message": message} for name, message in problems.items()]
    return Filters(scope, teams, errors, typed, problems)


def _figure(slug: str) -> Figure:
    try:
        return FIGURES[slug]
    except KeyError:
        raise Http404("No such figure.") from None


def _base_context(request: HttpRequest, filters: Filters) -> dict[str, Any]:
    return {
        "filters": filters,
        "period": filters.scope.period,
        "error_list": filters.errors,
        "page_has_errors": bool(filters.errors),
        "not_allocated": NOT_ALLOCATED,
    }


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    headlines = [
        presenters.headline(selectors.figure_data(figure=figure, scope=filters.scope, breakdown=None))
        for figure in FIGURES.values()
    ]
    context = _base_context(request, filters) | {
        "headlines": headlines,
        "sees_demand": can(request.user, "demand.view"),
    }
    return render(request, "performance/overview.html", context)


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    if request.GET.get("result"):
        # /performance/decisions-24h/?month=2026-03&result=missed names a list of children.
        return redirect(f"{reverse('performance:drilldown', args=[slug])}?{request.GET.urlencode()}")
    filters = _filters(request)
    by = request.GET.get("by", "")
    breakdown = by if by in figure.breakdowns else figure.default_breakdown
    data = selectors.figure_data(figure=figure, scope=filters.scope, breakdown=breakdown)
    table = presenters.table(data, filters.scope)
    bands = presenters.histogram_table(data, filters.scope) if figure.histogram else None
    if request.GET.get("format") == "csv" and not filters.errors:
        if bands is not None and request.GET.get("table") == "histogram":
            return _csv(figure, filters.scope, "working-days", bands)
        return _csv(figure, filters.scope, breakdown, table)
    query = filters.query
    context = _base_context(request, filters) | {
        "figure": figure,
        "data": data,
        "breakdown": BREAKDOWNS[breakdown],
        "breakdowns": [
            {"label": BREAKDOWNS[b].label, "href": f"?{query}&by={b}", "current": b == breakdown}
            for b in figure.breakdowns
        ],
        "headline": presenters.headline(data),
        "chart_heading": _chart_heading(figure, breakdown),
        "table": table,
        "histogram_table": bands,
        "histogram_csv_href": f"?{query}&by={breakdown}&format=csv&table=histogram",
        "chart": presenters.chart(data, filters.scope) if data.has_data else None,
        "csv_href": f"?{query}&by={breakdown}&format=csv",
        "day_one": figure.uses_working_days and request.user.authority.inclusive_day_count,  # type: ignore[union-attr]
    }
    return render(request, "performance/detail.html", context)


def _chart_heading(figure: Figure, breakdown: str) -> str:
    if figure.slug == "sources":
        return "Children's contacts by source, whole period"
    if figure.histogram:
        return "Working days taken, whole period"
    return f"{figure.title}, {BREAKDOWNS[breakdown].label.lower()}"


def _csv(figure: Figure, scope: Scope, breakdown: str, table: presenters.Table) -> HttpResponse:
    team = f"-team-{scope.team}" if scope.team is not None else ""
    name = f"{figure.slug}-by-{breakdown}-{scope.period.first}-to-{scope.period.last}{team}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    for row in table.csv_rows():
        writer.writerow([rules.spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
    return response


@login_required
def drilldown(request: HttpRequest, slug: str) -> HttpResponse:
    figure = _figure(slug)
    filters = _filters(request)
    result = request.GET.get("result") or next(iter(figure.results))
    buckets = {name: request.GET[name] for name in BUCKET_PARAMS if request.GET.get(name)}
    try:
        found = selectors.drilldown(
            actor=request.user,  # type: ignore[arg-type]
            figure=figure,
            scope=filters.scope,
            buckets=buckets,
            result=result,
            page=request.GET.get("page", 1),
        )
    except BadDrilldown:
        raise Http404("No such list of children.") from None
    listing = found.page
    described = [selectors.bucket_label(name, value) for name, value in buckets.items()]
    params = presenters.scope_params(filters.scope) | buckets | {"result": result}
    came_from = next(iter(buckets), "team" if filters.scope.team is not None else "")
    by = f"&by={came_from}" if came_from in figure.breakdowns else ""
    context = _base_context(request, filters) | {
        "figure": figure,
        "listing": listing,
        "not_listed": found.not_listed,
        "behind_the_number": found.behind_the_number,
        "rows": drilldowns.drill_rows(figure, list(listing.object_list), filters.scope.now),
        "headings": drilldowns.drill_headings(figure),
        "noun": figure.population.noun,
        "noun_one": figure.population.noun_one,
        "result_words": figure.results[result],
        "buckets": described,
        "page_query": urlencode(params),
        "back_href": f"?{filters.query}{by}",
    }
    return render(request, "performance/drilldown.html", context)

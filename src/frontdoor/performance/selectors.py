"""The performance dashboard's reads: every figure is one SQL aggregate per breakdown (plus one for
the period's total, and one list of values for a median or percentiles), whatever the volume.

A figure counts the rows of its population (performance.populations: children's contacts,
children-in-need episodes or assessments) by the moment the population counts by; grouping happens
in the database (performance.grouping), so no query runs per row and no row is counted in Python;
the exceptions are the police delays and assessments' working days, listed once so that their
percentiles can be taken (SQLite has no percentile function). Everything is scoped to the actor's
authority.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Value

from frontdoor.access.scope import NOTHING, visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import Team, User
from frontdoor.organisations.permissions import require
from frontdoor.performance import aggregates, rules
from frontdoor.performance.grouping import NOT_ALLOCATED, group_expression, group_key
from frontdoor.performance.metrics import BREAKDOWNS, Breakdown, Figure
from frontdoor.performance.populations import COUNTED_AT
from frontdoor.performance.rules import Period

__all__ = ["NOT_ALLOCATED", "Period"]

NOT_ALLOCATED_LABEL = "Not allocated"
DRILLDOWN_PAGE_SIZE = 100
DRILLDOWN_PURPOSE = "performance.drilldown"

Value_ = int | Decimal | None


@dataclass(frozen=True)
class Scope:
    """Whose figures, over which period, for which team (a Team pk, NOT_ALLOCATED or None for all)."""

    authority_id: int
    period: Period
    team: int | str | None
    now: datetime
    # Whose figures: a restricted population (performance.populations.Population.restrict) counts
    # only the rows this member of staff may see, and none without one.
    actor: User | None = None


@dataclass
class Row:
    key: str | None  # the bucket's value in drill-down links (None for the total)
    label: str
    values: dict[str, Value_]
    partial: bool = False  # a week or month only partly inside the period


@dataclass
class FigureData:
    figure: Figure
    breakdown: Breakdown | None
    rows: list[Row]
    total: Row

    @property
    def has_data(self) -> bool:
        return bool(self.total.values["children"])


# The scope ---------------------------------------------------------------------------------------------


def _authority_of(actor: User) -> int:
    """The actor's authority, once require() has refused anyone without one."""
    require(actor, "child.view")
    return actor.authority_id  # type: ignore[return-value]


def scope_for(*, actor: User, period: Period, team: int | str | None, now: datetime) -> Scope:
    return Scope(authority_id=_authority_of(actor), period=period, team=team, now=now, actor=actor)


def teams_for(*, actor: User) -> list[Team]:
    return list(Team.objects.filter(authority_id=_authority_of(actor)).order_by("name"))


def _rows(scope: Scope, figure: Figure) -> QuerySet[Any]:
    """The figure's rows in the scope: its population counted in the period, in the team, narrowed
    to what the figure is about (aggregates.where), with the aliases its aggregates use."""
    population, ends = figure.population, scope.period.ends_before
    rows = population.rows(scope.authority_id, scope.period.starts_at, ends)
    in_team, team_aliases = population.in_team(scope.team, NOT_ALLOCATED, ends)
    about, aliases = aggregates.where(figure, scope.now)
    if population.restrict is not None:
        about &= population.restrict(scope.actor) if scope.actor is not None else NOTHING
    narrowed: QuerySet[Any] = rows.alias(**team_aliases, **aliases).filter(in_team, about).order_by()
    return narrowed


def _listed(
    figure: Figure, rows: QuerySet[Any], scope: Scope, breakdown: str | None
) -> dict[str | None, list[float]]:
    """The values behind a median or percentile per bucket (key None: all of them), from one query."""
    value, which = aggregates.listed_value(figure) or (None, Q())
    if value is None:
        return {}
    group = (
        group_expression(figure.population, breakdown, scope.period.ends_before, scope.period.starts_at)
        if breakdown
        else Value("")
    )
    listing = rows.filter(which).annotate(listed=value, group=group).values_list("group", "listed")
    out: dict[str | None, list[float]] = defaultdict(list)
    for bucket, raw in listing:
        number = aggregates.as_number(figure, raw)
        out[None].append(number)
        if breakdown:
            out[group_key(breakdown, bucket)].append(number)
    return out


# Figures -----------------------------------------------------------------------------------------------


def figure_data(*, figure: Figure, scope: Scope, breakdown: str | None) -> FigureData:
    """A figure's rows for the breakdown (all buckets, empty ones as zeros) and the period's total.

    Queries: the total, the grouped rows when a breakdown is asked for, and the list of values for
    a figure with a median (police delays, assessments): at most three, whatever the volume.
    """
    rows_in_scope = _rows(scope, figure)
    counts = aggregates.aggregates(figure, scope.now)
    listed = _listed(figure, rows_in_scope, scope, breakdown)
    pivot = aggregates.PIVOTS.get(figure.slug)
    if pivot:
        counted = rows_in_scope.values_list(pivot).annotate(n=Count("pk")).values_list(pivot, "n")
        summary = aggregates.pivoted(list(counted), list(counts))
    else:
        summary = rows_in_scope.aggregate(**counts)
    total = Row(None, "Total", aggregates.derive(figure, summary, listed.get(None)))
    rows: list[Row] = []
    if breakdown:
        ends = scope.period.ends_before
        starts = scope.period.starts_at
        grouped = rows_in_scope.annotate(group=group_expression(figure.population, breakdown, ends, starts))
        fields = ["group"]
        if breakdown == "team":
            grouped = grouped.annotate(team_name=figure.population.team_name_expression(ends))
            fields.append("team_name")
        found = _grouped(grouped, fields, counts, pivot, breakdown)
        rows = [
            Row(
                key,
                label,
                aggregates.derive(figure, _counts(found.get(key), counts), listed.get(key)),
                part,
            )
            for key, label, part in _buckets(breakdown, scope.period, found)
        ]
    return FigureData(figure, BREAKDOWNS.get(breakdown or ""), rows, total)


def _grouped(
    grouped: QuerySet[Any], fields: list[str], counts: dict[str, Any], pivot: str | None, breakdown: str
) -> dict[str, dict[str, Any]]:
    """{bucket key: its counts (and team_name)}: one query grouped by the breakdown (and the pivot)."""
    found: dict[str, dict[str, Any]] = {}
    if not pivot:
        for row in grouped.values(*fields).annotate(**counts):
            found[group_key(breakdown, row.pop("group"))] = row
        return found
    pairs: dict[str, list[tuple[Any, int]]] = defaultdict(list)
    names: dict[str, dict[str, Any]] = {}
    for row in grouped.values(*fields, pivot).annotate(n=Count("pk")):
        key = group_key(breakdown, row.pop("group"))
        pairs[key].append((row.pop(pivot), row.pop("n")))
        names[key] = row  # team_name, when grouped by team
    for key, values in pairs.items():
        found[key] = names[key] | aggregates.pivoted(values, list(counts))
    return found


def _counts(found: dict[str, Any] | None, aggregates: dict[str, Any]) -> dict[str, Any]:
    return {name: (found or {}).get(name, 0) for name in aggregates}


def _buckets(breakdown: str, period: Period, found: dict[str, dict[str, Any]]) -> list[tuple[str, str, bool]]:
    """(key, label, partial) of every bucket to show, in order; empty weeks, months and groups too."""
    if breakdown == "week":
        return [
            (w.isoformat(), rules.week_label(w), rules.week_is_partial(w, period))
            for w in rules.weeks(period)
        ]
    if breakdown == "month":
        return [
            (m.isoformat()[:7], rules.month_label(m), rules.month_is_partial(m, period))
            for m in rules.months(period)
        ]
    if breakdown == "team":
        teams = sorted((row["team_name"], key) for key, row in found.items() if key != NOT_ALLOCATED)
        tail = [(NOT_ALLOCATED, NOT_ALLOCATED_LABEL, False)] if NOT_ALLOCATED in found else []
        return [(key, name, False) for name, key in teams] + tail
    groups = rules.GROUPS[breakdown]
    return [(g.key, g.label, False) for g in groups]


# Drill-downs -------------------------------------------------------------------------------------------


class BadDrilldown(ValueError):
    """A drill-down asked for a bucket or result that does not exist."""


def bucket_label(breakdown: str, value: str) -> str:
    """The words for a bucket in a drill-down's title (teams are named by the view)."""
    if breakdown == "week":
        return rules.week_label(date.fromisoformat(value))
    if breakdown == "month":
        return rules.month_label(date.fromisoformat(f"{value}-01"))
    groups = rules.GROUPS.get(breakdown, ())
    return next((g.label for g in groups if g.key == value), value)


def _bucket_filter(figure: Figure, scope: Scope, breakdown: str, value: str) -> tuple[Q, dict[str, Any]]:
    """(filter, annotations it needs) selecting one bucket; BadDrilldown for a bad value."""
    try:
        if breakdown == "week":
            monday = date.fromisoformat(value)
            if monday.weekday() != 0:
                raise BadDrilldown("A week starts on a Monday")
            return _received_between(monday, monday + timedelta(days=7)), {}
        if breakdown == "month":
            first = date.fromisoformat(f"{value}-01")
            return _received_between(first, first + relativedelta(months=1)), {}
    except ValueError as error:
        raise BadDrilldown(str(error)) from None
    groups = rules.GROUPS[breakdown]
    if value not in {g.key for g in groups}:
        raise BadDrilldown(f"No such {breakdown} group")
    name = f"group_{breakdown}"
    return Q(**{name: value}), {
        name: group_expression(figure.population, breakdown, scope.period.ends_before)
    }


def _received_between(first: date, after: date) -> Q:
    """Rows counted (COUNTED_AT) from 00:00 on `first` to 00:00 on `after`, UK time."""
    start = rules.Period(first, first).starts_at
    end = rules.Period(after, after).starts_at
    return Q(**{f"{COUNTED_AT}__gte": start, f"{COUNTED_AT}__lt": end})


@dataclass(frozen=True)
class Drilldown:
    """A page of the rows behind one number, and how many rows behind it the actor may not see.

    `not_listed` is why a list can be shorter than the number it came from: the figures count every
    child of the authority, the list shows only the children the actor may see (team scope,
    restricted records; access.scope.visible). Listed plus not listed is the number on the dashboard.
    """

    page: Page[Any]
    not_listed: int

    @property
    def behind_the_number(self) -> int:
        return self.page.paginator.count + self.not_listed


def drilldown(
    *,
    actor: User,
    figure: Figure,
    scope: Scope,
    buckets: dict[str, str],
    result: str,
    page: int | str = 1,
) -> Drilldown:
    """The rows behind one number (children's contacts, referrals or assessments): the figure's
    population in the scope, narrowed to
    a bucket (e.g. {"month": "2026-03"}) and a result (e.g. "missed"), oldest first, a page at a time,
    and the number of rows behind it the actor may not see (counted, never listed).
    Logs that the actor saw the children on the page (purpose "performance.drilldown").

    Queries: the count of all rows behind the number, the count of those listed, the page, and the
    access log's insert.
    """
    require(actor, "child.view")
    chosen = aggregates.result_filter(figure, result, scope.now)
    if chosen is None:
        raise BadDrilldown("No such result")
    rows = _rows(scope, figure).filter(chosen)
    for breakdown, value in buckets.items():
        condition, annotations = _bucket_filter(figure, scope, breakdown, value)
        rows = rows.annotate(**annotations).filter(condition)
    behind = rows.count()
    population = figure.population
    listed = rows.filter(visible(actor, "person_id"))
    listed = listed.select_related(*population.related).prefetch_related(*population.prefetch)
    listed = listed.order_by(COUNTED_AT, "pk")
    listing = Paginator(listed, DRILLDOWN_PAGE_SIZE).get_page(page)
    listing.object_list = list(listing.object_list)  # one query, read again by the page
    access_log(actor=actor, person_ids=(j.person_id for j in listing.object_list), purpose=DRILLDOWN_PURPOSE)
    return Drilldown(listing, behind - listing.paginator.count)


# Trends ------------------------------------------------------------------------------------------------


@dataclass
class Trend:
    """A figure month by month over a trend's span (`series.rows`, one per month, from one grouped
    query), and the figure over the last 12 months and the 12 before for the comparison (None when
    the span is shorter than 24 months)."""

    series: FigureData
    last_year: Row | None
    year_before: Row | None


def trend_data(*, figure: Figure, scope: Scope) -> Trend:
    """The figure over `scope.period` (whole months) by month, each month counted by the figure's
    own definition (figure_data's month breakdown, so the trend and the figure page cannot drift
    apart), and the two 12-month totals compared on the page.

    Queries: figure_data's (the span's total, one grouped query for every month, and one list of
    values for a median), then two totals (and two lists) for the comparison: at most seven,
    whatever the span and the volume.
    """
    series = figure_data(figure=figure, scope=scope, breakdown="month")
    period = scope.period
    if len(rules.months(period)) < 24:
        return Trend(series, None, None)
    last = rules.Period(period.last.replace(day=1) - relativedelta(months=11), period.last)
    before = rules.Period(last.first - relativedelta(months=12), last.first - timedelta(days=1))
    totals = [
        figure_data(figure=figure, scope=replace(scope, period=p), breakdown=None).total
        for p in (last, before)
    ]
    return Trend(series, totals[0], totals[1])

"""The performance dashboard's reads: every figure is one SQL aggregate per breakdown (plus one for
the period's total, and one list of delays for the percentiles), whatever the volume of contacts.

Grouping happens in the database (TruncWeek/TruncMonth in Europe/London, CASE expressions for the
DfE groups, age from the date numbers), so no query runs per row and no row is counted in Python;
the one exception is the police delays, listed once so that their percentiles can be taken
(SQLite has no percentile function). Everything is scoped to the actor's authority.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncMonth, TruncWeek
from django.db.models.lookups import LessThan

from frontdoor.audit.services import access_log
from frontdoor.contacts.models import REFERRAL_OUTCOMES, ContactChild, ReferralSource
from frontdoor.organisations.models import Team, User
from frontdoor.organisations.permissions import require
from frontdoor.performance import rules
from frontdoor.performance.metrics import BREAKDOWNS, Breakdown, Figure
from frontdoor.performance.rules import LONDON, Period

RECEIVED = "contact__received_at"
INCIDENT = "contact__incident_at"
NOT_ALLOCATED = "none"
NOT_ALLOCATED_LABEL = "Not allocated"
DRILLDOWN_PAGE_SIZE = 100
DRILLDOWN_PURPOSE = "performance.drilldown"
POLICE_REFERENCE = timedelta(hours=24)
CLOCKS = {"decisions-24h": "decision_clock", "decisions-1wd": "statutory_clock"}

Value_ = int | Decimal | None


@dataclass(frozen=True)
class Scope:
    """Whose figures, over which period, for which team (a Team pk, NOT_ALLOCATED or None for all)."""

    authority_id: int
    period: Period
    team: int | str | None
    now: datetime


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
    return Scope(authority_id=_authority_of(actor), period=period, team=team, now=now)


def teams_for(*, actor: User) -> list[Team]:
    return list(Team.objects.filter(authority_id=_authority_of(actor)).order_by("name"))


def _journeys(scope: Scope, figure: Figure) -> QuerySet[ContactChild]:
    journeys = ContactChild.objects.filter(
        authority_id=scope.authority_id,
        **{f"{RECEIVED}__gte": scope.period.starts_at, f"{RECEIVED}__lt": scope.period.ends_before},
    )
    if scope.team == NOT_ALLOCATED:
        journeys = journeys.filter(owner__team__isnull=True)
    elif scope.team is not None:
        journeys = journeys.filter(owner__team_id=scope.team)
    return journeys.filter(_population(figure)).order_by()


def _population(figure: Figure) -> Q:
    """Which children's contacts a figure is about."""
    if figure.slug in CLOCKS:
        return Q(**{f"{CLOCKS[figure.slug]}__isnull": False})
    if figure.slug == "police-delay":
        return Q(**{f"{INCIDENT}__isnull": False})
    return Q()


# Grouping in SQL ---------------------------------------------------------------------------------------


def _day_number(year: Any, month: Any, day: Any) -> Any:
    """rules.day_number in SQL: year * 10000 + month * 100 + day."""
    return year * Value(10000) + month * Value(100) + day


def age_group_sql() -> Case:
    """rules.age_group in SQL: completed years at receipt are the ten-thousands of the difference
    between the two dates' day numbers, which needs no date arithmetic the databases disagree on."""
    received = _day_number(
        *(part(RECEIVED, tzinfo=LONDON) for part in (ExtractYear, ExtractMonth, ExtractDay))
    )
    dob = "person__date_of_birth"
    gap = received - _day_number(ExtractYear(dob), ExtractMonth(dob), ExtractDay(dob))
    bands = [
        When(LessThan(gap, Value(g.below_years * 10000)), then=Value(g.key))
        for g in rules.AGE_GROUPS
        if g.below_years is not None
    ]
    return Case(
        When(
            person__date_of_birth__isnull=True,
            person__expected_date_of_birth__isnull=False,
            then=Value(rules.AGE_UNBORN),
        ),
        When(person__date_of_birth__isnull=True, then=Value(rules.AGE_NOT_KNOWN)),
        *bands,
        default=Value("16_plus"),
    )


def _no_disability() -> Q:
    # rules.has_disability: the only lists without a disability are [] and ["NONE"].
    return Q(person__disabilities=[]) | Q(person__disabilities=[rules.NO_DISABILITY])


def _group_expression(breakdown: str) -> Any:
    if breakdown == "week":
        return TruncWeek(RECEIVED, tzinfo=LONDON)
    if breakdown == "month":
        return TruncMonth(RECEIVED, tzinfo=LONDON)
    if breakdown == "team":
        return F("owner__team_id")
    if breakdown == "ethnicity":
        whens = [When(person__ethnicity__in=g.codes, then=Value(g.key)) for g in rules.ETHNICITY_GROUPS]
        return Case(*whens, default=Value(rules.ETHNICITY_NOT_KNOWN))
    if breakdown == "sex":
        return F("person__sex")
    if breakdown == "disability":
        return Case(When(_no_disability(), then=Value("no")), default=Value("yes"))
    if breakdown == "age":
        return age_group_sql()
    raise ValueError(f"Unknown breakdown {breakdown!r}")


def _group_key(breakdown: str, value: Any) -> str:
    if breakdown in ("week", "month"):
        day = value.astimezone(LONDON).date() if isinstance(value, datetime) else value
        return day.isoformat() if breakdown == "week" else day.isoformat()[:7]
    if breakdown == "team":
        return NOT_ALLOCATED if value is None else str(value)
    return str(value)


# Aggregates --------------------------------------------------------------------------------------------


def _aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    counts: dict[str, Any] = {"children": Count("pk")}
    if figure.slug == "contacts":
        counts |= {
            "contacts": Count("contact", distinct=True),
            "referrals": Count("pk", filter=Q(decision__outcome__in=REFERRAL_OUTCOMES)),
            "undecided": Count("pk", filter=Q(decision__isnull=True)),
        }
    elif figure.slug in CLOCKS:
        clock = CLOCKS[figure.slug]
        results = ("decided", "met", "missed", "overdue")
        counts |= {name: Count("pk", filter=_decision_result(clock, name, now)) for name in results}
    elif figure.slug == "repeat-contacts":
        counts["flagged"] = Count("pk", filter=~Q(repeat_reasons=[]))
    elif figure.slug == "police-delay":
        counts |= {
            "notifications": Count("contact", distinct=True),
            "within": Count("pk", filter=_police_result("within")),
            "over": Count("pk", filter=_police_result("over")),
        }
    elif figure.slug == "sources":
        counts |= {code: Count("pk", filter=Q(contact__source=code)) for code in ReferralSource.values}
    return counts


def _decision_result(clock: str, result: str, now: datetime) -> Q:
    completed, due = f"{clock}__completed_at", F(f"{clock}__due_at")
    return {
        "decided": Q(**{f"{completed}__isnull": False}),
        "met": Q(**{f"{completed}__lte": due}),
        "missed": Q(**{f"{completed}__gt": due}),
        "overdue": Q(**{f"{completed}__isnull": True, f"{clock}__due_at__lt": now}),
    }[result]


def _police_result(result: str) -> Q:
    limit = F(INCIDENT) + Value(POLICE_REFERENCE)
    return Q(**{f"{RECEIVED}__lte": limit}) if result == "within" else Q(**{f"{RECEIVED}__gt": limit})


def _derive(figure: Figure, values: dict[str, Any], delays: list[float] | None = None) -> dict[str, Value_]:
    """The rates and percentiles that follow from a row's counts (performance.rules)."""
    if figure.slug == "contacts":
        values["share"] = rules.percentage(values["referrals"], values["children"])
    elif figure.slug in CLOCKS:
        values["share"] = rules.percentage(values["met"], values["decided"])
    elif figure.slug == "repeat-contacts":
        values["share"] = rules.percentage(values["flagged"], values["children"])
    elif figure.slug == "police-delay":
        values["share"] = rules.percentage(values["within"], values["children"])
        values["median"] = rules.one_dp(rules.percentile(delays or [], 50))
        values["p90"] = rules.one_dp(rules.percentile(delays or [], 90))
    return values


def _delays(journeys: QuerySet[ContactChild], breakdown: str | None) -> dict[str | None, list[float]]:
    """Police delays in hours per bucket (key None: all of them), from one query."""
    delay = ExpressionWrapper(F(RECEIVED) - F(INCIDENT), output_field=DurationField())
    rows = journeys.annotate(
        delay=delay, group=_group_expression(breakdown) if breakdown else Value("")
    ).values_list("group", "delay")
    out: dict[str | None, list[float]] = defaultdict(list)
    for group, value in rows:
        hours = rules.hours(value)
        out[None].append(hours)
        if breakdown:
            out[_group_key(breakdown, group)].append(hours)
    return out


# Figures -----------------------------------------------------------------------------------------------


def figure_data(*, figure: Figure, scope: Scope, breakdown: str | None) -> FigureData:
    """A figure's rows for the breakdown (all buckets, empty ones as zeros) and the period's total.

    Queries: the total, the grouped rows when a breakdown is asked for, and the delay list for the
    police figure: at most three, whatever the volume.
    """
    journeys = _journeys(scope, figure)
    aggregates = _aggregates(figure, scope.now)
    delays = _delays(journeys, breakdown) if figure.slug == "police-delay" else {}
    total = Row(None, "Total", _derive(figure, journeys.aggregate(**aggregates), delays.get(None)))
    rows: list[Row] = []
    if breakdown:
        grouped = journeys.annotate(group=_group_expression(breakdown))
        fields = ["group", "owner__team__name"] if breakdown == "team" else ["group"]
        found = {}
        for row in grouped.values(*fields).annotate(**aggregates):
            key = _group_key(breakdown, row.pop("group"))
            found[key] = row
        rows = [
            Row(key, label, _derive(figure, _counts(found.get(key), aggregates), delays.get(key)), partial)
            for key, label, partial in _buckets(breakdown, scope.period, found)
        ]
    return FigureData(figure, BREAKDOWNS.get(breakdown or ""), rows, total)


def _counts(found: dict[str, Any] | None, aggregates: dict[str, Any]) -> dict[str, Any]:
    return {name: (found or {}).get(name, 0) for name in aggregates}


def _buckets(breakdown: str, period: Period, found: dict[str, dict]) -> list[tuple[str, str, bool]]:
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
        teams = sorted((row["owner__team__name"], key) for key, row in found.items() if key != NOT_ALLOCATED)
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


def _bucket_filter(breakdown: str, value: str) -> tuple[Q, dict[str, Any]]:
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
    return Q(**{name: value}), {name: _group_expression(breakdown)}


def _received_between(first: date, after: date) -> Q:
    start = rules.Period(first, first).starts_at
    end = rules.Period(after, after).starts_at
    return Q(**{f"{RECEIVED}__gte": start, f"{RECEIVED}__lt": end})


def _result_filter(figure: Figure, result: str, now: datetime) -> Q:
    if result not in figure.results:
        raise BadDrilldown("No such result")
    if result == "all":
        return Q()
    if figure.slug == "contacts":
        referral = Q(decision__outcome__in=REFERRAL_OUTCOMES)
        return referral if result == "referral" else Q(decision__isnull=True)
    if figure.slug in CLOCKS:
        return _decision_result(CLOCKS[figure.slug], result, now)
    if figure.slug == "repeat-contacts":
        return ~Q(repeat_reasons=[])
    if figure.slug == "police-delay":
        return _police_result(result)
    return Q(contact__source=result)  # sources: the result is the DfE source code


def drilldown(
    *,
    actor: User,
    figure: Figure,
    scope: Scope,
    buckets: dict[str, str],
    result: str,
    page: int | str = 1,
) -> Page:
    """The children's contacts behind one number: the figure's population in the scope, narrowed to
    a bucket (e.g. {"month": "2026-03"}) and a result (e.g. "missed"), oldest first, a page at a time.
    Logs that the actor saw the children on the page (purpose "performance.drilldown").

    Queries: the count, the page, and the access log's insert.
    """
    require(actor, "child.view")
    journeys = _journeys(scope, figure).filter(_result_filter(figure, result, scope.now))
    for breakdown, value in buckets.items():
        condition, annotations = _bucket_filter(breakdown, value)
        journeys = journeys.annotate(**annotations).filter(condition)
    journeys = journeys.select_related(
        "contact", "person", "decision", "decision_clock", "statutory_clock", "owner", "owner__team"
    ).order_by(RECEIVED, "pk")
    listing = Paginator(journeys, DRILLDOWN_PAGE_SIZE).get_page(page)
    listing.object_list = list(listing.object_list)  # one query, read again by the page
    access_log(actor=actor, person_ids=(j.person_id for j in listing.object_list), purpose=DRILLDOWN_PURPOSE)
    return listing

"""The dashboard's breakdowns in SQL: the UK week (TruncWeek in Europe/London) and the UK month (as
comparisons with the moments each month of the period begins) of the moment a population counts
by, the team of each row, and CASE expressions for the DfE groups (ethnicity, sex, disability,
age from the date numbers). performance.rules holds the same groupings in Python.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncMonth, TruncWeek
from django.db.models.lookups import LessThan

from frontdoor.performance import rules
from frontdoor.performance.populations import COUNTED_AT, Population
from frontdoor.performance.rules import LONDON

NOT_ALLOCATED = "none"


def day_number(year: Any, month: Any, day: Any) -> Any:
    """rules.day_number in SQL: year * 10000 + month * 100 + day."""
    return year * Value(10000) + month * Value(100) + day


def age_group_sql(population: Population) -> Case:
    """rules.age_group in SQL: completed years at the population's age date are the ten-thousands
    of the difference between the two dates' day numbers, which needs no date arithmetic the
    databases disagree on."""
    on = population.age_at
    # A moment is read as its UK day; a date (a conference's day) is already one.
    zone = None if population.age_on_date else LONDON
    at = day_number(*(part(on, tzinfo=zone) for part in (ExtractYear, ExtractMonth, ExtractDay)))
    person = population.person
    dob = f"{person}__date_of_birth"
    gap = at - day_number(ExtractYear(dob), ExtractMonth(dob), ExtractDay(dob))
    bands = [
        When(LessThan(gap, Value(g.below_years * 10000)), then=Value(g.key))
        for g in rules.AGE_GROUPS
        if g.below_years is not None
    ]
    return Case(
        When(
            **{f"{dob}__isnull": True, f"{person}__expected_date_of_birth__isnull": False},
            then=Value(rules.AGE_UNBORN),
        ),
        When(**{f"{dob}__isnull": True}, then=Value(rules.AGE_NOT_KNOWN)),
        *bands,
        default=Value("16_plus"),
    )


def _no_disability(person: str) -> Q:
    # rules.has_disability: the only lists without a disability are [] and ["NONE"].
    field = f"{person}__disabilities"
    return Q(**{field: []}) | Q(**{field: [rules.NO_DISABILITY]})


def month_of(starts_at: datetime, ends_before: datetime) -> Case:
    """The UK month ("2026-03") of each row counted in [starts_at, ends_before), as comparisons with
    the moments each month begins in Europe/London: the same month as TruncMonth(tzinfo=LONDON) for
    every row in the period. SQLite has no time zones, so Django truncates there in Python, row by
    row: that took about 85% of a figure's time by month (bench/trends.py), and a 60-month trend's
    rows are five years of them; comparisons stay in the database, whatever its engine."""
    first = starts_at.astimezone(LONDON).date()
    last = (ends_before - timedelta(microseconds=1)).astimezone(LONDON).date()
    months = rules.months(rules.Period(first, last))
    keys = [m.isoformat()[:7] for m in months]
    whens = [
        When(**{f"{COUNTED_AT}__lt": rules.Period(after, after).starts_at}, then=Value(key))
        for key, after in zip(keys, months[1:], strict=False)
    ]
    return Case(*whens, default=Value(keys[-1]))


def group_expression(
    population: Population, breakdown: str, ends_before: datetime, starts_at: datetime | None = None
) -> Any:
    person = population.person
    if breakdown == "week":
        return TruncWeek(COUNTED_AT, tzinfo=LONDON)
    if breakdown == "month":
        if starts_at is not None:
            return month_of(starts_at, ends_before)
        return TruncMonth(COUNTED_AT, tzinfo=LONDON)
    if breakdown == "team":
        return population.team_expression(ends_before)
    if breakdown == "ethnicity":
        whens = [
            When(**{f"{person}__ethnicity__in": g.codes}, then=Value(g.key)) for g in rules.ETHNICITY_GROUPS
        ]
        return Case(*whens, default=Value(rules.ETHNICITY_NOT_KNOWN))
    if breakdown == "sex":
        return F(f"{person}__sex")
    if breakdown == "disability":
        return Case(When(_no_disability(person), then=Value("no")), default=Value("yes"))
    if breakdown == "age":
        return age_group_sql(population)
    raise ValueError(f"Unknown breakdown {breakdown!r}")


def group_key(breakdown: str, value: Any) -> str:
    if breakdown == "month" and isinstance(value, str):
        return value  # month_of's key already
    if breakdown in ("week", "month"):
        day = value.astimezone(LONDON).date() if isinstance(value, datetime) else value
        return day.isoformat() if breakdown == "week" else day.isoformat()[:7]
    if breakdown == "team":
        return NOT_ALLOCATED if value is None else str(value)
    return str(value)

"""How the dashboard's missing children figures count (performance.missing_figures says what
they mean): every condition comes from missing.figures, the counting the missing pages use."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from frontdoor.missing import figures as missing
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

RETURNS = "return-interviews"
REPEATS = "missing-repeat"
SLUGS = (RETURNS, REPEATS)
RETURN_KEYS = ("offered", "offered_72h", "independent", "accepted", "completed", "not_offered")
SHARES = ("offered", "independent", "accepted", "completed")


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """The rows a missing figure is about, with the aliases its counts need."""
    if figure.slug == REPEATS:
        return Q(), {"started_month": missing.started_month(), "repeated": missing.repeated_in_month()}
    return Q(), {}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    if figure.slug == REPEATS:
        return {
            "missing_children": Count("person", distinct=True),
            "repeat_children": Count("person", distinct=True, filter=Q(repeated=True)),
            "repeat": Count("pk", filter=Q(repeated=True)),
        }
    conditions = missing.return_conditions()
    return {key: Count("pk", filter=conditions[key]) for key in RETURN_KEYS}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    if figure.slug == REPEATS:
        return Q(repeated=True)
    return missing.return_conditions()[result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    if figure.slug == REPEATS:
        values["share"] = rules.percentage(values["repeat_children"], values["missing_children"])
        return values
    values["share"] = rules.percentage(values["offered_72h"], values["children"])
    for key in SHARES:
        values[f"{key}_share"] = rules.percentage(values[key], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

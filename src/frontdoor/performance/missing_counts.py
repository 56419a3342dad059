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
HELD = "return-interviews-held"
REPEATS = "missing-repeat"
SLUGS = (RETURNS, HELD, REPEATS)
RETURN_KEYS = (
    "offered",
    "offered_72h",
    "independent",
    "asked_preference",
    "accepted",
    "completed",
    "not_offered",
)
SHARES = ("offered", "independent", "asked_preference", "accepted", "completed")
# Interviews held (issue 19 §5): what the inspectors counted, apart from the offer.
HELD_KEYS = ("completed", "held_72h", "held_independent", "not_held")
HELD_SHARES = ("completed", "held_independent")


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
    conditions = _conditions()
    keys = HELD_KEYS if figure.slug == HELD else RETURN_KEYS
    return {key: Count("pk", filter=conditions[key]) for key in keys}


def _conditions() -> dict[str, Q]:
    conditions = missing.return_conditions()
    return conditions | {"not_held": ~conditions["completed"]}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    if figure.slug == REPEATS:
        return Q(repeated=True)
    return _conditions()[result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    if figure.slug == REPEATS:
        values["share"] = rules.percentage(values["repeat_children"], values["missing_children"])
        return values
    if figure.slug == HELD:
        values["share"] = rules.percentage(values["held_72h"], values["children"])
        for key in HELD_SHARES:
            values[f"{key}_share"] = rules.percentage(values[key], values["children"])
        return values
    values["share"] = rules.percentage(values["offered_72h"], values["children"])
    for key in SHARES:
        values[f"{key}_share"] = rules.percentage(values[key], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

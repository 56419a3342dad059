"""How the dashboard's figures about allegations against people who work with children count
(issue 19 §1; performance.allegation_figures says what they mean): the initial consideration within
1 working day (the `lado_consideration` clock), time from referral to outcome in the KCSIE bands
(allegations.rules.resolution_band, kept with the outcome), outcomes, and the sectors referred.

The rows are only the allegations the viewer may see (populations.ALLEGATIONS.restrict)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q

from frontdoor.allegations import rules as allegation_rules
from frontdoor.allegations.models import Sector
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

CONSIDERATION = "lado-consideration"
RESOLUTION = "lado-resolution"
OUTCOMES = "lado-outcomes"
SECTORS = "lado-sectors"
SLUGS = (CONSIDERATION, RESOLUTION, OUTCOMES, SECTORS)
_DONE = "consideration_clock__completed_at"
_DUE = "consideration_clock__due_at"


def _conditions(figure: Figure, now: datetime) -> dict[str, Q]:
    if figure.slug == CONSIDERATION:
        return {
            "considered": Q(**{f"{_DONE}__isnull": False}),
            "met": Q(**{f"{_DONE}__lte": F(_DUE)}),
            "missed": Q(**{f"{_DONE}__gt": F(_DUE)}),
            "overdue": Q(**{f"{_DONE}__isnull": True, f"{_DUE}__lt": now}),
        }
    if figure.slug == RESOLUTION:
        return {band: Q(resolved_within=band) for band in allegation_rules.BANDS}
    if figure.slug == OUTCOMES:
        return {outcome: Q(outcome=outcome) for outcome in allegation_rules.OUTCOMES}
    return {sector: Q(sector=sector) for sector in Sector.values}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    return {name: Count("pk", filter=condition) for name, condition in _conditions(figure, now).items()}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return _conditions(figure, now)[result]


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Concluded figures count allegations with an outcome (their population counts by its date)."""
    if figure.slug in (RESOLUTION, OUTCOMES):
        return ~Q(outcome=""), {}
    return Q(), {}


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    if figure.slug == CONSIDERATION:
        values["share"] = rules.percentage(values["met"], values["considered"])
    elif figure.slug == RESOLUTION:
        within_3 = values[allegation_rules.WITHIN_1_MONTH] + values[allegation_rules.WITHIN_3_MONTHS]
        values["share"] = rules.percentage(values[allegation_rules.WITHIN_1_MONTH], values["children"])
        values["share_3m"] = rules.percentage(within_3, values["children"])
    elif figure.slug == OUTCOMES:
        values["share"] = rules.percentage(values["substantiated"], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

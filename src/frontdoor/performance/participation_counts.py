"""How the dashboard's figure about children at their conferences counts (issue 19 §5; performance.
participation_figures says what it means): each child of sufficient age at a conference, and
whether they attended, gave their views another way, or were represented by an advocate; and
whether advocacy was offered and used. Recorded per child per conference (child_protection.
ConferenceChild); counted here."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Value
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from frontdoor.performance import rules
from frontdoor.performance.counting import Counting
from frontdoor.performance.grouping import day_number

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

SLUG = "conference-participation"
SLUGS = (SLUG,)
# Children aged 10 or over at the conference: the local reading of "of sufficient age and
# understanding" (stated on the figure's page, where an authority may read it differently).
SUFFICIENT_AGE = 10
GAP = "age_gap"

ATTENDED = Q(child_attended=True)
VIEWS = Q(child_attended=False) & ~Q(views_how="")
ADVOCATE = Q(advocacy_used=True)
RESULTS = {
    "attended": ATTENDED,
    "views": VIEWS,
    "advocate": ADVOCATE,
    "took_part": ATTENDED | VIEWS | ADVOCATE,
    "not_heard": ~(ATTENDED | VIEWS | ADVOCATE),
    "advocacy_offered": Q(advocacy_offered=True),
    "advocacy_used": ADVOCATE,
}


def _date_number(path: str) -> Any:
    return day_number(ExtractYear(path), ExtractMonth(path), ExtractDay(path))


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Children with a known date of birth aged SUFFICIENT_AGE or over on the conference day: the
    completed years are the ten-thousands of the gap between the two dates' day numbers."""
    gap = _date_number("conference__held_on") - _date_number("person__date_of_birth")
    return Q(**{f"{GAP}__gte": Value(SUFFICIENT_AGE * 10000)}), {GAP: gap}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    return {name: Count("pk", filter=condition) for name, condition in RESULTS.items()}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return RESULTS[result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    values["share"] = rules.percentage(values["took_part"], values["children"])
    values["attended_share"] = rules.percentage(values["attended"], values["children"])
    values["advocacy_share"] = rules.percentage(values["advocacy_used"], values["advocacy_offered"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

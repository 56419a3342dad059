"""The dashboard's figure about papers sent to partners (issue 16 §3.4): the share of papers
(assessments, plans, core group notes, child in need review notes, strategy discussion minutes)
sent within the `papers_sent` standard of being ready: 5 working days unless the authority sets
another: how it counts (performance.papers_figures says what it means)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q

from frontdoor.performance import rules
from frontdoor.performance.counting import Counting

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

SLUG = "papers-sent"
SLUGS = (SLUG,)
RESULTS = {"within": Q(sent_on__lte=F("due_on")), "later": Q(sent_on__gt=F("due_on"))}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    return {name: Count("pk", filter=condition) for name, condition in RESULTS.items()}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return RESULTS[result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    values["share"] = rules.percentage(values["within"], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, derive=derive)

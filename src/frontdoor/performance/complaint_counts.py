"""How the dashboard's complaints and practice notes figures count (issue 19 §3, §4);
performance.complaint_figures says what they mean.

Stage timeliness: each stage 1 (or stage 2) answered in the period, or unanswered and due in it,
and whether it was answered within the statutory 10 (or 25) working days (clock.working_days_taken,
the clock engine's count), later, or not yet. An extension does not change the count: an answer on
the 15th working day of an extended stage 1 is within the extension but not within 10 days.
Themes: complaints received in the period by their theme. Practice notes: raised in the period, by
their state today (open, acknowledged, closed) and by theme.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from frontdoor.complaints.models import Theme
from frontdoor.complaints.rules import LIMIT
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting
from frontdoor.quality.models import NoteTheme

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

STAGE_SLUGS = {"complaints-stage1": 1, "complaints-stage2": 2}
THEMES = "complaints-themes"
NOTES = "practice-notes"
NOTE_THEMES = "practice-notes-themes"
SLUGS = (*STAGE_SLUGS, THEMES, NOTES, NOTE_THEMES)
ANSWERED = Q(clock__completed_at__isnull=False)
NOTE_STATES = {
    "open": Q(acknowledged_at__isnull=True, closed_at__isnull=True),
    "acknowledged": Q(acknowledged_at__isnull=False, closed_at__isnull=True),
    "closed": Q(closed_at__isnull=False),
}


def _stage_results(stage: int) -> dict[str, Q]:
    limit = LIMIT[stage]
    return {
        "within": ANSWERED & Q(clock__working_days_taken__lte=limit),
        "later": ANSWERED & Q(clock__working_days_taken__gt=limit),
        "waiting": Q(clock__completed_at__isnull=True),
    }


def results_of(figure: Figure) -> dict[str, Q]:
    """Each drill-down result of the figure and the rows behind it."""
    if figure.slug in STAGE_SLUGS:
        return _stage_results(STAGE_SLUGS[figure.slug])
    if figure.slug == THEMES:
        return {code: Q(theme=code) for code in Theme.values}
    if figure.slug == NOTES:
        return NOTE_STATES
    return {code: Q(theme=code) for code in NoteTheme.values}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    return {name: Count("pk", filter=condition) for name, condition in results_of(figure).items()}


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return results_of(figure)[result]


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Stage figures count their own stage; the others every row of their population."""
    if figure.slug in STAGE_SLUGS:
        return Q(stage=STAGE_SLUGS[figure.slug]), {}
    return Q(), {}


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    if figure.slug in STAGE_SLUGS:
        values["answered"] = values["within"] + values["later"]
        values["share"] = rules.percentage(values["within"], values["answered"])
    elif figure.slug == NOTES:
        values["share"] = rules.percentage(values["acknowledged"] + values["closed"], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

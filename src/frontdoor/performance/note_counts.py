"""How the dashboard's case notes figure counts (performance.note_figures says what it means): the
late and on-time conditions come from casenotes.figures, the counting the notes pages use."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

from frontdoor.casenotes.figures import LATE_CHILD_NOTE, ON_TIME_CHILD_NOTE
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

LATE_NOTES = "case-notes-late"
SLUGS = (LATE_NOTES,)


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    return {
        "notes": Count("note", distinct=True),
        "late_notes": Count("note", distinct=True, filter=LATE_CHILD_NOTE),
        "late": Count("pk", filter=LATE_CHILD_NOTE),
        "on_time": Count("pk", filter=ON_TIME_CHILD_NOTE),
    }


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return LATE_CHILD_NOTE if result == "late" else ON_TIME_CHILD_NOTE


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    values["share"] = rules.percentage(values["late_notes"], values["notes"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, derive=derive)

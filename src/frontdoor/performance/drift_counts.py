"""How the dashboard's drift panel and disruption figures count (issue 19 §4, §5);
performance.drift_figures says what they mean.

Reasons: each child's panel decision in the period by the reasons it was listed for that day (the
codes the decision keeps, drift.rules.codes_field). Outcomes: of those decisions, the child reviewed
at a later panel, the episode closed since the panel, and, neither, the review date passed now.
Actions: the panels' actions due in the period, done by their due day, done later, or not done
(cancelled actions are left out). Disruption: each child protected by a disruption activity taken
in the period, by the activity's kind and whether its outcome is recorded.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Count, DateField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from frontdoor.drift.models import PanelDecision
from frontdoor.drift.rules import REASON_CODES
from frontdoor.exploitation.models import DisruptionKind
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting
from frontdoor.tasks.models import TaskKind

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

REASONS = "drift-reasons"
OUTCOMES = "drift-outcomes"
ACTIONS = "drift-actions"
DISRUPTION = "disruption"
SLUGS = (REASONS, OUTCOMES, ACTIONS, DISRUPTION)
LONDON = ZoneInfo("Europe/London")


def _later_panel() -> Exists:
    return Exists(
        PanelDecision.objects.filter(person_id=OuterRef("person_id"), held_on__gt=OuterRef("held_on"))
    )


def _done_on() -> Any:
    """The day (UK time) an action was done, to compare with its due day."""
    return TruncDate("done_at", tzinfo=LONDON)


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    if figure.slug == OUTCOMES:
        return Q(), {"reviewed_later": _later_panel()}
    if figure.slug == ACTIONS:
        kept = Q(kind=TaskKind.DRIFT_PANEL, cancelled_at__isnull=True)
        return kept, {"done_on": ExpressionWrapper(_done_on(), output_field=DateField())}
    return Q(), {}


def results_of(figure: Figure, now: datetime) -> dict[str, Q]:
    """Each drill-down result of the figure and the rows behind it."""
    if figure.slug == REASONS:
        return {code: Q(reason_codes__contains=f",{code},") for code in REASON_CODES}
    if figure.slug == OUTCOMES:
        closed = Q(referral__closure_date__isnull=False, referral__closure_date__gte=F("held_on"))
        today = timezone.localdate(now)
        return {
            "reviewed": Q(reviewed_later=True),
            "closed": closed,
            "review_overdue": Q(reviewed_later=False, next_review_on__lt=today) & ~closed,
        }
    if figure.slug == ACTIONS:
        done = Q(done_at__isnull=False)
        return {
            "on_time": done & Q(done_on__lte=F("due_on")),
            "late": done & Q(done_on__gt=F("due_on")),
            "not_done": Q(done_at__isnull=True),
        }
    kinds = {code: Q(disruption__kind=code) for code in DisruptionKind.values}
    return {**kinds, "outcome": ~Q(disruption__outcome=""), "awaited": Q(disruption__outcome="")}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    counts = {name: Count("pk", filter=condition) for name, condition in results_of(figure, now).items()}
    if figure.slug in (REASONS, DISRUPTION):
        counts["people"] = Count("person", distinct=True)
    return counts


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return results_of(figure, now)[result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    part = {REASONS: "not_visited", OUTCOMES: "closed", ACTIONS: "on_time", DISRUPTION: "outcome"}
    values["share"] = rules.percentage(values[part[figure.slug]], values["children"])
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)

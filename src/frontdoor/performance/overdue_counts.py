"""How the dashboard's overdue figures count (performance.overdue_figures says what they mean):
the statutory clocks of each figure's standards, open, running and past due now."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils import timezone

from frontdoor.performance.counting import Counting
from frontdoor.tasks.models import TaskKind

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

LONDON = ZoneInfo("Europe/London")
# slug -> the standards (clocks.rules.DEFAULT_STANDARDS) whose overdue clocks it counts.
STANDARDS: dict[str, tuple[str, ...]] = {
    "overdue-cp-visits": ("cp_visit",),
    "overdue-core-groups": ("first_core_group", "core_group"),
    "overdue-review-conferences": ("first_review_conference", "review_conference"),
    "overdue-cin-plan-reviews": ("cin_plan_review",),
    "overdue-assessments": ("assessment",),
}
TASKS = "overdue-tasks"
SLUGS = (*STANDARDS, TASKS)
LONG_DAYS = 28  # "overdue by more than 4 weeks"
MARAC = "marac"  # overdue tasks that are MARAC actions (domestic abuse), counted apart


def _today(now: datetime) -> date:
    return timezone.localtime(now, LONDON).date()


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Clocks: still open and running now, past due, of the figure's standards. Tasks: about a
    child, neither done nor cancelled, due before today (tasks.models.TaskQuerySet.overdue)."""
    if figure.slug == TASKS:
        open_task = Q(done_at__isnull=True, cancelled_at__isnull=True, person__isnull=False)
        return open_task & Q(due_on__lt=_today(now)), {}
    return (
        Q(
            standard__in=STANDARDS[figure.slug],
            completed_at__isnull=True,
            paused_at__isnull=True,
            due_at__lt=now,
        ),
        {},
    )


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    long = result_filter(figure, "long", now)
    counts = {"people": Count("person", distinct=True), "long": Count("pk", filter=long)}
    if figure.slug == TASKS:
        counts[MARAC] = Count("pk", filter=result_filter(figure, MARAC, now))
    return counts


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    if result == MARAC:
        return Q(kind=TaskKind.MARAC)
    if result != "long":
        return Q()
    if figure.slug == TASKS:
        return Q(due_on__lt=_today(now) - timedelta(days=LONG_DAYS))
    return Q(due_at__lt=now - timedelta(days=LONG_DAYS))


COUNTING = Counting(SLUGS, aggregates, result_filter, where)

"""How the dashboard's overdue figures count (performance.overdue_figures says what they mean):
the statutory clocks of each figure's standards, open, running and past due now."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

# slug -> the standards (clocks.rules.DEFAULT_STANDARDS) whose overdue clocks it counts.
STANDARDS: dict[str, tuple[str, ...]] = {
    "overdue-cp-visits": ("cp_visit",),
    "overdue-core-groups": ("first_core_group", "core_group"),
    "overdue-review-conferences": ("first_review_conference", "review_conference"),
    "overdue-cin-plan-reviews": ("cin_plan_review",),
    "overdue-assessments": ("assessment",),
}
SLUGS = tuple(STANDARDS)
LONG_DAYS = 28  # "overdue by more than 4 weeks"


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """Still open and running now, past due, of the figure's standards."""
    return (
        Q(
            standard__in=STANDARDS[figure.slug],
            completed_at__isnull=True,
            paused_at__isnull=True,
            due_at__lt=now,
        ),
        {},
    )


def aggregates(now: datetime) -> dict[str, Any]:
    return {"people": Count("person", distinct=True), "long": Count("pk", filter=result_filter("long", now))}


def result_filter(result: str, now: datetime) -> Q:
    return Q(due_at__lt=now - timedelta(days=LONG_DAYS)) if result == "long" else Q()

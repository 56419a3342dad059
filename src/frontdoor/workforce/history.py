"""Allocation history read as whole days, for the daily caseload snapshots (rebuilt or captured) and
for changes of social worker: every allocation of an episode in a window, ended at its own end or the
episode's closure, whichever came first, and the episodes' protection plans.

Counts only: these rows never leave the server as a child's record, so they are not access-logged;
the page shows numbers of children and the names of staff, never a child.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.referrals.models import Allocation
from frontdoor.workforce.rules import Holding

CASE_HOLDING_ROLES = ("social_worker", "social_work_assistant")


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def holdings(*, authority_id: int, since: date, until: date) -> list[tuple[int, Holding]]:
    """(episode id, holding) for every allocation held at some time from `since` to `until`."""
    rows = (
        Allocation.objects.filter(referral__authority_id=authority_id, started_at__date__lte=until)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=since))
        .filter(Q(referral__closure_date__isnull=True) | Q(referral__closure_date__gte=since))
        .values_list(
            "referral_id",
            "referral__person_id",
            "worker_id",
            "team_id",
            "started_at",
            "ended_at",
            "referral__closure_date",
        )
    )
    out = []
    for episode, child, worker, team, started, ended, closed in rows:
        start = timezone.localdate(started)
        out.append((episode, Holding(child, worker, team, start, _earliest(_day(ended), closed))))
    return out


def protection_plans(
    *, authority_id: int, since: date, until: date
) -> dict[int, list[tuple[date, date | None]]]:
    """Each episode's protection plans (start, end) overlapping the window."""
    plans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    rows = (
        ProtectionPlan.objects.filter(authority_id=authority_id, start_date__lte=until)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
        .values_list("referral_id", "start_date", "end_date")
    )
    for episode, start, end in rows:
        plans[episode].append((start, end))
    return plans

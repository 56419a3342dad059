"""The breach scan (issue 15 §4): a periodic job (registered in apps.MyWorkConfig.ready) that tells
the owner of a statutory clock, and their team's managers, when it will breach within the
authority's lead time (BreachWarningSetting: 1 working day, or 2 hours for hour timescales, by
default) and when it has breached; and the owner of an open task, and their managers, when it is
past due.

The owner of a clock is the worker holding the child's open episode now (referrals.Allocation); a
front-door clock (a contact's decision, a partner check, the daily review) or a clock nobody holds
goes to the front-door team's managers. Every notification's event_key is built from the clock or
task and the event (rules.event_key), so a rescan, or two scans at once, notify nobody twice.
Notifications name no child (they are emailed): what is due, when, and a link to the record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from frontdoor.clocks.models import Clock
from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.clocks.services import calendar_for
from frontdoor.mywork import rules
from frontdoor.mywork.models import BreachWarningSetting
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.referrals.models import Allocation

JOB_NAME = "mywork.breach_scan"
HOUR_STANDARDS = tuple(code for code, s in DEFAULT_STANDARDS.items() if s.unit.is_hours)
FRONT_DOOR_STANDARDS = (
    "contact_decision",
    "contact_decision_statutory",
    "partner_check_response",
    "daily_review",
)


@dataclass(frozen=True)
class ClockEvent:
    clock_id: int
    standard: str
    due_at: datetime
    person_id: int | None
    event: str
    recipient_ids: tuple[int, ...]


@dataclass(frozen=True)
class Managers:
    by_team: dict[int, list[int]]
    front_door: list[int]


def lead_time(authority: Authority) -> BreachWarningSetting:
    """The authority's setting, or the defaults (unsaved) when it has none."""
    found = BreachWarningSetting.objects.filter(authority=authority).first()
    return found or BreachWarningSetting(authority=authority)


def managers_of(authority_id: int) -> Managers:
    by_team: dict[int, list[int]] = defaultdict(list)
    front_door: list[int] = []
    rows = User.objects.filter(
        authority_id=authority_id, role=Role.TEAM_MANAGER, is_active=True, team__isnull=False
    ).order_by("pk")
    for pk, team_id, is_front_door in rows.values_list("pk", "team_id", "team__is_front_door"):
        by_team[team_id].append(pk)
        if is_front_door:
            front_door.append(pk)
    return Managers(dict(by_team), front_door)


def clock_events(*, authority: Authority, now: datetime) -> list[ClockEvent]:
    """Every running clock of the authority due soon or lately breached, with who to tell. Two
    queries (the clocks with their owners, the managers), whatever the number of clocks."""
    setting = lead_time(authority)
    calendar = calendar_for(authority)
    today = timezone.localtime(now, rules.LONDON).date()
    hours = rules.hour_horizon(now, setting.hours)
    days = rules.day_horizon(now, calendar.add_working_days(today, setting.working_days))
    holding = Allocation.objects.filter(
        referral__person_id=OuterRef("person_id"), ended_at__isnull=True, referral__closure_date__isnull=True
    ).order_by("-started_at", "-pk")
    hour_clock = Q(standard__in=HOUR_STANDARDS)
    clocks = (
        Clock.objects.filter(
            authority_id=authority.pk,
            completed_at__isnull=True,
            paused_at__isnull=True,
            due_at__gte=now - rules.BREACH_LOOKBACK,
        )
        .filter((hour_clock & Q(due_at__lte=hours)) | (~hour_clock & Q(due_at__lte=days)))
        .annotate(
            owner_id=Subquery(holding.values("worker_id")[:1]),
            owner_team_id=Subquery(holding.values("worker__team_id")[:1]),
        )
        .order_by("due_at", "pk")
        .values_list("pk", "standard", "due_at", "person_id", "owner_id", "owner_team_id")
    )
    managers = managers_of(authority.pk)
    events = []
    for pk, standard, due_at, person_id, owner_id, owner_team_id in clocks:
        event = rules.breach_event(due_at, now, hours if standard in HOUR_STANDARDS else days)
        if event is None:
            continue
        if standard in FRONT_DOOR_STANDARDS:
            owner_id = owner_team_id = None
        people = rules.recipients(owner_id, owner_team_id, managers.by_team, managers.front_door)
        events.append(ClockEvent(pk, standard, due_at, person_id, event, tuple(people)))
    return events

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
from datetime import date, datetime

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from frontdoor.clocks.models import Clock
from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.clocks.services import calendar_for
from frontdoor.core.templatetags.govuk import govuk_date, govuk_datetime
from frontdoor.mywork import rules
from frontdoor.mywork.models import BreachWarningSetting
from frontdoor.notifications.models import Kind, Notification
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.referrals.models import Allocation
from frontdoor.tasks.models import Task, TaskKind

JOB_NAME = "mywork.breach_scan"
SCAN_KINDS = (Kind.CLOCK_DUE_SOON, Kind.CLOCK_BREACHED, Kind.TASK_OVERDUE)
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


@dataclass(frozen=True)
class TaskEvent:
    task_id: int
    what: str
    due_on: date
    person_id: int | None
    recipient_ids: tuple[int, ...]


def task_events(*, authority: Authority, now: datetime) -> list[TaskEvent]:
    """Open tasks owned by a member of staff and past due (lately), with the owner and their
    team's managers to tell. Two queries. A partner's task is chased by the meeting's chair, not
    here."""
    today = timezone.localtime(now, rules.LONDON).date()
    since = today - rules.BREACH_LOOKBACK
    rows = (
        Task.objects.overdue(today)
        .filter(authority_id=authority.pk, owner_user__isnull=False, due_on__gte=since)
        .order_by("due_on", "pk")
        .values_list("pk", "kind", "due_on", "person_id", "owner_user_id", "owner_user__team_id")
    )
    managers = managers_of(authority.pk)
    return [
        TaskEvent(
            pk,
            TaskKind(kind).label,
            due_on,
            person_id,
            tuple(rules.recipients(owner, team, managers.by_team, managers.front_door)),
        )
        for pk, kind, due_on, person_id, owner, team in rows
    ]


def _link(person_id: int | None) -> str:
    return reverse("records:child", args=[person_id]) if person_id else reverse("mywork:home")


def _clock_message(event: ClockEvent) -> tuple[str, str, str]:
    """(kind, title, body): what is due and when, never the child (the email says no more)."""
    standard = DEFAULT_STANDARDS.get(event.standard)
    what = standard.name if standard else event.standard.replace("_", " ")
    due = govuk_datetime(event.due_at)
    if event.event == rules.BREACHED:
        title = f"Timescale missed: {what} (timescale {event.clock_id})"
        return Kind.CLOCK_BREACHED, title, f"The {what.lower()} timescale was due by {due} and is not done."
    title = f"Due soon: {what} (timescale {event.clock_id})"
    return Kind.CLOCK_DUE_SOON, title, f"The {what.lower()} timescale is due by {due}."


def scan(now: datetime) -> int:
    """The periodic job: every authority's due-soon and breached clocks and overdue tasks, each
    notified once (rules.event_key). One transaction per authority, so its emails go to the worker
    as one task. Returns the notifications written (0 on a rescan)."""
    written = 0
    for authority in Authority.objects.order_by("pk"):
        with transaction.atomic():
            written += _scan_authority(authority, now)
    return written


# (event_key, recipients, the event): what one notify() call is about.
Keyed = tuple[str, tuple[int, ...], "ClockEvent | TaskEvent"]


def _scan_authority(authority: Authority, now: datetime) -> int:
    clocks = clock_events(authority=authority, now=now)
    overdue = task_events(authority=authority, now=now)
    keyed: list[Keyed] = [(rules.event_key("clock", e.clock_id, e.event), e.recipient_ids, e) for e in clocks]
    keyed += [(rules.event_key("task", t.task_id, rules.OVERDUE), t.recipient_ids, t) for t in overdue]
    told = _already_told(keyed)
    left = [(key, ids, e) for key, ids, e in keyed if any((pk, key) not in told for pk in ids)]
    people = User.objects.in_bulk({pk for _, ids, _ in left for pk in ids})
    written = 0
    for key, ids, event in left:
        kind, title, body = _message(event)
        written += notify(
            authority_id=authority.pk,
            recipients=[people[pk] for pk in ids if (pk, key) not in told],
            kind=kind,
            event_key=key,
            title=title,
            body=body,
            link=_link(event.person_id),
        )
    return written


def _already_told(keyed: list[Keyed]) -> set[tuple[int, str]]:
    """(recipient, event_key) pairs notified by an earlier scan, in one query through the unique
    (recipient, kind, event_key) index: a scan that finds the same breaches again (for the 7 days
    they are looked at) skips them instead of calling notify() for each."""
    if not keyed:
        return set()
    recipients = {pk for _, ids, _ in keyed for pk in ids}
    rows = Notification.objects.filter(
        recipient_id__in=recipients, kind__in=SCAN_KINDS, event_key__in=[key for key, _, _ in keyed]
    )
    return set(rows.values_list("recipient_id", "event_key"))


def _message(event: ClockEvent | TaskEvent) -> tuple[str, str, str]:
    if isinstance(event, ClockEvent):
        return _clock_message(event)
    title = f"Task overdue: {event.what} (task {event.task_id})"
    body = f"A {event.what.lower()} task was due on {govuk_date(event.due_on)} and is not done."
    return Kind.TASK_OVERDUE, title, body

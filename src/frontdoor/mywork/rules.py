"""What kind of work each statutory clock is, and the order a worker's list is read in. Pure
Python: the selectors fetch the rows, these functions name and order them.

The kinds follow the timescales in clocks.rules.DEFAULT_STANDARDS (standards.md §1): visits
(Working Together to Safeguard Children 2023, ch. 3 and 4), assessments (45 working days, ch. 3),
conferences and core groups (ch. 4), reviews, return interviews (Children who run away or go
missing from home or care, 2014), oversight of a missing notification, and supervision (local
standard: every 4 weeks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
TASKS = "tasks"
OTHER = "other"

# (kind, words) in the order the filter offers them.
KINDS: tuple[tuple[str, str], ...] = (
    ("visits", "Visits"),
    ("assessments", "Assessments"),
    ("conferences", "Conferences and strategy discussions"),
    ("core_groups", "Core groups"),
    ("reviews", "Reviews"),
    ("return_interviews", "Return home interviews"),
    ("missing_oversight", "Missing oversight"),
    ("supervision", "Supervision"),
    (OTHER, "Other timescales"),
    (TASKS, "Tasks"),
)
KIND_WORDS = dict(KINDS)

STANDARD_KINDS: dict[str, str] = {
    "child_seen_urgent": "visits",
    "child_seen": "visits",
    "cp_visit": "visits",
    "assessment": "assessments",
    "assessment_dfe": "assessments",
    "strategy_discussion": "conferences",
    "icpc": "conferences",
    "first_core_group": "core_groups",
    "core_group": "core_groups",
    "first_review_conference": "reviews",
    "review_conference": "reviews",
    "cin_plan_review": "reviews",
    "early_help_review": "reviews",
    "exploitation_review_high": "reviews",
    "exploitation_review_medium": "reviews",
    "exploitation_review_low": "reviews",
    "rhi_offered": "return_interviews",
    "rhi_held": "return_interviews",
    "missing_oversight": "missing_oversight",
    "supervision": "supervision",
}


def kind_of(standard: str) -> str:
    """The kind of work a clock's standard is (OTHER for a standard no kind names)."""
    return STANDARD_KINDS.get(standard, OTHER)


def standards_of(kind: str) -> tuple[str, ...]:
    """The standards of one kind, for filtering in SQL (OTHER: none of them is named, see
    is_other)."""
    return tuple(code for code, named in STANDARD_KINDS.items() if named == kind)


def end_of_day(day: date) -> datetime:
    """A task due on `day` is due until midnight at the end of it, UK time."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=LONDON)


def task_overdue(due_on: date, today: date) -> bool:
    """A task is overdue the day after its due date (tasks.models.TaskQuerySet.overdue)."""
    return due_on < today


def is_overdue(due_at: datetime, now: datetime, *, paused: bool = False) -> bool:
    """Past its due time and still running: a paused clock is waiting, not late."""
    return not paused and due_at < now


@dataclass(frozen=True)
class Item:
    """One thing due: a clock or a task, about a child (person_id None: a task about no child)."""

    kind: str
    what: str
    due_at: datetime
    overdue: bool
    person_id: int | None
    child: str
    href: str
    paused: bool = False
    source: str = "clock"
    pk: int = 0

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind)


def soonest_first(items: Iterable[Item]) -> list[Item]:
    """Soonest due first; paused clocks after those running; ties by kind and record."""
    return sorted(items, key=lambda i: (i.paused, i.due_at, i.source, i.pk))


# The breach scan --------------------------------------------------------------------------------------

DUE_SOON = "due_soon"
BREACHED = "breached"
OVERDUE = "overdue"
# A clock that breached longer ago than this when the scan first saw it (a scan switched on over
# years of records) is on My work and the board already, and is not announced.
BREACH_LOOKBACK = timedelta(days=7)


def event_key(source: str, pk: int, event: str) -> str:
    """The notification's idempotency key: one event of one clock or task, so a rescan adds nothing."""
    return f"{source}:{pk}:{event}"


def hour_horizon(now: datetime, hours: int) -> datetime:
    """An hour timescale is due soon when it falls due within `hours` of now."""
    return now + timedelta(hours=hours)


def day_horizon(now: datetime, nth_working_day: date) -> datetime:
    """A day or month timescale is due soon when it falls due by the end of the nth working day
    after today (the caller's calendar finds that day; day 0 is today), UK time."""
    return max(end_of_day(nth_working_day), now)


def breach_event(due_at: datetime, now: datetime, horizon: datetime) -> str | None:
    """Which event a running clock is at: breached (past due, lately), due soon, or none yet."""
    if due_at < now:
        return BREACHED if due_at >= now - BREACH_LOOKBACK else None
    return DUE_SOON if due_at <= horizon else None


def recipients(
    owner_id: int | None, owner_team_id: int | None, managers: dict[int, list[int]], front_door: list[int]
) -> list[int]:
    """Who is told: the clock's owner and their team's managers; a clock nobody holds goes to the
    front-door team's managers. Each person once, in this order."""
    people = [owner_id] if owner_id is not None else []
    people += managers.get(owner_team_id, []) if owner_id is not None and owner_team_id else front_door
    return list(dict.fromkeys(people))

"""Every read behind "My work": the children a member of staff is allocated, the open clocks they
own and the open tasks they own, and for a team manager the same for each worker with the team's
totals.

A clock is owned by the worker holding the child's open episode now (the current Allocation of an
open referral). Every query is scoped to the actor's authority and to access.scope.visible, and
every child listed is access-logged. The number of queries does not grow with the rows: the
worker, the children, the clocks, the tasks, the log's insert (and for a manager the team and
four grouped totals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.clocks.models import Clock
from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.mywork import rules
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.rules import full_name
from frontdoor.referrals.models import Allocation
from frontdoor.tasks.models import Task

PURPOSE = "mywork.list"
# What the page shows of each row (the rest of a child's record is not read here).
NAMES = ("first_name", "last_name", "expected_date_of_birth")
LISTED_ALLOCATION = (
    "started_at", "referral_id", "team__name", "referral__referral_date", "referral__person_id",
    *(f"referral__person__{name}" for name in NAMES),
)  # fmt: skip
LISTED_CLOCK = ("standard", "due_at", "paused_at", "person_id", *(f"person__{name}" for name in NAMES))
TEAM_PURPOSE = "mywork.team"


@dataclass
class MyWork:
    worker: User
    children: list[Allocation]
    items: list[rules.Item]
    kind: str | None

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


@dataclass
class WorkerTotals:
    worker: User
    children: int = 0
    open_clocks: int = 0
    overdue_clocks: int = 0
    open_tasks: int = 0
    overdue_tasks: int = 0


@dataclass
class TeamWork:
    workers: list[User]
    totals: list[WorkerTotals] = field(default_factory=list)

    @property
    def sums(self) -> WorkerTotals:
        names = ("children", "open_clocks", "overdue_clocks", "open_tasks", "overdue_tasks")
        total = WorkerTotals(worker=None)  # type: ignore[arg-type]
        for name in names:
            setattr(total, name, sum(getattr(t, name) for t in self.totals))
        return total


# Whose work -------------------------------------------------------------------------------------------


def team_members(actor: User) -> QuerySet[User]:
    """The active staff of the actor's team (a team manager's workers), the manager included."""
    if actor.team_id is None:
        return User.objects.none()
    return User.objects.filter(
        authority_id=actor.authority_id, team_id=actor.team_id, is_active=True
    ).order_by("first_name", "last_name", "pk")


def worker_for(*, actor: User, worker_id: int | None) -> User:
    """The actor, or (for a team manager) one worker of their own team; anyone else is refused
    before anything is read about them."""
    require(actor, "mywork.view")
    if worker_id is None or worker_id == actor.pk:
        return actor
    if not can(actor, "mywork.team") or actor.team_id is None:
        raise PermissionDenied("You can see only your own work.")
    worker = team_members(actor).filter(pk=worker_id).first()
    if worker is None:
        raise PermissionDenied("That member of staff is not in your team.")
    return worker


def open_allocations(actor: User, worker_ids: Any) -> QuerySet[Allocation]:
    """Current allocations of open episodes to the workers, that the actor may see."""
    return Allocation.objects.filter(
        visible(actor, "referral__person_id"),
        worker_id__in=worker_ids,
        ended_at__isnull=True,
        referral__closure_date__isnull=True,
        referral__authority_id=actor.authority_id,
    )


def owned_clocks(actor: User, worker: User) -> QuerySet[Clock]:
    """Open clocks about the children whose open episode is allocated to `worker` now. The scope is
    applied once, to the clock's child (the same child as the allocation's, so checking both
    would only cost a second pass of the restriction rules)."""
    children = Allocation.objects.filter(
        worker_id=worker.pk,
        ended_at__isnull=True,
        referral__closure_date__isnull=True,
        referral__authority_id=actor.authority_id,
    ).values("referral__person_id")
    return Clock.objects.filter(
        visible(actor, "person_id"),
        authority_id=actor.authority_id,
        completed_at__isnull=True,
        person_id__in=children,
    )


# One worker's list ------------------------------------------------------------------------------------


def my_work(*, actor: User, worker_id: int | None, kind: str | None, now: datetime) -> MyWork:
    """The worker's children, and their open clocks and tasks (of one kind, if chosen), soonest
    first. Logs each child listed."""
    worker = worker_for(actor=actor, worker_id=worker_id)
    kind = kind if kind in rules.KIND_WORDS else None
    children = list(
        open_allocations(actor, [worker.pk])
        .select_related("referral__person", "team")
        .only(*LISTED_ALLOCATION)
        .order_by("referral__person__last_name", "referral__person__first_name", "pk")
    )
    items = [] if kind == rules.TASKS else _clock_items(owned_clocks(actor, worker), kind, now)
    items += [] if kind not in (None, rules.TASKS) else _task_items(actor, worker, now)
    person_ids = [a.referral.person_id for a in children] + [i.person_id for i in items if i.person_id]
    access_log(actor=actor, person_ids=person_ids, purpose=PURPOSE)
    return MyWork(worker=worker, children=children, items=rules.soonest_first(items), kind=kind)


def _clock_items(clocks: QuerySet[Clock], kind: str | None, now: datetime) -> list[rules.Item]:
    if kind == rules.OTHER:
        clocks = clocks.exclude(standard__in=rules.STANDARD_KINDS)
    elif kind is not None:
        clocks = clocks.filter(standard__in=rules.standards_of(kind))
    items = []
    # Values, not model instances: the list shows a few columns of many rows.
    listed = clocks.order_by("due_at", "pk").values_list("pk", *LISTED_CLOCK)
    child_page = reverse("records:child", args=[0]).removesuffix("0/")  # one reverse, not one a row
    for pk, code, due_at, paused_at, person_id, first, last, expected in listed:
        standard = DEFAULT_STANDARDS.get(code)
        paused = paused_at is not None
        items.append(
            rules.Item(
                kind=rules.kind_of(code),
                what=standard.name if standard else code.replace("_", " "),
                due_at=due_at,
                overdue=rules.is_overdue(due_at, now, paused=paused),
                person_id=person_id,
                child=full_name(first, last, expected),
                href=f"{child_page}{person_id}/",
                paused=paused,
                pk=pk,
            )
        )
    return items


def task_scope(actor: User) -> Q:
    """Tasks about a child the actor may see, and tasks about no child."""
    return visible(actor, "person_id") | Q(person__isnull=True)


def _task_items(actor: User, worker: User, now: datetime) -> list[rules.Item]:
    """Open tasks the worker owns, due by the end of their day (UK time)."""
    today = timezone.localtime(now, rules.LONDON).date()
    rows = (
        Task.objects.open()
        .filter(task_scope(actor), authority_id=actor.authority_id, owner_user=worker)
        .select_related("person")
        .only("kind", "what", "due_on", "person_id", *(f"person__{name}" for name in NAMES))
        .order_by("due_on", "pk")
    )
    return [
        rules.Item(
            kind=rules.TASKS,
            what=f"{task.get_kind_display()}: {task.what}",
            due_at=rules.end_of_day(task.due_on),
            overdue=rules.task_overdue(task.due_on, today),
            person_id=task.person_id,
            child=task.person.full_name if task.person else "",
            href=reverse("records:child", args=[task.person_id]) if task.person_id else "",
            source="task",
            pk=task.pk,
        )
        for task in rows
    ]


# A team manager's view --------------------------------------------------------------------------------


def team_work(*, actor: User, now: datetime) -> TeamWork | None:
    """For a team manager: their workers, each with children, open and overdue clocks and tasks
    (None for anyone else). Four queries whatever the team's size."""
    if not can(actor, "mywork.team") or actor.team_id is None:
        return None
    workers = list(team_members(actor))
    ids = [w.pk for w in workers]
    totals = {w.pk: WorkerTotals(worker=w) for w in workers}
    for pk, n in (
        open_allocations(actor, ids)
        .values("worker_id")
        .annotate(n=Count("referral__person_id", distinct=True))
        .order_by()
        .values_list("worker_id", "n")
    ):
        totals[pk].children = n
    for pk, n, late in _clock_totals(actor, ids, now):
        totals[pk].open_clocks, totals[pk].overdue_clocks = n, late
    for pk, n, late in _task_totals(actor, ids, now):
        totals[pk].open_tasks, totals[pk].overdue_tasks = n, late
    return TeamWork(workers=workers, totals=[totals[w.pk] for w in workers])


def _clock_totals(actor: User, ids: list[int], now: datetime) -> Any:
    """Open and overdue clocks per worker, through the child's current allocation."""
    held = "person__referrals__allocations"
    return (
        Clock.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            completed_at__isnull=True,
            **{
                f"{held}__worker_id__in": ids,
                f"{held}__ended_at__isnull": True,
                "person__referrals__closure_date__isnull": True,
            },
        )
        .values(worker=F(f"{held}__worker_id"))
        .annotate(
            open=Count("pk", distinct=True),
            overdue=Count("pk", distinct=True, filter=Q(due_at__lt=now, paused_at__isnull=True)),
        )
        .order_by()
        .values_list("worker", "open", "overdue")
    )


def _task_totals(actor: User, ids: list[int], now: datetime) -> Any:
    """Open and overdue tasks per worker (overdue as tasks.models.TaskQuerySet.overdue)."""
    today = timezone.localtime(now, rules.LONDON).date()
    return (
        Task.objects.open()
        .filter(task_scope(actor), authority_id=actor.authority_id, owner_user_id__in=ids)
        .values("owner_user_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
        .values_list("owner_user_id", "open", "overdue")
    )

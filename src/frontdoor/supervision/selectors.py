"""Reads in supervision and direction, scoped to the actor's authority; lists naming children log
the access."""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.clocks.models import Clock
from frontdoor.core.chronology import Entry
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation, Referral
from frontdoor.supervision import rules
from frontdoor.supervision.models import Supervision
from frontdoor.tasks import rules as task_rules
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task, TaskKind, TaskQuerySet

M = TypeVar("M", bound=Model)

DIRECTION_KINDS = (TaskKind.SUPERVISION, TaskKind.CASE_NOTE)


def _directions(actor: User) -> TaskQuerySet:
    """Directions (tasks.Task) about children the actor may see (access.scope.visible)."""
    scope = visible(actor, "person_id")
    return tasks.tasks(actor=actor, scope=scope).filter(kind__in=DIRECTION_KINDS).select_related("person")


def my_directions(*, actor: User) -> list[Task]:
    """The actor's directions not yet done, the soonest due first."""
    require(actor, "direction.own")
    rows = list(_directions(actor).open().filter(owner_user=actor).order_by("due_on", "pk"))
    access_log(actor=actor, person_ids=tasks.children(rows), purpose="supervision.my_directions")
    return rows


def _team_scope(actor: User, queryset: QuerySet[M], path: str) -> QuerySet[M]:
    """A team manager sees their own team; a senior leader the whole authority."""
    if actor.role == Role.TEAM_MANAGER:
        return queryset.filter(**{f"{path}team_id": actor.team_id})
    return queryset


def team_overdue_directions(*, actor: User, today: date | None = None) -> list[Task]:
    """Directions past their due date and not done (TaskQuerySet.overdue), across the manager's team."""
    require(actor, "direction.view_team")
    today = today or timezone.localdate()
    rows = _team_scope(actor, _directions(actor).overdue(today), "owner_user__")
    found = list(rows.order_by("due_on", "pk"))
    access_log(actor=actor, person_ids=tasks.children(found), purpose="supervision.team_directions")
    return found


def direction_get_for(*, actor: User, direction_id: int) -> Task:
    require(actor, "direction.own")
    direction = _directions(actor).filter(pk=direction_id).first()
    if direction is None:
        raise Http404("No direction was found.")
    access_log(actor=actor, person_ids=tasks.children([direction]), purpose="supervision.direction")
    return direction


@dataclass(frozen=True)
class WorkerDue:
    worker: User
    last_held_on: date | None
    due_at: object | None  # the open supervision clock's due time, None when never supervised
    overdue: bool


def team_supervision(*, actor: User) -> list[WorkerDue]:
    """Each member of the manager's team with their last supervision and when the next is due."""
    require(actor, "supervision.view")
    workers = list(
        _team_scope(actor, User.objects.filter(authority_id=actor.authority_id, is_active=True), "")
        .filter(
            role__in=[Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.CONTACT_OFFICER, Role.TEAM_MANAGER]
        )
        .exclude(pk=actor.pk)
        .order_by("last_name", "first_name")
    )
    latest: dict[int, Supervision] = {}
    for session in (
        Supervision.objects.filter(worker__in=workers).select_related("next_clock").order_by("held_on", "pk")
    ):
        latest[session.worker_id] = session
    now = timezone.now()
    rows = []
    for worker in workers:
        last = latest.get(worker.pk)
        clock: Clock | None = last.next_clock if last else None
        open_clock = clock if clock is not None and clock.completed_at is None else None
        due = open_clock.due_at if open_clock else None
        rows.append(WorkerDue(worker, last.held_on if last else None, due, bool(due and due < now)))
    return rows


def worker_get_for(*, actor: User, worker_id: int) -> User:
    """A member of staff the actor supervises: a team manager their own team, a senior leader or
    quality assurance anyone in the authority. Anyone else is "not found"."""
    require(actor, "supervision.view")
    workers = User.objects.select_related("team").filter(authority_id=actor.authority_id)
    if actor.role == "team_manager":
        workers = workers.filter(team_id=actor.team_id) if actor.team_id else workers.none()
    try:
        return workers.get(pk=worker_id)
    except User.DoesNotExist:
        raise Http404("No member of staff was found.") from None


def supervisions_of(*, actor: User, worker: User) -> list[Supervision]:
    """A worker's supervision records, newest first, with the children discussed (access-logged)."""
    require(actor, "supervision.view")
    rows = list(
        Supervision.objects.filter(authority_id=actor.authority_id, worker=worker)
        .select_related("supervisor", "next_clock")
        .prefetch_related("cases_discussed__person")
    )
    people = {r.person_id for s in rows for r in s.cases_discussed.all()}
    access_log(actor=actor, person_ids=people, purpose="supervision.worker")
    return rows


def open_cases_of(*, actor: User, worker: User) -> QuerySet[Referral]:
    """The worker's open children-in-need episodes: the cases a supervision can discuss. The form
    names each child, so the supervisor's sight of them is logged."""
    require(actor, "supervision.record")
    cases = Referral.objects.filter(
        visible(actor, "person_id"),
        authority_id=actor.authority_id,
        closure_date__isnull=True,
        allocations__worker=worker,
        allocations__ended_at__isnull=True,
    ).select_related("person")
    access_log(actor=actor, person_ids=cases.values_list("person_id", flat=True), purpose="supervision.new")
    return cases


@dataclass(frozen=True)
class AssistantCase:
    referral: Referral
    worker: User
    last_discussed: date | None


def assistant_cases(*, actor: User) -> list[AssistantCase]:
    """Open children-in-need episodes held by social work assistants (by role, or job title for older
    accounts: supervision.rules.is_social_work_assistant) and when each was last discussed in
    supervision, never-discussed first."""
    require(actor, "supervision.view")
    current = (
        Allocation.objects.filter(
            referral__authority_id=actor.authority_id,
            referral__closure_date__isnull=True,
            ended_at__isnull=True,
        )
        .filter(visible(actor, "referral__person_id"))
        .select_related("referral__person", "worker")
    )
    held = [
        a for a in current if rules.is_social_work_assistant(role=a.worker.role, job_title=a.worker.job_title)
    ]
    ids = [a.referral_id for a in held]
    sessions = Supervision.cases_discussed.through.objects.filter(referral_id__in=ids).values_list(
        "referral_id", "supervision__held_on"
    )
    latest = rules.last_discussed(ids, sessions)
    rows = [AssistantCase(a.referral, a.worker, latest[a.referral_id]) for a in held]  # type: ignore[arg-type]
    rows.sort(key=lambda r: (r.last_discussed is not None, r.last_discussed or date.min, r.referral.pk))
    access_log(
        actor=actor, person_ids=(r.referral.person_id for r in rows), purpose="supervision.assistant_cases"
    )
    return rows


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """Management directions on the child's case, given and done."""
    if not can(actor, "child.view"):
        return []
    entries = []
    for d in _directions(actor).filter(person=person):
        entries.append(Entry(d.created_at, "direction", "Management direction", d.what[:200]))
        if d.done_at:
            entries.append(Entry(d.done_at, "direction", "Direction done", d.done_note[:200]))
        if d.cancelled_at:
            entries.append(Entry(d.cancelled_at, "direction", "Direction cancelled", d.cancel_reason[:200]))
    return entries


@dataclass(frozen=True)
class CaseDirection:
    direction: Task
    overdue: bool


def case_directions(*, actor: User, person: Person, today: date | None = None) -> list[CaseDirection]:
    """The management directions on the child's case (from supervision or a case note, on any of
    their episodes), those not done first, soonest due first; scoped and access-logged."""
    require(actor, "child.view")
    today = today or timezone.localdate()
    rows = list(_directions(actor).filter(person=person))
    access_log(actor=actor, person_ids=tasks.children(rows), purpose="supervision.case_directions")
    closed_last = sorted(
        rows, key=lambda d: (d.done_at is not None or d.cancelled_at is not None, d.due_on, d.pk)
    )
    return [CaseDirection(d, _overdue(d, today)) for d in closed_last]


def _overdue(task: Task, today: date) -> bool:
    done, cancelled = task.done_at is not None, task.cancelled_at is not None
    return task_rules.is_overdue(due_on=task.due_on, done=done, cancelled=cancelled, today=today)

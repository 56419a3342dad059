"""Reads of tasks, scoped to the actor's authority.

Tasks sit below access in the layers, so a caller whose tasks name children passes its own
`scope`: access.scope.visible(actor, "person_id") (and logs the read in its own words). Tasks not
about one child (person is null) are always within that scope when the caller includes them.
"""

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.db.models import Q

from frontdoor.organisations.models import User
from frontdoor.tasks.models import Task, TaskQuerySet

RELATED = ("owner_user", "owner_agency", "owner_professional", "done_by", "created_by")


def children(rows: Iterable[Task]) -> list[int]:
    """The children the tasks name, for the caller's access log (tasks not about a child name none)."""
    return [t.person_id for t in rows if t.person_id is not None]


def tasks(*, actor: User, scope: Q | None = None) -> TaskQuerySet:
    """Every task in the actor's authority within `scope`, with its owner loaded."""
    rows = Task.objects.filter(authority_id=actor.authority_id).select_related(*RELATED)
    return rows.filter(scope) if scope is not None else rows


def for_source(*, actor: User, source: models.Model, scope: Q | None = None) -> list[Task]:
    """The tasks set by one meeting or record, soonest due first."""
    rows = tasks(actor=actor, scope=scope).filter(source_type=source._meta.label_lower, source_id=source.pk)
    return list(rows.order_by("due_on", "pk"))


def for_sources(*, actor: User, sources: list[models.Model], scope: Q | None = None) -> dict[int, list[Task]]:
    """The tasks of several records of one model, by the record's id (one query)."""
    if not sources:
        return {}
    found: dict[int, list[Task]] = {source.pk: [] for source in sources}
    rows = tasks(actor=actor, scope=scope).filter(
        source_type=sources[0]._meta.label_lower, source_id__in=list(found)
    )
    for task in rows.order_by("due_on", "pk"):
        found[task.source_id].append(task)
    return found


def owned_by(
    *, actor: User, owner: User, scope: Q | None = None, kinds: tuple[str, ...] = ()
) -> TaskQuerySet:
    """The open tasks a member of staff owns, soonest due first."""
    rows = tasks(actor=actor, scope=scope).open().filter(owner_user=owner)
    return (rows.filter(kind__in=kinds) if kinds else rows).order_by("due_on", "pk")


def counts(
    *, actor: User, today: date, scope: Q | None = None, kinds: tuple[str, ...] = ()
) -> tuple[int, int]:
    """(open, overdue) in one query, overdue as TaskQuerySet.overdue counts it."""
    rows = tasks(actor=actor, scope=scope).open()
    if kinds:
        rows = rows.filter(kind__in=kinds)
    found = rows.aggregate(open=models.Count("pk"), overdue=models.Count("pk", filter=Q(due_on__lt=today)))
    return found["open"], found["overdue"]


def from_audit_subject(*, actor: User, subject_type: str, subject_id: int) -> Task | None:
    """The task an audit event names: a Task, or one of the four action models it replaced
    (legacy_type/legacy_id), whose audit rows cannot be rewritten."""
    rows = tasks(actor=actor)
    if subject_type == Task._meta.label_lower:
        return rows.filter(pk=subject_id).first()
    return rows.filter(legacy_type=subject_type, legacy_id=subject_id).first()

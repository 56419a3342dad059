"""Every write in supervision and management direction.

Each service checks permission and authority, validates (supervision.rules), writes in one
transaction with its audit event. Supervision restarts the worker's 4-weekly clock.
"""

from collections.abc import Sequence
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.records import same_authority
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.supervision import rules
from frontdoor.supervision.models import Supervision
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, may_complete, task_complete, task_create

DIRECTION_KINDS = (TaskKind.SUPERVISION, TaskKind.CASE_NOTE)


def start_of(day: date) -> datetime:
    """The first moment of a London day: the supervision clock runs from the day it was held."""
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def supervision_record(
    *, actor: User, worker: User, held_on: date, reflection: str, cases: Sequence[Referral] = ()
) -> Supervision:
    """Record a worker's supervision and the children's cases discussed. The next is due 4 weeks
    after the latest session held (clocks: supervision); a back-dated record leaves the clock alone."""
    require(actor, "supervision.record")
    same_authority(actor, worker, *cases)
    problems = rules.supervision_problems(
        held_on=held_on,
        today=timezone.localdate(),
        worker_id=worker.pk,
        supervisor_id=actor.pk,
        reflection=reflection,
    )
    if problems:
        raise ValidationError(problems)
    latest = (
        Supervision.objects.select_for_update(of=("self",))
        .filter(worker=worker)
        .select_related("next_clock")
        .order_by("-held_on", "-pk")
        .first()
    )
    session = Supervision.objects.create(
        authority_id=worker.authority_id,
        worker=worker,
        supervisor=actor,
        held_on=held_on,
        reflection=reflection.strip(),
        recorded_at=timezone.now(),
    )
    session.cases_discussed.set(cases)
    if latest is None or held_on >= latest.held_on:
        at = start_of(held_on)
        if latest is not None and latest.next_clock is not None and latest.next_clock.completed_at is None:
            clock_complete(clock=latest.next_clock, at=max(at, latest.next_clock.started_at))
        session.next_clock = clock_start(
            authority=actor.authority, standard="supervision", started_at=at, subject=session
        )
        session.save(update_fields=["next_clock"])
    for referral in cases:
        audit_record(
            actor=actor,
            action="supervision.case_discussed",
            subject=session,
            authority_id=session.authority_id,
            person_id=referral.person_id,
            changes={"referral": referral.pk},
        )
    audit_record(
        actor=actor,
        action="supervision.recorded",
        subject=session,
        authority_id=session.authority_id,
        changes={"worker": worker.pk, "held_on": held_on, "cases": [r.pk for r in cases]},
    )
    return session


@transaction.atomic
def direction_give(
    *,
    actor: User,
    person: Person,
    owner: Owner | None,
    what: str,
    due_on: date | None,
    referral: Referral | None = None,
    supervision: Supervision | None = None,
) -> Task:
    """A management direction on a child's case (a tasks.Task), from supervision or a case note on
    the episode: owner and due date required; it stays on the owner's list until done."""
    require(actor, "direction.give")
    same_authority(actor, person, referral, supervision)
    if referral is not None and referral.person_id != person.pk:
        raise ValidationError({"what": "That episode is another child's"})
    source: Supervision | Referral | Person = supervision or referral or person
    return task_create(
        actor=actor, kind=TaskKind.SUPERVISION if supervision else TaskKind.CASE_NOTE, source=source,
        what=what, owner=owner or Owner(), due_on=due_on, person_id=person.pk, event="direction.given",
    )  # fmt: skip


@transaction.atomic
def direction_complete(*, actor: User, direction: Task, note: str) -> Task:
    """The owner (or a manager) records that the direction was carried out, and how."""
    require(actor, "direction.own")
    same_authority(actor, direction)
    if direction.kind not in DIRECTION_KINDS:
        raise ValidationError("That is not a management direction.")
    if not may_complete(actor, owner=direction.owner_user, manage="direction.give"):
        raise ValidationError(
            "Only the direction's owner, a colleague covering in their team or a manager can mark it done."
        )
    return task_complete(actor=actor, task=direction, note=note, event="direction.completed")

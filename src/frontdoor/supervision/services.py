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
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.quality.services import may_complete
from frontdoor.referrals.models import Referral
from frontdoor.supervision import rules
from frontdoor.supervision.models import Direction, DirectionSource, Supervision


def start_of(day: date) -> datetime:
    """The first moment of a London day: the supervision clock runs from the day it was held."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _same_authority(actor: User, *objects: object) -> None:
    for obj in objects:
        if obj is not None and obj.authority_id != actor.authority_id:  # type: ignore[attr-defined]
            raise ValidationError("That record belongs to another authority.")


@transaction.atomic
def supervision_record(
    *, actor: User, worker: User, held_on: date, reflection: str, cases: Sequence[Referral] = ()
) -> Supervision:
    """Record a worker's supervision and the children's cases discussed. The next is due 4 weeks
    after the latest session held (clocks: supervision); a back-dated record leaves the clock alone."""
    require(actor, "supervision.record")
    _same_authority(actor, worker, *cases)
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
    owner: User,
    direction: str,
    due_date: date,
    referral: Referral | None = None,
    supervision: Supervision | None = None,
) -> Direction:
    """A management direction on a child's case, from supervision or a case note: owner and due date
    required; it stays on the owner's list until done."""
    require(actor, "direction.give")
    _same_authority(actor, person, owner, referral, supervision)
    problems = rules.direction_problems(due=due_date, today=timezone.localdate(), direction=direction)
    if not owner.is_active or not can(owner, "direction.own"):
        problems["owner"] = "Choose a member of staff who works with children"
    if referral is not None and referral.person_id != person.pk:
        problems["direction"] = "That episode is another child's"
    if problems:
        raise ValidationError(problems)
    row = Direction.objects.create(
        authority_id=person.authority_id,
        person=person,
        referral=referral,
        source=DirectionSource.SUPERVISION if supervision else DirectionSource.CASE_NOTE,
        supervision=supervision,
        direction=direction.strip(),
        owner=owner,
        due_date=due_date,
        given_by=actor,
        given_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="direction.given",
        subject=row,
        authority_id=row.authority_id,
        person_id=person.pk,
        changes={"owner": owner.pk, "due_date": due_date, "source": row.source},
    )
    return row


@transaction.atomic
def direction_complete(*, actor: User, direction: Direction, note: str) -> Direction:
    """The owner (or a manager) records that the direction was carried out, and how."""
    require(actor, "direction.own")
    _same_authority(actor, direction)
    direction = Direction.objects.select_for_update().get(pk=direction.pk)
    if not may_complete(actor, owner=direction.owner, manage="direction.give"):
        raise ValidationError(
            "Only the direction's owner, a colleague covering in their team or a manager can mark it done."
        )
    if direction.completed_at is not None:
        raise ValidationError({"note": "This direction has already been done"})
    if not note.strip():
        raise ValidationError({"note": "Say what was done"})
    direction.completed_at, direction.completion_note = timezone.now(), note.strip()
    direction.save(update_fields=["completed_at", "completion_note"])
    late = rules.is_overdue(due=direction.due_date, done=False, today=timezone.localdate())
    audit_record(
        actor=actor,
        action="direction.completed",
        subject=direction,
        authority_id=direction.authority_id,
        person_id=direction.person_id,
        changes={"note": direction.completion_note, "late": late},
    )
    return direction

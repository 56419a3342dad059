"""Practice notes (issue 19 §4): raised on a child's case by a manager or auditor, addressed to the
worker and their team manager (both told through notifications.notify), acknowledged, and closed
with a response (the raiser is told). Each write checks permission and authority, validates
(quality.rules), and is audited in its transaction. Ofsted ILACS looks for "management oversight"
that is recorded and acted on; a note is that oversight made explicit and followed to its answer."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.records import same_authority
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.quality import rules
from frontdoor.quality.models import NoteKind, PracticeNote
from frontdoor.tasks.services import may_complete


def manager_of(worker: User) -> User | None:
    """The team manager of the worker's team (the longest-serving, by account), not the worker."""
    if worker.team_id is None:
        return None
    return (
        User.objects.filter(team_id=worker.team_id, role=Role.TEAM_MANAGER, is_active=True)
        .exclude(pk=worker.pk)
        .order_by("pk")
        .first()
    )


def _audit(actor: User, action: str, note: PracticeNote, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor, action=action, subject=note, authority_id=note.authority_id, person_id=note.person_id,
        changes=changes,
    )  # fmt: skip


@transaction.atomic
def practice_note_raise(
    *, actor: User, person: Person, worker: User, kind: str, theme: str, text: str
) -> PracticeNote:
    """Raise a concern or record good practice on the child's case, to the worker and their manager."""
    require(actor, "practice_note.raise")
    same_authority(actor, person, worker)
    manager = manager_of(worker)
    problems = rules.practice_note_problems(
        text=text, worker_may_own=worker.is_active and can(worker, "practice_note.view"),
        has_manager=manager is not None, raised_by_worker=worker.pk == actor.pk,
    )  # fmt: skip
    if problems or manager is None:
        raise ValidationError(problems)
    note = PracticeNote.objects.create(
        authority_id=actor.authority_id, person=person, kind=kind, theme=theme, text=text.strip(),
        raised_by=actor, raised_at=timezone.now(), worker=worker, manager=manager, team_id=worker.team_id,
    )  # fmt: skip
    _audit(
        actor,
        "practice_note.raised",
        note,
        {"kind": kind, "theme": theme, "worker": worker.pk, "manager": manager.pk},
    )
    words = "A practice concern" if kind == NoteKind.CONCERN else "A note of good practice"
    notify(
        authority_id=note.authority_id, recipients=[worker, manager], kind=Kind.PRACTICE_NOTE,
        event_key=f"practice_note:{note.pk}:raised", title=f"{words} about a case",
        body=f"{words} was raised about a child's case you or your team hold. Please acknowledge "
        "it and respond.",
        link=reverse("quality:note", args=[note.pk]),
    )  # fmt: skip
    return note


def may_answer(actor: User, note: PracticeNote) -> bool:
    """The worker or manager it is addressed to, a colleague covering in the worker's team, or
    someone who raises notes (tasks.services.may_complete, the rule for every owned action)."""
    return note.addressed_to(actor.pk) or may_complete(actor, owner=note.worker, manage="practice_note.raise")


def _addressed(actor: User, note: PracticeNote) -> PracticeNote:
    require(actor, "practice_note.view")
    same_authority(actor, note)
    current = PracticeNote.objects.select_for_update().select_related("worker").get(pk=note.pk)
    if not may_answer(actor, current):
        raise ValidationError(
            {
                "response": "Only the worker or manager it is addressed to, or a colleague covering, "
                "can answer it"
            }
        )
    return current


@transaction.atomic
def practice_note_acknowledge(*, actor: User, note: PracticeNote) -> PracticeNote:
    """The worker or their manager has read the note (once; a second acknowledgement changes nothing)."""
    current = _addressed(actor, note)
    if current.acknowledged_at is None:
        current.acknowledged_at, current.acknowledged_by = timezone.now(), actor
        current.save(update_fields=["acknowledged_at", "acknowledged_by"])
        _audit(actor, "practice_note.acknowledged", current, {})
    return current


@transaction.atomic
def practice_note_close(*, actor: User, note: PracticeNote, response: str) -> PracticeNote:
    """Close the note with the response (acknowledging it too, if not yet); the raiser is told."""
    current = _addressed(actor, note)
    if problems := rules.practice_note_close_problems(
        closed=current.closed_at is not None, response=response
    ):
        raise ValidationError(problems)
    now = timezone.now()
    if current.acknowledged_at is None:
        current.acknowledged_at, current.acknowledged_by = now, actor
    current.response, current.closed_at, current.closed_by = response.strip(), now, actor
    current.save(update_fields=["acknowledged_at", "acknowledged_by", "response", "closed_at", "closed_by"])
    _audit(actor, "practice_note.closed", current, {"response": current.response})
    notify(
        authority_id=current.authority_id, recipients=[current.raised_by], kind=Kind.PRACTICE_NOTE,
        event_key=f"practice_note:{current.pk}:closed", title="A practice note you raised was answered",
        body="The worker or their manager responded to a practice note you raised.",
        link=reverse("quality:note", args=[current.pk]),
    )  # fmt: skip
    return current

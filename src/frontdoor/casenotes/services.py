"""Every write of a case note: record one, correct one. Nothing is deleted or overwritten: the
first version and every correction are NoteVersion rows, and each write is audited once per child
the note is about, in the same transaction.

When the note is due comes from the clock engine (clocks.rules "case_note_recorded": a local
standard, 2 working days from the event unless the authority sets its own), so recording late is
a comparison of two stored times that the dashboard makes in SQL.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import audit_record, diff
from frontdoor.casenotes import rules
from frontdoor.casenotes.models import CaseNote, NoteChild, NoteKind, NoteVersion
from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.services import calendar_for, convention_for, standard_for
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Authority, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person

STANDARD = "case_note_recorded"
OUT_OF_SCOPE = "You can only write a note about children whose records you can see"


def record_due(authority: Authority, occurred_at: datetime) -> datetime:
    """When a note of an event at `occurred_at` is due: the authority's recording standard."""
    standard = standard_for(authority, STANDARD)
    calendar = calendar_for(authority)
    return clock_rules.due(standard, occurred_at, calendar, convention=convention_for(authority))


def _checked_children(actor: User, children: Sequence[Person]) -> list[Person]:
    """The children, if every one is in the actor's authority and scope; else a refusal naming the
    field, so a note about a child the author may not see is never written."""
    ids = {child.pk for child in children}
    if not ids:
        raise ValidationError({"children": "Choose the child or children the note is about"})
    seen = Person.objects.filter(visible(actor), authority_id=actor.authority_id, pk__in=ids, is_child=True)
    if seen.count() != len(ids):
        raise ValidationError({"children": OUT_OF_SCOPE})
    return sorted(children, key=lambda child: child.pk)


def _content(**given: Any) -> dict[str, Any]:
    content = {
        "kind": given["kind"],
        "occurred_at": given["occurred_at"],
        "present": (given.get("present") or "").strip(),
        "child_seen": bool(given.get("child_seen")),
        "seen_alone": bool(given.get("seen_alone")),
        "childs_words": (given.get("childs_words") or "").strip(),
        "text": (given.get("text") or "").strip(),
        "significant": bool(given.get("significant")),
    }
    if content["kind"] not in NoteKind.values:
        raise ValidationError({"kind": "Select what kind of event this was"})
    return content


def _validate(content: dict[str, Any], now: datetime) -> None:
    draft = rules.Draft(content["occurred_at"], content["text"], content["child_seen"], content["seen_alone"])
    problems = rules.note_problems(draft, now=now)
    if problems:
        raise ValidationError(problems)


def _audit(actor: User, note: CaseNote, action: str, changes: dict[str, Any]) -> None:
    for person_id in note.note_children.values_list("person_id", flat=True).order_by("person_id"):
        audit_record(
            actor=actor,
            action=action,
            subject=note,
            authority_id=note.authority_id,
            person_id=person_id,
            changes=changes,
        )


@transaction.atomic
def case_note_record(*, actor: User, children: Sequence[Person], **given: Any) -> CaseNote:
    """Record what happened with one or more children (given: kind, occurred_at, text, present,
    child_seen, seen_alone, childs_words, significant). Refused, with nothing saved: an event in
    the future, no text, a child outside the author's scope or authority."""
    require(actor, "case_note.record")
    now = timezone.now()
    content = _content(**given)
    _validate(content, now)
    chosen = _checked_children(actor, children)
    authority = actor.authority
    note = CaseNote(
        authority=authority,
        author=actor,
        recorded_at=now,
        record_due_at=record_due(authority, content["occurred_at"]),  # type: ignore[arg-type]
        recording_delay=rules.delay(content["occurred_at"], now),
        **content,
    )
    note.full_clean()
    note.save()
    NoteChild.objects.bulk_create(
        [NoteChild(authority_id=note.authority_id, note=note, person=child) for child in chosen]
    )
    NoteVersion.objects.create(note=note, number=1, written_by=actor, written_at=now, **content)
    _audit(actor, note, "case_note.recorded", {**content, "late": note.recorded_late})
    return note


@transaction.atomic
def case_note_correct(*, actor: User, note: CaseNote, version: int, reason: str, **given: Any) -> CaseNote:
    """Correct a note: a new version with the reason and who made it; every earlier version is kept.
    Anyone who may record notes and can see every child the note is about may correct it (the
    version history and the audit trail show who did, and why); a save against an old version is
    refused (StaleEdit). A corrected event time moves when the note was due, never when it was
    first written."""
    require(actor, "case_note.record")
    if note.authority_id != actor.authority_id:
        raise PermissionDenied("That note belongs to another authority.")
    now = timezone.now()
    content = _content(**given)
    _validate(content, now)
    if content["occurred_at"] > note.recorded_at:
        raise ValidationError({"occurred_at": "When it happened must be before the note was first written"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the note is being corrected"})
    changes = diff(note, content)
    if not changes:
        raise ValidationError({"text": "Nothing has changed: change the note, or go back"})
    due = record_due(note.authority, content["occurred_at"])
    updated = CaseNote.objects.filter(pk=note.pk, version=version).update(
        version=F("version") + 1,
        record_due_at=due,
        recording_delay=rules.delay(content["occurred_at"], note.recorded_at),
        **content,
    )
    if not updated:
        raise StaleEdit()
    NoteVersion.objects.create(
        note=note, number=version + 1, written_by=actor, written_at=now, reason=reason.strip(), **content
    )
    note.refresh_from_db()
    _audit(actor, note, "case_note.corrected", {"version": note.version, "reason": reason.strip(), **changes})
    return note

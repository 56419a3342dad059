"""Every read of case notes: scoped to the actor's authority, and to notes about children the actor
may see (access.scope.visible). A note about several children is shown only to someone who may see
every one of them: a restricted brother's or sister's details are in the note too. Reads of a
child's notes are access-logged; the child's page's section and chronology entries are not logged
again (the page logs one access for the child).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.casenotes import rules
from frontdoor.casenotes.figures import LATE_NOTE
from frontdoor.casenotes.models import CaseNote, NoteChild
from frontdoor.core.chronology import Entry
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.people.selectors import household_for, relatives_for

NOT_FOUND = "Note not found"
SECTION_SIZE = 5
LATE_PAGE = 100


def _notes(actor: User) -> QuerySet[CaseNote]:
    """The actor's authority's notes whose every child the actor may see."""
    hidden_child = NoteChild.objects.filter(note=OuterRef("pk")).exclude(visible(actor, "person_id"))
    return CaseNote.objects.filter(authority_id=actor.authority_id).exclude(Exists(hidden_child))


def _about(notes: QuerySet[CaseNote], person: Person) -> QuerySet[CaseNote]:
    return notes.filter(Exists(NoteChild.objects.filter(note=OuterRef("pk"), person=person)))


def _searched(notes: QuerySet[CaseNote], search: str) -> QuerySet[CaseNote]:
    """Every word somewhere in the note's text, the child's words or who was present (rules.matches)."""
    for word in search.split():
        notes = notes.filter(
            Q(text__icontains=word) | Q(childs_words__icontains=word) | Q(present__icontains=word)
        )
    return notes


def notes_for_child(
    *, actor: User, person: Person, search: str = "", significant_only: bool = False
) -> list[CaseNote]:
    """The child's notes, newest event first, narrowed by a search. For a page that has read the
    child through people.selectors.person_get_for (purpose "casenotes.list"), which logged the one
    access the page is."""
    require(actor, "child.view")
    notes = _searched(_about(_notes(actor), person), search)
    if significant_only:
        notes = notes.filter(significant=True)
    rows = list(
        notes.select_related("author")
        .prefetch_related("note_children__person")
        .order_by("-occurred_at", "-pk")
    )
    return rows


def note_get_for(*, actor: User, note_id: object, purpose: str = "casenotes.note") -> CaseNote:
    """One note with its versions, if the actor may see every child it is about; the same 404 for a
    missing note and one outside the actor's scope. Logs the access for each child."""
    require(actor, "child.view")
    try:
        note = (
            _notes(actor)
            .select_related("author")
            .prefetch_related("note_children__person", "versions__written_by")
            .filter(pk=int(str(note_id)))
            .first()
        )
    except ValueError:
        note = None
    if note is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[c.person_id for c in note.note_children.all()], purpose=purpose)
    return note


def children_to_choose(*, actor: User, person: Person) -> QuerySet[Person]:
    """The children a note from this child's record may be about: the child, the children living
    with them, and their related children, all within the actor's scope."""
    ids = {person.pk}
    ids |= {p.pk for p in household_for(actor=actor, person=person) if p.is_child}
    ids |= {r.person.pk for r in relatives_for(actor=actor, person=person) if r.person.is_child}
    return Person.objects.filter(
        visible(actor), authority_id=actor.authority_id, pk__in=ids, is_child=True
    ).order_by("first_name", "pk")


@dataclass(frozen=True)
class ChildNotes:
    """The case notes section of the child's page."""

    latest: list[CaseNote]
    total: int
    late: int
    may_record: bool


def child_section(*, actor: User, person: Person) -> ChildNotes:
    """For the child's page, which has logged its access: the latest notes and the counts."""
    require(actor, "child.view")
    notes = _about(_notes(actor), person)
    latest = list(notes.select_related("author").order_by("-occurred_at", "-pk")[:SECTION_SIZE])
    return ChildNotes(
        latest=latest,
        total=notes.count(),
        late=notes.filter(LATE_NOTE).count(),
        may_record=can(actor, "case_note.record"),
    )


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """Notes flagged significant, at the time of the event (core.chronology)."""
    if not can(actor, "child.view"):
        return []
    notes = _about(_notes(actor), person).filter(significant=True).order_by("-occurred_at")
    return [
        Entry(
            n.occurred_at,
            "case note",
            f"Significant: {n.get_kind_display().lower()}",
            n.text[:200],
            reverse("casenotes:note", args=[n.pk]),
        )
        for n in notes
    ]


@dataclass(frozen=True)
class LateRecording:
    """The late-recording figure over a period: notes written in it, those written late, the share."""

    total: int
    late: int
    share: float | None
    notes: list[CaseNote]


def late_recording(*, actor: User, starts: datetime, ends_before: datetime, page: int = 1) -> LateRecording:
    """Notes first written in [starts, ends_before), how many after their due time (counted in SQL),
    and one page of the late ones for the drill-down (oldest first, LATE_PAGE a page); logs the
    children of the notes listed. Four queries and the log, whatever the volume."""
    require(actor, "child.view")
    written = _notes(actor).filter(recorded_at__gte=starts, recorded_at__lt=ends_before)
    late = written.filter(LATE_NOTE)
    first = (max(page, 1) - 1) * LATE_PAGE
    listed = list(
        late.select_related("author")
        .prefetch_related("note_children__person")
        .order_by("recorded_at", "pk")[first : first + LATE_PAGE]
    )
    total, late_count = written.count(), late.count()
    access_log(
        actor=actor,
        person_ids=(c.person_id for n in listed for c in n.note_children.all()),
        purpose="casenotes.late_recording",
    )
    share = rules.late_share(late_count, total)
    return LateRecording(total=total, late=late_count, share=share, notes=listed)

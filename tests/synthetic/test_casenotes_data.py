"""The synthetic authority's case notes and documents hold the services' invariants: every visit is
a note, managers oversee open cases, some notes are late, every note has its first version and its
child, every document is an accepted type whose stored bytes match its checksum."""

import hashlib
import io

import pytest

from frontdoor.casenotes.models import CaseNote, NoteChild, NoteKind, NoteVersion
from frontdoor.clocks import rules
from frontdoor.clocks.services import calendar_for
from frontdoor.documents import rules as document_rules
from frontdoor.documents.models import Document
from frontdoor.documents.services import storage
from frontdoor.referrals.models import Visit
from tests.synthetic.conftest import END

pytestmark = pytest.mark.django_db


def test_visits_and_oversight_are_notes_some_recorded_late(small):
    notes = list(CaseNote.objects.filter(authority=small.authority))
    kinds = {
        kind: sum(n.kind == kind for n in notes)
        for kind in (NoteKind.HOME_VISIT, NoteKind.MANAGEMENT_OVERSIGHT)
    }
    assert kinds[NoteKind.HOME_VISIT] == Visit.objects.filter(authority=small.authority).count() > 0
    assert kinds[NoteKind.MANAGEMENT_OVERSIGHT] > 0
    late = sum(n.recorded_late for n in notes)
    assert 0.03 < late / len(notes) < 0.4
    assert all(n.occurred_at <= n.recorded_at <= END for n in notes)
    assert NoteChild.objects.filter(note__in=notes).count() == len(notes)
    assert NoteVersion.objects.filter(note__in=notes, number=1).count() == len(notes)


def test_each_note_is_due_when_the_clock_engine_says(small):
    standard = rules.DEFAULT_STANDARDS["case_note_recorded"]
    calendar = calendar_for(small.authority)
    for note in CaseNote.objects.filter(authority=small.authority).order_by("pk")[:200]:
        assert note.record_due_at == rules.due(standard, note.occurred_at, calendar)


def test_documents_are_small_pdfs_whose_stored_bytes_match_their_checksums(small):
    documents = list(Document.objects.filter(authority=small.authority))
    assert documents
    for document in documents:
        with storage().open(document.storage_name, "rb") as handle:
            content = handle.read()
        assert hashlib.sha256(content).hexdigest() == document.sha256
        assert document_rules.detect(io.BytesIO(content)) == document_rules.PDF
        assert len(content) == document.size < 2000

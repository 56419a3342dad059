"""Recording and correcting case notes: what is saved, when it was due, every version kept, every
write audited; refusals save nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.casenotes import services
from frontdoor.casenotes.models import CaseNote, NoteChild, NoteVersion
from frontdoor.clocks.models import StandardSetting
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from tests import builders

from .conftest import london, write

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (CaseNote.objects.count(), NoteChild.objects.count(), NoteVersion.objects.count(),
            AuditEvent.objects.filter(action__startswith="case_note").count())  # fmt: skip


def test_a_note_about_two_brothers_is_on_each_record_with_its_first_version_and_an_audit_each(family):
    note = write(family.worker, family.ben, family.sam, significant=True)
    assert sorted(note.note_children.values_list("person_id", flat=True)) == sorted(
        [family.ben.pk, family.sam.pk]
    )
    assert [v.number for v in note.versions.all()] == [1]
    assert note.versions.get().text == "Visited at home. Kitchen clean, food in the fridge."
    audits = AuditEvent.objects.filter(action="case_note.recorded", subject_id=note.pk)
    assert sorted(audits.values_list("person_id", flat=True)) == sorted([family.ben.pk, family.sam.pk])
    assert note.recorded_late is False
    assert timedelta(hours=2) <= note.recording_delay < timedelta(hours=2, minutes=1)


def test_a_note_is_due_by_the_end_of_the_second_working_day_after_the_event(la):
    # Friday 6 November 2026, 16:00: due by the end of Tuesday 10 November (Saturday and Sunday skipped).
    due = services.record_due(la, london(2026, 11, 6, 16, 0))
    assert due == london(2026, 11, 10, 23, 59, 59, 999999)


def test_an_authority_that_sets_its_own_standard_changes_when_notes_are_due(la):
    StandardSetting.objects.create(authority=la, code="case_note_recorded", unit="working_days", length=5)
    assert services.record_due(la, london(2026, 11, 6, 16, 0)) == london(2026, 11, 13, 23, 59, 59, 999999)


def test_a_note_written_ten_days_after_the_event_is_late(family):
    note = write(family.worker, family.ben, ago=timedelta(days=10))
    assert note.recorded_late is True
    assert AuditEvent.objects.get(action="case_note.recorded").changes["late"] is True


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"occurred_at": "future"}, "occurred_at", "When it happened must be in the past"),
        ({"text": "   "}, "text", "Enter what happened"),
        ({"child_seen": False, "seen_alone": True}, "seen_alone", "A child seen alone was seen"),
        ({"kind": "party"}, "kind", "Select what kind of event this was"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_saves_nothing(family, change, field, message):
    if change.get("occurred_at") == "future":
        change = {"occurred_at": timezone.now() + timedelta(hours=1)}
    with pytest.raises(ValidationError) as refused:
        write(family.worker, family.ben, **change)
    assert message in refused.value.message_dict[field][0]
    assert _counts() == (0, 0, 0, 0)


def test_a_note_about_a_child_outside_the_authors_scope_is_refused_and_saves_nothing(family):
    with pytest.raises(ValidationError) as refused:
        write(family.outsider, family.ben)
    assert refused.value.message_dict == {"children": [services.OUT_OF_SCOPE]}
    assert _counts() == (0, 0, 0, 0)


def test_a_note_naming_a_child_of_another_authority_is_refused(family):
    other = builders.child(builders.authority("884", "Herefordshire (test)"), "Al", "Away")
    with pytest.raises(ValidationError):
        write(family.worker, family.ben, other)
    assert _counts() == (0, 0, 0, 0)


def test_a_role_that_does_not_record_notes_is_refused(family, la):
    with pytest.raises(PermissionDenied):
        write(builders.user(la, Role.CONTACT_OFFICER), family.ben)
    assert _counts() == (0, 0, 0, 0)


def _correct(actor, note, **change):
    content = {name: getattr(note, name) for name in services.rules.CONTENT}
    return services.case_note_correct(
        actor=actor, note=note, version=note.version, reason="Wrong school named", **(content | change)
    )


def test_a_correction_keeps_every_earlier_version_and_is_audited_with_what_changed(family):
    note = write(family.worker, family.ben, family.sam)
    corrected = _correct(family.worker, note, childs_words="I like my old school")
    corrected = _correct(family.manager, corrected, significant=True)
    assert corrected.version == 3
    versions = list(NoteVersion.objects.filter(note=note).order_by("number"))
    assert [(v.number, v.childs_words, v.significant) for v in versions] == [
        (1, "I like my new school", False),
        (2, "I like my old school", False),
        (3, "I like my old school", True),
    ]
    assert [v.reason for v in versions] == ["", "Wrong school named", "Wrong school named"]
    first = AuditEvent.objects.filter(action="case_note.corrected", person_id=family.ben.pk).order_by("pk")[0]
    assert first.changes["childs_words"] == ["I like my new school", "I like my old school"]
    assert AuditEvent.objects.filter(action="case_note.corrected").count() == 4  # 2 corrections x 2 children


def test_a_corrected_event_time_moves_the_due_time_but_not_when_the_note_was_written(family):
    note = write(family.worker, family.ben)
    written = note.recorded_at
    corrected = _correct(family.worker, note, occurred_at=note.occurred_at - timedelta(days=14))
    assert corrected.recorded_at == written
    assert corrected.recorded_late is True


def test_a_correction_against_an_old_version_is_refused_and_changes_nothing(family):
    note = write(family.worker, family.ben)
    _correct(family.worker, note, text="First correction")
    stale = CaseNote.objects.get(pk=note.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        _correct(family.worker, stale, text="Second correction")
    assert CaseNote.objects.get(pk=note.pk).text == "First correction"
    assert NoteVersion.objects.filter(note=note).count() == 2


def test_a_correction_needs_a_reason_and_a_role_that_records_notes(family, la):
    note = write(family.worker, family.ben)
    with pytest.raises(PermissionDenied):
        _correct(builders.user(la, Role.CONTACT_OFFICER), note, text="Changed by a contact officer")
    content = {name: getattr(note, name) for name in services.rules.CONTENT}
    with pytest.raises(ValidationError) as refused:
        services.case_note_correct(
            actor=family.worker, note=note, version=1, reason=" ", **(content | {"text": "x"})
        )
    assert refused.value.message_dict == {"reason": ["Enter why the note is being corrected"]}
    assert NoteVersion.objects.filter(note=note).count() == 1
    assert CaseNote.objects.get(pk=note.pk).text == note.text

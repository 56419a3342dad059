"""Practice notes: raised by a manager or auditor on a child's case, addressed to the worker and
their team manager (both notified), acknowledged and closed with a response (the raiser notified);
refusals save nothing; reads are scoped and access-logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.notifications.models import Notification
from frontdoor.organisations.models import Role
from frontdoor.quality import note_selectors, services
from frontdoor.quality.models import PracticeNote
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


def _raise(actor, child, worker, **extra):
    values = {"kind": "concern", "theme": "visits", "text": "The child has not been seen alone since March"}
    return services.practice_note_raise(actor=actor, person=child, worker=worker, **{**values, **extra})


def test_a_note_goes_to_the_worker_and_their_team_manager_who_are_both_told(la, manager, worker, qa):
    child = builders.child(la)
    note = _raise(qa, child, worker)
    assert (note.worker_id, note.manager_id, note.team_id, note.state) == (
        worker.pk,
        manager.pk,
        worker.team_id,
        "Open",
    )
    told = Notification.objects.filter(kind="practice_note").order_by("recipient_id")
    assert [(n.recipient_id, n.link) for n in told] == [
        (manager.pk, f"/quality/notes/{note.pk}/"),
        (worker.pk, f"/quality/notes/{note.pk}/"),
    ]
    assert child.full_name not in " ".join(n.title + n.body for n in told)  # emails name no child
    assert AuditEvent.objects.filter(action="practice_note.raised", person_id=child.pk).count() == 1


def test_acknowledged_then_closed_with_a_response_and_the_raiser_is_told(la, manager, worker, qa):
    note = _raise(qa, builders.child(la), worker)
    services.practice_note_acknowledge(actor=worker, note=note)
    with pytest.raises(ValidationError) as empty:
        services.practice_note_close(actor=worker, note=note, response=" ")
    assert empty.value.message_dict == {"response": ["Enter the response: what was done, or what was learnt"]}
    closed = services.practice_note_close(actor=manager, note=note, response="Seen alone on Tuesday")
    assert (closed.state, closed.acknowledged_by_id, closed.closed_by_id) == ("Closed", worker.pk, manager.pk)
    assert Notification.objects.filter(kind="practice_note", recipient=qa).count() == 1


def test_someone_outside_the_workers_team_cannot_answer_it(la, manager, worker, qa):
    note = _raise(qa, builders.child(la), worker)
    colleague = builders.user(la, Role.SOCIAL_WORKER)
    colleague.team = builders.team(la, "Assessment Team B")
    colleague.save(update_fields=["team"])
    with pytest.raises(ValidationError):
        services.practice_note_close(actor=colleague, note=note, response="Not mine")
    note.refresh_from_db()
    assert (note.acknowledged_at, note.closed_at, note.response) == (None, None, "")


def test_a_worker_cannot_raise_one_and_no_note_goes_to_oneself_or_without_a_manager(la, manager, worker, qa):
    child = builders.child(la)
    with pytest.raises(PermissionDenied):
        _raise(worker, child, manager)
    with pytest.raises(ValidationError) as own:
        _raise(manager, child, manager, text="")
    assert set(own.value.message_dict) == {"text", "worker"}
    alone = builders.user(la, Role.SOCIAL_WORKER)
    alone.team = builders.team(la, "Nobody manages this team")
    alone.save(update_fields=["team"])
    with pytest.raises(ValidationError) as unmanaged:
        _raise(qa, child, alone)
    assert list(unmanaged.value.message_dict) == ["worker"]
    assert (PracticeNote.objects.count(), Notification.objects.count()) == (0, 0)


def test_the_worker_sees_their_notes_a_colleague_does_not_and_reads_are_logged(la, manager, worker, qa):
    child = builders.child(la)
    note = _raise(qa, child, worker, kind="good_practice", theme="childs_voice")
    waiting, closed = note_selectors.notes_for(actor=worker)
    assert ([n.pk for n in waiting], closed) == ([note.pk], [])
    assert AccessEvent.objects.filter(actor=worker, person=child, purpose="quality.notes").count() == 1
    other = builders.user(la, Role.SOCIAL_WORKER)
    other.team = builders.team(la, "Assessment Team B")
    other.save(update_fields=["team"])
    assert note_selectors.notes_for(actor=other) == ([], [])
    with pytest.raises(Http404):
        note_selectors.note_get_for(actor=other, note_id=note.pk)
    elsewhere = builders.user(builders.authority("999", "Elsewhere (test)"), Role.QUALITY_ASSURANCE)
    with pytest.raises(Http404):
        note_selectors.note_get_for(actor=elsewhere, note_id=note.pk)

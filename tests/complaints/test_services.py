"""Complaints through the services: stage 1 on its 10-working-day clock from receipt, extended to 20
with a reason, answered with an outcome; stage 2 only after stage 1's answer, never out of order;
the learning as tasks. Refusals save nothing; every write is audited."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.complaints import services
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.organisations.models import Role
from frontdoor.referrals.services import allocation_make
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.cases import cin_episode

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # a Monday


@pytest.fixture
def qa(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


def _record(qa, child, **extra):
    values = {
        "complainant": "parent", "complainant_name": "Sam Example", "theme": "communication",
        "summary": "No one returned my calls", "received_at": RECEIVED,
    }  # fmt: skip
    return services.complaint_record(actor=qa, person=child, **{**values, **extra})


def _stage(complaint, n):
    return ComplaintStage.objects.select_related("clock", "extended_clock").get(complaint=complaint, stage=n)


def test_stage_1_runs_10_working_days_from_receipt_and_the_team_is_the_childs(la, manager, qa):
    referral = cin_episode(la, manager)
    team_b = builders.team(la, "Assessment Team B")
    allocation_make(
        actor=manager, referral=referral, team=team_b, worker=builders.user(la, Role.SOCIAL_WORKER)
    )
    complaint = _record(qa, referral.person)
    stage = _stage(complaint, 1)
    assert (complaint.team_id, stage.person_id) == (team_b.pk, referral.person_id)
    assert (stage.clock.standard, timezone.localdate(stage.clock.due_at)) == (
        "complaint_stage1",
        date(2026, 3, 16),
    )
    assert AuditEvent.objects.filter(action="complaint.recorded", person_id=referral.person_id).count() == 1


def test_an_answer_on_the_tenth_working_day_is_within_and_stops_the_clock(la, qa):
    complaint = _record(qa, builders.child(la))
    stage = services.complaint_stage_respond(
        actor=qa, complaint=complaint, version=complaint.version, responded_on=date(2026, 3, 16),
        outcome="partly", response="An apology and a named worker",
    )  # fmt: skip
    stage.clock.refresh_from_db()
    assert (stage.clock.working_days_taken, stage.outcome, stage.responded_by_id) == (10, "partly", qa.pk)
    assert Clock.objects.filter(standard__startswith="complaint", completed_at__isnull=True).count() == 0


def test_an_extension_to_20_working_days_keeps_the_10_day_clock_so_a_late_answer_still_counts_late(la, qa):
    complaint = _record(qa, builders.child(la))
    stage = services.complaint_stage_extend(
        actor=qa, complaint=complaint, version=complaint.version, reason="An advocate is being arranged"
    )
    assert timezone.localdate(stage.extended_clock.due_at) == date(2026, 3, 30)
    services.complaint_stage_respond(
        actor=qa, complaint=complaint, version=complaint.version, responded_on=date(2026, 3, 25),
        outcome="upheld", response="",
    )  # fmt: skip
    stage = _stage(complaint, 1)
    assert (stage.clock.working_days_taken, stage.extended_clock.working_days_taken) == (17, 17)
    with pytest.raises(ValidationError) as again:
        services.complaint_stage_extend(
            actor=qa, complaint=complaint, version=complaint.version, reason="More"
        )
    assert again.value.message_dict == {
        "reason": ["The stage has been answered: it can no longer be extended"]
    }


def test_stage_2_before_stage_1_is_answered_saves_nothing(la, qa):
    complaint = _record(qa, builders.child(la))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.complaint_escalate(
            actor=qa, complaint=complaint, version=complaint.version, stage=2, requested_on=date(2026, 3, 5)
        )
    assert refused.value.message_dict == {
        "stage": ["Record the stage 1 response before the complaint goes to stage 2"]
    }
    assert (ComplaintStage.objects.count(), Clock.objects.count(), AuditEvent.objects.count()) == (
        1,
        1,
        events,
    )
    complaint.refresh_from_db()
    assert complaint.version == 1  # the whole transaction rolled back


def test_stage_2_then_stage_3_in_order_each_on_its_own_clock(la, qa):
    complaint = _record(qa, builders.child(la))
    answer = {"outcome": "not_upheld", "response": "Explained"}
    services.complaint_stage_respond(
        actor=qa, complaint=complaint, version=1, responded_on=date(2026, 3, 13), **answer
    )
    with pytest.raises(ValidationError) as skipped:
        services.complaint_escalate(
            actor=qa, complaint=complaint, version=2, stage=3, requested_on=date(2026, 3, 20)
        )
    assert skipped.value.message_dict == {
        "stage": ["A complaint goes to stage 3 only after stage 2: it is at stage 1"]
    }
    two = services.complaint_escalate(
        actor=qa, complaint=complaint, version=2, stage=2, requested_on=date(2026, 3, 20)
    )
    assert (two.clock.standard, timezone.localdate(two.clock.due_at)) == (
        "complaint_stage2",
        date(2026, 4, 28),
    )
    services.complaint_stage_respond(
        actor=qa, complaint=complaint, version=3, responded_on=date(2026, 4, 24), **answer
    )
    three = services.complaint_escalate(
        actor=qa, complaint=complaint, version=4, stage=3, requested_on=date(2026, 5, 1)
    )
    assert (three.clock.standard, timezone.localdate(three.clock.due_at)) == (
        "complaint_stage3",
        date(2026, 6, 16),
    )
    with pytest.raises(ValidationError) as panel:
        services.complaint_stage_extend(actor=qa, complaint=complaint, version=5, reason="Panel members")
    assert panel.value.message_dict == {"reason": ["A stage 3 review panel's timescale cannot be extended"]}


def test_an_answer_against_an_old_version_is_refused(la, qa):
    complaint = _record(qa, builders.child(la))
    with pytest.raises(Exception, match="saved"):
        services.complaint_stage_respond(
            actor=qa,
            complaint=complaint,
            version=7,
            responded_on=date(2026, 3, 5),
            outcome="upheld",
            response="",
        )
    assert _stage(complaint, 1).responded_on is None


def test_the_learning_is_a_task_with_an_owner_and_a_due_date_done_with_a_note(la, manager, qa):
    complaint = _record(qa, builders.child(la))
    due = timezone.localdate()
    task = services.complaint_learning_set(
        actor=qa, complaint=complaint, what="Return calls within a day", owner=Owner(user=manager), due_on=due
    )
    assert (task.kind, task.person_id, task.source_type, task.source_id) == (
        "complaint", complaint.person_id, "complaints.complaint", complaint.pk,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.complaint_learning_complete(actor=manager, task=task, note=" ")
    services.complaint_learning_complete(actor=manager, task=task, note="Team briefed")
    assert Task.objects.get(pk=task.pk).done_note == "Team briefed"


def test_only_complaints_managers_record_and_another_authoritys_child_is_refused(la, manager, qa):
    with pytest.raises(PermissionDenied):
        _record(manager, builders.child(la))
    other = builders.child(builders.authority("999", "Elsewhere (test)"))
    with pytest.raises(ValidationError):
        _record(qa, other)
    assert Complaint.objects.count() == 0


def test_a_complaint_needs_who_and_what_beside_the_fields(la, qa):
    child = builders.child(la)
    with pytest.raises(ValidationError) as refused:
        _record(qa, child, complainant_name=" ", summary="", also_about=[child])
    assert set(refused.value.message_dict) == {"complainant_name", "summary", "also_about"}
    assert (Complaint.objects.count(), Clock.objects.count()) == (0, 0)

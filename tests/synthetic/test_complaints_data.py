"""The synthetic complaints and practice notes (issue 19 §3, §4) hold the invariants the services
keep: stages in order, each on its clock, a later stage only after the earlier one's answer, an
outcome with every answer; notes addressed to the worker and their team's manager."""

import itertools

import pytest
from django.db.models import F

from frontdoor.clocks.models import Clock
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.organisations.models import Role
from frontdoor.quality.models import PracticeNote
from frontdoor.synthetic.generator.complaints import NOTES_PER_CONTACT, PER_CONTACT
from frontdoor.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_complaints_come_at_the_stated_rate_and_their_stages_keep_the_order(small):
    contacts = small.counts["contacts.Contact"]
    assert 0 < Complaint.objects.count() <= round(contacts * PER_CONTACT)
    assert small.metrics["complaints"] == Complaint.objects.count()
    for complaint in Complaint.objects.prefetch_related("stages"):
        stages = list(complaint.stages.order_by("stage"))
        assert [s.stage for s in stages] == list(range(1, len(stages) + 1))
        assert stages[0].requested_at == complaint.received_at
        for earlier, later in itertools.pairwise(stages):
            assert earlier.responded_on is not None
            assert later.requested_at.date() >= earlier.responded_on
    answered = ComplaintStage.objects.exclude(responded_on=None)
    assert not answered.filter(outcome="").exists()
    assert not ComplaintStage.objects.filter(responded_on=None).exclude(outcome="").exists()
    clocks = Clock.objects.filter(pk__in=ComplaintStage.objects.values("clock_id"))
    assert clocks.count() == ComplaintStage.objects.count()
    assert set(clocks.values_list("standard", flat=True)) <= {
        "complaint_stage1",
        "complaint_stage2",
        "complaint_stage3",
    }
    assert clocks.filter(completed_at__isnull=False).count() == answered.count()


def test_learning_and_practice_notes_are_addressed_as_the_services_address_them(small):
    learning = Task.objects.filter(kind="complaint")
    assert set(learning.values_list("source_type", flat=True)) <= {"complaints.complaint"}
    notes = PracticeNote.objects.select_related("worker", "manager")
    assert 0 < notes.count() <= round(small.counts["contacts.Contact"] * NOTES_PER_CONTACT)
    for note in notes:
        assert note.manager.role == Role.TEAM_MANAGER
        assert note.manager.team_id == note.worker.team_id == note.team_id
        assert note.worker_id != note.manager_id
    assert not notes.filter(closed_at__isnull=False, acknowledged_at__isnull=True).exists()
    assert not notes.filter(acknowledged_at__lt=F("raised_at")).exists()

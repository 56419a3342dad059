"""The complaints pages as the complaints manager uses them: a complaint recorded from the form,
and asking for stage 2 before stage 1 is answered beside the field, nothing saved."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from frontdoor.complaints import services
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def test_recording_from_the_form_starts_stage_1_and_shows_the_complaint(client, la):
    qa, child = builders.user(la, Role.QUALITY_ASSURANCE), builders.child(la)
    client.force_login(qa)
    response = client.post(
        reverse("complaints:new", args=[child.pk]),
        {
            "complainant": "child", "complainant_name": "The child", "theme": "decision",
            "summary": "Nobody asked me", "received_at_day": 2, "received_at_month": 3,
            "received_at_year": 2026, "received_at_time": "10:00", "advocacy_offered": "on",
        },
    )  # fmt: skip
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Stage 1: local resolution" in page
    assert "Mon 16 Mar 2026" in page  # due: 10 working days from Monday 2 March


def test_stage_2_before_stage_1_is_answered_gets_a_message_beside_the_stage(client, la):
    qa = builders.user(la, Role.QUALITY_ASSURANCE)
    complaint = services.complaint_record(
        actor=qa, person=builders.child(la), complainant="parent", complainant_name="Pat", theme="service",
        summary="Late", received_at=datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/London")),
    )  # fmt: skip
    client.force_login(qa)
    response = client.post(
        reverse("complaints:escalate", args=[complaint.pk]),
        {"version": 1, "stage": 2, "requested_on_day": 5, "requested_on_month": 3, "requested_on_year": 2026},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Record the stage 1 response before the complaint goes to stage 2" in page
    assert ComplaintStage.objects.filter(complaint=complaint).count() == 1
    assert Complaint.objects.get().version == 1

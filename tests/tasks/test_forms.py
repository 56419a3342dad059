"""The pages that set an action refuse one without an owner or a due date: the message is beside the
field and nothing is saved. The owner is chosen from the authority's staff (and, at meetings, its
partner professionals): another authority's member of staff is not a choice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.exploitation import services as exploitation_services
from frontdoor.organisations.models import Role
from frontdoor.tasks.models import Task
from tests import builders
from tests.quality.cases import cin_episode

pytestmark = pytest.mark.django_db


def errors(response):
    doc = html.fromstring(response.content)
    return {
        p.get("id").removeprefix("id_").removesuffix("_error"): " ".join(p.text_content().split())
        for p in doc.xpath("//p[contains(@class, 'govuk-error-message')][@id]")
    }


def date_parts(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_a_direction_without_an_owner_or_a_date_is_refused_beside_each_field(client, la, manager, worker):
    referral = cin_episode(la, manager)
    client.force_login(manager)
    url = reverse("supervision:direction_new", args=[referral.pk])
    response = client.post(url, {"what": "See the child alone", "owner": ""})
    assert response.status_code == 200
    assert errors(response) == {
        "owner": "Error: Select who will do it",
        "due_on": "Error: Enter due date",
    }
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.SOCIAL_WORKER)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url, {"what": "Visit", "owner": f"user:{stranger.pk}", **date_parts("due_on", tomorrow)}
    )
    assert "owner" in errors(response)
    assert Task.objects.count() == 0
    response = client.post(
        url, {"what": "Visit", "owner": f"user:{worker.pk}", **date_parts("due_on", tomorrow)}
    )
    assert response.status_code == 302
    assert list(Task.objects.values_list("kind", "owner_user", "due_on")) == [
        ("case_note", worker.pk, tomorrow)
    ]


def test_a_meeting_with_an_action_without_an_owner_saves_nothing_and_says_so_beside_the_row(
    client, la, manager, worker
):
    child = builders.child(la, "Kai", "Example")
    screening = exploitation_services.screening_record(
        actor=worker,
        person=child,
        kind="cce",
        indicators=["missing"],
        risk_level="high",
        analysis="Older males",
    )
    officer = builders.professional(la, "PC Lee", "Mercia Police")
    client.force_login(manager)
    held = timezone.localtime() - timedelta(hours=2)
    due = timezone.localdate() + timedelta(days=7)
    form = {
        "held_at_day": held.day, "held_at_month": held.month, "held_at_year": held.year,
        "held_at_time": held.strftime("%H:%M"), "agencies": "Police", "discussion": "Disruption",
        "risk_level": "high", "action_1_description": "Visit the park",
        "action_1_owner": f"professional:{officer.pk}", **date_parts("action_1_due_date", due),
        "action_2_description": "Call school",
    }  # fmt: skip
    url = reverse("exploitation:meeting_new", args=[screening.pk])
    response = client.post(url, form)
    assert response.status_code == 200
    assert errors(response) == {
        "action_2_owner": "Error: Choose who owns the action",
        "action_2_due_date": "Error: Enter the date the action is due",
    }
    assert (Task.objects.count(), screening.meetings.count()) == (0, 0)
    form |= {"action_2_owner": f"user:{worker.pk}", **date_parts("action_2_due_date", due)}
    assert client.post(url, form).status_code == 302
    assert sorted(Task.objects.values_list("what", "owner_professional", "owner_user")) == [
        ("Call school", None, worker.pk),
        ("Visit the park", officer.pk, None),
    ]

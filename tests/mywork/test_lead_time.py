"""An administrator sets how long before a timescale is due its owner is warned; bad input is
answered beside the field and nothing is saved; anyone else is refused and nothing changes."""

import pytest
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.mywork.models import BreachWarningSetting
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def test_an_administrator_sets_the_lead_time_and_it_is_audited(client, la):
    admin = builders.user(la, Role.ADMINISTRATOR)
    client.force_login(admin)
    page = client.get(reverse("mywork:lead_time"))
    assert page.status_code == 200
    assert page.context["form"].initial == {"working_days": 1, "hours": 2}
    response = client.post(reverse("mywork:lead_time"), {"working_days": "2", "hours": "4"})
    assert response.status_code == 302
    setting = BreachWarningSetting.objects.get(authority=la)
    assert (setting.working_days, setting.hours, setting.updated_by) == (2, 4, admin)
    event = AuditEvent.objects.get(action="mywork.lead_time_set")
    assert event.changes == {"working_days": [1, 2], "hours": [2, 4]}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"working_days": "11", "hours": "2"}, "working_days", "Enter a number of working days from 0 to 10"),
        ({"working_days": "1", "hours": "0"}, "hours", "Enter a number of hours from 1 to 72"),
        ({"working_days": "one", "hours": "2"}, "working_days", "Enter a whole number"),
        ({"working_days": "", "hours": "2"}, "working_days", "Enter a number of working days"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_nothing_is_saved(client, la, data, field, message):
    client.force_login(builders.user(la, Role.ADMINISTRATOR))
    response = client.post(reverse("mywork:lead_time"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not BreachWarningSetting.objects.exists()
    assert not AuditEvent.objects.filter(action="mywork.lead_time_set").exists()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SOCIAL_WORKER, Role.SENIOR_LEADER])
def test_anyone_else_is_refused_and_nothing_changes(client, la, role):
    client.force_login(builders.user(la, role))
    assert client.get(reverse("mywork:lead_time")).status_code == 403
    response = client.post(reverse("mywork:lead_time"), {"working_days": "5", "hours": "5"})
    assert response.status_code == 403
    assert not BreachWarningSetting.objects.exists()

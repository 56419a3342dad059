"""The domestic abuse pages: bad input answered beside the field with nothing saved, and a
restricted child left out of what a reader not named on the restriction sees."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access.services import restriction_create
from frontdoor.audit.models import AccessEvent
from frontdoor.contacts.models import Contact
from frontdoor.domestic_abuse import services
from frontdoor.domestic_abuse.models import Notification
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def _at(name, moment):
    local = timezone.localtime(moment)
    return {f"{name}_day": local.day, f"{name}_month": local.month, f"{name}_year": local.year,
            f"{name}_time": local.strftime("%H:%M")}  # fmt: skip


def _notification(la, officer, *children):
    incident = timezone.now() - timedelta(days=2)
    data = services.NotificationData(
        incident_at=incident,
        received_at=incident + timedelta(hours=1),
        risk_level="high",
        incident="Incident",
    )
    return services.notification_record(
        actor=officer, data=data, children=[services.ChildInHousehold(person=c) for c in children]
    )


def test_a_notification_with_no_child_is_answered_beside_the_first_child_and_nothing_saved(client, officer):
    client.force_login(officer)
    moment = timezone.now() - timedelta(hours=3)
    page = client.post(
        "/domestic-abuse/new/",
        {**_at("incident_at", moment), **_at("received_at", moment), "risk_level": "high", "incident": "Row"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {"child_1_first_name": ["Add at least one child in the household"]}
    assert (Notification.objects.count(), Contact.objects.count()) == (0, 0)


def test_a_marac_date_before_the_incident_is_answered_beside_the_date(client, la, officer, manager):
    notification = _notification(la, officer, builders.child(la))
    client.force_login(manager)
    before = timezone.localdate() - timedelta(days=5)
    page = client.post(
        f"/domestic-abuse/{notification.pk}/marac/",
        {"marac": "yes", "marac_date_day": before.day, "marac_date_month": before.month,
         "marac_date_year": before.year},
    )  # fmt: skip
    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["marac_date"]
    assert "The MARAC date must be on or after the incident" in page.content.decode()
    notification.refresh_from_db()
    assert (notification.marac, notification.marac_date) == (None, None)


def test_a_restricted_child_is_left_out_and_a_notification_of_only_hidden_children_is_not_found(
    client, la, officer, manager
):
    seen, hidden = builders.child(la, "Ada", "Open"), builders.child(la, "Bo", "Hidden")
    both = _notification(la, officer, seen, hidden)
    only_hidden = _notification(la, officer, hidden)
    restriction_create(actor=manager, person=hidden, reason="staff", note="A relative works here")
    reader = builders.user(la, Role.CONTACT_OFFICER)
    client.force_login(reader)
    page = client.get(f"/domestic-abuse/{both.pk}/")
    assert page.status_code == 200
    assert "Ada Open" in page.content.decode()
    assert "Bo Hidden" not in page.content.decode()
    assert set(AccessEvent.objects.filter(actor=reader).values_list("person_id", flat=True)) == {seen.pk}
    assert client.get(f"/domestic-abuse/{only_hidden.pk}/").status_code == 404
    overview = client.get("/domestic-abuse/").content.decode()
    assert "Ada Open" in overview
    assert "Bo Hidden" not in overview

"""The events wired to the outbox now: a child reported missing (the front door's team managers),
a partner check answered (whoever asked), break-glass (the record's owner; tests/access) and a
portal referral decided (the referrer; tests/portal/test_mail.py). No notice names the child."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.contacts import services as contact_services
from frontdoor.notifications.models import Kind, Notification
from frontdoor.organisations.models import Role, Team
from tests import builders
from tests.contacts.test_services import record as record_contact
from tests.missing.helpers import ago
from tests.missing.helpers import record as record_missing

pytestmark = pytest.mark.django_db


def test_a_child_still_missing_is_told_to_the_front_doors_managers_but_not_the_recorder(la, officer, manager):
    other_team = Team.objects.create(authority=la, name="Assessment team")
    elsewhere = builders.user(la, Role.TEAM_MANAGER)
    elsewhere.team = other_team
    elsewhere.save(update_fields=["team"])
    second = builders.user(la, Role.TEAM_MANAGER)
    child = builders.child(la, "Mia", "Example")
    episode = record_missing(officer, child, went=ago(hours=5), reference="MP/9")
    notices = Notification.objects.filter(kind=Kind.CHILD_MISSING).order_by("recipient_id")
    assert [n.recipient for n in notices] == [manager, second]
    notice = notices[0]
    assert (notice.event_key, notice.link) == (
        f"missing_episode:{episode.pk}",
        reverse("missing:detail", args=[episode.pk]),
    )
    assert notice.title == "A child has been reported missing"
    for secret in ("Mia", "Example", child.reference, "MP/9"):
        assert secret not in notice.body + notice.title
    # Recorded by a manager: the others are told, not the one who typed it.
    record_missing(manager, builders.child(la, "Kai", "Example"), went=ago(hours=4))
    assert Notification.objects.filter(kind=Kind.CHILD_MISSING, recipient=manager).count() == 1


def test_an_episode_recorded_after_the_child_came_home_tells_no_one(la, officer, manager):
    record_missing(officer, builders.child(la, "Mia", "Example"), went=ago(hours=30), returned=ago(hours=20))
    assert Notification.objects.count() == 0


def test_a_partner_check_answered_is_told_to_whoever_asked_unless_they_typed_it(la, officer, manager):
    contact = record_contact(officer, [builders.child(la, "Tom", "Example")])
    asked = contact_services.partner_check_request(actor=manager, contact=contact, agency=builders.agency(la))
    contact_services.partner_check_respond(
        actor=officer, check=asked, responded_at=timezone.now(), response="Known to police: two incidents"
    )
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind, notice.event_key) == (
        manager,
        "partner_check_answered",
        f"partner_check:{asked.pk}",
    )
    assert notice.link == reverse("contacts:detail", args=[contact.pk])
    assert contact.reference in notice.title
    for secret in ("Tom", "incidents", "Mercia"):
        assert secret not in notice.body + notice.title
    second = contact_services.partner_check_request(
        actor=manager, contact=contact, agency=builders.agency(la, "Worcestershire Health")
    )
    contact_services.partner_check_respond(
        actor=manager, check=second, responded_at=timezone.now(), response="None"
    )
    assert Notification.objects.count() == 1

"""A partner who referred through the portal is emailed when the front door decides, through the
notifications outbox, once the decision has committed: the reference and a link only, never the
child's name or the outcome."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import ContactChild
from frontdoor.notifications.models import Delivery, Notification
from frontdoor.portal import services as portal_services
from tests import builders
from tests.portal.test_services import child, details

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(la):
    partner = builders.partner(la)
    partner.email = "dsl.account@school.example"
    partner.save()
    return partner


def refer(school, children=None):
    return portal_services.portal_referral_submit(
        actor=school, children=children or [child()], details=details()
    ).contact


def decide(manager, la, journey: ContactChild, outcome="early_help"):
    journey.refresh_from_db()
    return contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(la, 2),
        rationale="Early help through school",
    )


@override_settings(FRONTDOOR_BASE_URL="https://frontdoor.example.gov.uk")
def test_the_referrer_is_emailed_once_the_decision_commits(
    la, school, manager, django_capture_on_commit_callbacks
):
    contact = refer(school, [child(), child(first_name="Kit", date_of_birth=date(2018, 2, 3))])
    first, second = contact.children.order_by("pk")

    with django_capture_on_commit_callbacks(execute=False) as pending:
        decide(manager, la, first)
    assert len(mail.outbox) == 0  # nothing leaves before the decision is committed
    for callback in pending:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dsl.account@school.example"]
    assert message.subject == f"Decision made on referral {contact.reference}"
    assert f"a child in your referral {contact.reference} (1 of 2 children decided)" in message.body
    assert f"https://frontdoor.example.gov.uk/portal/referrals/{contact.pk}/" in message.body
    for secret in ("Amara", "Kit", "Quince", "early help", "Early help", "hungry"):
        assert secret not in message.body
        assert secret not in message.subject
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind) == (school, "portal_referral_decided")
    delivery = Delivery.objects.get()
    assert (delivery.address, delivery.state) == ("dsl.account@school.example", "sent")

    with django_capture_on_commit_callbacks(execute=True):
        decide(manager, la, second, outcome="advice")
    assert "(2 of 2 children decided)" in mail.outbox[1].body


def test_without_an_account_address_the_address_on_the_form_is_used(
    la, school, manager, django_capture_on_commit_callbacks
):
    school.email = ""
    school.save()
    journey = refer(school).children.get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(manager, la, journey)
    assert [m.to for m in mail.outbox] == [["dsl@school.example"]]


def test_no_email_for_a_contact_not_from_the_portal_or_a_partner_since_deactivated(
    la, school, officer, manager, django_capture_on_commit_callbacks
):
    phoned = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la, "Priya", "Sharma")],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )
    from_portal = refer(school).children.get()
    school.is_active = False
    school.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(manager, la, phoned.children.get())
        decide(manager, la, from_portal)
    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_a_mail_server_that_is_down_leaves_the_decision_saved_and_the_email_waiting(
    la, school, manager, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    journey = refer(school).children.get()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(manager, la, journey)
    journey.refresh_from_db()
    assert journey.decision == decision
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "ConnectionRefusedError: mail server down"
    assert AuditEvent.objects.filter(action="contact.decided").count() == 1

"""The outbox against a real SMTP server on the loopback (aiosmtpd): the email arrives once, a
refusal is retried after the back-off, a server that is down fails after the allowed attempts with
its error kept, and no caller ever sees an exception."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.notifications import outbox
from frontdoor.notifications.models import Delivery, DeliveryState, Kind, Notification
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(la):
    person = builders.user(la, Role.SOCIAL_WORKER)
    person.email = "owner@frontdoor.example"
    person.save(update_fields=["email"])
    return person


def tell(owner, key="clock:7:breached", kind=Kind.CLOCK_BREACHED):
    with transaction.atomic():
        return notify(
            authority_id=owner.authority_id, recipients=[owner], kind=kind, event_key=key,
            title="A visit is overdue", body="A statutory visit you own is overdue.", link="/contacts/7/",
        )  # fmt: skip


def test_the_email_arrives_with_the_link_once_the_transaction_commits(
    smtp, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert tell(owner) == 1
    assert smtp.messages == []  # nothing leaves before the commit
    for callback in pending:
        callback()
    [message] = smtp.messages
    assert (message.to, message.subject) == (["owner@frontdoor.example"], "A visit is overdue")
    assert "A statutory visit you own is overdue." in message.body
    assert "https://frontdoor.example.gov.uk/contacts/7/" in message.body
    assert "does not name any child" in message.body
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (DeliveryState.SENT, 1, "")
    assert delivery.sent_at is not None


def test_a_server_that_refuses_once_gets_the_email_on_the_retry_and_only_once(
    smtp, owner, django_capture_on_commit_callbacks
):
    smtp.refuse = 1
    with django_capture_on_commit_callbacks(execute=True):
        tell(owner)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, smtp.refused, smtp.messages) == ("pending", 1, 1, [])
    assert "451" in delivery.last_error
    first_retry = delivery.next_try_at
    # Not yet due: the tick leaves it alone.
    assert outbox.retry_due(first_retry - timedelta(seconds=1)) == {"sent": 0, "retrying": 0, "failed": 0}
    assert outbox.retry_due(first_retry) == {"sent": 1, "retrying": 0, "failed": 0}
    assert outbox.retry_due(first_retry + timedelta(hours=2)) == {"sent": 0, "retrying": 0, "failed": 0}
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (DeliveryState.SENT, 2, "")
    assert [m.to for m in smtp.messages] == [["owner@frontdoor.example"]]


def test_the_retry_waits_the_first_delay_then_doubles(
    smtp, owner, settings, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_NOTIFY_RETRY_SECONDS = 60
    smtp.refuse = 2
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        tell(owner)
    delivery = Delivery.objects.get()
    assert timedelta(seconds=60) <= delivery.next_try_at - before < timedelta(seconds=70)
    second = delivery.next_try_at
    outbox.retry_due(second)
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_try_at - second) == (2, timedelta(seconds=120))


def test_the_same_event_twice_is_one_notification_and_one_email(
    smtp, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert tell(owner) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tell(owner) == 0
    outbox.deliver(notification_ids=Notification.objects.values_list("pk", flat=True))
    outbox.retry_due(timezone.now() + timedelta(days=1))
    assert (Notification.objects.count(), Delivery.objects.count(), len(smtp.messages)) == (1, 1, 1)
    # Another event for the same person is another email.
    with django_capture_on_commit_callbacks(execute=True):
        assert tell(owner, key="clock:8:breached") == 1
    assert len(smtp.messages) == 2


def test_a_server_that_is_down_fails_after_the_attempts_and_no_caller_sees_it(
    smtp_down, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert tell(owner) == 1  # no exception
    at = timezone.now()
    for expected_attempts, state in ((2, "pending"), (3, "failed")):
        at += timedelta(hours=2)
        outbox.retry_due(at)
        delivery = Delivery.objects.get()
        assert (delivery.attempts, delivery.state) == (expected_attempts, state)
    assert delivery.last_error.startswith("ConnectionRefusedError")
    assert outbox.retry_due(at + timedelta(days=1)) == {"sent": 0, "retrying": 0, "failed": 0}
    assert Delivery.objects.get().attempts == 3
    # The in-app notification is there all along.
    assert Notification.objects.get().read_at is None


def test_a_page_whose_service_notifies_answers_while_the_server_is_down_and_the_administrator_sees_why(
    client, smtp_down, la, django_capture_on_commit_callbacks
):
    from frontdoor.access import services as access_services

    manager = builders.user(la, Role.TEAM_MANAGER)
    manager.email = "manager@frontdoor.example"
    manager.save(update_fields=["email"])
    officer = builders.user(la, Role.CONTACT_OFFICER)
    child = builders.child(la, "Sable", "Hidden")
    access_services.restriction_create(actor=manager, person=child, reason="high_profile")
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("records:break_glass", args=[child.pk]),
            {"reason": "Police at the door", "password": "correct horse battery"},
        )
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    admin = builders.user(la, Role.ADMINISTRATOR)
    client.force_login(admin)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert page.count('<tr class="govuk-table__row">') == 2  # the header and the one delivery
    assert "ConnectionRefusedError" in page
    assert "manager@frontdoor.example" in page
    assert "Sable" not in page


def test_one_transactions_notifications_go_as_one_task_over_one_connection(
    smtp, la, django_capture_on_commit_callbacks
):
    people = [builders.user(la, Role.SOCIAL_WORKER) for _ in range(3)]
    for n, person in enumerate(people):
        person.email = f"worker{n}@frontdoor.example"
        person.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n, person in enumerate(people):
            tell(person, key=f"clock:{n}:breached")
        with transaction.atomic():  # a savepoint that rolls back takes its notification with it
            tell(people[0], key="clock:rolled-back")
            transaction.set_rollback(True)
        tell(people[1], key="clock:after")
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in smtp.messages) == [
        "worker0@frontdoor.example",
        "worker1@frontdoor.example",
        "worker1@frontdoor.example",
        "worker2@frontdoor.example",
    ]
    assert Notification.objects.filter(event_key="clock:rolled-back").count() == 0

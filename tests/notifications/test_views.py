"""The pages: your notifications newest first with the unread marked, mark read, mark all read,
your email choices, the administrators' outbox, and the unread count in every page's header
(one query)."""

import re

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.notifications.context_processors import unread
from frontdoor.notifications.models import Kind, Notification, Preference
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db
COUNT = re.compile(r'data-testid="unread-count">(\d+)<')


def tell(person, n):
    with transaction.atomic():
        notify(
            authority_id=person.authority_id, recipients=[person], kind=Kind.TASK_OVERDUE,
            event_key=f"task:{n}", title=f"Task {n} is overdue", body="A task you own is overdue.",
            link="/other-pages/",
        )  # fmt: skip


def test_the_list_is_newest_first_with_the_unread_marked_and_the_count_in_the_header(client, worker):
    for n in range(3):
        tell(worker, n)
    Notification.objects.filter(event_key="task:0").update(
        read_at=Notification.objects.get(event_key="task:0").created_at
    )
    client.force_login(worker)
    page = client.get(reverse("notifications:list")).content.decode()
    assert re.findall(r"Task (\d) is overdue</h2>", page) == ["2", "1", "0"]
    assert page.count('data-testid="unread-tag"') == 2
    assert COUNT.findall(page) == ["2"]
    # Every signed-in page carries it.
    assert COUNT.findall(client.get(reverse("other_pages")).content.decode()) == ["2"]


def test_mark_one_read_then_open_and_mark_all_read(client, worker, manager):
    for n in range(3):
        tell(worker, n)
    tell(manager, 9)
    client.force_login(worker)
    first = Notification.objects.get(recipient=worker, event_key="task:0")
    assert client.post(reverse("notifications:read", args=[first.pk]))["Location"] == reverse(
        "notifications:list"
    )
    opened = client.post(
        reverse("notifications:read", args=[Notification.objects.get(event_key="task:1").pk]), {"open": "1"}
    )
    assert opened["Location"] == "/other-pages/"
    assert Notification.objects.filter(recipient=worker, read_at__isnull=True).count() == 1
    client.post(reverse("notifications:read_all"))
    assert Notification.objects.filter(recipient=worker, read_at__isnull=True).count() == 0
    assert COUNT.findall(client.get(reverse("notifications:list")).content.decode()) == []
    # Someone else's notification answers as a missing one does, and stays unread.
    theirs = Notification.objects.get(recipient=manager)
    for pk in (theirs.pk, 999_999):
        response = client.post(reverse("notifications:read", args=[pk]), {"open": "1"})
        assert response["Location"] == reverse("notifications:list")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_header_count_is_one_query_and_none_signed_out_or_for_partners(rf: RequestFactory, worker, la):
    tell(worker, 1)
    request = rf.get("/")
    request.user = worker
    with CaptureQueriesContext(connection) as queries:
        context = unread(request)
        assert context["notifications_unread"] == 1
        assert str(context["notifications_unread"]) == "1"
    assert len(queries) == 1
    request.user = builders.partner(la)
    with CaptureQueriesContext(connection) as queries:
        assert unread(request) == {}
    assert len(queries) == 0


def test_a_kind_that_does_not_exist_is_answered_beside_the_field_and_nothing_is_saved(client, worker):
    client.force_login(worker)
    audit = AuditEvent.objects.count()
    page = client.post(reverse("notifications:preferences"), {"kind": "clock_exploded", "email": "off"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Error: " in body
    assert (
        '<p id="id_kind_error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        "Choose a kind of notification from the list</p>"
    ) in body
    assert (Preference.objects.count(), AuditEvent.objects.count()) == (0, audit)


def test_a_choice_is_saved_and_shown(client, manager):
    client.force_login(manager)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Put them in one email a day <span" in page  # a manager's default for breaches
    response = client.post(reverse("notifications:preferences"), {"kind": "clock_breached", "email": "now"})
    assert response.status_code == 302
    assert list(Preference.objects.values_list("user_id", "kind", "email")) == [
        (manager.pk, "clock_breached", "now")
    ]


def test_the_outbox_is_the_administrators_and_partners_read_theirs_in_the_portal(client, la, worker):
    client.force_login(worker)
    assert client.get(reverse("notifications:outbox")).status_code == 403
    client.force_login(builders.user(la, Role.ADMINISTRATOR))
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "Nothing is waiting" in page
    client.force_login(builders.partner(la))
    assert client.get(reverse("notifications:list")).status_code == 403

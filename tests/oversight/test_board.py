"""The live board: counts per stage, most urgent first, filters, a constant number of queries, and
a poll that answers 204 until something changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts import services
from frontdoor.organisations.models import Role
from frontdoor.oversight import selectors
from frontdoor.oversight.selectors import BoardFilters
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def la():
    return builders.authority()


@pytest.fixture
def officer(la):
    return builders.user(la, Role.CONTACT_OFFICER)


@pytest.fixture
def manager(la):
    return builders.user(la, Role.TEAM_MANAGER)


def contact(officer, la, hours_ago, name="Tom"):
    return services.contact_record(
        actor=officer,
        children=[builders.child(la, name)],
        received_at=timezone.now() - timedelta(hours=hours_ago),
        channel="phone",
        source="2A",
        concerns="Worried",
        concern_categories=["neglect"],
        consent="obtained",
    )


def test_board_puts_breached_first_then_due_today_and_counts_each_stage(la, officer, manager):
    fresh = contact(officer, la, 1, "Fresh")
    old = contact(officer, la, 30, "Old")
    screened = contact(officer, la, 5, "Screened").children.get()
    services.contact_child_screen(
        actor=manager, journey=screened, version=1, rag="red", rag_reason="Injury", guidance=""
    )

    board = selectors.board_for(actor=manager, filters=BoardFilters())

    assert [i.person.first_name for i in board.items] == ["Old", "Screened", "Fresh"]
    assert board.counts == {"awaiting_screening": 2, "partner_checks": 0, "awaiting_decision": 1}
    assert (board.total, board.breached) == (3, 1)
    assert board.items[0].contact == old
    assert board.items[-1].contact == fresh


def test_filters_narrow_the_board(la, officer, manager):
    contact(officer, la, 2, "Amber")
    red = contact(officer, la, 3, "Red").children.get()
    services.contact_child_screen(
        actor=manager, journey=red, version=1, rag="red", rag_reason="x", guidance=""
    )
    board = selectors.board_for(actor=manager, filters=BoardFilters(rag="red"))
    assert [i.person.first_name for i in board.items] == ["Red"]
    board = selectors.board_for(actor=manager, filters=BoardFilters(stage="awaiting_screening"))
    assert [i.person.first_name for i in board.items] == ["Amber"]


def test_another_authoritys_work_never_appears(la, officer, manager):
    contact(officer, la, 2)
    other = builders.authority("884", "Herefordshire (test)")
    contact(builders.user(other, Role.CONTACT_OFFICER), other, 2, "Elsewhere")
    board = selectors.board_for(actor=manager, filters=BoardFilters())
    assert [i.person.first_name for i in board.items] == ["Tom"]


def test_board_reads_in_the_same_number_of_queries_for_2_or_12_children(la, officer, manager):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.board_for(actor=manager, filters=BoardFilters())
        return len(ctx.captured_queries)

    for _ in range(2):
        contact(officer, la, 2)
    small = queries()
    for _ in range(10):
        contact(officer, la, 2)
    assert queries() == small == 5


def test_board_logs_who_saw_which_children(la, officer, manager):
    contact(officer, la, 2)
    AccessEvent.objects.all().delete()
    selectors.board_for(actor=manager, filters=BoardFilters())
    assert list(AccessEvent.objects.values_list("actor", "purpose")) == [(manager.pk, "oversight.board")]


def test_poll_answers_204_until_something_is_written(client, la, officer, manager):
    contact(officer, la, 2)
    client.force_login(manager)
    page = client.get(reverse("oversight:board"))
    assert page.status_code == 200
    version = page.context["version"]
    assert client.get(reverse("oversight:board_live"), {"v": version}).status_code == 204
    contact(officer, la, 1, "New")
    fresh = client.get(reverse("oversight:board_live"), {"v": version})
    assert fresh.status_code == 200
    assert b"New Example" in fresh.content


def test_caseloads_count_open_and_overdue_per_worker(la, officer, manager):
    contact(officer, la, 30)
    contact(officer, la, 1)
    assert selectors.caseloads(actor=manager) == [selectors.Caseload("Not allocated", "", 2, 1)]

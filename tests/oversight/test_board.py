"""The live board: counts per stage, most urgent first, filters, a constant number of queries, and
a poll that answers 204 until something changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts import services
from frontdoor.organisations.models import Role
from frontdoor.oversight import selectors
from frontdoor.oversight.selectors import BoardFilters
from frontdoor.referrals import services as referral_services
from tests import builders

pytestmark = pytest.mark.django_db


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
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    selectors.board_for(actor=manager, filters=BoardFilters())
    assert list(AccessEvent.objects.filter(pk__gt=mark).values_list("actor", "purpose")) == [
        (manager.pk, "oversight.board")
    ]


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


def refer(officer, manager, la, name, outcome="assessment"):
    journey = contact(officer, la, 3, name).children.get()
    services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(la, 4),
        rationale="Needs assessment",
    )
    return journey.referral


def test_children_referred_but_not_yet_seen_are_on_the_board_by_allocation(la, officer, manager):
    refer(officer, manager, la, "Waiting", "strategy")
    allocated = refer(officer, manager, la, "Allocated")
    seen = refer(officer, manager, la, "Seen")
    worker = builders.user(la, Role.SOCIAL_WORKER)
    for referral in (allocated, seen):
        referral_services.allocation_make(
            actor=manager, referral=referral, team=builders.team(la), worker=worker
        )
    referral_services.visit_record(
        actor=worker,
        person=seen.person,
        referral=seen,
        occurred_at=timezone.now(),
        seen=True,
        seen_alone=True,
    )

    after = selectors.after_decision_for(actor=manager, filters=BoardFilters())
    assert after.counts == {"awaiting_allocation": 1, "not_seen": 1}
    assert [r.person.first_name for r in after.items] == ["Waiting", "Allocated"]
    assert [len(r.current) for r in after.items] == [0, 1]
    only = selectors.after_decision_for(actor=manager, filters=BoardFilters(stage="not_seen"))
    assert [r.person.first_name for r in only.items] == ["Allocated"]
    mine = selectors.after_decision_for(actor=manager, filters=BoardFilters(worker=worker.pk))
    assert [r.person.first_name for r in mine.items] == ["Allocated"]
    assert selectors.board_for(actor=manager, filters=BoardFilters(stage="not_seen")).items == []


def test_the_after_decision_list_reads_in_four_queries_whatever_its_length(la, officer, manager):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.after_decision_for(actor=manager, filters=BoardFilters())
        return len(ctx.captured_queries)

    refer(officer, manager, la, "One")
    few = queries()
    for n in range(5):
        refer(officer, manager, la, f"More{n}")
    assert queries() == few == 4

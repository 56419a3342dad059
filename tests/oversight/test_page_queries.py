"""Whole pages a manager keeps open (the board, its refresh, the daily review) read in the same number
of queries with a handful of children on them and with several times as many, in every stage
(issue 4: "the number of database queries per page stays constant as data grows")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.organisations.models import Role
from frontdoor.oversight.shared import RENDERS
from frontdoor.referrals import services as referral_services
from tests import builders
from tests.child_protection.conftest import discuss
from tests.oversight.test_board import contact, refer

pytestmark = pytest.mark.django_db


def some_of_everything(la, officer, manager, worker, n):
    """n children in each front-door stage and after it: waiting, referred, allocated, in a section 47
    enquiry; some older than 24 hours, so the daily review lists them."""
    for i in range(n):
        contact(officer, la, 30, f"Waiting{n}x{i}")
        contact(officer, la, 2, f"Fresh{n}x{i}")
        refer(officer, manager, la, f"Referred{n}x{i}")
        allocated = refer(officer, manager, la, f"Allocated{n}x{i}")
        referral_services.allocation_make(
            actor=manager, referral=allocated, team=builders.team(la), worker=worker
        )
        discuss(worker, refer(officer, manager, la, f"Enquiry{n}x{i}", "strategy"), timezone.now())


def queries(client, name, query=None):
    RENDERS.clear()  # a shared render would hide the reads this test counts
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name), query or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("oversight:board", None),
        ("oversight:board", {"stage": "awaiting_screening"}),
        ("oversight:board_live", {"v": "old"}),
        ("contacts:daily_review", None),
    ],
)
def test_a_page_reads_the_same_number_of_queries_for_1_or_4_children_in_each_stage(
    client, la, officer, manager, name, query
):
    worker = builders.user(la, Role.SOCIAL_WORKER, "sam.worker")
    client.force_login(manager)
    some_of_everything(la, officer, manager, worker, 1)
    queries(client, name, query)  # the poll saves the session on its first request, then once a minute
    few = queries(client, name, query)
    some_of_everything(la, officer, manager, worker, 3)
    assert queries(client, name, query) == few

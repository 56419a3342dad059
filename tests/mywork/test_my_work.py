"""My work: a worker's children, open clocks and tasks, soonest first, overdue marked; a team
manager's chooser and totals; who may see what; and the same number of queries for 1 or 5 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.mywork import selectors
from frontdoor.organisations.models import Role
from tests import builders
from tests.mywork.conftest import build

pytestmark = pytest.mark.django_db


def standards(work):
    return [(i.what, i.child, i.overdue) for i in work.items]


def test_a_worker_sees_their_children_and_open_clocks_soonest_first_with_the_overdue_marked(world):
    build(world, 1)
    work = selectors.my_work(actor=world.worker_a, worker_id=None, kind=None, now=timezone.now())
    assert [a.referral.person.full_name for a in work.children] == ["Alfie0 Example"]
    assert standards(work) == [
        ("Child protection visit", "Alfie0 Example", True),
        ("Child seen", "Alfie0 Example", False),
        ("Assessment completed", "Alfie0 Example", False),
    ]
    assert work.overdue == 1
    logged = AccessEvent.objects.filter(actor=world.worker_a, purpose=selectors.PURPOSE)
    assert list(logged.values_list("person__first_name", flat=True)) == ["Alfie0"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("visits", ["Child protection visit", "Child seen"]),
        ("assessments", ["Assessment completed"]),
        ("supervision", []),
        ("tasks", []),
        ("no-such-kind", ["Child protection visit", "Child seen", "Assessment completed"]),
    ],
)
def test_the_list_filters_by_kind_of_work(world, kind, expected):
    build(world, 1)
    work = selectors.my_work(actor=world.worker_a, worker_id=None, kind=kind, now=timezone.now())
    assert [i.what for i in work.items] == expected


def test_the_page_lists_only_the_workers_own_children(client, world):
    build(world, 1)
    client.force_login(world.worker_a)
    response = client.get(reverse("mywork:home"))
    assert response.status_code == 200
    assert b"Alfie0" in response.content
    assert b"Bella0" not in response.content
    assert b"team-totals" not in response.content  # a worker has no chooser or totals


@pytest.mark.parametrize("who", ["worker_a", "manager_a"])
def test_another_teams_worker_is_refused_with_no_data_and_nothing_logged(client, world, who):
    build(world, 1)
    client.force_login(getattr(world, who))
    before = AccessEvent.objects.count()
    response = client.get(reverse("mywork:home"), {"worker": world.worker_b.pk})
    assert response.status_code == 403
    assert b"Bella0" not in response.content
    assert AccessEvent.objects.count() == before


def test_a_worker_cannot_choose_a_colleague_in_their_own_team(client, world):
    build(world, 1)
    client.force_login(world.worker_a)
    response = client.get(reverse("mywork:home"), {"worker": world.manager_a.pk})
    assert response.status_code == 403


def test_a_team_manager_sees_a_workers_list_and_the_teams_totals(client, world):
    build(world, 2)
    client.force_login(world.manager_a)
    response = client.get(reverse("mywork:home"), {"worker": world.worker_a.pk})
    assert response.status_code == 200
    work, team = response.context["work"], response.context["team"]
    assert work.worker == world.worker_a
    assert sorted(a.referral.person.first_name for a in work.children) == ["Alfie0", "Alfie1"]
    assert [i.what for i in work.items].count("Child protection visit") == 2
    totals = {t.worker.username: t for t in team.totals}
    assert set(totals) == {"ann.manager", "amy.worker"}
    amy = totals["amy.worker"]
    assert (amy.children, amy.open_clocks, amy.overdue_clocks) == (2, 6, 2)
    ann = totals["ann.manager"]
    assert (ann.children, ann.open_clocks, ann.overdue_clocks) == (0, 0, 0)
    assert (team.sums.children, team.sums.open_clocks, team.sums.overdue_clocks) == (2, 6, 2)
    assert b"Bella" not in response.content


def test_staff_who_cannot_see_children_are_refused(client, world):
    build(world, 1)
    admin = builders.user(world.la, Role.ADMINISTRATOR)
    client.force_login(admin)
    before = AccessEvent.objects.count()
    assert client.get(reverse("mywork:home")).status_code == 403
    assert AccessEvent.objects.count() == before


def queries(client, query=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("mywork:home"), query or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(("who", "query"), [("worker_a", None), ("manager_a", "worker_a")])
def test_the_page_reads_the_same_number_of_queries_for_1_or_5_of_each(client, world, who, query):
    client.force_login(getattr(world, who))
    params = {"worker": getattr(world, query).pk} if query else None
    build(world, 1, tasks=True)
    few = queries(client, params)
    build(world, 4, tasks=True)
    many = queries(client, params)
    work = client.get(reverse("mywork:home"), params).context["work"]
    assert (len(work.children), len(work.items)) == (5, 5 * 3 + 5 * 2)
    assert many == few


def test_practitioners_start_at_my_work_and_contact_officers_at_the_queue(client, world):
    client.force_login(world.worker_a)
    assert client.get(reverse("home"))["Location"] == reverse("mywork:home")
    client.force_login(builders.user(world.la, Role.SOCIAL_WORK_ASSISTANT))
    assert client.get(reverse("home"))["Location"] == reverse("mywork:home")
    client.force_login(builders.user(world.la, Role.CONTACT_OFFICER))
    assert client.get(reverse("home"))["Location"] == reverse("contacts:queue")


def test_open_tasks_are_listed_with_the_clocks_soonest_first_and_counted_for_the_manager(world):
    build(world, 1, tasks=True)
    now = timezone.now()
    work = selectors.my_work(actor=world.worker_a, worker_id=None, kind=None, now=now)
    assert [(i.source, i.what, i.overdue) for i in work.items] == [
        ("clock", "Child protection visit", True),
        ("task", "Core group: Send the plan to the GP", True),
        ("clock", "Child seen", False),
        ("task", "Plan: Review", False),
        ("clock", "Assessment completed", False),
    ]
    only = selectors.my_work(actor=world.worker_a, worker_id=None, kind="tasks", now=now)
    assert [i.what for i in only.items] == ["Core group: Send the plan to the GP", "Plan: Review"]
    team = selectors.team_work(actor=world.manager_a, now=now)
    amy = next(t for t in team.totals if t.worker == world.worker_a)
    assert (amy.open_tasks, amy.overdue_tasks) == (2, 1)

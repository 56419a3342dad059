""" "Can our teams cope?": the figures for the authority and a team, the teams compared, the workers
of a team for its manager and the performance leads only, the downloads, and a vacancy's bad input
answered beside the field. A page costs the same number of queries for 1 worker as for 5."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.organisations.models import Employment, Role
from frontdoor.supervision.services import supervision_record
from frontdoor.workforce.models import CaseloadSnapshot, SnapshotMethod, Vacancy
from tests import builders
from tests.performance.papers import csv_rows, pdf_page_image
from tests.workforce.world import allocated, days_ago, reallocate, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(la):
    north, south = builders.team(la, "North"), builders.team(la, "South")
    return SimpleNamespace(
        la=la,
        north=north,
        south=south,
        north_manager=staff(la, north, Role.TEAM_MANAGER),
        south_manager=staff(la, south, Role.TEAM_MANAGER),
        leader=staff(la, north, Role.SENIOR_LEADER),
        qa=staff(la, north, Role.QUALITY_ASSURANCE),
        social=staff(la, north),
    )


def caseloads(county, team, loads, day=None, **fields):
    """Workers in `team` holding `loads` cases on `day` (today by default), as the tick records them."""
    workers = []
    for n, cases in enumerate(loads):
        worker = staff(county.la, team, first_name=f"{team.name}{n}", last_name="Worker", **fields)
        CaseloadSnapshot.objects.create(
            authority=county.la,
            day=day or timezone.localdate(),
            worker=worker,
            team=team,
            cases=cases,
            method=SnapshotMethod.CAPTURED,
        )
        workers.append(worker)
    return workers


def test_the_authority_page_shows_the_latest_month_bands_and_the_teams_compared(client, county):
    north = caseloads(county, county.north, [3, 20])
    caseloads(county, county.south, [19, 19, 6], employment=Employment.AGENCY)
    supervision_record(actor=county.north_manager, worker=north[0], held_on=days_ago(28), reflection="Fine")
    client.force_login(county.leader)
    response = client.get(reverse("workforce:cope"))
    latest = response.context["figures"].latest
    assert (latest.workers, latest.mean, latest.over, latest.bands) == (5, 13.4, 3, [2, 0, 0, 3])
    assert (latest.supervised, latest.staff, latest.agency, latest.agency_share) == (1, 8, 3, 37.5)
    teams = {team.name: row for team, row in response.context["team_rows"]}
    assert teams["North"][1:5] == [2, "11.5", "1 (50%)", "1 (50%)"]
    assert teams["South"][1:4] == [3, "14.7", "2 (66.7%)"]
    assert response.context["band_rows"] == [("0 to 6", 2), ("7 to 12", 0), ("13 to 18", 0), ("Over 18", 3)]
    assert b"3</span> of 5 case-holding workers over 18 cases" in response.content


def test_changes_of_social_worker_come_from_allocation_history(client, county):
    first, second, third = (staff(county.la, county.north) for _ in range(3))
    moved = allocated(county.la, county.north_manager, first, days_ago(200))
    reallocate(moved, second, days_ago(100))
    reallocate(moved, third, days_ago(10))
    allocated(county.la, county.north_manager, first, days_ago(50))
    client.force_login(county.social)
    latest = client.get(reverse("workforce:cope"), {"team": county.north.pk}).context["figures"].latest
    assert (latest.children, latest.changes_mean, latest.three_or_more) == (2, 1.0, 1)


def test_vacancies_open_at_the_months_end_are_summed_by_fte(client, county):
    for opened, closed, fte in ((40, None, "1"), (20, None, "0.5"), (90, 60, "1")):
        Vacancy.objects.create(
            authority=county.la,
            team=county.north,
            role=Role.SOCIAL_WORKER,
            fte=fte,
            opened_on=days_ago(opened),
            closed_on=days_ago(closed) if closed else None,
            entered_by=county.north_manager,
            entered_at=timezone.now(),
        )
    client.force_login(county.leader)
    figures = client.get(reverse("workforce:cope")).context["figures"]
    assert figures.latest.vacancies_fte == Decimal("1.5")
    three_months_ago = figures.months[-4]
    assert three_months_ago.vacancies_fte == (
        1 if days_ago(90) <= three_months_ago.as_at < days_ago(60) else 0
    )


def _queries(client, county, n):
    for worker in caseloads(county, county.north, [n] * n):
        allocated(county.la, county.north_manager, worker, days_ago(30))
        supervision_record(actor=county.north_manager, worker=worker, held_on=days_ago(5), reflection="Fine")
    client.force_login(county.leader)
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("workforce:cope")).status_code == 200
    with CaptureQueriesContext(connection) as workers:
        assert client.get(reverse("workforce:workers", args=[county.north.pk])).status_code == 200
    return len(page), len(workers)


def test_the_page_and_the_workers_list_cost_the_same_queries_for_1_worker_as_for_5(client, la):
    one = _queries(client, _county(la), 1)
    five = _queries(client, _county(builders.authority("886", "Other (test)")), 5)
    assert one == five


def _county(la):
    north, south = builders.team(la, "North"), builders.team(la, "South")
    return SimpleNamespace(
        la=la,
        north=north,
        south=south,
        north_manager=staff(la, north, Role.TEAM_MANAGER),
        leader=staff(la, north, Role.SENIOR_LEADER),
    )


def test_a_team_manager_sees_their_own_teams_workers_and_nobody_elses(client, county):
    caseloads(county, county.north, [4])
    caseloads(county, county.south, [7])
    client.force_login(county.north_manager)
    own = client.get(reverse("workforce:workers", args=[county.north.pk]))
    assert [row[0] for row in own.context["rows"]] == ["Social Worker Tester", "North0 Worker"]
    assert [row[4] for row in own.context["rows"]] == ["\u2013", 4]  # no caseload recorded, then 4
    other = client.get(reverse("workforce:workers", args=[county.south.pk]))
    assert other.status_code == 403
    assert b"South0" not in other.content
    assert b"Worker" not in other.content
    page = client.get(reverse("workforce:cope"))
    assert page.content.count(b'data-testid="workers-link"') == 1


@pytest.mark.parametrize("role", ["social", "south_manager"])
def test_a_refused_request_for_workers_returns_no_worker(client, county, role):
    caseloads(county, county.north, [4])
    client.force_login(getattr(county, role))
    response = client.get(reverse("workforce:workers", args=[county.north.pk]), {"format": "csv"})
    assert response.status_code == 403
    assert b"North0" not in response.content
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("role", ["leader", "qa"])
def test_the_performance_leads_see_every_teams_workers(client, county, role):
    caseloads(county, county.south, [7])
    client.force_login(getattr(county, role))
    response = client.get(reverse("workforce:workers", args=[county.south.pk]))
    assert [row[0] for row in response.context["rows"]] == ["South0 Worker"]


def test_a_social_worker_sees_the_figures_but_no_link_to_workers(client, county):
    caseloads(county, county.north, [4])
    client.force_login(county.social)
    response = client.get(reverse("workforce:cope"))
    assert response.status_code == 200
    assert b'data-testid="workers-link"' not in response.content
    assert b"North0" not in response.content


def test_another_authoritys_team_is_not_found(client, county):
    other = builders.team(builders.authority("886", "Other (test)"), "Elsewhere")
    client.force_login(county.leader)
    assert client.get(reverse("workforce:cope"), {"team": other.pk}).status_code == 404
    assert client.get(reverse("workforce:workers", args=[other.pk])).status_code == 404


def test_the_page_downloads_as_a_csv_of_every_month_and_team_and_a_one_page_pdf(client, county):
    caseloads(county, county.north, [3, 20])
    client.force_login(county.leader)
    rows = csv_rows(client.get(reverse("workforce:cope"), {"format": "csv"}))
    assert rows[0][:3] == ["Month", "Workers with cases", "Mean caseload"]
    assert len(rows) == 1 + 12 + 2  # the months, then the teams with staff (South: its manager)
    assert rows[1][1:4] == ["2", "11.5", "1 (50%)"]  # newest first
    assert rows[12][1:4] == ["0", "\u2013", "0 (\u2013)"]
    assert [rows[13][0], rows[14][0]] == ["North (latest month)", "South (latest month)"]
    pdf_page_image(client.get(reverse("workforce:cope"), {"format": "pdf", "team": county.north.pk}))
    workers = csv_rows(client.get(reverse("workforce:workers", args=[county.north.pk]), {"format": "csv"}))
    assert [r[0] for r in workers[1:]] == ["Social Worker Tester", "North0 Worker", "North1 Worker"]


def test_a_vacancy_with_an_impossible_fte_is_refused_beside_the_field(client, county):
    client.force_login(county.north_manager)
    opened = days_ago(3)
    data = {"team": county.north.pk, "role": Role.SOCIAL_WORKER, "fte": "1.5"}
    data |= {"opened_on_day": opened.day, "opened_on_month": opened.month, "opened_on_year": opened.year}
    response = client.post(reverse("workforce:vacancy_new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "fte": ["The full-time equivalent must be more than 0 and no more than 1"]
    }
    assert Vacancy.objects.count() == 0
    data["fte"] = "0.5"
    assert client.post(reverse("workforce:vacancy_new"), data).status_code == 302
    vacancy = Vacancy.objects.get()
    closed = opened - timedelta(days=1)
    refused = client.post(
        reverse("workforce:vacancy_close", args=[vacancy.pk]),
        {
            "closed_on_day": closed.day,
            "closed_on_month": closed.month,
            "closed_on_year": closed.year,
            "filled": "yes",
        },
    )
    assert refused.context["form"].errors == {
        "closed_on": ["The date the post was filled or closed must be on or after it became vacant"]
    }

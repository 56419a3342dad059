""" "What is coming?" (issue 20 §4): the monthly series counted from records made through the services
at chosen months, the page, its permission, its constant queries and its downloads."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.clocks.models import Clock
from frontdoor.contacts import services as contact_services
from frontdoor.organisations.models import Role
from frontdoor.performance import forecast
from frontdoor.performance.demand import CAPACITY_HEADINGS, PROJECTION_HEADINGS, capacity_cells, capacity_row
from frontdoor.performance.demand_selectors import demand_history, months_of_history
from frontdoor.referrals.models import Referral
from tests import builders
from tests.performance.papers import csv_rows, pdf_page_image

LONDON = ZoneInfo("Europe/London")
URL = "/performance/what-is-coming/"
# Referrals received in each of the seven whole months before this one, oldest first (and one more in
# the month before them, the first month with records, which is left out).
REFERRALS = [1, 2, 1, 3, 1, 2, 1]


def months_back(n: int) -> date:
    return timezone.localdate().replace(day=1) - relativedelta(months=n)


def moment(first: date, day: int = 15) -> datetime:
    return datetime.combine(first.replace(day=day), time(10), tzinfo=LONDON)


def referral_in(la, manager, first: date) -> Referral:
    days_ago = (timezone.now() - moment(first)).total_seconds() / 86400
    return builders.referral(la, manager, days_ago=days_ago)


@pytest.fixture
def county(db):
    la = builders.authority()
    la.caseload_threshold = 4
    la.save(update_fields=["caseload_threshold"])
    leader = builders.user(la, Role.SENIOR_LEADER)
    manager = builders.user(la, Role.TEAM_MANAGER)
    referrals = {8: [referral_in(la, manager, months_back(8))]}
    for back, n in zip(range(7, 0, -1), REFERRALS, strict=True):
        referrals[back] = [referral_in(la, manager, months_back(back)) for _ in range(n)]
    # A contact not (yet) decided, in the fifth month.
    contact_services.contact_record(
        actor=builders.user(la, Role.CONTACT_OFFICER),
        children=[builders.child(la)],
        channel="phone",
        source="2A",
        received_at=moment(months_back(3)),
        concerns="Seen alone in the park late at night",
        concern_categories=["neglect"],
        consent="obtained",
    )
    # One episode of the second month closes in the fourth; one assessment completes in the fourth.
    closed = referrals[7][0]
    Referral.objects.filter(pk=closed.pk).update(
        closure_date=moment(months_back(4)).date(), closure_reason="RC8"
    )
    assessed = referrals[5][0]
    Clock.objects.filter(pk=assessed.assessment_clock_id).update(completed_at=moment(months_back(4), 20))
    # A protection plan from the third month to the fifth, and one from the sixth, still running.
    for referral, start, end in (
        (referrals[6][0], moment(months_back(5)).date(), moment(months_back(3)).date()),
        (referrals[4][0], moment(months_back(2), 10).date(), None),
    ):
        ProtectionPlan.objects.create(
            authority=la,
            person=referral.person,
            referral=referral,
            start_date=start,
            end_date=end,
            end_reason="no_longer_at_risk" if end else "",
            initial_category="NEG",
            latest_category="NEG",
        )
    # Social workers: two in post; one who has left, one made inactive, one not started yet.
    today = timezone.localdate()
    for fields in (
        {},
        {},
        {"left_on": today - timedelta(days=1)},
        {"is_active": False},
        {"started_on": today + timedelta(days=3)},
    ):
        worker = builders.user(la, Role.SOCIAL_WORKER)
        for name, value in fields.items():
            setattr(worker, name, value)
        worker.save()
    # Another authority's referral, never counted.
    other = builders.authority("886", "Elsewhere (test)")
    referral_in(other, builders.user(other, Role.TEAM_MANAGER), months_back(2))
    return la, leader, manager


EXPECTED = {
    "contacts": [1, 2, 1, 3, 2, 2, 1],
    "referrals": [1, 2, 1, 3, 1, 2, 1],
    "assessments": [0, 0, 0, 1, 0, 0, 0],
    "plans_started": [0, 0, 1, 0, 0, 1, 0],
    "on_plans": [0, 0, 1, 1, 0, 1, 1],
    # Every episode from the first month on, less the one closed in the fourth.
    "open_cases": [2, 4, 5, 7, 8, 10, 11],
}


def test_each_measure_is_counted_month_by_month_from_the_first_whole_month(county):
    _, leader, _ = county
    now = timezone.now()
    history = demand_history(actor=leader, today=timezone.localdate(now), now=now)
    assert history.months == [months_back(n) for n in range(7, 0, -1)]
    assert history.series == EXPECTED
    assert (history.social_workers, history.threshold, history.authority) == (2, 4, "Worcestershire (test)")


def test_the_window_is_the_complete_months_before_this_one():
    assert months_of_history(date(2026, 3, 9), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_the_page_answers_with_a_chart_a_comparison_and_drill_downs(client, county):
    _, leader, _ = county
    client.force_login(leader)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl govuk-!-margin-bottom-4">What is coming?</h1>' in html
    assert html.count('data-testid="chart-') == 6
    assert "Social workers in post today: <strong>2</strong>. Caseload threshold: <strong>4</strong>" in html
    first = months_back(7)
    last_day = (first + relativedelta(months=1) - timedelta(days=1)).isoformat()
    drill = (
        f"/performance/contacts/children/?from={first.isoformat()}&amp;to={last_day}"
        f"&amp;month={first.isoformat()[:7]}&amp;result=referral"
    )
    assert f'<a class="govuk-link" href="{drill}">1</a>' in html
    # The comparison: referrals' monthly mean over the seven months (11 / 7 = 1.57, shown as 2).
    assert "2 a month over the last 7 months" in html
    capacity = response.context["capacity_rows"]
    projection = forecast.project(EXPECTED["open_cases"], months_back(7))
    assert capacity == [capacity_cells(row) for row in forecast.capacity(projection.months, 2, 4)]
    assert len(capacity) == 12


def count_queries(client, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, query or {})
    assert response.status_code == 200
    return len(queries)


def test_the_page_takes_the_same_queries_however_many_months_and_records(client, county):
    la, leader, manager = county
    client.force_login(leader)
    before = count_queries(client)
    for back in (11, 10, 9, 3):
        referral_in(la, manager, months_back(back))
    after = count_queries(client)
    # The session and the user, the header's authority and unread notifications, the session's save
    # (a savepoint, an update, its release), and the five counts of demand_selectors.
    assert before == after == 8 + 5 - 1
    csv = count_queries(client, {"format": "csv", "measure": "contacts"})
    assert csv == 8 + 5 - 1 - 2  # a download renders no header: no authority, no notifications


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SENIOR_LEADER, 200),
        (Role.QUALITY_ASSURANCE, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.SOCIAL_WORKER, 403),
        (Role.CONTACT_OFFICER, 403),
    ],
)
def test_senior_leaders_performance_leads_and_managers_see_it(client, db, role, status):
    la = builders.authority()
    client.force_login(builders.user(la, role))
    assert client.get(URL).status_code == status


def test_capacity_downloads_as_csv_and_a_one_page_pdf(client, county):
    _, leader, _ = county
    client.force_login(leader)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    projection = forecast.project(EXPECTED["open_cases"], months_back(7))
    expected = [capacity_row(row) for row in forecast.capacity(projection.months, 2, 4)]
    assert rows == [list(CAPACITY_HEADINGS)] + [[str(v) for v in row] for row in expected]
    pdf = client.get(URL, {"format": "pdf"})
    stem = f"what-is-coming-capacity-{months_back(7):%Y-%m}-to-{months_back(1):%Y-%m}"
    assert pdf["Content-Disposition"] == f'attachment; filename="{stem}.pdf"'
    pdf_page_image(pdf)


def test_a_measure_downloads_its_projection_beside_the_same_month_a_year_before(client, county):
    _, leader, _ = county
    client.force_login(leader)
    rows = csv_rows(client.get(URL, {"format": "csv", "measure": "referrals"}))
    projection = forecast.project(EXPECTED["referrals"], months_back(7))
    assert rows[0] == list(PROJECTION_HEADINGS)
    assert len(rows) == 13
    first = projection.months[0]
    assert rows[1][:4] == [
        f"{first.month:%b %Y}",
        str(round(first.mean)),
        str(round(first.low80)),
        str(round(first.high80)),
    ]
    # Seven months of history: the last seven projected months have their month a year before.
    assert [row[6] for row in rows[1:]] == [""] * 5 + [str(n) for n in EXPECTED["referrals"]]
    pdf_page_image(client.get(URL, {"format": "pdf", "measure": "referrals"}))


def test_too_few_months_are_not_projected_and_the_page_says_why(client, db):
    la = builders.authority()
    leader = builders.user(la, Role.SENIOR_LEADER)
    manager = builders.user(la, Role.TEAM_MANAGER)
    for back in (4, 3, 2, 1):
        referral_in(la, manager, months_back(back))
    client.force_login(leader)
    response = client.get(URL)
    html = response.content.decode()
    assert "Not projected: there are 3 complete months of records, and a projection needs at least 6." in html
    assert 'data-testid="chart-' not in html
    assert response.context["capacity_rows"] == []
    assert csv_rows(client.get(URL, {"format": "csv"})) == [list(CAPACITY_HEADINGS)]
    pdf_page_image(client.get(URL, {"format": "pdf"}))

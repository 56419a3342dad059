"""The dashboard's pages: the table, the CSV and the drill-downs tell the same numbers; drill-downs
list exactly the children behind a number and log who saw them; bad parameters get a message on a
working page; other authorities' children never appear; queries stay constant as data grows."""

import csv
import io
from collections import Counter
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from frontdoor.organisations.models import Role
from frontdoor.performance.metrics import FIGURES
from tests import builders
from tests.performance.conftest import LONDON, decide, local, record
from tests.performance.test_figures import GROUPINGS, REFERRALS, decided_within, has_decision, hours, past_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(world):
    return builders.user(world.la, Role.SENIOR_LEADER)


@pytest.fixture
def params(world):
    return {"from": world.period.first.isoformat(), "to": world.period.last.isoformat()}


def page(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"performance:{name}", args=args), query)


def table_rows(response, testid="figure-table"):
    """The figure table as text, as a spreadsheet would hold it: no % signs, thousands separators
    or screen-reader words; an empty string where the page shows a dash for no data."""
    doc = html.fromstring(response.content)
    rows = []
    for tr in doc.xpath(f"//*[@data-testid='{testid}']//tr"):
        row = []
        for cell in tr.xpath("./td"):
            link = cell.xpath(".//a")
            if link:
                text = link[0].text or ""
            elif cell.xpath(".//*[@aria-hidden='true']"):
                text = ""
            else:
                text = cell.text_content()
            row.append(text.strip().replace(",", "").removesuffix("%"))
        headings = [th.text_content().strip() for th in tr.xpath("./th")]
        rows.append(headings + row)
    return rows


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def drill_links(response, testid="figure-table"):
    """(number shown, href) for every number in the figure table that links to its children."""
    doc = html.fromstring(response.content)
    return [
        (int(a.text.replace(",", "")), a.get("href")) for a in doc.xpath(f"//*[@data-testid='{testid}']//a")
    ]


def listed(response):
    doc = html.fromstring(response.content)
    return [
        (row.xpath("./th")[0].text_content().strip(), row.xpath("./td//a")[0].text_content().strip())
        for row in doc.xpath("//*[@data-testid='child-row']")
    ]


# Tables, CSV and headlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "breakdown"), [(s, b) for s, f in FIGURES.items() for b in f.breakdowns])
def test_the_csv_holds_exactly_the_numbers_in_the_table(client, world, leader, params, slug, breakdown):
    shown = page(client, leader, "detail", slug, **params, by=breakdown)
    download = page(client, leader, "detail", slug, **params, by=breakdown, format="csv")

    assert shown.status_code == download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{slug}-by-{breakdown}-{params["from"]}-to-{params["to"]}.csv"'
    )
    if not table_rows(shown):
        # A figure with nothing to count for this viewer (allegations name the managers who may see
        # them) shows its empty message; the download is the same table, all zeros.
        assert html.fromstring(shown.content).xpath("//*[@data-testid='empty']")
        assert {cell for row in csv_rows(download)[1:] for cell in row[1:]} <= {"0", ""}
        return
    assert csv_rows(download) == table_rows(shown)
    assert len(csv_rows(download)) >= 3


def test_the_overview_gives_each_figures_headline_for_the_period(client, world, leader, params):
    journeys = world.journeys()
    decided = [j for j in journeys if has_decision(j)]
    met = sum(1 for j in decided if decided_within(j, "24h"))

    response = page(client, leader, "overview", **params)

    doc = html.fromstring(response.content)
    card = doc.xpath("//*[@data-testid='headline-decisions-24h']")[0].text_content()
    share = f"{round(100 * met / len(decided), 1)}%"
    assert f"{share} of decisions within 24 hours, {world.period.label}" in " ".join(card.split())
    assert f"{met} of {len(decided)} decisions" in card
    assert len(doc.xpath("//*[@data-testid='headlines']/li")) == len(FIGURES)
    for slug in FIGURES:
        assert reverse("performance:detail", args=[slug]) in response.content.decode()


def test_each_detail_page_shows_its_definition_and_the_working_day_convention(client, world, leader, params):
    response = page(client, leader, "detail", "decisions-1wd", **params)
    text = " ".join(
        html.fromstring(response.content).xpath("//*[@data-testid='definition']")[0].text_content().split()
    )
    assert "Working Together to Safeguard Children 2023, ch. 3" in text
    assert "Day-0 convention" in text
    assert "a contact received on a Friday is due by the end of Monday" in text
    assert "Day 0: the day the contact is received is day 0" in text


def test_the_chart_is_an_image_with_a_summary_and_the_100_percent_line(client, world, leader, params):
    response = page(client, leader, "detail", "decisions-24h", **params)
    chart = html.fromstring(response.content).xpath("//*[local-name()='svg'][@data-testid='chart']")[0]
    assert chart.get("role") == "img"
    assert chart.get("aria-labelledby") == "chart-title chart-desc"
    assert "highest" in chart.xpath("./*[local-name()='desc']")[0].text
    assert chart.xpath(".//*[contains(@class, 'app-perf-chart__reference')]")
    assert "style" not in response.content.decode().split("<main", 1)[1]


# Drill-downs -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(FIGURES))
def test_every_number_in_a_table_links_to_a_list_of_exactly_that_many_children(
    client, world, leader, params, slug
):
    links = drill_links(page(client, leader, "detail", slug, **params, by="month"))
    if FIGURES[slug].population.restrict is not None and not links:
        return  # counted only for the staff named on them: tests/performance/test_allegation_figures.py
    assert links
    for number, href in links:
        response = client.get(href)
        assert response.status_code == 200
        assert len(listed(response)) == number, href


def test_a_drilldown_lists_the_children_behind_the_number_and_logs_who_saw_them(
    client, world, leader, params
):
    """Decisions later than 24 hours, month by month: the same children a plain reading finds."""
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    late = [j for j in world.journeys() if has_decision(j) and not decided_within(j, "24h")]
    months = Counter(GROUPINGS["month"](j) for j in late)
    for month in months:
        expected = sorted(
            (j.person.full_name, j.contact.reference) for j in late if GROUPINGS["month"](j) == month
        )
        response = page(client, leader, "drilldown", "decisions-24h", **params, month=month, result="missed")
        assert sorted(listed(response)) == expected
        assert f"{len(expected)} children's contact" in response.content.decode()
    events = AccessEvent.objects.filter(pk__gt=mark, actor=leader, purpose="performance.drilldown")
    per_page = Counter()
    for month in months:
        per_page.update({j.person_id for j in late if GROUPINGS["month"](j) == month})
    assert Counter(e.person_id for e in events) == per_page
    assert {e.authority_id for e in events} == {world.la.pk}


BEHIND = {
    "referral": lambda j, now: has_decision(j) and j.decision.outcome in REFERRALS,
    "undecided": lambda j, now: not has_decision(j),
    "flagged": lambda j, now: bool(j.repeat_reasons),
    "over": lambda j, now: j.contact.incident_at is not None and hours(j) > 24,
    "within": lambda j, now: j.contact.incident_at is not None and hours(j) <= 24,
    "6": lambda j, now: j.contact.source == "6",
    "overdue": lambda j, now: not has_decision(j) and past_due(j, "1wd", now),
    "met": lambda j, now: has_decision(j) and decided_within(j, "1wd"),
}


@pytest.mark.parametrize(
    ("slug", "breakdown", "result"),
    [
        ("contacts", "age", "referral"),
        ("contacts", "disability", "undecided"),
        ("repeat-contacts", "ethnicity", "flagged"),
        ("police-delay", "sex", "over"),
        ("police-delay", "week", "within"),
        ("sources", "team", "6"),
        ("decisions-1wd", "team", "overdue"),
        ("decisions-1wd", "age", "met"),
    ],
)
def test_each_drilldown_lists_exactly_the_children_a_plain_reading_finds(
    client, world, leader, params, slug, breakdown, result
):
    now = timezone.now()
    behind = [j for j in world.journeys() if BEHIND[result](j, now)]
    for key in {GROUPINGS[breakdown](j) for j in behind}:
        expected = sorted(
            (j.person.full_name, j.contact.reference) for j in behind if GROUPINGS[breakdown](j) == key
        )
        bucket = {"team" if breakdown == "team" else breakdown: key}
        response = page(client, leader, "drilldown", slug, **params, **bucket, result=result)
        assert sorted(listed(response)) == expected, (key, result)


def test_a_figure_address_naming_a_result_leads_to_its_list_of_children(client, world, leader):
    response = page(client, leader, "detail", "decisions-24h", month="2026-03", result="missed")
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:drilldown", args=["decisions-24h"]) + (
        "?month=2026-03&result=missed"
    )


def test_a_drilldown_shows_name_reference_times_and_time_taken(client, world, leader, params):
    journey = next(j for j in world.journeys() if has_decision(j) and not decided_within(j, "1wd"))
    month = GROUPINGS["month"](journey)
    response = page(client, leader, "drilldown", "decisions-1wd", **params, month=month, result="missed")
    doc = html.fromstring(response.content)
    row = next(
        r for r in doc.xpath("//*[@data-testid='child-row']") if journey.contact.reference in r.text_content()
    )
    cells = [" ".join(c.text_content().split()) for c in row.xpath("./th|./td")]
    link = row.xpath(".//a")[0].get("href")
    assert link == reverse("contacts:detail", args=[journey.contact_id])
    assert cells[0] == journey.person.full_name
    assert cells[4].endswith(")")
    assert "working day" in cells[4]
    received = journey.contact.received_at.astimezone(LONDON)
    assert received.strftime("%H:%M") in cells[2]


def test_a_drilldown_for_a_bucket_that_does_not_exist_is_not_found(client, world, leader, params):
    for query in ({"month": "2026-13"}, {"week": "2026-03-04"}, {"age": "ancient"}, {"result": "lost"}):
        response = page(client, leader, "drilldown", "contacts", **params, **query)
        assert response.status_code == 404
    assert page(client, leader, "detail", "no-such-figure").status_code == 404
    assert not AccessEvent.objects.filter(purpose="performance.drilldown").exists()


# Empty periods and bad parameters ----------------------------------------------------------------------


def test_a_period_with_no_contacts_says_so_instead_of_dividing_by_zero(client, world, leader):
    empty = {"from": "2001-01-01", "to": "2001-12-31"}
    overview = page(client, leader, "overview", **empty)
    assert overview.status_code == 200
    contact_figures = [f for f in FIGURES.values() if f.population.key == "contacts"]
    assert overview.content.decode().count("No contacts in this period") == len(contact_figures) - 1
    assert "No police notifications with an incident time in this period" in overview.content.decode()
    for slug in FIGURES:
        response = page(client, leader, "detail", slug, **empty)
        assert response.status_code == 200
        assert html.fromstring(response.content).xpath("//*[@data-testid='empty']")
        assert not html.fromstring(response.content).xpath("//*[@data-testid='figure-table']")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-02-30"}, "Enter the start date as year-month-day, for example, 2025-04-01"),
        ({"to": "yesterday"}, "Enter the end date as year-month-day, for example, 2025-04-01"),
        (
            {"from": "2026-04-01", "to": "2026-03-01"},
            "The end date must be the same as or after the start date",
        ),
        ({"team": "99999"}, "Choose a team from the list"),
    ],
)
def test_bad_parameters_get_a_message_and_a_working_page(client, world, leader, query, message):
    for name, args in (("overview", ()), ("detail", ("contacts",)), ("drilldown", ("contacts",))):
        response = page(client, leader, name, *args, **query)
        assert response.status_code == 200
        doc = html.fromstring(response.content)
        assert [a.text_content() for a in doc.xpath("//*[contains(@class, 'govuk-error-summary')]//a")] == [
            message
        ]
        assert doc.xpath("//title")[0].text.startswith("Error: ")


def test_a_csv_is_not_sent_for_a_period_with_mistakes(client, world, leader):
    response = page(client, leader, "detail", "contacts", **{"from": "nonsense", "format": "csv"})
    assert response["Content-Type"].startswith("text/html")


def test_the_default_period_is_the_last_twelve_full_months(client, world, leader):
    today = timezone.localdate()
    response = page(client, leader, "overview")
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert (
        first.strftime("%b %Y")
        in html.fromstring(response.content).xpath("//*[@data-testid='period']")[0].text_content()
    )


# Who can see what -------------------------------------------------------------------------------------


def test_another_authoritys_children_are_never_counted_or_listed(client, world, params):
    theirs = builders.user(world.other_la, Role.SENIOR_LEADER)
    response = page(client, theirs, "detail", "contacts", **params, by="month")
    assert table_rows(response)[-1][1:3] == ["1", "1"]  # their one contact, one child
    listing = page(client, theirs, "drilldown", "contacts", **params, result="all")
    assert [name for name, _ in listed(listing)] == ["Sid Elsewhere"]
    ours = {j.person_id for j in world.journeys()}
    assert not AccessEvent.objects.filter(actor=theirs, person_id__in=ours).exists()


@pytest.mark.parametrize("name", ["overview", "detail", "drilldown"])
def test_staff_who_cannot_see_children_are_refused_and_nothing_is_logged(client, world, params, name):
    admin = builders.user(world.la, Role.ADMINISTRATOR)
    args = () if name == "overview" else ("contacts",)
    response = page(client, admin, name, *args, **params)
    assert response.status_code == 403
    assert b"Example" not in response.content
    assert not AccessEvent.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("performance:overview"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


# Queries ---------------------------------------------------------------------------------------------


def count_queries(client, url, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


def more_contacts(world, n=12):
    """Another n children's contacts, some decided, spread over the period."""
    today = timezone.localdate()
    for i in range(n):
        child = builders.child(world.la, f"Extra{i}", "Example")
        received = local(today - timedelta(days=5 + 7 * i), 10)
        contact = record(world.la, world.officer, [child], received, source="6", incident_hours=3 + i)
        if i % 2:
            decide(world.manager, contact.children.get(), "assessment", received + timedelta(hours=5 * i))


def test_every_page_takes_the_same_number_of_queries_however_much_data(client, world, leader, params):
    client.force_login(leader)
    pages = [(reverse("performance:overview"), params)]
    for slug, figure in FIGURES.items():
        detail = reverse("performance:detail", args=[slug])
        pages += [(detail, params | {"by": b}) for b in figure.breakdowns]
        pages.append((detail, params | {"format": "csv"}))
        pages.append((reverse("performance:drilldown", args=[slug]), params))
    before = [count_queries(client, url, query) for url, query in pages]
    more_contacts(world)
    after = [count_queries(client, url, query) for url, query in pages]
    assert before == after
    counts = dict(
        zip([f"{urlparse(u).path} {q.get('by', q.get('format', ''))}" for u, q in pages], after, strict=True)
    )
    # Every page: the session and the user, the team list, the authority and the unread notifications
    # (header), and the session's save (a savepoint, an update, its release): eight; a CSV renders no
    # header, so six.
    page_cost = 8
    # + the police delays and the assessments' working days, listed for their medians
    assert counts[f"{reverse('performance:overview')} "] == page_cost + len(FIGURES) + 2
    assert counts[f"{reverse('performance:detail', args=['contacts'])} week"] == page_cost + 2  # total, rows
    assert counts[f"{reverse('performance:detail', args=['police-delay'])} month"] == page_cost + 3
    assert counts[f"{reverse('performance:detail', args=['sources'])} csv"] == page_cost - 2 + 2
    # A drill-down: the count behind the number, the count listed, the page of children, and the
    # access log's one insert.
    assert counts[f"{reverse('performance:drilldown', args=['contacts'])} "] == page_cost + 4

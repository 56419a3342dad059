"""A figure's trend page (issue 20 §1): each month is the figure's own month breakdown, the series
is one grouped query whatever the span, every month's numbers lead to exactly that many children,
and the XmR chart, its table, CSV and PDF tell the same numbers."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.organisations.models import Role
from frontdoor.performance import selectors, spc, trends
from frontdoor.performance.metrics import BREAKDOWNS, FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import FigureData, Row, Trend
from tests import builders
from tests.performance.papers import csv_rows, pdf_page_image
from tests.performance.test_views import drill_links, listed, page, table_rows

pytestmark = pytest.mark.django_db
TRENDED = [slug for slug, f in FIGURES.items() if "month" in f.breakdowns]


@pytest.fixture
def leader(world):
    return builders.user(world.la, Role.SENIOR_LEADER)


def span(months):
    first, last = spc.trend_months(timezone.localdate(), months)
    return Period(first, last)


@pytest.mark.parametrize("slug", TRENDED)
def test_each_month_is_the_figures_own_month_breakdown(client, world, leader, slug):
    period = span(12)
    figure = FIGURES[slug]
    detail = page(client, leader, "detail", slug, by="month", **{"from": period.first, "to": period.last})
    trend = table_rows(page(client, leader, "trend", slug, months="12"), "trend-table")[1:]
    table = table_rows(detail)
    if not table:  # nothing in the year for this leader (allegations are for the staff named on them)
        assert {row[1] for row in trend} <= {"0", ""}
        return
    if slug == "sources":  # sources run down the side, months across; the foot is all sources
        assert [row[1] for row in trend] == table[-1][1:-1]
        return
    by_month = {row[0]: row[1:] for row in table[1:-1]}
    at = [c.key for c in figure.table_columns].index(figure.chart_column)
    assert [row[0] for row in trend] == list(by_month)
    assert [row[1] for row in trend] == [values[at] for values in by_month.values()]


@pytest.mark.parametrize("slug", ["contacts", "police-delay", "assessment-duration", "sources"])
def test_the_series_is_one_grouped_query_whatever_the_span(world, leader, slug, django_assert_num_queries):
    figure = FIGURES[slug]
    listed_values = 1 if slug in ("police-delay", "assessment-duration") else 0
    scope = selectors.scope_for(actor=leader, period=span(12), team=None, now=timezone.now())
    with django_assert_num_queries(2 + listed_values):  # the span's total, the months, the list
        trend = selectors.trend_data(figure=figure, scope=scope)
    assert len(trend.series.rows) == 12
    assert trend.last_year is None
    for months in (24, 60):
        scope = selectors.scope_for(actor=leader, period=span(months), team=None, now=timezone.now())
        # ... and each year of the comparison: its total (and its list).
        with django_assert_num_queries(2 + listed_values + 2 * (1 + listed_values)):
            trend = selectors.trend_data(figure=figure, scope=scope)
        assert len(trend.series.rows) == months


def test_the_page_takes_the_same_queries_for_12_and_60_months(
    client, world, leader, django_assert_num_queries
):
    client.force_login(leader)
    url = reverse("performance:trend", args=["decisions-24h"])
    client.get(url, {"months": "12"})  # the session is saved once
    # Session and user, the team list, the authority, unread notifications, the session's save
    # (savepoint, update, release), the series' total and months, and for 60 months the two years.
    with django_assert_num_queries(8 + 2):
        assert client.get(url, {"months": "12"}).status_code == 200
    with django_assert_num_queries(8 + 2 + 2):
        assert client.get(url, {"months": "60"}).status_code == 200


@pytest.mark.parametrize("slug", ["decisions-24h", "contacts", "seen-1wd", "return-interviews"])
def test_every_months_number_leads_to_exactly_that_many_children(client, world, leader, slug):
    response = page(client, leader, "trend", slug, months="12")
    links = drill_links(response, "trend-table")
    assert links
    for number, href in links:
        drilled = client.get(href)
        assert drilled.status_code == 200
        assert len(listed(drilled)) == number, href


def test_the_comparison_counts_each_year_as_a_whole(client, world, leader):
    response = page(client, leader, "trend", "decisions-24h", months="24")
    doc = html.fromstring(response.content)
    shown = [
        (r.xpath("./dt")[0].text_content().strip(), r.xpath("./dd")[0].text_content().strip())
        for r in doc.xpath("//*[@data-testid='comparison']/div")
    ]
    recent, earlier = span(12), Period(span(24).first, span(12).first - timedelta(days=1))

    def share(period):
        scope = selectors.scope_for(actor=leader, period=period, team=None, now=timezone.now())
        total = selectors.figure_data(figure=FIGURES["decisions-24h"], scope=scope, breakdown=None).total
        return total.values["share"]

    assert [what.split(",")[0] for what, _ in shown] == ["Last 12 months", "The 12 months before", "Change"]
    assert shown[0] == (f"Last 12 months, {recent.label}", f"{share(recent)}%")
    assert shown[1][1] == (f"{share(earlier)}%" if share(earlier) is not None else "\N{EN DASH}")


def test_the_chart_names_its_signals_and_marks_them(rf, leader):
    figure = FIGURES["decisions-24h"]
    # Eight months around 62.5%, then eight around 72.5%: within the limits, but each half a run.
    shares = [60, 66, 58, 64, 61, 67, 59, 65, 70, 76, 68, 74, 71, 77, 69, 75]
    months = [date(2024 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(16)]
    rows = [
        Row(
            m.isoformat()[:7],
            m.strftime("%b %Y"),
            {"share": Decimal(s), "decided": 100, "met": s, "children": 100},
            False,
        )
        for m, s in zip(months, shares, strict=True)
    ]
    total = Row(None, "Total", {"share": Decimal(71), "decided": 1600, "children": 1600})
    scope = selectors.scope_for(
        actor=leader, period=Period(months[0], date(2025, 7, 31)), team=None, now=timezone.now()
    )
    view = trends.trend_view(
        Trend(FigureData(figure, BREAKDOWNS["month"], rows, total), None, None),
        scope,
        figure.column("share"),
        24,
    )
    assert (view.mean, view.lower, view.upper) == ("67.5%", "51.4%", "83.6%")
    assert view.answer[1] == f"Apr 2024 \N{EN DASH} Nov 2024: {spc.MEANINGS[spc.SignalKind.RUN_BELOW]}."
    assert view.answer[2] == f"Dec 2024 \N{EN DASH} Jul 2025: {spc.MEANINGS[spc.SignalKind.RUN_ABOVE]}."
    assert view.answer[3] == "For this figure higher is better."
    svg = html.fromstring(str(view.chart_svg))
    assert len(svg.xpath("//*[@data-testid='signal-point']")) == 16
    description = svg.xpath("//desc")[0].text
    assert "Signals: Apr 2024 \N{EN DASH} Nov 2024, 8 or more months in a row below the mean" in description
    assert svg.xpath("//*[@data-testid='upper-limit']")
    assert svg.xpath("//*[@stroke-dasharray]")


def test_the_trend_downloads_as_a_csv_of_every_month_and_a_one_page_pdf(client, world, leader):
    csv_response = page(client, leader, "trend", "decisions-24h", months="60", format="csv")
    rows = csv_rows(csv_response)
    assert rows[0][:6] == ["Month", "Share within 24 hours", "Mean", "Lower limit", "Upper limit", "Signal"]
    assert len(rows) == 61
    page_text = html.fromstring(page(client, leader, "trend", "decisions-24h", months="60").content)
    mean = page_text.xpath("//*[@data-testid='trend-chart']//*[@data-testid='mean']")
    assert mean
    assert {tuple(r[2:5]) for r in rows[1:]} == {tuple(rows[1][2:5])}  # one mean and one pair of limits
    assert float(rows[1][3]) <= float(rows[1][2]) <= float(rows[1][4])
    first, last = span(60).first, span(60).last
    assert rows[1][0] == f"{last:%b %Y}"
    assert rows[-1][0] == f"{first:%b %Y}"
    name = f"trend-decisions-24h-share-{first.isoformat()[:7]}-to-{last.isoformat()[:7]}.csv"
    assert csv_response["Content-Disposition"] == f'attachment; filename="{name}"'
    pdf_page_image(page(client, leader, "trend", "decisions-24h", months="60", format="pdf"))


def test_the_page_is_reached_from_the_dashboard_and_the_figure(client, world, leader):
    trend = reverse("performance:trend", args=["contacts"])
    overview = html.fromstring(page(client, leader, "overview").content)
    assert overview.xpath("//*[@data-testid='trend-link-contacts']/@href") == [trend]
    detail = html.fromstring(page(client, leader, "detail", "contacts").content)
    assert detail.xpath("//*[@data-testid='trend-link']/@href") == [trend]


def test_spans_and_columns_are_chosen_on_the_page_and_bad_ones_fall_back(client, world, leader):
    response = page(client, leader, "trend", "contacts", months="7", column="nonsense")
    doc = html.fromstring(response.content)
    assert doc.xpath("//a[@aria-current='page']/text()") == ["36 months"]
    assert len(table_rows(response, "trend-table")) == 37
    assert doc.xpath("//*[@data-testid='trend-table']//th[@scope='col']/text()")[1] == "Became referrals"
    other = page(client, leader, "trend", "contacts", months="24", column="undecided")
    assert len(table_rows(other, "trend-table")) == 25
    assert html.fromstring(other.content).xpath("//*[@data-testid='trend-table']//th[@scope='col']/text()")[
        1
    ] == ("Awaiting a decision")
    assert page(client, leader, "trend", "no-such-figure").status_code == 404


def test_another_authoritys_children_are_not_counted(client, world, leader):
    other_leader = builders.user(world.other_la, Role.SENIOR_LEADER)
    for user in (leader, other_leader):
        rows = table_rows(page(client, user, "trend", "contacts", months="12"), "trend-table")[1:]
        scope = selectors.scope_for(actor=user, period=span(12), team=None, now=timezone.now())
        total = selectors.figure_data(figure=FIGURES["contacts"], scope=scope, breakdown=None).total
        assert sum(int(r[1]) for r in rows) == total.values["referrals"]


def test_months_before_anything_was_counted_are_left_out_of_the_chart(leader):
    figure = FIGURES["contacts"]
    months = [date(2025 + (i // 12), i % 12 + 1, 1) for i in range(24)]
    counts = [0] * 12 + [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13]
    rows = [
        Row(m.isoformat()[:7], m.strftime("%b %Y"), {"children": n, "referrals": n // 2}, False)
        for m, n in zip(months, counts, strict=True)
    ]
    scope = selectors.scope_for(
        actor=leader, period=Period(months[0], date(2026, 12, 31)), team=None, now=timezone.now()
    )
    series = FigureData(figure, BREAKDOWNS["month"], rows, Row(None, "Total", {"children": 138}))
    view = trends.trend_view(Trend(series, None, None), scope, figure.column("children"), 24)
    assert view.mean == "11.5"
    assert (
        view.answer[0]
        == "Dec 2026: 13, against a mean of 11.5 over the 12 months charted (limits 6.4 to 16.6)."
    )
    assert view.answer[-1] == (
        "Nothing is counted before Jan 2026: the 12 months before it are left out of the chart, the mean "
        "and the limits."
    )
    assert len(view.chart.marks) == 12

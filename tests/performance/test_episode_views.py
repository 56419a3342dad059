"""The episode figures' pages: the histogram of assessment duration with its 45-day line and its
own table and CSV; drill-downs listing exactly the referrals behind a number, linking each to the
referral's page; bad buckets and results are not found."""

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from tests.performance.conftest import LONDON
from tests.performance.test_episode_figures import (
    BANDS,
    add_working_days,
    band,
    expected_values,
    is_re_referral,
    local_day,
    population,
    seen_at,
    taken,
)
from tests.performance.test_views import csv_rows, drill_links, leader, page, params, table_rows

pytestmark = pytest.mark.django_db
__all__ = ["leader", "params"]  # fixtures shared with test_views


def listed_referrals(response):
    """(child's name, href of the referral link) for each row of a drill-down."""
    doc = html.fromstring(response.content)
    return [
        (row.xpath("./th")[0].text_content().strip(), row.xpath("./td//a")[0].get("href"))
        for row in doc.xpath("//*[@data-testid='child-row']")
    ]


def referral_link(r):
    return reverse("records:episode", args=[r.pk])


def test_the_histogram_has_a_column_per_band_and_the_45_day_line_between_41_45_and_46_50(
    client, world, leader, params
):
    response = page(client, leader, "detail", "assessment-duration", **params)
    doc = html.fromstring(response.content)
    chart = doc.xpath("//*[local-name()='svg'][@data-testid='chart']")[0]
    bars = chart.xpath(".//*[contains(@class, 'app-perf-chart__bar')]")
    assert len(bars) == len(BANDS) == 19
    line = chart.xpath(".//*[@data-testid='chart-divider']")[0]
    ninth, tenth = bars[8], bars[9]
    x = float(line.get("x1"))
    assert float(ninth.get("x")) + float(ninth.get("width")) < x < float(tenth.get("x"))
    assert line.get("x1") == line.get("x2")
    assert "45 working days" in doc.xpath("//figcaption")[0].text_content()
    assert "style" not in response.content.decode().split("<main", 1)[1]


def test_the_histogram_table_and_its_csv_hold_each_bands_count(client, world, leader, params):
    now = timezone.now()
    rows = population("assessment-duration", world.episodes(), world.period, now)
    days = [taken(r) for r in rows if taken(r) is not None]

    shown = page(client, leader, "detail", "assessment-duration", **params)
    download = page(
        client, leader, "detail", "assessment-duration", **params, format="csv", table="histogram"
    )

    table = table_rows(shown, "histogram-table")
    assert [int(row[1]) for row in table[1:-1]] == [sum(1 for d in days if band(d) == key) for key in BANDS]
    assert table[-1][:2] == ["All completed", str(len(days))]
    assert csv_rows(download) == table
    assert download["Content-Disposition"].endswith(
        "-working-days-" + f'{params["from"]}-to-{params["to"]}.csv"'
    )
    for number, href in drill_links(shown, "histogram-table"):
        assert len(listed_referrals(client.get(href))) == number


def test_the_detail_tables_show_the_figures_a_plain_reading_finds(client, world, leader, params):
    now = timezone.now()
    everyone = world.episodes()
    for slug, key, heading in (
        ("seen-1wd", "within", "Within 1 working day"),
        ("seen-5wd", "overdue", "Not yet seen, past due now"),
        ("assessment-duration", "open_over", "Still open, past 45 working days now"),
        ("re-referrals", "rereferrals", "Re-referrals within 12 months"),
    ):
        expected = expected_values(slug, population(slug, everyone, world.period, now), everyone, now)
        table = table_rows(page(client, leader, "detail", slug, **params, by="team"))
        column = table[0].index(heading)
        assert table[-1][0] == "Total"
        assert int(table[-1][column]) == expected[key], slug


BEHIND = {
    ("seen-5wd", "overdue"): lambda r, now: (
        not r.significant_harm
        and not seen_at(r)
        and local_day(now) > add_working_days(local_day(r.received_at), 5)
    ),
    ("seen-1wd", "later"): lambda r, now: (
        r.significant_harm
        and seen_at(r) is not None
        and local_day(seen_at(r)) > add_working_days(local_day(r.received_at), 1)
    ),
    ("assessment-duration", "band_0_5"): lambda r, now: taken(r) is not None and taken(r) <= 5,
    ("assessment-duration", "over"): lambda r, now: taken(r) is not None and taken(r) > 45,
    ("re-referrals", "rereferral"): None,  # worked out from every episode below
}


@pytest.mark.parametrize(("slug", "result"), list(BEHIND))
def test_each_episode_drilldown_lists_exactly_the_referrals_a_plain_reading_finds(
    client, world, leader, params, slug, result
):
    now = timezone.now()
    everyone = world.episodes()
    rows = population(slug, everyone, world.period, now)
    test = BEHIND[(slug, result)] or (lambda r, now: is_re_referral(r, everyone))
    expected = sorted((r.person.full_name, referral_link(r)) for r in rows if test(r, now))
    assert expected

    response = page(client, leader, "drilldown", slug, **params, result=result)

    assert sorted(listed_referrals(response)) == expected
    noun = "assessment" if slug == "assessment-duration" else "referral"
    assert f"{len(expected)} {noun}" in response.content.decode()
    logged = AccessEvent.objects.filter(actor=leader, purpose="performance.drilldown")
    assert {e.person_id for e in logged} == {r.person_id for r in rows if test(r, now)}


def test_an_episode_drilldown_row_shows_the_referral_the_dates_and_working_days(
    client, world, leader, params
):
    now = timezone.now()
    rows = population("assessment-duration", world.episodes(), world.period, now)
    done = next(r for r in rows if taken(r) is not None and taken(r) > 45)
    month = local_day(done.assessment_clock.completed_at).strftime("%Y-%m")
    response = page(client, leader, "drilldown", "assessment-duration", **params, month=month, result="over")
    doc = html.fromstring(response.content)
    row = next(
        r
        for r in doc.xpath("//*[@data-testid='child-row']")
        if referral_link(done) in html.tostring(r).decode()
    )
    cells = [" ".join(c.text_content().split()) for c in row.xpath("./th|./td")]
    assert cells[0] == done.person.full_name
    assert cells[1] == f"Referral {done.referral_date:%-d %b %Y}"
    assert done.received_at.astimezone(LONDON).strftime("%H:%M") in cells[2]
    assert cells[4].startswith(f"{taken(done)} working days (")
    headings = [th.text_content().strip() for th in doc.xpath("//*[@data-testid='children']//thead//th")]
    assert headings == [
        "Child",
        "Referral",
        "Received",
        "Assessment completed",
        "Time taken",
        "Due",
    ]


@pytest.mark.parametrize("slug", ["seen-1wd", "seen-5wd", "assessment-duration", "re-referrals"])
def test_an_episode_drilldown_for_a_bucket_or_result_that_does_not_exist_is_not_found(
    client, world, leader, params, slug
):
    for query in (
        {"month": "2026-13"},
        {"week": "2026-03-04"},
        {"age": "ancient"},
        {"result": "lost"},
        {"result": "band_1_2"},
        {"result": "referral"},  # a result of another figure
    ):
        assert page(client, leader, "drilldown", slug, **params, **query).status_code == 404, query
    assert not AccessEvent.objects.filter(purpose="performance.drilldown").exists()


def test_child_protection_drilldowns_list_the_children_and_link_to_their_strategy_discussions(
    client, world, leader, params
):
    discussions = world.discussions()
    three = {"police", "health", "education"}
    missing = [d for d in discussions if not three <= {p.agency for p in d.participants.all() if p.attended}]
    response = page(client, leader, "drilldown", "strategy-attendance", **params, result="missing")
    assert sorted(listed_referrals(response)) == sorted(
        (d.person.full_name, reverse("child_protection:discussion", args=[d.pk])) for d in missing
    )
    assert [name for name, _ in listed_referrals(response)] != []

    overdue = page(client, leader, "drilldown", "icpc-15wd", **params, result="overdue")
    ben = next(e for e in world.enquiries() if e.person == world.people["ben"])
    assert listed_referrals(overdue) == [
        (ben.person.full_name, reverse("child_protection:discussion", args=[ben.discussion_id]))
    ]
    assert "1 section 47 enquiry" in overdue.content.decode()

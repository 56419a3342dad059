"""Every figure on the dashboard, for every breakdown, equals the same figure computed here plainly
from the raw rows: contacts, decisions, clocks' event times, people. Nothing here uses the
dashboard's own rules or SQL, so a mistake in either shows up as a difference."""

import statistics
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import holidays
import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.selectors import Scope
from tests.performance.conftest import LONDON

pytestmark = pytest.mark.django_db

REFERRALS = {"assessment", "strategy"}
SOURCES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F"]
SOURCES += ["4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2024, 2029))


# Plain versions of each grouping --------------------------------------------------------------------


def received_day(j):
    return j.contact.received_at.astimezone(LONDON).date()


def ethnic_group(code):
    if code in ("WBRI", "WIRI", "WIRT", "WOTH", "WROM"):
        return "white"
    if code.startswith("M"):
        return "mixed"
    if code in ("AIND", "APKN", "ABAN", "AOTH"):
        return "asian"
    if code in ("BCRB", "BAFR", "BOTH"):
        return "black"
    if code in ("CHNE", "OOTH"):
        return "other"
    return "not_known"


def age_band(j):
    return age_band_on(j.person, received_day(j))


def age_band_on(person, on):
    if person.date_of_birth is None:
        return "unborn" if person.expected_date_of_birth else "not_known"
    if person.date_of_birth > on:
        return "unborn"
    years = relativedelta(on, person.date_of_birth).years
    for limit, band in ((1, "under_1"), (5, "1_4"), (10, "5_9"), (16, "10_15")):
        if years < limit:
            return band
    return "16_plus"


GROUPINGS = {
    "week": lambda j: (received_day(j) - timedelta(days=received_day(j).weekday())).isoformat(),
    "month": lambda j: received_day(j).strftime("%Y-%m"),
    "team": lambda j: str(j.owner.team_id) if j.owner and j.owner.team_id else "none",
    "ethnicity": lambda j: ethnic_group(j.person.ethnicity),
    "sex": lambda j: j.person.sex,
    "disability": lambda j: "yes" if [c for c in j.person.disabilities if c != "NONE"] else "no",
    "age": age_band,
}


# Plain versions of each figure -----------------------------------------------------------------------


def pct(part, whole):
    if whole == 0:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def next_working_day(day):
    day += timedelta(days=1)
    while day.weekday() >= 5 or day in BANK_HOLIDAYS:
        day += timedelta(days=1)
    return day


def decided_within(j, standard):
    decided = j.decision.decided_at
    if standard == "24h":
        return decided <= j.contact.received_at + timedelta(hours=24)
    return decided.astimezone(LONDON).date() <= next_working_day(received_day(j))


def past_due(j, standard, now):
    if standard == "24h":
        return now > j.contact.received_at + timedelta(hours=24)
    return now.astimezone(LONDON).date() > next_working_day(received_day(j))


def has_decision(j):
    return hasattr(j, "decision")


def hours(j):
    return (j.contact.received_at - j.contact.incident_at).total_seconds() / 3600


def one_dp(value):
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ninetieth(values):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def expected_values(slug, journeys, now):
    n = len(journeys)
    decided = [j for j in journeys if has_decision(j)]
    if slug == "contacts":
        referrals = sum(1 for j in decided if j.decision.outcome in REFERRALS)
        return {
            "children": n,
            "contacts": len({j.contact_id for j in journeys}),
            "referrals": referrals,
            "undecided": n - len(decided),
            "share": pct(referrals, n),
        }
    if slug in ("decisions-24h", "decisions-1wd"):
        standard = "24h" if slug == "decisions-24h" else "1wd"
        met = sum(1 for j in decided if decided_within(j, standard))
        overdue = sum(1 for j in journeys if not has_decision(j) and past_due(j, standard, now))
        return {
            "children": n,
            "decided": len(decided),
            "met": met,
            "missed": len(decided) - met,
            "overdue": overdue,
            "share": pct(met, len(decided)),
        }
    if slug == "repeat-contacts":
        flagged = sum(1 for j in journeys if j.repeat_reasons)
        return {"children": n, "flagged": flagged, "share": pct(flagged, n)}
    if slug == "police-delay":
        police = [j for j in journeys if j.contact.incident_at is not None]
        delays = [hours(j) for j in police]
        within = sum(1 for d in delays if d <= 24)
        return {
            "children": len(police),
            "notifications": len({j.contact_id for j in police}),
            "within": within,
            "over": len(police) - within,
            "share": pct(within, len(police)),
            "median": one_dp(statistics.median(delays)) if delays else None,
            "p90": one_dp(ninetieth(delays)) if delays else None,
        }
    counts = {code: sum(1 for j in journeys if j.contact.source == code) for code in SOURCES}
    return {"children": n, **counts}


def grouped_expectation(slug, journeys, breakdown, now):
    groups = defaultdict(list)
    for j in journeys:
        groups[GROUPINGS[breakdown](j)].append(j)
    return {key: expected_values(slug, members, now) for key, members in groups.items()}


def population(slug, journeys):
    if slug == "police-delay":
        return [j for j in journeys if j.contact.incident_at is not None]
    return journeys


CONTACT_FIGURES = {slug: f for slug, f in FIGURES.items() if f.population.key == "contacts"}
CASES = [(slug, breakdown) for slug, figure in CONTACT_FIGURES.items() for breakdown in figure.breakdowns]


@pytest.mark.parametrize(("slug", "breakdown"), CASES)
def test_every_figure_and_breakdown_equals_a_plain_count_of_the_raw_rows(world, slug, breakdown):
    now = timezone.now()
    scope = Scope(world.la.pk, world.period, None, now)
    journeys = world.journeys()
    empty = expected_values(slug, [], now)

    data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown=breakdown)

    expected = grouped_expectation(slug, population(slug, journeys), breakdown, now)
    got = {row.key: row.values for row in data.rows}
    assert {k: v for k, v in got.items() if v["children"]} == expected
    assert all(values == empty for key, values in got.items() if key not in expected)
    assert data.total.values == expected_values(slug, journeys, now)


def test_the_world_has_the_cases_the_figures_must_tell_apart(world):
    """Guard against a data set too tame to catch mistakes: each kind of case is present."""
    journeys = world.journeys()
    now = timezone.now()
    decided = [j for j in journeys if has_decision(j)]
    assert len(journeys) == 27
    assert {decided_within(j, "24h") for j in decided} == {True, False}
    assert {decided_within(j, "1wd") for j in decided} == {True, False}
    assert any(not has_decision(j) and past_due(j, "24h", now) for j in journeys)
    assert any(not has_decision(j) and not past_due(j, "24h", now) for j in journeys)
    assert {bool(j.repeat_reasons) for j in journeys} == {True, False}
    assert {GROUPINGS["age"](j) for j in journeys} == {
        "unborn",
        "under_1",
        "1_4",
        "5_9",
        "10_15",
        "16_plus",
        "not_known",
    }
    assert {GROUPINGS["ethnicity"](j) for j in journeys} == {
        "white",
        "mixed",
        "asian",
        "black",
        "other",
        "not_known",
    }
    assert {GROUPINGS["team"](j) for j in journeys} == {str(world.team_a.pk), str(world.team_b.pk), "none"}
    assert {GROUPINGS["disability"](j) for j in journeys} == {"yes", "no"}
    assert {hours(j) <= 24 for j in journeys if j.contact.incident_at} == {True, False}


def test_a_team_filter_counts_only_that_teams_children(world):
    now = timezone.now()
    for team, key in ((world.team_b.pk, str(world.team_b.pk)), ("none", "none")):
        scope = Scope(world.la.pk, world.period, team, now)
        mine = [j for j in world.journeys() if GROUPINGS["team"](j) == key]
        for slug, figure in CONTACT_FIGURES.items():
            data = selectors.figure_data(figure=figure, scope=scope, breakdown="month")
            assert data.total.values == expected_values(slug, mine, now), (team, slug)


def test_another_authoritys_contacts_are_never_counted(world):
    now = timezone.now()
    theirs = Scope(world.other_la.pk, world.period, None, now)
    data = selectors.figure_data(figure=FIGURES["police-delay"], scope=theirs, breakdown="month")
    assert (data.total.values["children"], data.total.values["median"]) == (1, Decimal("2.0"))
    ours = selectors.figure_data(
        figure=FIGURES["contacts"], scope=Scope(world.la.pk, world.period, None, now), breakdown=None
    )
    assert ours.total.values["children"] == len(world.journeys())


def test_a_period_with_nothing_in_it_has_no_rates_rather_than_a_division_by_zero(world):
    scope = Scope(world.la.pk, selectors.Period(date(2001, 1, 1), date(2001, 12, 31)), None, timezone.now())
    for figure in FIGURES.values():
        data = selectors.figure_data(figure=figure, scope=scope, breakdown="month")
        assert not data.has_data
        assert len(data.rows) == 12
        assert data.total.values.get("share") is None
        assert all(row.values["children"] == 0 for row in data.rows)


@pytest.mark.parametrize("breakdown", [None, "week", "team", "age"])
def test_each_figure_takes_the_same_few_queries_however_much_data(world, breakdown):
    # A manager, so the allegation figures (restricted to the staff named on them) run their query.
    scope = Scope(world.la.pk, world.period, None, timezone.now(), actor=world.manager)
    for slug, figure in FIGURES.items():
        if breakdown and breakdown not in figure.breakdowns:
            continue
        with CaptureQueriesContext(connection) as queries:
            selectors.figure_data(figure=figure, scope=scope, breakdown=breakdown)
        expected = (1 if breakdown is None else 2) + (slug in ("police-delay", "assessment-duration"))
        assert len(queries) == expected, slug

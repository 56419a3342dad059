"""The child protection figures (initial conferences within 15 working days of the strategy
discussion; strategy discussions with police, health and education present), for every breakdown,
equal the same figures computed here plainly from the raw rows: enquiries, their strategy
discussions and conferences, the discussions' participants, allocations and people."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.selectors import Scope
from tests.performance.test_episode_figures import add_working_days, local_day, team_at_end
from tests.performance.test_figures import age_band_on, ethnic_group, pct

pytestmark = pytest.mark.django_db

AGENCIES = ("police", "health", "education")


def conference_day(enquiry):
    part = getattr(enquiry, "initial_conference", None)  # none yet raises RelatedObjectDoesNotExist
    return part.conference.held_on if part else None


def present(discussion):
    return {p.agency for p in discussion.participants.all() if p.attended}


def rows_of(slug, world, period):
    if slug == "icpc-15wd":
        rows = [e for e in world.enquiries() if e.outcome == "icpc"]
        held = lambda e: e.discussion.held_at  # noqa: E731
    else:
        rows, held = world.discussions(), lambda d: d.held_at
    return [(r, local_day(held(r))) for r in rows if period.first <= local_day(held(r)) <= period.last]


def group(breakdown, record, day, period):
    person = record.person
    return {
        "week": lambda: (day - timedelta(days=day.weekday())).isoformat(),
        "month": lambda: day.strftime("%Y-%m"),
        "team": lambda: team_at_end(record.referral, period),
        "ethnicity": lambda: ethnic_group(person.ethnicity),
        "sex": lambda: person.sex,
        "disability": lambda: "yes" if [c for c in person.disabilities if c != "NONE"] else "no",
        "age": lambda: age_band_on(person, day),
    }[breakdown]()


def expected_values(slug, rows, now):
    n = len(rows)
    if slug == "icpc-15wd":
        due = {e.pk: add_working_days(day, 15) for e, day in rows}
        held = [(e, conference_day(e)) for e, _ in rows if conference_day(e)]
        within = sum(1 for e, on in held if on <= due[e.pk])
        overdue = sum(1 for e, _ in rows if not conference_day(e) and local_day(now) > due[e.pk])
        return {
            "children": n,
            "held": len(held),
            "within": within,
            "later": len(held) - within,
            "overdue": overdue,
            "share": pct(within, len(held)),
        }
    counts = {agency: sum(1 for d, _ in rows if agency in present(d)) for agency in AGENCIES}
    all_three = sum(1 for d, _ in rows if set(AGENCIES) <= present(d))
    return {
        "children": n,
        **counts,
        "all_three": all_three,
        "missing": n - all_three,
        "share": pct(all_three, n),
    }


CP = ("icpc-15wd", "strategy-attendance")
CASES = [(slug, breakdown) for slug in CP for breakdown in FIGURES[slug].breakdowns]


@pytest.mark.parametrize(("slug", "breakdown"), CASES)
def test_every_child_protection_figure_and_breakdown_equals_a_plain_count(world, slug, breakdown):
    now = timezone.now()
    rows = rows_of(slug, world, world.period)
    empty = expected_values(slug, [], now)

    data = selectors.figure_data(
        figure=FIGURES[slug], scope=Scope(world.la.pk, world.period, None, now), breakdown=breakdown
    )

    groups = defaultdict(list)
    for record, day in rows:
        groups[group(breakdown, record, day, world.period)].append((record, day))
    expected = {key: expected_values(slug, members, now) for key, members in groups.items()}
    got = {row.key: row.values for row in data.rows}
    assert {k: v for k, v in got.items() if v["children"]} == expected
    assert all(values == empty for key, values in got.items() if key not in expected)
    assert data.total.values == expected_values(slug, rows, now)


def test_the_world_has_the_child_protection_cases_the_figures_must_tell_apart(world):
    now = timezone.now()
    icpc = expected_values("icpc-15wd", rows_of("icpc-15wd", world, world.period), now)
    assert (icpc["children"], icpc["held"], icpc["within"], icpc["later"], icpc["overdue"]) == (4, 2, 1, 1, 1)
    attendance = expected_values(
        "strategy-attendance", rows_of("strategy-attendance", world, world.period), now
    )
    assert attendance == {
        "children": 5,
        "police": 4,
        "health": 3,
        "education": 2,
        "all_three": 2,
        "missing": 3,
        "share": pct(2, 5),
    }


def test_a_team_filter_counts_only_that_teams_child_protection_work(world):
    now = timezone.now()
    for team in (world.team_a.pk, world.team_b.pk, "none"):
        scope = Scope(world.la.pk, world.period, team, now)
        for slug in CP:
            rows = rows_of(slug, world, world.period)
            mine = [(r, day) for r, day in rows if team_at_end(r.referral, world.period) == str(team)]
            data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown="month")
            assert data.total.values == expected_values(slug, mine, now), (team, slug)

"""The overdue figures after the conference (CP visits, core groups, review conferences, children in
need plan reviews, assessments past 45 working days), for every breakdown and team, equal the same
counts made here plainly from the raw clocks, the children's allocations and people."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.clocks.models import Clock
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.overdue_counts import SLUGS, STANDARDS, TASKS
from frontdoor.performance.selectors import Scope
from frontdoor.tasks.models import Task
from tests.performance.test_episode_figures import local_day
from tests.performance.test_figures import age_band_on, ethnic_group
from tests.performance.test_missing_figures import team_at_end

pytestmark = pytest.mark.django_db


def overdue_tasks(world, now, period):
    today = local_day(now)
    rows = Task.objects.filter(authority=world.la).select_related("person", "owner_user")
    return [
        t
        for t in rows
        if t.done_at is None
        and t.cancelled_at is None
        and t.person_id is not None
        and t.due_on < today
        and period.first <= t.due_on <= period.last
    ]


def overdue(world, slug, now, period):
    if slug == TASKS:
        return overdue_tasks(world, now, period)
    clocks = (
        Clock.objects.filter(authority=world.la, standard__in=STANDARDS[slug])
        .select_related("person")
        .prefetch_related("person__referrals__allocations")
    )
    return [
        c
        for c in clocks
        if c.completed_at is None
        and c.paused_at is None
        and c.due_at < now
        and period.first <= local_day(c.due_at) <= period.last
    ]


def is_long(row, now):
    if isinstance(row, Task):
        return row.due_on < local_day(now) - timedelta(days=28)
    return row.due_at < now - timedelta(days=28)


def expected_values(rows, now, slug=None):
    values = {
        "children": len(rows),
        "people": len({c.person_id for c in rows}),
        "long": sum(1 for c in rows if is_long(c, now)),
    }
    if slug == TASKS:
        values["marac"] = sum(1 for t in rows if t.kind == "marac")
    return values


def team_of(row, period):
    if isinstance(row, Task):
        team = row.owner_user.team_id if row.owner_user else None
        return str(team) if team else "none"
    return team_at_end(row, period)


def group(breakdown, row, period):
    person = row.person
    day = row.due_on if isinstance(row, Task) else local_day(row.due_at)
    on = local_day(row.created_at) if isinstance(row, Task) else day
    return {
        "month": lambda: day.strftime("%Y-%m"),
        "team": lambda: team_of(row, period),
        "ethnicity": lambda: ethnic_group(person.ethnicity),
        "sex": lambda: person.sex,
        "disability": lambda: "yes" if [c for c in person.disabilities if c != "NONE"] else "no",
        "age": lambda: age_band_on(person, on),
    }[breakdown]()


CASES = [(slug, breakdown) for slug in SLUGS for breakdown in FIGURES[slug].breakdowns]


@pytest.mark.parametrize(("slug", "breakdown"), CASES)
def test_every_overdue_figure_and_breakdown_equals_a_plain_count(world, slug, breakdown):
    now = timezone.now()
    rows = overdue(world, slug, now, world.period)
    data = selectors.figure_data(
        figure=FIGURES[slug], scope=Scope(world.la.pk, world.period, None, now), breakdown=breakdown
    )
    groups = defaultdict(list)
    for clock in rows:
        groups[group(breakdown, clock, world.period)].append(clock)
    expected = {key: expected_values(members, now, slug) for key, members in groups.items()}
    got = {row.key: row.values for row in data.rows}
    assert {k: v for k, v in got.items() if v["children"]} == expected
    assert all(values == expected_values([], now, slug) for key, values in got.items() if key not in expected)
    assert data.total.values == expected_values(rows, now, slug)


def test_the_world_has_the_timescales_the_overdue_figures_must_tell_apart(world):
    """Exact counts: the paused, done, not yet due, before-the-period and other authority's
    clocks are not counted; Gus's first core group is overdue by more than 4 weeks."""
    now = timezone.now()
    scope = Scope(world.la.pk, world.period, None, now)
    totals = {
        slug: selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown=None).total.values
        for slug in SLUGS
        if slug != "overdue-assessments"
    }
    assert totals == {
        "overdue-cp-visits": {"children": 2, "people": 2, "long": 0},
        "overdue-core-groups": {"children": 2, "people": 2, "long": 1},
        "overdue-review-conferences": {"children": 2, "people": 2, "long": 0},
        # one plan from the overdue world, one from the plans whose content the world adds (papers sent)
        "overdue-cin-plan-reviews": {"children": 2, "people": 2, "long": 0},
        "overdue-tasks": {"children": 3 + 1, "people": 3, "long": 1, "marac": 1},
    }


def test_a_team_filter_counts_only_that_teams_overdue_work(world):
    now = timezone.now()
    for team in (world.team_a.pk, world.team_b.pk, "none"):
        scope = Scope(world.la.pk, world.period, team, now)
        for slug in SLUGS:
            rows = [
                c for c in overdue(world, slug, now, world.period) if team_of(c, world.period) == str(team)
            ]
            data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown=None)
            assert data.total.values == expected_values(rows, now, slug), (team, slug)
